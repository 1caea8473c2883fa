import { z } from '@hono/zod-openapi';
import { CONVERSATION_STATUSES, ITEM_OUTCOMES, PHASES, PLATFORMS, SENDER_ROLES } from '../../domain/enums';
import { RULE_IDS } from '../../qa/types';
import { isoTime, orNull } from './common';

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
    risk: z.number().optional().describe("The customer's dissatisfaction risk, 0–100: how likely they left unhappy. Absent for agent tokens: an agent never sees it"),
    critical: z.boolean(),
    escalation: z.boolean(),
    phase: z.enum(PHASES),
    scorecardId: z.string(),
    scorecardVersion: z.number().int().nullable(),
    scoredAt: isoTime,
    keywordHits: z.array(z.string()),
    riskFactors: z.array(RiskFactorSchema).optional().describe('The signals behind the risk; absent for agent tokens'),
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
    senderId: z.string().nullable().describe("The platform's id of the sender, as the platform sent it"),
    senderName: z.string().nullable(),
    text: z.string().describe('The latest version of the text (an announced edit replaces it)'),
    contentType: z.string(),
    internal: z.boolean(),
    createdAt: isoTime,
    editedAt: isoTime.nullable().describe('When the platform announced the latest edit; null if never edited'),
  })
  .openapi('Message');

export const ConversationSummarySchema = z.object({
  id: z.string(),
  externalId: z.string(),
  connectionId: z.string(),
  platform: z.enum(PLATFORMS),
  agentId: z.string().nullable(),
  agentName: z.string().nullable().describe("The agent's name on the roster (null when no agent was named)"),
  customer: z.object({ externalId: z.string().nullable(), name: z.string().nullable() }),
  channel: z.string().nullable(),
  phase: z.enum(PHASES).nullable().describe("The phase the platform tagged (null when it sends none); AutoQA's own reading is autoQa.phase"),
  locale: z.string().nullable(),
  status: z.enum(CONVERSATION_STATUSES),
  openedAt: isoTime.nullable(),
  lastMessageAt: isoTime.nullable(),
  closedAt: isoTime.nullable(),
  closeReason: z.string().nullable(),
  reopenedAt: isoTime.nullable().describe('The latest reopening the platform announced; closed when the last close is not older'),
  rating: z.number().int().min(1).max(5).nullable().describe('1–5; null with a label when the platform’s value could not be read'),
  ratingLabel: z.string().nullable(),
  ratingComment: z.string().nullable(),
  ratedAt: isoTime.nullable(),
  unattributedMessages: z.number().int().describe('Customer-facing agent messages with no agent to attribute them to'),
});

export const ConversationListSchema = z.object({
  data: z.array(ConversationSummarySchema.extend({ autoQa: z.object({ score: z.number(), risk: z.number().optional().describe('Absent for agent tokens'), critical: z.boolean() }).nullable() })),
  nextCursor: z.string().nullable(),
});

export const ConversationSchema = ConversationSummarySchema.extend({ messages: z.array(MessageSchema), autoQa: orNull(AutoQaSchema) }).openapi('Conversation');
