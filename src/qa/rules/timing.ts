import { LIST_BIT } from '../keywords';
import { NONE, CUSTOMER, has, type Prepared } from '../prepare';
import type { RuleHit } from '../types';
import { na } from './business';

export interface TimingThresholds {
  firstResponseSeconds: number;
  avgResponseSeconds: number;
  waitingPhraseAfterSeconds: number;
}
export const DEFAULT_TIMING: TimingThresholds = { firstResponseSeconds: 30, avgResponseSeconds: 60, waitingPhraseAfterSeconds: 60 };

/**
 * What the response-time rules read from the customer turns (runs of customer messages) and the first
 * agent reply to each, bots and system skipped: the first turn, and the answered turns' waits summed
 * with the slowest of them. Kept as sums, not a list of turns: these run for every conversation.
 */
export interface Turns {
  count: number;
  firstId: string;
  firstAt: number;
  firstReplyId: string | null;
  firstReplyAt: number | null;
  answered: number;
  /** The answered turns' waits summed, in ms. */
  total: number;
  /** The first turn with the longest wait, and its reply. */
  slowestId: string;
  slowestReplyId: string;
  slowestWait: number;
}

/** The turns of a conversation; null when a message has no timestamp. */
export function customerTurns(p: Prepared): Turns | null {
  if (!p.timed) return null;
  const t: Turns = { count: 0, firstId: '', firstAt: 0, firstReplyId: null, firstReplyAt: null, answered: 0, total: 0, slowestId: '', slowestReplyId: '', slowestWait: 0 };
  let openId: string | null = null;
  let openAt = 0;
  for (const { message, side } of p.conversational) {
    if (side === CUSTOMER) {
      if (openId !== null) continue;
      openId = message.id;
      openAt = message.createdAt!;
      if (t.count++ === 0) {
        t.firstId = openId;
        t.firstAt = openAt;
      }
    } else if (openId !== null) {
      const wait = message.createdAt! - openAt;
      const firstAnswer = t.answered++ === 0;
      if (firstAnswer) {
        t.firstReplyId = message.id;
        t.firstReplyAt = message.createdAt!;
      }
      t.total += wait;
      if (firstAnswer || wait > t.slowestWait) {
        t.slowestWait = wait;
        t.slowestId = openId;
        t.slowestReplyId = message.id;
      }
      openId = null;
    }
  }
  return t;
}

const FIRST_UNTIMED = na('first_response', 'no timestamps');
const NO_CUSTOMER_MESSAGE = na('first_response', 'no customer message');
const AVG_UNTIMED = na('avg_response', 'no timestamps');
const NO_ANSWERED_TURN = na('avg_response', 'no answered turn');
const WAITING_UNTIMED = na('waiting_phrase', 'no timestamps');
const NO_SLOW_REPLY = na('waiting_phrase', 'no reply slower than the threshold');

export function firstResponse(turns: Turns | null, t: TimingThresholds): RuleHit {
  if (!turns) return FIRST_UNTIMED;
  if (!turns.count) return NO_CUSTOMER_MESSAGE;
  // Only the first turn can be answered first: a reply always closes the open turn.
  if (turns.firstReplyAt === null || turns.firstReplyId === null) return { rule: 'first_response', outcome: 'fail', messageIds: [turns.firstId], spans: NONE, detail: 'no agent reply' };
  const seconds = Math.round((turns.firstReplyAt - turns.firstAt) / 1000);
  return { rule: 'first_response', outcome: seconds <= t.firstResponseSeconds ? 'pass' : 'fail', messageIds: [turns.firstId, turns.firstReplyId], spans: NONE, detail: `${seconds}s` };
}

export function avgResponse(turns: Turns | null, t: TimingThresholds): RuleHit {
  if (!turns) return AVG_UNTIMED;
  if (!turns.answered) return NO_ANSWERED_TURN;
  const avg = turns.total / turns.answered / 1000;
  return { rule: 'avg_response', outcome: avg <= t.avgResponseSeconds ? 'pass' : 'fail', messageIds: [turns.slowestId, turns.slowestReplyId], spans: NONE, detail: `${Math.round(avg)}s average` };
}

/**
 * A reply that took longer than the threshold needs a waiting phrase (请稍等…) sent before it within the
 * turn. Not applicable when no reply was that slow.
 */
export function waitingPhrase(p: Prepared, t: TimingThresholds): RuleHit {
  if (!p.timed) return WAITING_UNTIMED;
  const failures: string[] = [];
  let gaps = 0;
  let since: number | null = null;
  let waited = false;
  for (const m of p.conversational) {
    if (m.side === CUSTOMER) {
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
  if (!gaps) return NO_SLOW_REPLY;
  return { rule: 'waiting_phrase', outcome: failures.length ? 'fail' : 'pass', messageIds: failures, spans: NONE, detail: `${gaps} slow replies, ${failures.length} without a waiting phrase` };
}
