import { writeFileSync } from 'node:fs';
import { localMidnight } from '../../src/lib/time';
import { seededRng } from '../../src/lib/random';

/**
 * SQL for a large store's day: `agents` agents with `perAgent` ended, scored conversations each (their
 * AutoQA summary, on version 1 of the store's scorecards), spread over the local day. Written straight to D1 (ingesting 52,500 conversations by webhook would take the
 * benchmark's whole budget); the daily job then reads it as it would any day.
 */
export function writeDaySql(file: string, opts: { storeId: string; connectionId: string; date: string; timezone: string; agents: number; perAgent: number }) {
  const rng = seededRng('bench-daily');
  const start = localMidnight(opts.date, opts.timezone);
  const lines: string[] = [];
  const agentRows: string[] = [];
  for (let a = 0; a < opts.agents; a++) {
    agentRows.push(`('bench-ag-${a}', '${opts.storeId}', 'Agent ${a}', ${a % 10 === 0 ? "'2026-11-10'" : "'2024-01-01'"}, ${a % 25 === 0 ? 1 : 0}, 0, 1, 0)`);
  }
  lines.push(`insert into agents (id, store_id, name, hired_at, excellent, unstable, active, created_from_ingest) values ${agentRows.join(',\n')};`);
  let conv: string[] = [];
  const flush = () => {
    if (!conv.length) return;
    lines.push(
      `insert into conversations (id, store_id, connection_id, platform, external_id, agent_id, status, opened_at, last_message_at, closed_at, rating, qa_scorecard_version, qa_phase, qa_score, qa_risk, qa_critical, qa_escalation, qa_keyword_hits, qa_rule_mask) values ${conv.join(',\n')};`,
    );
    conv = [];
  };
  for (let a = 0; a < opts.agents; a++) {
    for (let k = 0; k < opts.perAgent; k++) {
      const id = `bench-cv-${a}-${k}`;
      const opened = start + (8 * 3600 + rng.int(15 * 3600)) * 1000;
      const rating = rng.chance(0.3) ? 1 + rng.int(5) : null;
      const phase = a % 2 ? 'after_sales' : 'pre_sales';
      const critical = rng.chance(0.005) ? 1 : 0;
      const keyword = rng.chance(0.02) ? `'["keyword:不知道"]'` : 'null';
      // The same draws in the same order as ever, so the bench day does not change.
      const score = critical ? 0 : 60 + rng.int(41);
      const risk = rng.int(100);
      const escalation = rng.chance(0.03) ? 1 : 0;
      conv.push(
        `('${id}', '${opts.storeId}', '${opts.connectionId}', 'generic', '${id}', 'bench-ag-${a}', 'closed', ${opened}, ${opened + 300_000}, ${opened + 360_000}, ${rating ?? 'null'}, 1, '${phase}', ${score}, ${risk * 10}, ${critical}, ${escalation}, ${keyword}, null)`,
      );
      // D1 refuses statements over 100 KB.
      if (conv.length >= 200) flush();
    }
  }
  flush();
  writeFileSync(file, lines.join('\n'));
}

/** SQL that submits every review of the day: a third with two findings (closing, expression), the rest all passed. */
export function writeSubmittedReviewsSql(file: string, storeId: string, date: string, at: number) {
  const ids = ['polite_language', 'reply_speed', 'greeting', 'waiting_phrase', 'closing', 'product_knowledge', 'needs_exploration', 'solution', 'expression', 'accuracy', 'taboos', 'risk_awareness', 'proactiveness', 'sales_awareness'];
  const items = (failing: string[]) => JSON.stringify(ids.map((itemId) => (failing.includes(itemId) ? { itemId, outcome: 'fail', comment: '未达标' } : { itemId, outcome: 'pass' })));
  const where = `store_id = '${storeId}' and sample_date = '${date}' and status = 'pending'`;
  writeFileSync(
    file,
    [
      `update reviews set status = 'submitted', score = 80, items = '${items(['closing', 'expression'])}', submitted_at = ${at} where ${where} and rowid % 3 = 0;`,
      `update reviews set status = 'submitted', score = 100, items = '${items([])}', submitted_at = ${at} where ${where};`,
    ].join('\n'),
  );
}
