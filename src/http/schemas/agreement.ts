import { z } from '@hono/zod-openapi';
import { ITEM_OUTCOMES } from '../../domain/enums';
import { isoDate, isoTime } from './common';

const OverrideSchema = z.object({
  itemId: z.string(),
  conversationId: z.string(),
  reviewId: z.string(),
  auto: z.enum(ITEM_OUTCOMES).describe("AutoQA's outcome"),
  reviewer: z.enum(ITEM_OUTCOMES).describe("The reviewer's outcome"),
  submittedAt: isoTime,
});

export const AutoQaAgreementSchema = z
  .object({
    from: isoDate,
    to: isoDate,
    reviews: z.number().int().describe('Submitted reviews in the period with at least one item AutoQA judged'),
    items: z.array(
      z.object({
        itemId: z.string(),
        name: z.object({ 'zh-CN': z.string(), en: z.string() }).nullable().describe('From the active scorecards; null for an item no longer on them'),
        judged: z.number().int().describe('Reviews in which AutoQA had judged the item'),
        kept: z.number().int().describe("Of those, the reviewer kept AutoQA's outcome"),
        keptShare: z.number().nullable().describe('kept / judged (three decimals), null when nothing was judged'),
        overridden: z.number().int(),
        autoOff: z.boolean().describe('The store switched the auto judgement off (settings autoQaManualItems): the item is left to review'),
        overrides: z.array(OverrideSchema).describe('The latest overrides, newest first (at most 20 per item)'),
      }),
    ),
  })
  .openapi('AutoQaAgreement');
