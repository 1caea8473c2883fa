CREATE TABLE `agent_external_ids` (
	`store_id` text NOT NULL,
	`connection_id` text NOT NULL,
	`external_id` text NOT NULL,
	`agent_id` text NOT NULL,
	FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`connection_id`) REFERENCES `connections`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`agent_id`) REFERENCES `agents`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `agent_external_ids_key` ON `agent_external_ids` (`connection_id`,`external_id`);--> statement-breakpoint
CREATE INDEX `agent_external_ids_agent` ON `agent_external_ids` (`agent_id`);--> statement-breakpoint
CREATE TABLE `agents` (
	`id` text PRIMARY KEY NOT NULL,
	`store_id` text NOT NULL,
	`name` text NOT NULL,
	`team` text,
	`phase` text,
	`hired_at` text,
	`excellent` integer DEFAULT false NOT NULL,
	`unstable` integer DEFAULT false NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_from_ingest` integer DEFAULT false NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer,
	FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `agents_store` ON `agents` (`store_id`);--> statement-breakpoint
CREATE TABLE `api_keys` (
	`id` text PRIMARY KEY NOT NULL,
	`store_id` text NOT NULL,
	`prefix` text NOT NULL,
	`hash` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`revoked_at` integer,
	FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_keys_hash` ON `api_keys` (`hash`);--> statement-breakpoint
CREATE INDEX `api_keys_store` ON `api_keys` (`store_id`);--> statement-breakpoint
CREATE TABLE `autoqa_results` (
	`conversation_id` text PRIMARY KEY NOT NULL,
	`store_id` text NOT NULL,
	`scorecard_id` text NOT NULL,
	`phase` text NOT NULL,
	`score` integer NOT NULL,
	`risk` integer NOT NULL,
	`critical` integer NOT NULL,
	`escalation` integer NOT NULL,
	`keyword_hits` text NOT NULL,
	`result` text NOT NULL,
	`scored_at` integer NOT NULL,
	FOREIGN KEY (`conversation_id`) REFERENCES `conversations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`scorecard_id`) REFERENCES `scorecards`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `autoqa_store` ON `autoqa_results` (`store_id`);--> statement-breakpoint
CREATE TABLE `connections` (
	`id` text PRIMARY KEY NOT NULL,
	`store_id` text NOT NULL,
	`platform` text NOT NULL,
	`name` text NOT NULL,
	`secret` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `connections_store` ON `connections` (`store_id`);--> statement-breakpoint
CREATE TABLE `conversations` (
	`id` text PRIMARY KEY NOT NULL,
	`store_id` text NOT NULL,
	`connection_id` text NOT NULL,
	`platform` text NOT NULL,
	`external_id` text NOT NULL,
	`agent_id` text,
	`customer_external_id` text,
	`customer_name` text,
	`channel` text,
	`phase_tag` text,
	`locale` text,
	`status` text DEFAULT 'open' NOT NULL,
	`opened_at` integer,
	`last_message_at` integer,
	`closed_at` integer,
	`close_reason` text,
	`rating` integer,
	`rating_label` text,
	`rating_comment` text,
	`rated_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`connection_id`) REFERENCES `connections`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`agent_id`) REFERENCES `agents`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `conversations_external` ON `conversations` (`connection_id`,`external_id`);--> statement-breakpoint
