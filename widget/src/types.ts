/**
 * Shapes of the API responses the widget reads: inferred from the server's own response schemas
 * (src/http/schemas), which also generate /openapi.json, so the two cannot drift apart.
 */
import type { z } from 'zod';
import type { AutoQaSchema, ConversationListSchema, ConversationSchema, MessageSchema, RiskFactorSchema, RuleHitSchema } from '../../src/http/schemas/conversations';
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
