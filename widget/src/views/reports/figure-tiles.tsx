import type { T } from '../../i18n/messages';
import type { Dashboard } from '../../types';
import { change, num, pct } from './format';

/** The period's headline figures, each with its change against the period before. */
export function FigureTiles({ d, t }: { d: Dashboard; t: T }) {
  const { figures: f, trend } = d.totals;
  const effect = d.coachingEffectiveness;
  const short = f.coverage.active - f.coverage.atQuota;
  const tiles: [label: string, value: string, delta: string, help?: string, note?: string][] = [
    [t('r_reviewed'), num(f.reviewed), change(t, trend.reviewed)],
    [t('r_average'), num(f.averageScore), change(t, trend.averageScore)],
    [t('r_passRate'), pct(f.passRate), change(t, trend.passRate, true)],
    // The sampler falls short only for want of chats (and then takes them all): the tile says so.
    [t('r_coverage'), `${f.coverage.atQuota}/${f.coverage.active}`, change(t, trend.coverageRate, true), undefined, short > 0 ? t('r_coverageShort', { n: short }) : ''],
    [t('r_repeat'), pct(f.repeatErrorRate), change(t, trend.repeatErrorRate, true)],
    [t('r_disputes'), `${f.disputes.opened} (${f.disputes.accepted})`, ''],
    // A change of a failure rate, in percentage points, and which way is good said in words (not by the sign alone).
    [
      t('r_effect'),
      effect.change === null ? '—' : t('r_points', { v: `${effect.change > 0 ? '+' : ''}${Math.round(effect.change * 1000) / 10}` }),
      '',
      t('r_effectHelp', { days: effect.window }),
      effect.change === null || effect.change === 0 ? '' : t(effect.change < 0 ? 'r_effectBetter' : 'r_effectWorse'),
    ],
  ];
  return (
    <div class="figures">
      {tiles.map(([label, value, delta, help, note]) => (
        <div class="figure" title={help}>
          <strong>{value}</strong>
          {label}
          {delta && <div class="meta">{delta}</div>}
          {note && <div class="meta">{note}</div>}
        </div>
      ))}
    </div>
  );
}
