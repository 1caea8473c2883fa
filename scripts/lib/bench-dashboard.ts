import { writeFileSync } from 'node:fs';
import { seededRng } from '../../src/lib/random';
import { addDays, localMidnight } from '../../src/lib/time';

/**
 * SQL for a month of a large store's reviews: `agents` agents in 10 teams, each with `perDay` sampled
 * conversations a day, every one reviewed (about 1 in 100 twice, blind) on the 14 items of the store's
 * pre-sales scorecard, about 1 item in 10 failed. Written straight to D1, like the daily job's bench day;
 * POST /v1/jobs/rollups then builds the rollups from it as it would from any reviews.
 */
export function writeMonthSql(
  file: string,
  opts: {
    storeId: string;
    connectionId: string;
    scorecardId: string;
    itemIds: string[];
    reviewerIds: string[];
    from: string;
    days: number;
    agents: number;
    perDay: number;
    timezone: string;
  },
) {
  const rng = seededRng('bench-dashboard');
  const lines: string[] = [];
  const q = (s: string) => `'${s.replace(/'/g, "''")}'`;
  const agentRows = Array.from({ length: opts.agents }, (_, a) => `('dash-ag-${a}', ${q(opts.storeId)}, 'Agent ${a}', 'T${a % 10}', '2024-01-01', 0, 0, 1, 0)`);
  lines.push(`insert into agents (id, store_id, name, team, hired_at, excellent, unstable, active, created_from_ingest) values ${agentRows.join(',')};`);
  let conv: string[] = [];
  let sel: string[] = [];
  let rev: string[] = [];
  // D1 refuses statements over 100 KB: a review row with its items is ~600 B.
  // Reviews name their conversations: whenever reviews are written, the conversations go first.
  const flush = (force = false) => {
    const reviewsDue = rev.length > 0 && (force || rev.length >= 120);
    if (conv.length && (force || reviewsDue || conv.length >= 120)) {
      lines.push(
        `insert into conversations (id, store_id, connection_id, platform, external_id, agent_id, status, opened_at, last_message_at, closed_at) values ${conv.join(',')};`,
      );
      lines.push(`insert into sample_selections (store_id, date, agent_id, conversation_id, reason, must_review, quota) values ${sel.join(',')};`);
      conv = [];
      sel = [];
    }
    if (reviewsDue) {
      lines.push(
        `insert into reviews (id, store_id, conversation_id, agent_id, reviewer_id, sample_date, blind, status, scorecard_id, items, score, good_example, submitted_at, created_at) values ${rev.join(',')};`,
      );
      rev = [];
    }
  };
  for (let d = 0; d < opts.days; d++) {
    const date = addDays(opts.from, d);
    const start = localMidnight(date, opts.timezone) + 9 * 3600_000;
    for (let a = 0; a < opts.agents; a++) {
      for (let k = 0; k < opts.perDay; k++) {
        const id = `dash-cv-${d}-${a}-${k}`;
        const opened = start + rng.int(12 * 3600) * 1000;
        conv.push(
          `(${q(id)}, ${q(opts.storeId)}, ${q(opts.connectionId)}, 'generic', ${q(id)}, 'dash-ag-${a}', 'closed', ${opened}, ${opened + 300_000}, ${opened + 360_000})`,
        );
        sel.push(`(${q(opts.storeId)}, ${q(date)}, 'dash-ag-${a}', ${q(id)}, 'random', 0, 5)`);
        const reviewers = rng.chance(0.01) ? 2 : 1;
        for (let r = 0; r < reviewers; r++) {
          const items = opts.itemIds.map((itemId) => ({ itemId, outcome: rng.chance(0.1) ? 'fail' : 'pass' }));
          const failed = items.filter((i) => i.outcome === 'fail').length;
          const reviewer = opts.reviewerIds[(a + d + r) % opts.reviewerIds.length]!;
          rev.push(
            `('dash-rv-${d}-${a}-${k}-${r}', ${q(opts.storeId)}, ${q(id)}, 'dash-ag-${a}', ${q(reviewer)}, ${q(date)}, ${r}, 'submitted', ${q(opts.scorecardId)}, ${q(JSON.stringify(items))}, ${Math.max(0, 100 - failed * 7)}, 0, ${opened + 86_400_000}, ${opened + 3600_000})`,
          );
        }
        flush();
      }
    }
  }
  flush(true);
  writeFileSync(file, lines.join('\n'));
  return { conversations: opts.agents * opts.days * opts.perDay };
}

const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))]!;

/**
 * The month dashboard's p95 against one indexed point read (GET /v1/agents/:id) on the same store, the
 * two alternated so they share the machine's state; and the monthly and reviews CSV exports in rows/s.
 */
export async function benchDashboard(opts: { base: string; apiKey: string; date: string; month: string; agentId: string; runs: number }) {
  const get = async (path: string) => {
    const started = performance.now();
    const res = await fetch(`${opts.base}${path}`, { headers: { authorization: `Bearer ${opts.apiKey}` } });
    const text = await res.text();
    if (!res.ok) throw new Error(`${path}: ${res.status} ${text.slice(0, 200)}`);
    return { ms: performance.now() - started, text };
  };
  const dashboard = `/v1/dashboard?period=month&date=${opts.date}`;
  const team = `${dashboard}&team=T0`;
  const point = `/v1/agents/${opts.agentId}`;
  for (let i = 0; i < 3; i++) await Promise.all([get(dashboard), get(point)]); // warm-up
  const times = { dashboard: [] as number[], team: [] as number[], point: [] as number[] };
  for (let i = 0; i < opts.runs; i++) {
    times.dashboard.push((await get(dashboard)).ms);
    times.point.push((await get(point)).ms);
    times.team.push((await get(team)).ms);
  }
  const monthly = await get(`/v1/exports/monthly.csv?month=${opts.month}`);
  const monthlyRows = monthly.text.split('\r\n').length - 2;
  // A week of reviews item by item (~200,000 rows): enough to measure the stream's pace.
  const reviews = await get(`/v1/exports/reviews.csv?from=${opts.month}-01&to=${addDays(`${opts.month}-01`, 6)}`);
  const reviewRows = reviews.text.split('\r\n').length - 2;
  return {
    dashboard_p95_ms: p95(times.dashboard),
    dashboard_team_p95_ms: p95(times.team),
    point_read_p95_ms: p95(times.point),
    dashboard_ratio: p95(times.dashboard) / p95(times.point),
    export_rows_per_s: monthlyRows / (monthly.ms / 1000),
    export_monthly_rows: monthlyRows,
    export_reviews_rows_per_s: reviewRows / (reviews.ms / 1000),
    export_reviews_rows: reviewRows,
    export_reviews_mb: reviews.text.length / 1e6,
    work: `${opts.runs} alternated requests each: the month dashboard of 350 agents (and of one team of 35), and GET /v1/agents/:id; then the monthly report and a week of reviews as CSV`,
  };
}
