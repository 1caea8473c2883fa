import type { Trend } from '../coaching-types';
import { formatShortDay } from '../dates';
import type { Locale } from '../i18n/messages';

const W = 320;
const H = 140;
const PAD = { left: 28, right: 8, top: 8, bottom: 20 };

/** Polyline segments, broken where a day has no value (a day without reviews is a gap, not a zero). */
function segments(values: (number | null)[], x: (i: number) => number, y: (v: number) => number): string[] {
  const out: string[] = [];
  let current: string[] = [];
  values.forEach((v, i) => {
    if (v === null) {
      if (current.length) out.push(current.join(' '));
      current = [];
    } else current.push(`${x(i).toFixed(1)},${y(v).toFixed(1)}`);
  });
  if (current.length) out.push(current.join(' '));
  return out;
}

/**
 * The agent's daily average (solid line, dots) against the team's (dashed line), as a small inline SVG.
 * Screen readers get the title and summary; the table beside it holds every figure.
 */
export function TrendChart({ trend, locale, title, summary }: { trend: Trend; locale: Locale; title: string; summary: string }) {
  const own = trend.days.map((d) => d.score);
  const team = trend.days.map((d) => d.teamScore);
  const known = [...own, ...team].filter((v): v is number => v !== null);
  const floor = Math.max(0, Math.min(60, Math.floor(Math.min(...known, 100) / 10) * 10));
  const n = Math.max(trend.days.length - 1, 1);
  const x = (i: number) => PAD.left + (i * (W - PAD.left - PAD.right)) / n;
  const y = (v: number) => PAD.top + ((100 - v) * (H - PAD.top - PAD.bottom)) / (100 - floor);
  return (
    <svg class="chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby="trend-svg-title trend-svg-desc">
      <title id="trend-svg-title">{title}</title>
      <desc id="trend-svg-desc">{summary}</desc>
      {[floor, (floor + 100) / 2, 100].map((v) => (
        <g key={v} class="grid">
          <line x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} />
          <text x={PAD.left - 4} y={y(v) + 3} text-anchor="end">
            {v}
          </text>
        </g>
      ))}
      <text class="axis" x={PAD.left} y={H - 4}>
        {formatShortDay(trend.from, locale)}
      </text>
      <text class="axis" x={W - PAD.right} y={H - 4} text-anchor="end">
        {formatShortDay(trend.to, locale)}
      </text>
      {segments(team, x, y).map((points) => (
        <polyline class="team" points={points} />
      ))}
      {segments(own, x, y).map((points) => (
        <polyline class="own" points={points} />
      ))}
      {own.map((v, i) => v !== null && <circle class="own" cx={x(i)} cy={y(v)} r={2.5} />)}
    </svg>
  );
}
