import { formatShortDay } from '../../dates';
import type { Locale, T } from '../../i18n/messages';
import type { Dashboard } from '../../types';

const W = 320;
const H = 120;
const PAD = { left: 26, right: 8, top: 8, bottom: 18 };

/** The daily average score of the period as a small inline SVG line; days without reviews are gaps. */
export function SeriesChart({ series, t, locale }: { series: Dashboard['series']; t: T; locale: Locale }) {
  if (series.length < 2) return null;
  const values = series.map((s) => s.averageScore);
  const known = values.filter((v): v is number => v !== null);
  if (!known.length) return null;
  const floor = Math.max(0, Math.min(60, Math.floor(Math.min(...known) / 10) * 10));
  const x = (i: number) => PAD.left + (i * (W - PAD.left - PAD.right)) / (series.length - 1);
  const y = (v: number) => PAD.top + ((100 - v) * (H - PAD.top - PAD.bottom)) / (100 - floor);
  const lines: string[][] = [[]];
  for (const [i, v] of values.entries()) {
    if (v === null) lines.push([]);
    else lines.at(-1)!.push(`${x(i).toFixed(1)},${y(v).toFixed(1)}`);
  }
  const first = series[0]!.date;
  const last = series.at(-1)!.date;
  const summary = t('r_chartSummary', { from: first, to: last, values: values.map((v) => (v === null ? '—' : v)).join(', ') });
  return (
    <svg class="chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`${t('r_chartTitle')}. ${summary}`}>
      {[floor, 100].map((v) => (
        <g class="grid" key={v}>
          <line x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} />
          <text x={PAD.left - 4} y={y(v) + 3} text-anchor="end">
            {v}
          </text>
        </g>
      ))}
      <text x={PAD.left} y={H - 4}>
        {formatShortDay(first, locale)}
      </text>
      <text x={W - PAD.right} y={H - 4} text-anchor="end">
        {formatShortDay(last, locale)}
      </text>
      {lines
        .filter((l) => l.length)
        .map((l) => (
          <polyline class="own" points={l.join(' ')} />
        ))}
      {values.map((v, i) => v !== null && <circle class="own" cx={x(i)} cy={y(v)} r={2} />)}
    </svg>
  );
}
