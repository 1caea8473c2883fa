import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { customerKey } from '../../src/lib/customer-key';
import { decodeRuleMask } from '../../src/qa/rule-mask';
import { RULE_IDS } from '../../src/qa/types';

/**
 * Migration 0007 fills, for rows written before it, the customer key (src/lib/customer-key.ts) and the
 * failed-rule mask (src/qa/rule-mask.ts) in SQL. Its two UPDATEs run here, on D1, against a scratch
 * table shaped like the columns they touch, and must agree with the TypeScript that writes new rows.
 */
const migration = env.TEST_MIGRATIONS.find((m) => m.name.startsWith('0007_'))!;
const statement = (marker: string) => migration.queries.find((q) => q.includes(marker))!.replaceAll('`conversations`', '`m0007_conversations`');

describe('migration 0007 on rows written before it', () => {
  it('computes the customer key in SQL exactly as customerKey() does, and the mask of the failed rules', async () => {
    const db = env.DB_1!;
    await db.exec(
      'create table m0007_conversations (id text primary key, customer_external_id text, customer_key integer, qa_rules text, qa_rule_mask integer)',
    );
    const ids = ['cust-x', '', 'visitor_9f8e7d6c5b4a3e2d1c0b', '王先生', '😀 emoji', 'Z', 'x'.repeat(300), null];
    const rules = [null, '[]', '["greeting","diversion"]', JSON.stringify(RULE_IDS), '["not_a_rule","closing","closing"]', 'not json'];
    const insert = db.prepare('insert into m0007_conversations (id, customer_external_id, qa_rules) values (?, ?, ?)');
    await db.batch(ids.map((id, i) => insert.bind(`cv${i}`, id, rules[i % rules.length] ?? null)));
    // One row per rule, failing alone: its bit is its position in RULE_IDS.
    await db.batch(RULE_IDS.map((rule) => insert.bind(`rule-${rule}`, null, JSON.stringify([rule]))));

    await db.prepare(statement('WITH RECURSIVE fnv')).run();
    await db.prepare(statement('SET `qa_rule_mask`')).run();

    const rows = (
      await db.prepare('select id, customer_external_id, customer_key, qa_rules, qa_rule_mask from m0007_conversations').all<Record<string, unknown>>()
    ).results;
    await db.exec('drop table m0007_conversations');
    for (const r of rows) {
      expect(r.customer_key, String(r.customer_external_id)).toBe(r.customer_external_id === null ? null : customerKey(r.customer_external_id as string));
    }
    const mask = (id: string) => rows.find((r) => r.id === id)!.qa_rule_mask as number | null;
    for (const [i, rule] of RULE_IDS.entries()) expect(mask(`rule-${rule}`), rule).toBe(2 ** i);
    expect(mask('cv0')).toBeNull();
    expect(mask('cv1')).toBeNull();
    expect(decodeRuleMask(mask('cv2')!)).toEqual(['greeting', 'diversion']);
    expect(decodeRuleMask(mask('cv3')!)).toEqual([...RULE_IDS]);
    expect(decodeRuleMask(mask('cv4')!)).toEqual(['closing']);
    expect(mask('cv5')).toBeNull();
  });
});
