ALTER TABLE "invites" ADD COLUMN "participant_id" text;--> statement-breakpoint
ALTER TABLE "invites" ADD COLUMN "replaced_by" text;