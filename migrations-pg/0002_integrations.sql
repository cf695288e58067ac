CREATE TABLE "greenhouse_errors" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" bigint NOT NULL,
	"key_id" text NOT NULL,
	"api_call" text NOT NULL,
	"errors" text NOT NULL,
	"partner_test_id" text,
	"partner_interview_id" text
);
--> statement-breakpoint
CREATE TABLE "greenhouse_interviews" (
	"id" text PRIMARY KEY NOT NULL,
	"session_id" text NOT NULL,
	"key_id" text NOT NULL,
	"partner_test_id" text NOT NULL,
	"url" text NOT NULL,
	"created_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "greenhouse_keys" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"key_hash" text NOT NULL,
	"created_at" bigint NOT NULL,
	"revoked_at" bigint,
	"last_used_at" bigint
);
--> statement-breakpoint
CREATE TABLE "outbound_attempts" (
	"id" text PRIMARY KEY NOT NULL,
	"delivery_id" text NOT NULL,
	"started_at" bigint NOT NULL,
	"finished_at" bigint,
	"outcome" text NOT NULL,
	"status_code" integer,
	"error" text
);
--> statement-breakpoint
CREATE TABLE "outbound_deliveries" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"id" text NOT NULL,
	"kind" text NOT NULL,
	"endpoint_id" text NOT NULL,
	"session_id" text NOT NULL,
	"event_id" text NOT NULL,
	"event_type" text NOT NULL,
	"body" text NOT NULL,
	"status" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"created_at" bigint NOT NULL,
	"next_attempt_at" bigint NOT NULL,
	"settled_at" bigint,
	CONSTRAINT "outbound_deliveries_id" UNIQUE("id")
);
--> statement-breakpoint
CREATE TABLE "report_links" (
	"id" text PRIMARY KEY NOT NULL,
	"session_id" text NOT NULL,
	"created_at" bigint NOT NULL,
	"expires_at" bigint NOT NULL,
	"revoked_at" bigint
);
--> statement-breakpoint
CREATE TABLE "webhooks" (
	"id" text PRIMARY KEY NOT NULL,
	"url" text NOT NULL,
	"secret" text NOT NULL,
	"events" text NOT NULL,
	"created_at" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "greenhouse_interviews" ADD CONSTRAINT "greenhouse_interviews_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbound_attempts" ADD CONSTRAINT "outbound_attempts_delivery_id_outbound_deliveries_id_fk" FOREIGN KEY ("delivery_id") REFERENCES "public"."outbound_deliveries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_links" ADD CONSTRAINT "report_links_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "greenhouse_interviews_session" ON "greenhouse_interviews" USING btree ("session_id");--> statement-breakpoint
CREATE UNIQUE INDEX "greenhouse_keys_hash" ON "greenhouse_keys" USING btree ("key_hash");--> statement-breakpoint
CREATE INDEX "outbound_attempts_delivery" ON "outbound_attempts" USING btree ("delivery_id","started_at");--> statement-breakpoint
CREATE INDEX "outbound_deliveries_due" ON "outbound_deliveries" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "outbound_deliveries_endpoint" ON "outbound_deliveries" USING btree ("kind","endpoint_id","seq");--> statement-breakpoint
CREATE INDEX "report_links_session" ON "report_links" USING btree ("session_id");