CREATE INDEX `conversations_store_opened` ON `conversations` (`store_id`,`opened_at`);--> statement-breakpoint
CREATE INDEX `conversations_store_agent` ON `conversations` (`store_id`,`agent_id`,`opened_at`);--> statement-breakpoint
CREATE INDEX `conversations_open_idle` ON `conversations` (`status`,`last_message_at`);--> statement-breakpoint
CREATE TABLE `messages` (
	`id` text PRIMARY KEY NOT NULL,
	`store_id` text NOT NULL,
	`connection_id` text NOT NULL,
	`conversation_id` text NOT NULL,
	`external_id` text NOT NULL,
	`role` text NOT NULL,
	`agent_id` text,
	`sender_external_id` text,
	`sender_name` text,
	`text` text NOT NULL,
	`content_type` text DEFAULT 'text' NOT NULL,
	`internal` integer DEFAULT false NOT NULL,
	`sent_at` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`connection_id`) REFERENCES `connections`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`conversation_id`) REFERENCES `conversations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`agent_id`) REFERENCES `agents`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `messages_external` ON `messages` (`connection_id`,`external_id`);--> statement-breakpoint
CREATE INDEX `messages_conversation` ON `messages` (`conversation_id`,`sent_at`);--> statement-breakpoint
CREATE TABLE `raw_events` (
	`id` text PRIMARY KEY NOT NULL,
	`store_id` text NOT NULL,
	`connection_id` text NOT NULL,
	`platform` text NOT NULL,
	`delivery_id` text NOT NULL,
	`body` text NOT NULL,
	`status` text DEFAULT 'queued' NOT NULL,
	`ignored_types` integer DEFAULT 0 NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`received_at` integer NOT NULL,
	`processed_at` integer,
	FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`connection_id`) REFERENCES `connections`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `raw_events_delivery` ON `raw_events` (`connection_id`,`delivery_id`);--> statement-breakpoint
CREATE INDEX `raw_events_store_received` ON `raw_events` (`store_id`,`received_at`);--> statement-breakpoint
CREATE INDEX `raw_events_connection_received` ON `raw_events` (`connection_id`,`received_at`);--> statement-breakpoint
CREATE TABLE `reviewers` (
	`id` text PRIMARY KEY NOT NULL,
	`store_id` text NOT NULL,
	`name` text NOT NULL,
	`agent_id` text,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`agent_id`) REFERENCES `agents`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `reviewers_store` ON `reviewers` (`store_id`);--> statement-breakpoint
CREATE TABLE `reviews` (
	`id` text PRIMARY KEY NOT NULL,
	`store_id` text NOT NULL,
	`conversation_id` text NOT NULL,
	`agent_id` text NOT NULL,
	`reviewer_id` text NOT NULL,
	`sample_date` text NOT NULL,
	`blind` integer DEFAULT false NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`scorecard_id` text,
	`items` text,
	`score` integer,
	`comment` text,
	`good_example` integer DEFAULT false NOT NULL,
	`submitted_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`conversation_id`) REFERENCES `conversations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reviewer_id`) REFERENCES `reviewers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`scorecard_id`) REFERENCES `scorecards`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reviews_key` ON `reviews` (`store_id`,`conversation_id`,`reviewer_id`);--> statement-breakpoint
CREATE INDEX `reviews_reviewer` ON `reviews` (`store_id`,`reviewer_id`,`status`);--> statement-breakpoint
CREATE INDEX `reviews_date` ON `reviews` (`store_id`,`sample_date`);--> statement-breakpoint
CREATE TABLE `sample_days` (
	`store_id` text NOT NULL,
	`date` text NOT NULL,
	`coverage` text NOT NULL,
	`policy` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sample_days_key` ON `sample_days` (`store_id`,`date`);--> statement-breakpoint
CREATE TABLE `sample_selections` (
	`store_id` text NOT NULL,
	`date` text NOT NULL,
	`agent_id` text NOT NULL,
	`conversation_id` text NOT NULL,
	`reason` text NOT NULL,
	`must_review` integer NOT NULL,
	`quota` integer NOT NULL,
	FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`conversation_id`) REFERENCES `conversations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sample_selections_key` ON `sample_selections` (`store_id`,`date`,`conversation_id`);--> statement-breakpoint
CREATE INDEX `sample_selections_agent` ON `sample_selections` (`store_id`,`date`,`agent_id`);--> statement-breakpoint
CREATE TABLE `scorecards` (
	`id` text PRIMARY KEY NOT NULL,
	`store_id` text NOT NULL,
	`phase` text NOT NULL,
	`version` integer NOT NULL,
	`active` integer DEFAULT false NOT NULL,
	`definition` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `scorecards_version` ON `scorecards` (`store_id`,`phase`,`version`);--> statement-breakpoint
CREATE INDEX `scorecards_store_active` ON `scorecards` (`store_id`,`phase`,`active`);--> statement-breakpoint
CREATE TABLE `stores` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`timezone` text NOT NULL,
	`locale` text NOT NULL,
	`settings` text DEFAULT '{}' NOT NULL,
	`embed_secret` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
