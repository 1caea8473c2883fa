CREATE TABLE `agent_period_stats` (
	`store_id` text NOT NULL,
	`period_kind` text NOT NULL,
	`period` text NOT NULL,
	`agent_id` text NOT NULL,
	`active_days` integer DEFAULT 0 NOT NULL,
	`at_quota_days` integer DEFAULT 0 NOT NULL,
	`quota` integer DEFAULT 0 NOT NULL,
	`sampled` integer DEFAULT 0 NOT NULL,
	`reviewed` integer DEFAULT 0 NOT NULL,
	`score_sum` real DEFAULT 0 NOT NULL,
	`passed` integer DEFAULT 0 NOT NULL,
	`repeat_checks` integer DEFAULT 0 NOT NULL,
	`repeats` integer DEFAULT 0 NOT NULL,
	`disputes_opened` integer DEFAULT 0 NOT NULL,
	`disputes_accepted` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `agent_period_stats_key` ON `agent_period_stats` (`store_id`,`period_kind`,`period`,`agent_id`);--> statement-breakpoint
CREATE TABLE `calibration_day_stats` (
	`store_id` text NOT NULL,
	`date` text NOT NULL,
	`reviewer_id` text NOT NULL,
	`agent_id` text NOT NULL,
	`pairs` integer NOT NULL,
	`score_diff_sum` real NOT NULL,
	`items_same` integer NOT NULL,
	`items_total` integer NOT NULL,
	FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `calibration_day_stats_key` ON `calibration_day_stats` (`store_id`,`date`,`reviewer_id`,`agent_id`);--> statement-breakpoint
CREATE TABLE `item_period_stats` (
	`store_id` text NOT NULL,
	`period_kind` text NOT NULL,
	`period` text NOT NULL,
	`agent_id` text NOT NULL,
	`item_id` text NOT NULL,
	`applicable` integer DEFAULT 0 NOT NULL,
	`failed` integer DEFAULT 0 NOT NULL,
	`checks` integer DEFAULT 0 NOT NULL,
	`repeats` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `item_period_stats_key` ON `item_period_stats` (`store_id`,`period_kind`,`period`,`agent_id`,`item_id`);--> statement-breakpoint
CREATE INDEX `item_period_stats_agent_item` ON `item_period_stats` (`store_id`,`period_kind`,`agent_id`,`item_id`,`period`);--> statement-breakpoint
CREATE INDEX `conversations_store_customer` ON `conversations` (`store_id`,`customer_external_id`);