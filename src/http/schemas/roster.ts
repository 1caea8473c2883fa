import { z } from '@hono/zod-openapi';
import { PHASES } from '../../domain/enums';
import { isoDate } from './common';

export const AgentSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    team: z.string().nullable(),
    phase: z.enum(PHASES).nullable(),
    hiredAt: isoDate.nullable(),
    excellent: z.boolean(),
    unstable: z.boolean(),
    active: z.boolean(),
    needsCompletion: z.boolean().describe('Created by ingest from an unknown platform id: team and hire date still to be completed'),
    externalIds: z.array(z.object({ connectionId: z.string(), externalId: z.string() })),
  })
  .openapi('Agent');

export const ReviewerSchema = z.object({ id: z.string(), name: z.string(), agentId: z.string().nullable(), active: z.boolean() }).openapi('Reviewer');
