import { describe, expect, it } from 'vitest';
import { addDays, localDate, localDayRange, localHour } from '../../src/lib/time';

describe('local days', () => {
  it('finds local midnight in Shanghai (UTC+8)', () => {
    const { start, end } = localDayRange('2026-11-21', 'Asia/Shanghai');
    expect(new Date(start).toISOString()).toBe('2026-11-20T16:00:00.000Z');
    expect(end - start).toBe(24 * 3600_000);
  });
  it('handles a DST day (New York, 2026-03-08 is 23 hours)', () => {
    const { start, end } = localDayRange('2026-03-08', 'America/New_York');
    expect(new Date(start).toISOString()).toBe('2026-03-08T05:00:00.000Z');
    expect(end - start).toBe(23 * 3600_000);
  });
  it('gives the local date and hour of an instant', () => {
    const ms = Date.parse('2026-11-21T17:30:00Z');
    expect(localDate(ms, 'Asia/Shanghai')).toBe('2026-11-22');
    expect(localHour(ms, 'Asia/Shanghai')).toBe(1);
    expect(localDate(ms, 'UTC')).toBe('2026-11-21');
  });
  it('adds days across months and years', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });
});
