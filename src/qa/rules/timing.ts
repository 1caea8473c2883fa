import { LIST_BIT } from '../keywords';
import { has, type Prepared } from '../prepare';
import type { RuleHit } from '../types';

export interface TimingThresholds {
  firstResponseSeconds: number;
  avgResponseSeconds: number;
  waitingPhraseAfterSeconds: number;
}
export const DEFAULT_TIMING: TimingThresholds = { firstResponseSeconds: 30, avgResponseSeconds: 60, waitingPhraseAfterSeconds: 60 };

export interface Turn {
  customerId: string;
  startedAt: number;
  replyId: string | null;
  replyAt: number | null;
}

/**
 * Customer turns (runs of customer messages) and the first agent reply to each; bots and system
 * skipped. Null when a message has no timestamp.
 */
export function customerTurns(p: Prepared): Turn[] | null {
  if (!p.timed) return null;
  const turns: Turn[] = [];
  let open: Turn | null = null;
  for (const { message } of p.conversational) {
    if (message.role === 'customer') {
      if (!open) turns.push((open = { customerId: message.id, startedAt: message.createdAt!, replyId: null, replyAt: null }));
    } else if (open) {
      open.replyId = message.id;
      open.replyAt = message.createdAt!;
      open = null;
    }
  }
  return turns;
}

const na = (rule: RuleHit['rule'], detail: string): RuleHit => ({ rule, outcome: 'na', messageIds: [], spans: [], detail });

export function firstResponse(turns: Turn[] | null, t: TimingThresholds): RuleHit {
  if (!turns) return na('first_response', 'no timestamps');
  const first = turns[0];
  if (!first) return na('first_response', 'no customer message');
  if (first.replyAt === null) return { rule: 'first_response', outcome: 'fail', messageIds: [first.customerId], spans: [], detail: 'no agent reply' };
  const seconds = Math.round((first.replyAt - first.startedAt) / 1000);
  return { rule: 'first_response', outcome: seconds <= t.firstResponseSeconds ? 'pass' : 'fail', messageIds: [first.customerId, first.replyId!], spans: [], detail: `${seconds}s` };
}

export function avgResponse(turns: Turn[] | null, t: TimingThresholds): RuleHit {
  if (!turns) return na('avg_response', 'no timestamps');
  let answered = 0;
  let total = 0;
  let slowest: Turn | undefined;
  for (const turn of turns) {
    if (turn.replyAt === null) continue;
    answered++;
    total += turn.replyAt - turn.startedAt;
    if (!slowest || turn.replyAt - turn.startedAt > slowest.replyAt! - slowest.startedAt) slowest = turn;
  }
  if (!slowest) return na('avg_response', 'no answered turn');
  const avg = total / answered / 1000;
  return { rule: 'avg_response', outcome: avg <= t.avgResponseSeconds ? 'pass' : 'fail', messageIds: [slowest.customerId, slowest.replyId!], spans: [], detail: `${Math.round(avg)}s average` };
}

/**
 * A reply that took longer than the threshold needs a waiting phrase (请稍等…) sent before it within the
 * turn. Not applicable when no reply was that slow.
 */
export function waitingPhrase(p: Prepared, t: TimingThresholds): RuleHit {
  if (!p.timed) return na('waiting_phrase', 'no timestamps');
  const failures: string[] = [];
  let gaps = 0;
  let since: number | null = null;
  let waited = false;
  for (const m of p.conversational) {
    if (m.message.role === 'customer') {
      if (since === null) {
        since = m.message.createdAt!;
        waited = false;
      }
      continue;
    }
    if (since !== null && m.message.createdAt! - since > t.waitingPhraseAfterSeconds * 1000) {
      gaps++;
      if (!waited) failures.push(m.message.id);
    }
    const waiting = has(m, LIST_BIT.waiting);
    waited = waited || waiting;
    since = waiting ? m.message.createdAt! : null;
    if (!waiting) waited = false;
  }
  if (!gaps) return na('waiting_phrase', 'no reply slower than the threshold');
  return { rule: 'waiting_phrase', outcome: failures.length ? 'fail' : 'pass', messageIds: failures, spans: [], detail: `${gaps} slow replies, ${failures.length} without a waiting phrase` };
}
