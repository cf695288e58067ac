ALTER TABLE `invites` ADD `participant_id` text;--> statement-breakpoint
ALTER TABLE `invites` ADD `replaced_by` text;