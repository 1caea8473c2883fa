/**
 * Shapes of the coaching API the widget reads, inferred from the server's response schemas
 * (src/http/schemas/coaching.ts, which also generate /openapi.json): type-only, nothing is bundled.
 */
import type { z } from 'zod';
import type {
  CardSchema,
  CoachingSettingsViewSchema,
  DisputeSchema,
  GoodExampleListSchema,
  GoodExampleSchema,
  LatestCardSchema,
  TaskSchema,
  TeamViewSchema,
  TrendSchema,
} from '../../src/http/schemas/coaching';

export type Card = z.infer<typeof CardSchema>;
export type Improvement = Card['improvements'][number];
export type Quote = NonNullable<Improvement['quote']>;
export type LatestCard = z.infer<typeof LatestCardSchema>;
export type Dispute = z.infer<typeof DisputeSchema>;
export type DisputeStatus = Dispute['status'];
export type Trend = z.infer<typeof TrendSchema>;
export type GoodExample = z.infer<typeof GoodExampleListSchema>['data'][number];
export type GoodExampleDetail = z.infer<typeof GoodExampleSchema>;
export type TeamDay = z.infer<typeof TeamViewSchema>;
export type TeamAgent = TeamDay['agents'][number];
export type CoachingTask = z.infer<typeof TaskSchema>;
export type CoachingSettings = z.infer<typeof CoachingSettingsViewSchema>;
