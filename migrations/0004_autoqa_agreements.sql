CREATE TABLE `autoqa_agreements` (
	`store_id` text NOT NULL,
	`review_id` text NOT NULL,
	`item_id` text NOT NULL,
	`conversation_id` text NOT NULL,
	`auto_outcome` text NOT NULL,
	`reviewer_outcome` text NOT NULL,
	`submitted_at` integer NOT NULL,
	PRIMARY KEY(`review_id`, `item_id`),
	FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`review_id`) REFERENCES `reviews`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `autoqa_agreements_period` ON `autoqa_agreements` (`store_id`,`submitted_at`);--> statement-breakpoint
CREATE INDEX `autoqa_agreements_conversation` ON `autoqa_agreements` (`store_id`,`conversation_id`);