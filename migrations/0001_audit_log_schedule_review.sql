CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`actor` text NOT NULL,
	`action` text NOT NULL,
	`target_type` text,
	`target_id` text,
	`details` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_log_at` ON `audit_log` (`at`);--> statement-breakpoint
ALTER TABLE `sessions` ADD `scheduled_for` integer;--> statement-breakpoint
ALTER TABLE `sessions` ADD `reviewed_at` integer;--> statement-breakpoint
CREATE INDEX `sessions_ended` ON `sessions` (`ended_at`);