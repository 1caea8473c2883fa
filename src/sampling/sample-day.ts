import { seededRng, type Rng } from '../lib/random';
import { quotaFor } from './quota';
import type { AgentSample, Coverage, SamplingAgent, SamplingConversation, SamplingPolicy, Selection } from './types';

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function mustReviewReason(c: SamplingConversation): 'rating' | 'critical' | null {
  if (c.rating !== null && c.rating <= 2) return 'rating';
  return c.critical ? 'critical' : null;
}

/** The strongest bad signal of a conversation, for the priority fill; null when it has none. */
function prioritySignal(c: SamplingConversation, policy: SamplingPolicy): { reason: string; rank: number } | null {
  if (c.keywordHits.length) return { reason: c.keywordHits[0]!, rank: 0 };
  if (c.escalation) return { reason: 'escalation', rank: 1 };
  if (c.autoScore !== null && c.autoScore < policy.lowScoreThreshold) return { reason: 'low_auto_score', rank: 2 + c.autoScore / 1000 };
  if (c.risk !== null && c.risk >= policy.highRiskThreshold) return { reason: 'high_risk', rank: 3 + (100 - c.risk) / 1000 };
  return null;
}

/** `count` picks spread across the hours of the day: one per hour, hours in random order, before any hour gets two. */
function stratifiedRandom(pool: SamplingConversation[], count: number, rng: Rng): SamplingConversation[] {
  const hours = new Map<number, SamplingConversation[]>();
  for (const c of pool) {
    const bucket = hours.get(c.localHour);
    if (bucket) bucket.push(c);
    else hours.set(c.localHour, [c]);
  }
  const buckets = rng.shuffle([...hours.keys()].sort((a, b) => a - b)).map((h) => rng.shuffle(hours.get(h)!));
  const picked: SamplingConversation[] = [];
  for (let round = 0; picked.length < count && buckets.some((b) => b.length > round); round++) {
    for (const bucket of buckets) {
      if (picked.length >= count) break;
      const c = bucket[round];
      if (c) picked.push(c);
    }
  }
  return picked;
}

export function sampleAgent(policy: SamplingPolicy, date: string, agentId: string, agent: SamplingAgent | undefined, conversations: SamplingConversation[], seed: string): AgentSample {
  const rng = seededRng(`${seed}|${agentId}|${date}`);
  const sorted = [...conversations].sort(byId);
  const quota = quotaFor(agent, date, policy);
  const selected: Selection[] = [];
  const rest: SamplingConversation[] = [];
  for (const c of sorted) {
    const reason = mustReviewReason(c);
    if (reason) selected.push({ conversationId: c.id, agentId, reason, mustReview: true });
    else rest.push(c);
  }
  const take = Math.min(quota, rest.length);
  if (take === rest.length) {
    // Fewer conversations than the quota: all of them, each with its strongest signal as the reason.
    for (const c of rest) selected.push({ conversationId: c.id, agentId, reason: prioritySignal(c, policy)?.reason ?? 'random', mustReview: false });
  } else {
    const randomCount = Math.min(take, Math.ceil(policy.randomShare * quota));
    const priority = rest
      .map((c) => ({ c, signal: prioritySignal(c, policy) }))
      .filter((x): x is { c: SamplingConversation; signal: { reason: string; rank: number } } => x.signal !== null)
      .sort((a, b) => a.signal.rank - b.signal.rank || byId(a.c, b.c))
      .slice(0, take - randomCount);
    for (const { c, signal } of priority) selected.push({ conversationId: c.id, agentId, reason: signal.reason, mustReview: false });
    const taken = new Set(priority.map((p) => p.c.id));
    // Whatever the priority fill left over goes to the random draw too.
    const randoms = stratifiedRandom(rest.filter((c) => !taken.has(c.id)), take - priority.length, rng);
    for (const c of randoms) selected.push({ conversationId: c.id, agentId, reason: 'random', mustReview: false });
  }
  // Must-review conversations are reviews too: an agent is short only by the reviews they get below quota.
  const shortfall = Math.max(0, quota - selected.length);
  return { agentId, quota, available: sorted.length, selected, shortfall, ...(shortfall > 0 ? { shortfallReason: 'fewer_conversations' as const } : {}) };
}

/**
 * The day's sample (SPEC §2 step 3): every agent who handled a conversation, their quota plus every
 * must-review conversation, a priority fill on bad signals, and at least 40% of the quota at random,
 * spread over the hours. Seeded by (seed, agent, date): the same inputs in any order give the same sample.
 */
export function sampleDay(policy: SamplingPolicy, date: string, agents: SamplingAgent[], conversations: SamplingConversation[], seed: string): { agents: AgentSample[]; coverage: Coverage } {
  const roster = new Map(agents.map((a) => [a.id, a]));
  const byAgent = new Map<string, SamplingConversation[]>();
  for (const c of conversations) {
    const list = byAgent.get(c.agentId);
    if (list) list.push(c);
    else byAgent.set(c.agentId, [c]);
  }
  const samples = [...byAgent.keys()].sort().map((agentId) => sampleAgent(policy, date, agentId, roster.get(agentId), byAgent.get(agentId)!, seed));
  const coverage: Coverage = {
    date,
    agentsActive: samples.length,
    agentsAtQuota: samples.filter((s) => s.shortfall === 0).length,
    conversations: conversations.length,
    selected: samples.reduce((n, s) => n + s.selected.length, 0),
    mustReview: samples.reduce((n, s) => n + s.selected.filter((x) => x.mustReview).length, 0),
    shortfalls: samples.filter((s) => s.shortfall > 0).map((s) => ({ agentId: s.agentId, quota: s.quota, selected: s.quota - s.shortfall, reason: 'fewer_conversations' as const })),
  };
  return { agents: samples, coverage };
}
