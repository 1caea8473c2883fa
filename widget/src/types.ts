/**
 * Shapes of the API responses the widget reads: inferred from the server's own response schemas
 * (src/http/schemas), which also generate /openapi.json, so the two cannot drift apart.
 */
import type { z } from 'zod';
import type { MeSchema, ProgressSchema } from '../../src/http/schemas/coaching';
import type {
  AutoQaSchema,
  ConversationListSchema,
  ConversationSchema,
  MessageSchema,
  RiskFactorSchema,
  RuleHitSchema,
} from '../../src/http/schemas/conversations';
import type { AutoQaAgreementSchema } from '../../src/http/schemas/agreement';
import type { DashboardSchema, KeywordListsSchema, SentenceTestSchema } from '../../src/http/schemas/reports';
import type { ReviewItemViewSchema, ReviewSchema, ReviewSummarySchema } from '../../src/http/schemas/reviews';
import type { SampleDaySchema } from '../../src/http/schemas/sampling';
import type { ScorecardVersionSchema } from '../../src/http/schemas/scorecards';

export type Message = z.infer<typeof MessageSchema>;
export type Hit = z.infer<typeof RuleHitSchema>;
/** One signal behind the risk (docs/autoqa.md): its points and the messages it was read in. */
export type RiskFactor = z.infer<typeof RiskFactorSchema>;
export type AutoQa = z.infer<typeof AutoQaSchema>;
export type ConversationSummary = z.infer<typeof ConversationListSchema>['data'][number];
export type Conversation = z.infer<typeof ConversationSchema>;
export type Scorecard = z.infer<typeof ScorecardVersionSchema>;
export type ScorecardItem = Scorecard['categories'][number]['items'][number];
export type LocalizedText = ScorecardItem['name'];
export type ReviewItem = z.infer<typeof ReviewItemViewSchema>;
export type ReviewSummary = z.infer<typeof ReviewSummarySchema>;
export type Review = z.infer<typeof ReviewSchema>;
export type SampleDay = z.infer<typeof SampleDaySchema>;

/** GET /v1/me: who the token is, and the store's today and yesterday (never the browser's clock). */
export type Me = z.infer<typeof MeSchema>;
export type ReviewProgress = z.infer<typeof ProgressSchema>;
export type AutoQaAgreement = z.infer<typeof AutoQaAgreementSchema>;

/** The reports and QA-rules views. */
export type Dashboard = z.infer<typeof DashboardSchema>;
export type Figures = Dashboard['totals']['figures'];
export type FigureTrend = Dashboard['totals']['trend'];
export type KeywordLists = z.infer<typeof KeywordListsSchema>;
export type SentenceTest = z.infer<typeof SentenceTestSchema>;
/** The part of GET /v1/settings the QA-rules view edits (the whole schema lives with the store's I/O). */
export interface Settings {
  sampling: Record<string, number>;
  reports: { passScore: number };
}
