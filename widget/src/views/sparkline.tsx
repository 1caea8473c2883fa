/** A tiny 14-day line for the team view; its values are also in its accessible name. */
export function Sparkline({ values, label }: { values: (number | null)[]; label: string }) {
  const w = 84;
  const h = 20;
  const step = w / Math.max(values.length - 1, 1);
  const points = values.map((v, i) => (v === null ? null : `${(i * step).toFixed(1)},${(h - (Math.max(v, 50) - 50) * (h / 50)).toFixed(1)}`));
  const text = values.map((v) => (v === null ? '—' : Math.round(v))).join(', ');
  return (
    <svg class="spark" viewBox={`-2 -2 ${w + 4} ${h + 4}`} width={w} height={h} role="img" aria-label={`${label}: ${text}`}>
      <polyline points={points.filter(Boolean).join(' ')} />
      {points.map((p) => p && <circle cx={p.split(',')[0]} cy={p.split(',')[1]} r={1.5} />)}
    </svg>
  );
}
