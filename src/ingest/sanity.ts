import type { NormalisedEvent } from './types';

/**
 * Timestamps far outside reason (year 9999, 1970, before any of these platforms existed) are stored
 * as sent, with a warning on the delivery, but never move a conversation's open or last-message time:
 * a year-9999 message must not sort its conversation to the top of every list for ever.
 */
export const EARLIEST_REASONABLE_MS = Date.UTC(2000, 0, 1);
/** Clocks drift and relays queue: a day ahead of receipt is still believable, more is not. */
export const MAX_AHEAD_MS = 24 * 3600_000;
/** The largest time a JavaScript Date (and so the API's ISO output) can hold. */
const MAX_DATE_MS = 8.64e15;

export function reasonableTime(at: number, receivedAt: number): boolean {
  return at >= EARLIEST_REASONABLE_MS && at <= receivedAt + MAX_AHEAD_MS;
}

/** The time as stored: as sent, unless no date can hold it (then the receipt time). */
export function storableTime(at: number, receivedAt: number): number {
  return Number.isFinite(at) && Math.abs(at) <= MAX_DATE_MS ? at : receivedAt;
}

function describe(at: number): string {
  return Number.isFinite(at) && Math.abs(at) <= MAX_DATE_MS ? new Date(at).toISOString() : String(at);
}

/** One warning per event whose time is out of reason, naming the event and the time. */
export function timeWarnings(events: NormalisedEvent[], receivedAt: number): string[] {
  const out: string[] = [];
  for (const e of events) {
    if (e.kind === 'participant.seen' || reasonableTime(e.at, receivedAt)) continue;
    const what = e.kind === 'message.created' || e.kind === 'message.edited' ? `${e.kind} ${e.messageId}` : `${e.kind} ${e.conversationId}`;
    const stored = storableTime(e.at, receivedAt) === e.at ? 'stored as sent' : 'stored as the receipt time';
    out.push(`${what}: time ${describe(e.at)} is outside reason (before 2000 or more than a day ahead); ${stored}, not used to order the conversation`);
  }
  return out;
}
