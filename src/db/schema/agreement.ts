/** AutoQA's outcome beside the reviewer's, per item of each submitted review: what agreement reports read. */
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { ITEM_OUTCOMES } from '../../domain/enums';
import { reviews } from './reviews';
import { stores } from './stores';

/**
 * One row per item AutoQA judged in a submitted review (items left to review have nothing to agree
 * with). Written in the same batch as the submission; the key makes a repeated write a no-op.
 */
export const autoQaAgreements = sqliteTable(
  'autoqa_agreements',
  {
    storeId: text('store_id')
      .notNull()
      .references(() => stores.id),
    reviewId: text('review_id')
      .notNull()
      .references(() => reviews.id),
    itemId: text('item_id').notNull(),
    conversationId: text('conversation_id').notNull(),
    autoOutcome: text('auto_outcome', { enum: ITEM_OUTCOMES }).notNull(),
    reviewerOutcome: text('reviewer_outcome', { enum: ITEM_OUTCOMES }).notNull(),
    /** When the review was submitted (epoch ms): reports select a period by this. */
    submittedAt: integer('submitted_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.reviewId, t.itemId] }),
    index('autoqa_agreements_period').on(t.storeId, t.submittedAt),
    // Retention deletes a conversation's rows with it.
    index('autoqa_agreements_conversation').on(t.storeId, t.conversationId),
  ],
);
