import { describe, expect, it } from 'vitest';
import { comparablePrevious, datesBetween, daysWithFigures, figuresThrough, periodDays, periodOf, periodsTouched, previousPeriod, weekKey } from '../../../src/reports/periods';

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

  it('compares a period still under way with the same days of the one before', () => {
    const december = periodOf('month', '2026-12-01');
    expect(comparablePrevious(december, '2026-12-01')).toEqual({ kind: 'month', key: '2026-11', from: '2026-11-01', to: '2026-11-01' });
    expect(comparablePrevious(december, '2026-12-15')).toMatchObject({ key: '2026-11', from: '2026-11-01', to: '2026-11-15' });
    // Finished, or not begun: the whole period before.
    expect(comparablePrevious(december, '2026-12-31')).toMatchObject({ from: '2026-11-01', to: '2026-11-30' });
    expect(comparablePrevious(december, '2027-01-05')).toMatchObject({ from: '2026-11-01', to: '2026-11-30' });
    expect(comparablePrevious(december, '2026-11-30')).toMatchObject({ from: '2026-11-01', to: '2026-11-30' });
    // 30 days of March so far: all of February, which is shorter.
    expect(comparablePrevious(periodOf('month', '2026-03-01'), '2026-03-30')).toMatchObject({ key: '2026-02', from: '2026-02-01', to: '2026-02-28' });
    // Monday to Wednesday of this week against Monday to Wednesday of last week.
    expect(comparablePrevious(periodOf('week', '2026-11-25'), '2026-11-25')).toEqual({ kind: 'week', key: '2026-W47', from: '2026-11-16', to: '2026-11-18' });
    expect(comparablePrevious(periodOf('day', '2026-11-25'), '2026-11-24')).toMatchObject({ key: '2026-11-24', from: '2026-11-24', to: '2026-11-24' });
  });

  it('says the last day a period’s figures hold: yesterday while under way, its end once over, none before it begins', () => {
    const december = periodOf('month', '2026-12-01');
    expect(figuresThrough(december, '2026-12-01')).toBe('2026-12-01');
    expect(figuresThrough(december, '2026-12-31')).toBe('2026-12-31');
    expect(figuresThrough(december, '2027-01-05')).toBe('2026-12-31');
    expect(figuresThrough(december, '2026-11-30')).toBeNull();
    // The days those figures cover: so far while under way, the whole month otherwise.
    expect(daysWithFigures(december, '2026-12-01')).toBe(1);
    expect(daysWithFigures(december, '2026-12-17')).toBe(17);
    expect(daysWithFigures(december, '2027-01-05')).toBe(31);
    expect(daysWithFigures(december, '2026-11-30')).toBe(31);
  });

  it('lists the weeks and months a run of days touches', () => {
    expect(datesBetween('2026-11-29', '2026-12-02')).toEqual(['2026-11-29', '2026-11-30', '2026-12-01', '2026-12-02']);
    expect(periodsTouched('2026-11-29', '2026-12-02').map((p) => p.key).sort()).toEqual(['2026-11', '2026-12', '2026-W48', '2026-W49']);
  });
});
