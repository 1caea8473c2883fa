import { parse } from 'csv-parse/browser/esm/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { exports } from 'cloudflare:workers';
import { BASE, call, expectError } from '../helpers/api';
import { buildHistory, COMMENT, D1, D2 } from '../helpers/history';

let h: Awaited<ReturnType<typeof buildHistory>>;
let lead: string;
let manager: string;

/** Downloads a CSV and parses it back with csv-parse, checking the byte order mark first. */
async function download(path: string, token = h.apiKey) {
  const res = await call('GET', path, { token });
  return { ...res, rows: res.status === 200 ? (parse(res.text, { bom: true }) as string[][]) : [] };
}

/** The response itself, to read its bytes (a text() read hides the byte order mark). */
const rawGet = (path: string, token: string) => (exports as unknown as { default: Fetcher }).default.fetch(new Request(`${BASE}${path}`, { headers: { authorization: `Bearer ${token}` } }));

beforeAll(async () => {
  h = await buildHistory();
  const mint = async (body: unknown) => (await call('POST', '/v1/widget-tokens', { token: h.apiKey, body })).json.token as string;
  lead = await mint({ sub: 'lead-1', role: 'lead', team: '售前' });
  manager = await mint({ sub: 'boss', role: 'manager' });
}, 60_000);

