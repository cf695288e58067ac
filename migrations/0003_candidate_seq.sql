ALTER TABLE `events` ADD `candidate_seq` integer;--> statement-breakpoint
CREATE INDEX `events_candidate_seq` ON `events` (`session_id`,`candidate_seq`);--> statement-breakpoint
-- Number what each session's candidate could already see: the events whose audience is
-- everyone (shared/audience.ts), in log order. Staff-only types as of this migration.
UPDATE `events` SET `candidate_seq` = numbered.n
FROM (
  SELECT `session_id`, `seq`, ROW_NUMBER() OVER (PARTITION BY `session_id` ORDER BY `seq`) AS n
  FROM `events`
  WHERE `type` NOT IN ('turn.diagnostic', 'note.added', 'note.edited', 'note.deleted', 'score.set', 'question.marked', 'review.submitted', 'review.configured')
) AS numbered
WHERE `events`.`session_id` = numbered.`session_id` AND `events`.`seq` = numbered.`seq`;
