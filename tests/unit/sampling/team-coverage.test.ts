import { describe, expect, it } from 'vitest';
import { coverageFor } from '../../../src/sampling/team-coverage';
import type { DayCoverage } from '../../../src/sampling/types';

const stored: DayCoverage = {
  date: '2026-11-21',
  agentsActive: 3,
  agentsAtQuota: 1,
  conversations: 30,
  selected: 13,
  mustReview: 2,
  shortfalls: [
    { agentId: 'b', quota: 5, selected: 3, reason: 'fewer_conversations' },
    { agentId: 'c', quota: 5, selected: 2, reason: 'fewer_conversations' },
  ],
  unassigned: 1,
};

describe('a day’s coverage narrowed to a team', () => {
  it('counts only the team’s agents, selections and shortfalls', () => {
    const days = [
      { agentId: 'a', selected: [...Array(7)].map((_, i) => ({ mustReview: i < 2, assigned: true })) },
      { agentId: 'b', selected: [{ mustReview: false, assigned: true }, { mustReview: false, assigned: false }, { mustReview: false, assigned: true }] },
    ];
    expect(coverageFor(stored, days, 20)).toEqual({
      date: '2026-11-21',
      agentsActive: 2,
      agentsAtQuota: 1,
      conversations: 20,
      selected: 10,
      mustReview: 2,
      shortfalls: [stored.shortfalls[0]],
      unassigned: 1,
    });
  });

  it('is empty for a team with nobody active that day', () => {
    expect(coverageFor(stored, [], 0)).toMatchObject({ agentsActive: 0, agentsAtQuota: 0, selected: 0, shortfalls: [], unassigned: 0 });
  });
});
