import { addDays } from '../lib/time';
import type { SamplingAgent, SamplingPolicy } from './types';

export function isNewHire(agent: Pick<SamplingAgent, 'hiredAt'>, date: string, policy: SamplingPolicy): boolean {
  return agent.hiredAt !== null && agent.hiredAt > addDays(date, -policy.newHireDays) && agent.hiredAt <= date;
}

/**
 * The agent's quota for the day. New hires and unstable agents get the boosted quota (the larger if
 * both); an excellent agent gets the floor, unless also unstable or new, where the boost wins: being on
 * the excellent list must never reduce the review a struggling agent gets. Never below 5.
 */
export function quotaFor(agent: SamplingAgent | undefined, date: string, policy: SamplingPolicy): number {
  if (!agent) return Math.max(5, policy.standardQuota);
  const boosts = [isNewHire(agent, date, policy) ? policy.newHireQuota : 0, agent.unstable ? policy.unstableQuota : 0];
  const boosted = Math.max(...boosts);
  if (boosted) return Math.max(5, boosted);
  return Math.max(5, agent.excellent ? policy.excellentQuota : policy.standardQuota);
}
