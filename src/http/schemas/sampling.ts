import { z } from '@hono/zod-openapi';
import { isoDate } from './common';

export const CoverageSchema = z
  .object({
    date: isoDate,
    agentsActive: z.number().int(),
    agentsAtQuota: z.number().int(),
    conversations: z.number().int(),
    selected: z.number().int(),
    mustReview: z.number().int(),
    shortfalls: z.array(z.object({ agentId: z.string(), quota: z.number().int(), selected: z.number().int(), reason: z.enum(['fewer_conversations']) })),
    unassigned: z.number().int().describe('Selections no reviewer could take (no reviewer other than the agent)'),
    unattributed: z
      .number()
      .int()
      .optional()
      .describe('Conversations with agent messages but no agent to count them for (the platform named no sender and no assignee): not sampled, counted here'),
  })
  .openapi('Coverage');

export const DailyJobSchema = z.object({
  date: isoDate,
  coverage: CoverageSchema,
  created: z.boolean().describe('false when the day had already been sampled: nothing was created twice'),
  stats: z.object({ queries: z.number().int(), ms: z.number() }),
});

export const SampleDaySchema = z.object({
  date: isoDate,
  coverage: CoverageSchema,
  agents: z.array(
    z.object({
      agentId: z.string(),
      agentName: z.string().nullable(),
      team: z.string().nullable(),
      quota: z.number().int(),
      selected: z.array(z.object({ conversationId: z.string(), reason: z.string(), mustReview: z.boolean() })),
      shortfall: z.number().int(),
      shortfallReason: z.enum(['fewer_conversations']).nullable(),
    }),
  ),
});

export const CalibrationSchema = z.object({
  pairs: z.number().int(),
  reviewers: z.array(z.object({ reviewerId: z.string(), pairs: z.number().int(), meanScoreDiff: z.number(), itemAgreement: z.number() })),
});
