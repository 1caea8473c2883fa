import { describe, expect, it } from 'vitest';
import { readRating, timeOr, toEpochMs } from '../../../src/ingest/adapters/shared';
import { reasonableTime, storableTime, timeWarnings } from '../../../src/ingest/sanity';

describe('toEpochMs converts each form platforms send exactly', () => {
  const t = Date.UTC(2026, 10, 21, 3, 0, 1, 10);
  it.each([
    ['epoch seconds (Chatwoot, Intercom)', 1795230001, 1795230001000],
    ['float seconds (Chatwoot updated_at)', 1795230001.0104, 1795230001010],
    ['epoch ms (Crisp)', t, t],
    ['microsecond ISO (LiveChat)', '2026-11-21T03:00:01.010200Z', t],
    ['ISO with offset', '2026-11-21T11:00:01.010+08:00', t],
    ["Chatwoot's docs form", '2026-11-21 03:00:01 UTC', t - 10],
    ['digits as text', '1795230001', 1795230001000],
  ])('%s', (_name, value, expected) => expect(toEpochMs(value, 'f')).toBe(expected));

  it('refuses what is no time, and timeOr falls back with a warning', () => {
    expect(() => toEpochMs('soon', 'data.timestamp')).toThrow('data.timestamp: must be a timestamp');
    const warnings: string[] = [];
    expect(timeOr('November-ish', 42, 'updated_at', warnings)).toBe(42);
    expect(timeOr(undefined, 42, 'updated_at', warnings)).toBe(42);
    expect(warnings).toEqual(["updated_at: 'November-ish' is not a time; the receipt time was used"]);
  });
});

describe('readRating', () => {
  it.each([
    ['good', 5], ['GOOD', 5], ['Bad', 1], ["Good, I'm satisfied", 5], ["Bad, I'm unsatisfied", 1], ['Bad with comment', 1],
    ['unsatisfied', 1], ['satisfied', 5], [3, 3], ['4', 4], [true, 5],
  ])('%s → %s', (value, score) => expect(readRating(value)?.score).toBe(score));

  it('reads thumbs only where the platform uses them', () => {
    expect(readRating(0, { thumbs: true })).toEqual({ score: 1, label: 'bad' });
    expect(readRating(1, { thumbs: true })).toEqual({ score: 5, label: 'good' });
    expect(readRating(0)).toEqual({ score: null, label: '0' });
  });

  it('keeps an unreadable value as its label, and tells offered/empty apart from a rating', () => {
    expect(readRating('Sehr gut')).toEqual({ score: null, label: 'Sehr gut' });
    expect(readRating(7)).toEqual({ score: null, label: '7' });
    for (const none of ['Offered', 'unoffered', '', undefined, null, '{{satisfaction.current_rating}}']) expect(readRating(none)).toBeUndefined();
  });
});

describe('times out of reason', () => {
  const received = Date.UTC(2026, 11, 1);
  it('are before 2000 or more than a day ahead of receipt', () => {
    expect(reasonableTime(Date.UTC(2026, 10, 21), received)).toBe(true);
    expect(reasonableTime(received + 23 * 3600_000, received)).toBe(true);
    expect(reasonableTime(Date.UTC(9999, 11, 31), received)).toBe(false);
    expect(reasonableTime(Date.UTC(1999, 11, 31), received)).toBe(false);
  });

  it('are stored as sent unless no date can hold them', () => {
    expect(storableTime(Date.UTC(9999, 11, 31), received)).toBe(Date.UTC(9999, 11, 31));
    expect(storableTime(1e20, received)).toBe(received);
  });

  it('give one warning per event', () => {
    const warnings = timeWarnings(
      [
        { kind: 'message.created', conversationId: 'c', messageId: 'm1', at: Date.UTC(9999, 0, 1), sender: { role: 'customer' }, text: '', contentType: 'text', internal: false },
        { kind: 'conversation.closed', conversationId: 'c', at: Date.UTC(2026, 10, 30) },
        { kind: 'participant.seen', externalId: 'x', role: 'bot' },
      ],
      received,
    );
    expect(warnings).toEqual(['message.created m1: time 9999-01-01T00:00:00.000Z is outside reason (before 2000 or more than a day ahead); stored as sent, not used to order the conversation']);
  });
});
