import { z } from '@hono/zod-openapi';
import { CONVERSATION_STATUSES, ITEM_OUTCOMES, PHASES, PLATFORMS, SENDER_ROLES } from '../../domain/enums';
import { RULE_IDS } from '../../qa/types';
import { isoTime } from './common';

export const SpanSchema = z.object({ messageId: z.string(), start: z.number().int(), end: z.number().int(), text: z.string() });

export const RuleHitSchema = z
  .object({
    rule: z.enum(RULE_IDS),
    outcome: z.enum(ITEM_OUTCOMES),
    messageIds: z.array(z.string()),
    spans: z.array(SpanSchema),
    detail: z.string().optional(),
    critical: z.boolean().optional(),
  })
  .openapi('RuleHit');

export const RiskFactorSchema = z.object({ factor: z.string(), points: z.number(), count: z.number().int(), messageIds: z.array(z.string()) }).openapi('RiskFactor');

export const AutoQaSchema = z
  .object({
    score: z.number().describe("The agent's score by the scorecard's auto-judged items, 0–100"),
    risk: z.number().describe("The customer's dissatisfaction risk, 0–100: how likely they left unhappy"),
    critical: z.boolean(),
    escalation: z.boolean(),
    phase: z.enum(PHASES),
    scorecardId: z.string(),
    scorecardVersion: z.number().int().nullable(),
    scoredAt: isoTime,
    keywordHits: z.array(z.string()),
    riskFactors: z.array(RiskFactorSchema),
    items: z.array(z.object({ itemId: z.string(), outcome: z.enum(ITEM_OUTCOMES).nullable() })),
    hits: z.array(RuleHitSchema),
  })
  .openapi('AutoQa');

export const MessageSchema = z
  .object({
    id: z.string(),
    externalId: z.string(),
    role: z.enum(SENDER_ROLES),
    agentId: z.string().nullable(),
    senderName: z.string().nullable(),
    text: z.string(),
    contentType: z.string(),
    internal: z.boolean(),
    createdAt: isoTime,
  })
  .openapi('Message');

export const ConversationSummarySchema = z.object({
  id: z.string(),
  externalId: z.string(),
  connectionId: z.string(),
  platform: z.enum(PLATFORMS),
  agentId: z.string().nullable(),
  customer: z.object({ externalId: z.string().nullable(), name: z.string().nullable() }),
  channel: z.string().nullable(),
  phase: z.enum(PHASES).nullable(),
  locale: z.string().nullable(),
  status: z.enum(CONVERSATION_STATUSES),
  openedAt: isoTime.nullable(),
  lastMessageAt: isoTime.nullable(),
  closedAt: isoTime.nullable(),
  closeReason: z.string().nullable(),
  rating: z.number().int().min(1).max(5).nullable(),
  ratingLabel: z.string().nullable(),
  ratingComment: z.string().nullable(),
});

export const ConversationListSchema = z.object({
  data: z.array(ConversationSummarySchema.extend({ autoQa: z.object({ score: z.number(), risk: z.number(), critical: z.boolean() }).nullable() })),
  nextCursor: z.string().nullable(),
});

export const ConversationSchema = ConversationSummarySchema.extend({ messages: z.array(MessageSchema), autoQa: AutoQaSchema.nullable() }).openapi('Conversation');
