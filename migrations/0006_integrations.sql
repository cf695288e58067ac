CREATE TABLE `greenhouse_errors` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`key_id` text NOT NULL,
	`api_call` text NOT NULL,
	`errors` text NOT NULL,
	`partner_test_id` text,
	`partner_interview_id` text
);
--> statement-breakpoint
CREATE TABLE `greenhouse_interviews` (
	`id` text PRIMARY KEY NOT NULL,
	`session_id` text NOT NULL,
	`key_id` text NOT NULL,
	`partner_test_id` text NOT NULL,
	`url` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`session_id`) REFERENCES `sessions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `greenhouse_interviews_session` ON `greenhouse_interviews` (`session_id`);--> statement-breakpoint
CREATE TABLE `greenhouse_keys` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`key_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	`revoked_at` integer,
	`last_used_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `greenhouse_keys_hash` ON `greenhouse_keys` (`key_hash`);--> statement-breakpoint
CREATE TABLE `outbound_attempts` (
	`id` text PRIMARY KEY NOT NULL,
	`delivery_id` text NOT NULL,
	`started_at` integer NOT NULL,
	`finished_at` integer,
	`outcome` text NOT NULL,
	`status_code` integer,
	`error` text,
	FOREIGN KEY (`delivery_id`) REFERENCES `outbound_deliveries`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `outbound_attempts_delivery` ON `outbound_attempts` (`delivery_id`,`started_at`);--> statement-breakpoint
CREATE TABLE `outbound_deliveries` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`id` text NOT NULL,
	`kind` text NOT NULL,
	`endpoint_id` text NOT NULL,
	`session_id` text NOT NULL,
	`event_id` text NOT NULL,
	`event_type` text NOT NULL,
	`body` text NOT NULL,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`settled_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbound_deliveries_id` ON `outbound_deliveries` (`id`);--> statement-breakpoint
CREATE INDEX `outbound_deliveries_due` ON `outbound_deliveries` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `outbound_deliveries_endpoint` ON `outbound_deliveries` (`kind`,`endpoint_id`,`seq`);--> statement-breakpoint
CREATE TABLE `report_links` (
	`id` text PRIMARY KEY NOT NULL,
	`session_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`revoked_at` integer,
	FOREIGN KEY (`session_id`) REFERENCES `sessions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `report_links_session` ON `report_links` (`session_id`);--> statement-breakpoint
CREATE TABLE `webhooks` (
	`id` text PRIMARY KEY NOT NULL,
	`url` text NOT NULL,
	`secret` text NOT NULL,
	`events` text NOT NULL,
	`created_at` integer NOT NULL
);
