import { describe, expect, it } from 'vitest';
import { localDateTime } from '../../src/lib/time';
import { formatWallClock, formatWhen } from '../../widget/src/dates';

// ICU puts a narrow no-break space before AM/PM; a reader sees a space.
const plain = (s: string) => s.replace(/[\u202f\u00a0]/g, ' ');

describe('formatWallClock', () => {
  it('shows a moment from the store’s wall clock as the Intl formatter shows it from the instant', () => {
    const cases: [string, string][] = [
      ['2026-11-22T01:13:00Z', 'Asia/Shanghai'], // 09:13 in the morning
      ['2026-11-22T05:47:00Z', 'Asia/Shanghai'], // 13:47
      ['2026-11-21T16:05:00Z', 'Asia/Shanghai'], // 00:05, the next local day
      ['2026-11-22T04:00:00Z', 'Asia/Shanghai'], // noon
      ['2026-03-08T07:30:00Z', 'America/New_York'], // just after the clocks went forward
      ['2026-12-31T23:59:00Z', 'UTC'],
    ];
    for (const [iso, zone] of cases) {
      for (const locale of ['zh-CN', 'en'] as const) {
        expect(formatWallClock(localDateTime(Date.parse(iso), zone), locale)).toBe(plain(formatWhen(iso, zone, locale)));
      }
    }
  });

  it('reads the wall clock as given, whatever the runtime’s own zone', () => {
    expect(formatWallClock('2026-11-22 09:13', 'zh-CN')).toBe('11月22日 09:13');
    expect(formatWallClock('2026-11-22 00:05', 'en')).toBe('Nov 22, 12:05 AM');
    expect(formatWallClock('2026-11-22 12:30', 'en')).toBe('Nov 22, 12:30 PM');
  });
});
