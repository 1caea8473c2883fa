import { describe, expect, it } from 'vitest';
import { datesBetween, periodDays, periodOf, periodsTouched, previousPeriod, weekKey } from '../../../src/reports/periods';

describe('report periods', () => {
  it('keys ISO weeks by the year of their Thursday', () => {
    expect(weekKey('2026-11-21')).toBe('2026-W47');
    expect(weekKey('2026-11-16')).toBe('2026-W47'); // Monday
    expect(weekKey('2026-11-22')).toBe('2026-W47'); // Sunday
    expect(weekKey('2026-01-01')).toBe('2026-W01');
    expect(weekKey('2027-01-01')).toBe('2026-W53');
    expect(weekKey('2024-12-30')).toBe('2025-W01');
    expect(weekKey('2020-12-31')).toBe('2020-W53');
  });

  it('gives a day, its Monday-to-Sunday week and its month, and the period before each', () => {
    expect(periodOf('day', '2026-11-21')).toEqual({ kind: 'day', key: '2026-11-21', from: '2026-11-21', to: '2026-11-21' });
    expect(periodOf('week', '2026-11-21')).toEqual({ kind: 'week', key: '2026-W47', from: '2026-11-16', to: '2026-11-22' });
    expect(periodOf('month', '2026-02-10')).toEqual({ kind: 'month', key: '2026-02', from: '2026-02-01', to: '2026-02-28' });
    expect(periodOf('month', '2028-02-10').to).toBe('2028-02-29');
    expect(previousPeriod(periodOf('day', '2026-03-01')).key).toBe('2026-02-28');
    expect(previousPeriod(periodOf('week', '2026-01-01'))).toMatchObject({ key: '2025-W52', from: '2025-12-22', to: '2025-12-28' });
    expect(previousPeriod(periodOf('month', '2026-01-15'))).toMatchObject({ key: '2025-12', from: '2025-12-01', to: '2025-12-31' });
    expect(periodDays(periodOf('month', '2026-11-01'))).toBe(30);
  });

  it('lists the weeks and months a run of days touches', () => {
    expect(datesBetween('2026-11-29', '2026-12-02')).toEqual(['2026-11-29', '2026-11-30', '2026-12-01', '2026-12-02']);
    expect(periodsTouched('2026-11-29', '2026-12-02').map((p) => p.key).sort()).toEqual(['2026-11', '2026-12', '2026-W48', '2026-W49']);
  });
});
