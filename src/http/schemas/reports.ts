import { z } from '@hono/zod-openapi';
import { AUDIT_ACTIONS, AUDIT_ACTOR_KINDS, AUDIT_ENTITIES, PERIOD_KINDS } from '../../domain/enums';
import { LIST_NAMES } from '../../qa/keywords';
import { RULE_IDS } from '../../qa/types';
import { isoDate, isoTime } from './common';

const int = z.number().int();
const rate = z.number().nullable().describe('0–1; null when there is nothing to count');
const Localized = z.object({ 'zh-CN': z.string(), en: z.string() });

const PeriodSchema = z.object({ kind: z.enum(PERIOD_KINDS), key: z.string().describe('2026-11-21, 2026-W47 or 2026-11'), from: isoDate, to: isoDate });
const FiguresSchema = z
  .object({
    reviewed: int.describe('Submitted reviews (calibration second reviews left out)'),
    averageScore: z.number().nullable(),
    passRate: rate,
    coverage: z.object({ active: int.describe('Agent-days active (agents, for a day)'), atQuota: int.describe('Of those, sampled at quota'), rate }),
    repeatErrorRate: rate.describe('Items failed again after a card gave feedback on them, of those checked (docs/coaching-api.md)'),
    disputes: z.object({ opened: int, accepted: int }).describe("Disputes of the period's reviews"),
  })
  .openapi('Figures');
const TrendSchema = z
  .object({ reviewed: int.nullable().describe('Null when the period before had no chats'), averageScore: z.number().nullable(), passRate: z.number().nullable(), coverageRate: z.number().nullable(), repeatErrorRate: z.number().nullable() })
  .describe('Current period minus the previous one')
  .openapi('Trend');
const withTrend = { figures: FiguresSchema, trend: TrendSchema };

export const DashboardSchema = z
  .object({
    period: PeriodSchema,
    through: isoDate.nullable().describe("The last day the figures hold: the store's yesterday while the period is under way, else its last day; null before it begins"),
    previous: PeriodSchema.describe('What the trend compares with: the period before, cut to as many days as this one has had while it is under way'),
    team: z.string().nullable().describe("The team the figures hold (a lead's own), or null for the store"),
    passScore: z.number(),
    totals: z.object(withTrend),
    teams: z.array(z.object({ team: z.string().nullable(), ...withTrend })),
    agents: z.array(z.object({ agentId: z.string(), name: z.string(), team: z.string().nullable(), ...withTrend })),
    series: z.array(FiguresSchema.extend({ date: isoDate })).describe('Per local day: the days of the week or month, or the 14 days up to the day'),
    topFailedItems: z.array(z.object({ itemId: z.string(), name: Localized.nullable(), failed: int, applicable: int, failRate: rate, failRateTrend: z.number().nullable() })),
    heatMap: z.object({ items: z.array(z.string()), agents: z.array(z.string()), cells: z.array(z.object({ agentId: z.string(), itemId: z.string(), failed: int, applicable: int })) }),
    calibration: z.object({
      pairs: z.number(),
      meanScoreDiff: z.number().nullable(),
      itemAgreement: rate,
      reviewers: z.array(z.object({ reviewerId: z.string(), name: z.string(), pairs: int, meanScoreDiff: z.number(), itemAgreement: rate })),
    }),
    serviceStars: z.object({ minReviews: int, stars: z.array(z.object({ agentId: z.string(), name: z.string(), averageScore: z.number(), reviewed: int })) }),
    coachingEffectiveness: z.object({ agents: int, before: z.object({ checks: int, failures: int, rate }), after: z.object({ checks: int, failures: int, rate }), change: z.number().nullable().describe('after − before: below 0, coaching helped') })
      .extend({ window: int.describe('Days compared either side of each card'), items: z.array(z.object({ agents: int, before: z.object({ checks: int, failures: int, rate }), after: z.object({ checks: int, failures: int, rate }), change: z.number().nullable().describe('after − before: below 0, coaching helped') }).extend({ itemId: z.string(), name: Localized.nullable() })) })
      .describe("For each agent's first card of the period with feedback on an item: the item's failure rate in the window before against the window after"),
    itemNames: z.record(z.string(), Localized.nullable()),
  })
  .openapi('Dashboard');

export const AuditEntrySchema = z
  .object({
    id: z.string(),
    at: isoTime,
    actor: z.object({ kind: z.enum(AUDIT_ACTOR_KINDS), role: z.string().nullable(), sub: z.string().nullable() }),
    entityType: z.enum(AUDIT_ENTITIES),
    entityId: z.string(),
    action: z.enum(AUDIT_ACTIONS),
    before: z.unknown(),
    after: z.unknown(),
    reason: z.string().nullable(),
  })
  .openapi('AuditEntry');

export const ErasureSchema = z
  .object({
    conversations: int,
    customerMessages: int.describe('Customer messages emptied'),
    staffMessagesMasked: int.describe("Agent and bot messages in those conversations with contact details or the customer's name taken out"),
    autoQaResults: int.describe('AutoQA results (archived with their transcripts) whose evidence no longer quotes the erased messages'),
    rawDeliveriesDeleted: int.describe('Archived raw deliveries only about this customer, deleted'),
    rawDeliveriesRedacted: int.describe('Archived deliveries that also carried other conversations: only this customer was taken out'),
    complete: z.boolean().describe('false: more of this customer remains; call again'),
    alreadyErased: z.boolean().describe('Nothing was left: the customer had been erased before'),
  })
  .openapi('Erasure');

const SpanSchema = z.object({ start: int, end: int, text: z.string() });
export const SentenceTestSchema = z
  .object({
    lists: z.array(z.object({ list: z.enum(LIST_NAMES), spans: z.array(SpanSchema) })),
    rules: z.array(z.object({ rule: z.enum(RULE_IDS), outcome: z.enum(['pass', 'fail', 'na']), critical: z.boolean(), spans: z.array(SpanSchema) })),
  })
  .openapi('SentenceTest');

const EffectiveListSchema = z.object({ words: z.array(z.string()), added: z.array(z.string()), removed: z.array(z.string()) });
export const KeywordListsSchema = z
  .object({ lists: z.array(z.enum(LIST_NAMES)), locales: z.record(z.string(), z.record(z.string(), EffectiveListSchema)) })
  .openapi('KeywordLists');
