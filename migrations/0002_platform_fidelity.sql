CREATE TABLE `message_edits` (
	`store_id` text NOT NULL,
	`connection_id` text NOT NULL,
	`message_id` text NOT NULL,
	`edited_at` integer NOT NULL,
	`text` text NOT NULL,
	PRIMARY KEY(`message_id`, `edited_at`),
	FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`connection_id`) REFERENCES `connections`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `message_edits_store` ON `message_edits` (`store_id`);--> statement-breakpoint
CREATE TABLE `platform_users` (
	`store_id` text NOT NULL,
	`connection_id` text NOT NULL,
	`external_id` text NOT NULL,
	`role` text NOT NULL,
	`name` text,
	`updated_at` integer,
	PRIMARY KEY(`connection_id`, `external_id`),
	FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`connection_id`) REFERENCES `connections`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `platform_users_store` ON `platform_users` (`store_id`);--> statement-breakpoint
ALTER TABLE `connections` ADD `auth` text DEFAULT 'signature' NOT NULL;--> statement-breakpoint
ALTER TABLE `connections` ADD `url_token_hash` text;--> statement-breakpoint
ALTER TABLE `connections` ADD `previous_url_token_hash` text;--> statement-breakpoint
ALTER TABLE `connections` ADD `previous_url_token_until` integer;--> statement-breakpoint
ALTER TABLE `conversations` ADD `reopened_at` integer;--> statement-breakpoint
ALTER TABLE `conversations` ADD `rating_comment_at` integer;--> statement-breakpoint
ALTER TABLE `conversations` ADD `unattributed_messages` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `messages` ADD `version` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `messages` ADD `edited_at` integer;--> statement-breakpoint
ALTER TABLE `messages` ADD `role_from_registry` integer DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX `messages_sender` ON `messages` (`connection_id`,`sender_external_id`);--> statement-breakpoint
ALTER TABLE `raw_events` ADD `warnings` text;