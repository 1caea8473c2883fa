import { z } from '@hono/zod-openapi';
import { PHASES } from '../../domain/enums';
import { scorecardSchema } from '../../qa/scorecard';
import { isoTime } from './common';

/** A stored scorecard version: the definition plus its id, version and whether new scores use it. */
export const ScorecardVersionSchema = z.object({
  ...scorecardSchema.shape,
  id: z.string(),
  phase: z.enum(PHASES),
  version: z.number().int(),
  active: z.boolean(),
  createdAt: isoTime,
});