describe('GET /v1/exports/reviews.csv', () => {
  it('is UTF-8 with a BOM, one row per scorecard item of every submitted review, headers in Chinese', async () => {
    const res = await rawGet(`/v1/exports/reviews.csv?from=${D1}&to=${D2}`, manager);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="shopqa-reviews-${D1}-${D2}.csv"`);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    expect(text).toMatch(/^\uFEFF日期,客服,组,质检员/);
    const rows = parse(text, { bom: true, columns: true }) as Record<string, string>[];
    // 16 primary reviews and 4 blind second reviews, 14 items each.
    expect(rows).toHaveLength(20 * 14);
    expect(rows.filter((r) => r['校准复核'] === '是')).toHaveLength(4 * 14);
    expect(new Set(rows.map((r) => r['日期']))).toEqual(new Set([D1, D2]));
  });

  it('keeps commas, quotes and line breaks inside Chinese text, and gives outcomes, phases and items as words', async () => {
    const rows = parse((await call('GET', `/v1/exports/reviews.csv?from=${D2}&to=${D2}`, { token: h.apiKey })).text, { bom: true, columns: true }) as Record<string, string>[];
    const failed = rows.filter((r) => r['结果'] === '未通过' && r['校准复核'] === '否');
    // D2's primary failures: greeting ×3, closing ×2, expression ×1.
    expect(failed.map((r) => r['质检项']).sort()).toEqual(['开头语', '开头语', '开头语', '结束语', '结束语', '表达技巧'].sort());
    for (const r of failed) {
      expect(r['扣分说明']).toBe(COMMENT);
      expect(r['得分']).toBe('0');
    }
    const greeting = failed.find((r) => r['质检项'] === '开头语' && r['客服'] === '小美')!;
    expect(greeting).toMatchObject({ '阶段': '售前', '类别': '服务规范', '满分': '5', '总分': '95', '是否合格': '否', '评分表版本': '1' });
    expect(greeting['提交时间']).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d$/);
    expect(greeting['会话编号']).toMatch(/^A-2026-11-21-\d$/);
    expect(rows.find((r) => r['结果'] === '通过')!['得分']).not.toBe('0');
  });

  it('writes English headers and words for lang=en', async () => {
    const { rows } = await download(`/v1/exports/reviews.csv?from=${D2}&to=${D2}&lang=en`);
    expect(rows[0]!.slice(0, 4)).toEqual(['Date', 'Agent', 'Team', 'Reviewer']);
    expect(new Set(rows.slice(1).map((r) => r[12]))).toEqual(new Set(['Pass', 'Fail']));
    expect(rows.slice(1).some((r) => r[11] === 'Greeting')).toBe(true);
  });

  it("a lead's export holds their team only", async () => {
    const rows = parse((await call('GET', `/v1/exports/reviews.csv?from=${D1}&to=${D2}`, { token: lead })).text, { bom: true, columns: true }) as Record<string, string>[];
    expect(new Set(rows.map((r) => r['客服']))).toEqual(new Set(['小美', '阿杰']));
    expect(rows.every((r) => r['组'] === '售前')).toBe(true);
  });

  it('refuses bad ranges and roles without reports', async () => {
    expectError(await call('GET', `/v1/exports/reviews.csv?from=${D2}&to=${D1}`, { token: h.apiKey }), 400, 'invalid_request', 'to');
    expectError(await call('GET', '/v1/exports/reviews.csv?from=2026-01-01&to=2026-12-31', { token: h.apiKey }), 400, 'invalid_request', 'to');
    expectError(await call('GET', `/v1/exports/reviews.csv?from=${D1}`, { token: h.apiKey }), 400, 'invalid_request', 'to');
    const qa = (await call('POST', '/v1/widget-tokens', { token: h.apiKey, body: { sub: h.reviewers[0], role: 'qa' } })).json.token;
    expectError(await call('GET', `/v1/exports/reviews.csv?from=${D1}&to=${D2}`, { token: qa }), 403, 'forbidden');
  });
});

describe('GET /v1/exports/monthly.csv', () => {
  it('a row per agent, then per team and for the store, from the month rollups', async () => {
    const { rows, headers } = await download('/v1/exports/monthly.csv?month=2026-11');
    expect(headers.get('content-disposition')).toBe('attachment; filename="shopqa-monthly-2026-11.csv"');
    expect(rows[0]).toEqual(['月份', '组', '客服', '质检数', '平均分', '合格率(%)', '在岗天数', '抽检达标天数', '覆盖率(%)', '较上月平均分', '失分最多的项目', '申诉数', '申诉成立数', '重复错误率(%)', '辅导效果(百分点)']);
    const byLabel = Object.fromEntries(rows.slice(1).map((r) => [`${r[1]}/${r[2]}`, r]));
    // 小美: 7 reviews, 680 → 97.1, 3 passed (42.9%), 2 days active, 1 at quota; greeting failed 3 times, closing once.
    // She disputed one item (open), and failed greeting again 2 of the 5 times it was checked after her card (40%).
    expect(byLabel['售前/小美']).toEqual(['2026-11', '售前', '小美', '7', '97.1', '42.9', '2', '1', '50', '', '开头语 ×3; 结束语 ×1', '1', '0', '40', '']);
    expect(byLabel['售前/阿杰']!.slice(3, 15)).toEqual(['3', '93.3', '33.3', '1', '0', '0', '', '结束语 ×1; 表达技巧 ×1; 开头语 ×1', '1', '0', '', '']);
    expect(byLabel['售后/老王']!.slice(3, 15)).toEqual(['6', '100', '100', '2', '1', '50', '', '', '0', '0', '', '']);
    // Team 售前: 10 reviews, 960 → 96, 4 passed; store: 16, 1560 → 97.5, 10 passed (62.5%), 5 agent-days, 2 at quota.
    expect(byLabel['售前/合计']!.slice(3, 9)).toEqual(['10', '96', '40', '3', '1', '33.3']);
    expect(byLabel['全店/合计']!.slice(3, 14)).toEqual(['16', '97.5', '62.5', '5', '2', '40', '', '', '2', '0', '40']);
    // Coaching effectiveness is the store's: the dashboard's month figure, in percentage points.
    const month = (await call('GET', '/v1/dashboard?period=month&date=2026-11-01', { token: h.apiKey })).json.coachingEffectiveness.change;
    expect(byLabel['全店/合计']![14]).toBe(month === null ? '' : String(Math.round(month * 1000) / 10));
    expect(rows).toHaveLength(1 + 3 + 2 + 1);
  });

  it("a lead's monthly report holds their team and no store total; lang=en speaks English", async () => {
    const { rows } = await download('/v1/exports/monthly.csv?month=2026-11&lang=en', lead);
    expect(rows[0]![0]).toBe('Month');
    expect(rows.slice(1).map((r) => `${r[1]}/${r[2]}`)).toEqual(['售前/小美', '售前/阿杰', '售前/Total']);
    expectError(await call('GET', '/v1/exports/monthly.csv?month=2026-13', { token: h.apiKey }), 400, 'invalid_request', 'month');
  });
});
