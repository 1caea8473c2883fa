import { z } from '@hono/zod-openapi';
import { CARD_STATUSES, DISPUTE_STATUSES, NO_CARD_REASONS, PHASES, SENDER_ROLES, TASK_REASONS, TASK_STATUSES, WIDGET_ROLES } from '../../domain/enums';
import { isoDate, isoTime, orNull } from './common';
import { AuditEntrySchema } from './reports';

/** Response schemas of the coaching loop (docs/coaching-api.md). */
export const LocalizedSchema = z.object({ 'zh-CN': z.string(), en: z.string() }).openapi('Localized');

const QuoteSchema = z
  .object({ messageId: z.string(), text: z.string(), sentAt: isoTime, fromCustomer: z.boolean(), span: z.object({ start: z.number().int(), end: z.number().int() }).nullable() })
  .openapi('Quote');

export const DisputeSummarySchema = z.object({
  id: z.string(),
  status: z.enum(DISPUTE_STATUSES),
  reason: z.string(),
  reply: z.string().nullable(),
  openedAt: isoTime,
  resolvedAt: isoTime.nullable(),
  scoreBefore: z.number(),
  scoreAfter: z.number().nullable(),
  outcomeText: LocalizedSchema,
});

const ImprovementSchema = z.object({
  key: z.string().describe('`reviewId:itemId`'),
  reviewId: z.string(),
  conversationId: z.string(),
  itemId: z.string(),
  itemName: LocalizedSchema,
  quote: orNull(QuoteSchema).describe('The message the finding is about: the fact'),
  reviewerComment: z.string().nullable(),
  suggestion: LocalizedSchema.describe("A better reply or behaviour, from the store's suggestion library"),
  text: LocalizedSchema.describe('The whole sentence: fact, item, suggestion'),
  repeat: z.boolean().describe('The item was on an earlier card of this agent'),
  dispute: DisputeSummarySchema.nullable(),
  disputable: z.boolean(),
});

const CardSummaryFields = {
  id: z.string(),
  agentId: z.string(),
  agentName: z.string(),
  date: isoDate,
  status: z.enum(CARD_STATUSES),
  generatedAt: isoTime,
  acknowledgedAt: isoTime.nullable(),
};

export const CardSchema = z
  .object({
    ...CardSummaryFields,
    acknowledgedAtLocal: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/)
      .nullable()
      .describe("acknowledgedAt on the store's wall clock, 'YYYY-MM-DD HH:mm' in the store's time zone"),
    summary: z.object({ reviews: z.number().int(), averageScore: z.number(), previousAverage: z.number().nullable(), previousDate: isoDate.nullable(), trend: z.enum(['up', 'down', 'flat', 'first']) }),
    praise: z.object({
      kind: z.enum(['good_example', 'best_item', 'effort']),
      itemId: z.string().nullable(),
      itemName: orNull(LocalizedSchema),
      reviewId: z.string().nullable(),
      conversationId: z.string().nullable(),
      quote: orNull(QuoteSchema),
      text: LocalizedSchema,
    }),
    improvements: z.array(ImprovementSchema),
    allPraise: z.boolean(),
    close: z.object({ text: LocalizedSchema }),
  })
  .openapi('Card');

export const NoCardSchema = z
  .object({ agentId: z.string(), agentName: z.string(), reason: z.enum(NO_CARD_REASONS), reasonText: LocalizedSchema, pendingReviews: z.number().int() })
  .openapi('NoCard');

export const CardListSchema = z.object({
  data: z.array(z.object({ ...CardSummaryFields, reviews: z.number().int(), averageScore: z.number(), improvements: z.number().int(), openDisputes: z.number().int(), allPraise: z.boolean() })),
  missing: z.array(NoCardSchema).describe('With `date`: agents in scope without a card that day, and why'),
});

export const LatestCardSchema = z.object({ card: orNull(CardSchema), date: isoDate, reason: z.enum(NO_CARD_REASONS).nullable(), reasonText: orNull(LocalizedSchema) });

