import type { DayCoverage } from './types';

/** What the daily job stored for one agent of the day: their selections (and whether a reviewer took each). */
export interface AgentDay {
  agentId: string;
  selected: { mustReview: boolean; assigned: boolean }[];
}

/**
 * A day's coverage record narrowed to some agents (a lead's team): every figure counts only them,
 * so a lead's token never sees the rest of the store in the totals or the shortfalls. Every agent
 * active that day has at least one selection, so the agents are those of `days`; `conversations`
 * (how many the team had, not stored per agent) is counted by the caller.
 */
export function coverageFor(stored: DayCoverage, days: AgentDay[], conversations: number): DayCoverage {
  const ids = new Set(days.map((d) => d.agentId));
  const shortfalls = stored.shortfalls.filter((s) => ids.has(s.agentId));
  const selections = days.flatMap((d) => d.selected);
  return {
    date: stored.date,
    agentsActive: ids.size,
    agentsAtQuota: ids.size - shortfalls.length,
    conversations,
    selected: selections.length,
    mustReview: selections.filter((s) => s.mustReview).length,
    shortfalls,
    unassigned: selections.filter((s) => !s.assigned).length,
  };
}
