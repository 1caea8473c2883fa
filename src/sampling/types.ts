import { z } from 'zod';

/** The store's sampling policy (SPEC §2 step 3); every field has the spec's default. */
export const samplingPolicySchema = z.object({
  standardQuota: z.number().int().min(5).max(50).default(5),
  newHireQuota: z.number().int().min(5).max(10).default(10),
  unstableQuota: z.number().int().min(5).max(50).default(10),
  excellentQuota: z.number().int().min(5).max(50).default(5),
  newHireDays: z.number().int().min(1).max(365).default(30),
  /** At least this share of each quota is drawn uniformly at random. */
  randomShare: z.number().min(0.4).max(1).default(0.4),
  lowScoreThreshold: z.number().min(0).max(100).default(80),
  highRiskThreshold: z.number().min(0).max(100).default(60),
  calibrationRate: z.number().min(0).max(0.2).default(0.01),
});
export type SamplingPolicy = z.infer<typeof samplingPolicySchema>;
export const DEFAULT_SAMPLING_POLICY: SamplingPolicy = samplingPolicySchema.parse({});

export interface SamplingAgent {
  id: string;
  hiredAt: string | null;
  excellent: boolean;
  unstable: boolean;
}

export interface SamplingConversation {
  id: string;
  agentId: string;
  /** 0–23 in the store's time zone (the caller computes it). */
  localHour: number;
  rating: number | null;
  autoScore: number | null;
  risk: number | null;
  critical: boolean;
  keywordHits: string[];
  escalation: boolean;
}

export interface Selection {
  conversationId: string;
  agentId: string;
  /** `rating`, `critical`, `keyword:不知道`, `escalation`, `low_auto_score`, `high_risk` or `random`. */
  reason: string;
  mustReview: boolean;
}

export interface AgentSample {
  agentId: string;
  quota: number;
  /** Conversations the agent had that day. */
  available: number;
  selected: Selection[];
  /** How many reviews short of the quota the agent is (only when they had fewer conversations). */
  shortfall: number;
  shortfallReason?: 'fewer_conversations';
}

export interface Coverage {
  date: string;
  agentsActive: number;
  agentsAtQuota: number;
  conversations: number;
  selected: number;
  mustReview: number;
  shortfalls: { agentId: string; quota: number; selected: number; reason: 'fewer_conversations' }[];
}

/** The coverage record the daily job stores: the sample's coverage and what no reviewer could take. */
/**
 * `unassigned`: selections no reviewer could take. `unattributed`: conversations of the day with agent
 * messages but no agent to count them for (no sender id, no assignee) — outside sampling, so counted here.
 */
export type DayCoverage = Coverage & { unassigned: number; unattributed?: number };