export const DisputeSchema = z
  .object({
    id: z.string(),
    reviewId: z.string(),
    conversationId: z.string(),
    cardId: z.string().nullable(),
    agentId: z.string(),
    agentName: z.string(),
    date: isoDate,
    itemId: z.string(),
    itemName: LocalizedSchema,
    reviewerComment: z.string().nullable().describe("The reviewer's comment on the item: why it lost points"),
    reason: z.string().describe("The agent's reason"),
    status: z.enum(DISPUTE_STATUSES),
    reply: z.string().nullable(),
    openedAt: isoTime,
    resolvedAt: isoTime.nullable(),
    resolvedBy: z.object({ role: z.string(), sub: z.string().nullable() }).nullable(),
    scoreBefore: z.number(),
    scoreAfter: z.number().nullable(),
    outcomeText: LocalizedSchema,
  })
  .openapi('Dispute');

export const MeSchema = z.object({
  role: z.enum([...WIDGET_ROLES, 'api_key']),
  sub: z.string().nullable(),
  agentId: z.string().nullable(),
  agentName: z.string().nullable(),
  team: z.string().nullable(),
  reviewerId: z.string().nullable(),
  store: z.object({ id: z.string(), name: z.string(), timezone: z.string(), locale: z.string() }),
  today: isoDate,
  yesterday: isoDate,
});

const Average = z.object({ average: z.number().nullable(), reviews: z.number().int() });
export const TrendSchema = z.object({
  agentId: z.string(),
  teamName: z.string().nullable(),
  from: isoDate,
  to: isoDate,
  days: z.array(z.object({ date: isoDate, score: z.number().nullable(), reviews: z.number().int(), teamScore: z.number().nullable() })),
  own: Average,
  team: Average.describe("All of the team's reviews in the period (an aggregate: no one else is named)"),
});

const GoodExampleFields = {
  reviewId: z.string(),
  conversationId: z.string(),
  date: isoDate,
  phase: z.enum(PHASES).nullable(),
  agentId: z.string().nullable(),
  agentName: z.string().nullable().describe("Null when the store hides other agents' names from agents"),
  own: z.boolean(),
  score: z.number(),
  comment: z.string().nullable(),
  passedItems: z.array(LocalizedSchema),
};
export const GoodExampleListSchema = z.object({ namesHidden: z.boolean(), data: z.array(z.object(GoodExampleFields)) });
export const GoodExampleSchema = z.object({
  ...GoodExampleFields,
  messages: z.array(z.object({ id: z.string(), role: z.enum(SENDER_ROLES), text: z.string(), createdAt: isoTime, own: z.boolean() })),
});

export const TaskSchema = z
  .object({
    id: z.string(),
    agentId: z.string(),
    agentName: z.string(),
    team: z.string().nullable(),
    reason: z.enum(TASK_REASONS),
    reasonText: LocalizedSchema,
    date: isoDate,
    status: z.enum(TASK_STATUSES),
    createdAt: isoTime,
    doneAt: isoTime.nullable(),
    note: z.string().nullable(),
    doneBy: z.object({ role: z.string(), sub: z.string().nullable() }).nullable(),
  })
  .openapi('CoachingTask');

const FlagsSchema = z.object({ newHire: z.boolean(), unstable: z.boolean(), excellent: z.boolean() });
export const AgentFlagsSchema = z.object({ agentId: z.string(), flags: FlagsSchema });

