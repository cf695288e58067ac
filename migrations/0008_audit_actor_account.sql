ALTER TABLE `audit_log` ADD `actor_account_id` text;--> statement-breakpoint
ALTER TABLE `audit_log` ADD `actor_name` text;--> statement-breakpoint
ALTER TABLE `audit_log` ADD `actor_via` text;