DROP INDEX `conversations_customer`;--> statement-breakpoint
ALTER TABLE `conversations` ADD `customer_key` integer;--> statement-breakpoint
ALTER TABLE `conversations` ADD `qa_rule_mask` integer;--> statement-breakpoint
-- Hand-added (not generated): rows written before this migration get their customer key and their
-- failed-rule mask. The key is src/lib/customer-key.ts in SQL: 32-bit FNV-1a over the id's code points
-- (xor as (a | b) - (a & b); the product stays below 2^56), as a signed integer. The mask is the sum of
-- 2^position in RULE_IDS (src/qa/types.ts) of each failed rule; NULL when none, as before.
UPDATE `conversations` SET `customer_key` = k.`key` FROM (
	WITH RECURSIVE fnv(`id`, `s`, `i`, `h`) AS (
		SELECT `id`, `customer_external_id`, 1, 2166136261 FROM `conversations` WHERE `customer_external_id` IS NOT NULL
		UNION ALL
		SELECT `id`, `s`, `i` + 1, (((`h` | unicode(substr(`s`, `i`, 1))) - (`h` & unicode(substr(`s`, `i`, 1)))) * 16777619) % 4294967296 FROM fnv WHERE `i` <= length(`s`)
	)
	SELECT `id`, CASE WHEN `h` >= 2147483648 THEN `h` - 4294967296 ELSE `h` END AS `key` FROM fnv WHERE `i` = length(`s`) + 1
) k WHERE k.`id` = `conversations`.`id`;--> statement-breakpoint
UPDATE `conversations` SET `qa_rule_mask` = (SELECT sum(DISTINCT r.column2) FROM json_each(`conversations`.`qa_rules`) j
	JOIN (VALUES ('first_response', 1), ('avg_response', 2), ('greeting', 4), ('waiting_phrase', 8), ('closing', 16), ('banned_phrases', 32), ('abusive', 64), ('diversion', 128), ('unanswered', 256), ('escalation', 512), ('rating', 1024), ('needs_exploration', 2048), ('solution_offered', 4096), ('soothing', 8192), ('follow_through', 16384), ('completeness', 32768), ('process_handling', 65536)) r ON r.column1 = j.value)
	WHERE `qa_rules` IS NOT NULL AND json_valid(`qa_rules`);--> statement-breakpoint
CREATE INDEX `conversations_customer` ON `conversations` (`customer_key`) WHERE customer_key is not null;--> statement-breakpoint
ALTER TABLE `conversations` DROP COLUMN `qa_rules`;