export const TeamViewSchema = z.object({
  date: isoDate,
  team: z.string().nullable(),
  thresholds: z.object({ unstableBelow: z.number(), unstableDays: z.number().int() }),
  totals: z.object({ agents: z.number().int(), sampled: z.number().int(), quota: z.number().int(), reviewed: z.number().int(), pendingReviews: z.number().int(), cards: z.number().int(), unacknowledged: z.number().int(), openDisputes: z.number().int(), openTasks: z.number().int() }),
  agents: z.array(
    z.object({
      agentId: z.string(),
      name: z.string(),
      team: z.string().nullable(),
      flags: FlagsSchema,
      unstableReason: z.object({ kind: z.enum(TASK_REASONS), since: isoDate.nullable(), text: LocalizedSchema }).nullable(),
      sampled: z.number().int(),
      quota: z.number().int().nullable(),
      shortfall: z.number().int(),
      reviewed: z.number().int(),
      pendingReviews: z.number().int(),
      average: z.number().nullable(),
      trend: z.array(z.object({ date: isoDate, average: z.number().nullable() })),
      trendDirection: z.enum(['up', 'down', 'flat']).nullable(),
      repeatErrors: z.object({ week: z.number().int(), rate: z.number().nullable() }),
      card: z.object({ id: z.string(), status: z.enum(CARD_STATUSES) }).nullable(),
      noCardReason: z.enum(NO_CARD_REASONS).nullable(),
      noCardText: orNull(LocalizedSchema),
      openDisputes: z.number().int(),
      openTask: z.object({ id: z.string(), createdAt: isoTime }).nullable(),
    }),
  ),
});

export const CoachingSettingsViewSchema = z.object({
  unstableThreshold: z.number(),
  unstableDays: z.number().int(),
  cardHour: z.number().int(),
  hideNamesInGoodExamples: z.boolean(),
  starsMinReviews: z.number().int(),
  starsCount: z.number().int(),
  suggestions: z.array(z.object({ itemId: z.string(), itemName: orNull(LocalizedSchema), suggestion: LocalizedSchema, source: z.enum(['default', 'store']) })),
});

const RateFields = { checks: z.number().int(), repeats: z.number().int(), rate: z.number().nullable() };
export const RepeatErrorsSchema = z.object({
  period: z.enum(['day', 'week', 'month']),
  from: isoDate,
  to: isoDate,
  total: z.object(RateFields),
  byAgent: z.array(z.object({ agentId: z.string(), agentName: z.string(), ...RateFields })),
  byItem: z.array(z.object({ itemId: z.string(), itemName: LocalizedSchema, ...RateFields })),
  byAgentItem: z.array(z.object({ agentId: z.string(), agentName: z.string(), itemId: z.string(), itemName: LocalizedSchema, ...RateFields })),
});

const Failures = z.object({ checks: z.number().int(), failures: z.number().int(), rate: z.number().nullable() });
export const EffectivenessSchema = z.object({
  from: isoDate,
  to: isoDate,
  window: z.number().int(),
  items: z.array(z.object({ itemId: z.string(), itemName: LocalizedSchema, agents: z.number().int(), before: Failures, after: Failures, change: z.number().nullable() })),
});

export const StarsSchema = z.object({
  month: z.string(),
  through: isoDate.nullable().openapi({ description: "The month's last day counted: yesterday while it is under way; null before it begins" }),
  minReviews: z.number().int().openapi({ description: "Reviews a star needs: `minReviews` if given, else the store's monthly bar (scaled to the days so far in a month under way)" }),
  stars: z.array(z.object({ rank: z.number().int(), agentId: z.string(), agentName: z.string(), team: z.string().nullable(), average: z.number(), reviews: z.number().int() })),
});

export const AuditListSchema = z.object({
  data: z.array(AuditEntrySchema),
  nextCursor: z.string().nullable(),
});

export const ProgressSchema = z.object({ data: z.array(z.object({ date: isoDate, total: z.number().int(), done: z.number().int(), todo: z.number().int() })) });

export const CardsJobSchema = z.object({
  date: isoDate,
  generated: z.number().int(),
  updated: z.number().int(),
  skipped: z.array(NoCardSchema),
  flagged: z.array(z.object({ agentId: z.string(), reason: z.enum(TASK_REASONS) })),
  cleared: z.array(z.string()),
  tasksOpened: z.number().int(),
  stats: z.object({ queries: z.number().int(), ms: z.number() }),
});
