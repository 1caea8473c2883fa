import { z } from '@hono/zod-openapi';
import { ITEM_OUTCOMES, REVIEW_STATUSES } from '../../domain/enums';
import { RULE_IDS } from '../../qa/types';
import { isoDate, isoTime } from './common';
import { ConversationSchema, SpanSchema } from './conversations';
import { ScorecardVersionSchema } from './scorecards';

export const ReviewSummarySchema = z.object({
  id: z.string(),
  conversationId: z.string(),
  agentId: z.string(),
  agentName: z.string().nullable(),
  reviewerId: z.string(),
  sampleDate: isoDate,
  reasons: z.array(z.string()).describe('Why the conversation was sampled: rating, critical, keyword:<word>, low_auto_score, random…'),
  status: z.enum(REVIEW_STATUSES),
  blind: z.boolean(),
  score: z.number().int().nullable(),
  autoScore: z.number().nullable(),
});

export const ReviewItemViewSchema = z.object({
  itemId: z.string(),
  outcome: z.enum(ITEM_OUTCOMES).nullable(),
  points: z.number().nullable(),
  comment: z.string().nullable(),
  messageId: z.string().nullable().describe('The message the finding is about, when the reviewer named one: the card quotes it'),
  source: z.enum(['reviewer', 'auto']).nullable().describe("Who decided the outcome shown: the reviewer's submission or AutoQA's pre-fill"),
  evidence: z.array(z.object({ rule: z.enum(RULE_IDS), messageIds: z.array(z.string()), spans: z.array(SpanSchema) })),
});

export const ReviewSchema = ReviewSummarySchema.extend({
  conversation: ConversationSchema,
  scorecard: ScorecardVersionSchema,
  items: z.array(ReviewItemViewSchema),
  goodExample: z.boolean(),
  comment: z.string().nullable(),
  submittedAt: isoTime.nullable(),
}).openapi('Review');
