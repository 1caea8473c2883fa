CREATE TABLE `audit_log` (
	`id` text PRIMARY KEY NOT NULL,
	`store_id` text NOT NULL,
	`at` integer NOT NULL,
	`actor_kind` text NOT NULL,
	`actor_role` text,
	`actor_sub` text,
	`entity_type` text NOT NULL,
	`entity_id` text NOT NULL,
	`action` text NOT NULL,
	`before` text,
	`after` text,
	`reason` text,
	FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `audit_log_store_at` ON `audit_log` (`store_id`,`at`);--> statement-breakpoint
CREATE INDEX `audit_log_entity` ON `audit_log` (`store_id`,`entity_type`,`entity_id`);--> statement-breakpoint
CREATE TABLE `coaching_cards` (
	`id` text PRIMARY KEY NOT NULL,
	`store_id` text NOT NULL,
	`agent_id` text NOT NULL,
	`date` text NOT NULL,
	`status` text DEFAULT 'generated' NOT NULL,
	`content` text NOT NULL,
	`feedback_items` text NOT NULL,
	`average_score` real NOT NULL,
	`review_count` integer NOT NULL,
	`last_submitted_at` integer NOT NULL,
	`critical` integer DEFAULT false NOT NULL,
	`generated_at` integer NOT NULL,
	`acknowledged_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`agent_id`) REFERENCES `agents`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `coaching_cards_key` ON `coaching_cards` (`store_id`,`agent_id`,`date`);--> statement-breakpoint
CREATE INDEX `coaching_cards_date` ON `coaching_cards` (`store_id`,`date`);--> statement-breakpoint
CREATE TABLE `coaching_tasks` (
	`id` text PRIMARY KEY NOT NULL,
	`store_id` text NOT NULL,
	`agent_id` text NOT NULL,
	`reason` text NOT NULL,
	`date` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`note` text,
	`done_at` integer,
	`done_by_role` text,
	`done_by_sub` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`agent_id`) REFERENCES `agents`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `coaching_tasks_day` ON `coaching_tasks` (`store_id`,`agent_id`,`date`);--> statement-breakpoint
CREATE UNIQUE INDEX `coaching_tasks_open` ON `coaching_tasks` (`store_id`,`agent_id`) WHERE status = 'open';--> statement-breakpoint
CREATE INDEX `coaching_tasks_store` ON `coaching_tasks` (`store_id`,`status`);--> statement-breakpoint
CREATE TABLE `disputes` (
	`id` text PRIMARY KEY NOT NULL,
	`store_id` text NOT NULL,
	`review_id` text NOT NULL,
	`item_id` text NOT NULL,
	`agent_id` text NOT NULL,
	`date` text NOT NULL,
	`reason` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`reply` text,
	`score_before` integer NOT NULL,
	`score_after` integer,
	`opened_at` integer NOT NULL,
	`resolved_at` integer,
	`resolved_by_role` text,
	`resolved_by_sub` text,
	FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`review_id`) REFERENCES `reviews`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`agent_id`) REFERENCES `agents`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `disputes_item` ON `disputes` (`review_id`,`item_id`);--> statement-breakpoint
CREATE INDEX `disputes_store_status` ON `disputes` (`store_id`,`status`,`date`);--> statement-breakpoint
CREATE INDEX `disputes_agent` ON `disputes` (`store_id`,`agent_id`);