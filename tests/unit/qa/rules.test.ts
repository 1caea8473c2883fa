import { describe, expect, it } from 'vitest';
import { runAutoQa, runRules } from '../../../src/qa/autoqa';
import { buildKeywordConfig } from '../../../src/qa/keywords';
import { DEFAULT_SCORECARDS } from '../../../src/qa/templates';
import type { QaConversation, QaMessage, Role } from '../../../src/qa/types';

const kw = buildKeywordConfig();
let n = 0;
const msg = (role: Role, text: string, at: number | null = null): QaMessage => ({ id: `m${++n}`, role, text, createdAt: at });
const conv = (messages: QaMessage[], extra: Partial<QaConversation> = {}): QaConversation => ({ messages, rating: null, locale: 'zh-CN', ...extra });
const hit = (c: QaConversation, rule: string, opts = {}) => runRules(c, kw, opts).hits.find((h) => h.rule === rule)!;

describe('banned phrases', () => {
  it('flags 不知道 and 你自己看 with spans into the original text', () => {
    const m = msg('agent', '不知道，你自己看详情页');
    const h = hit(conv([msg('customer', '有M码吗？'), m]), 'banned_phrases');
    expect(h.outcome).toBe('fail');
    expect(h.spans.map((s) => m.text.slice(s.start, s.end))).toEqual(expect.arrayContaining(['不知道', '你自己看']));
  });
  it('does not flag a polite question that contains the words', () => {
    expect(hit(conv([msg('agent', '您想知道哪款的尺码呢？不知道您方便说下身高吗')]), 'banned_phrases').outcome).toBe('pass');
  });
  it('matches English case-insensitively and full-width text', () => {
    expect(hit(conv([msg('agent', 'Whatever, I DON’T KNOW'.replace('’', "'"))]), 'banned_phrases').outcome).toBe('fail');
    expect(hit(conv([msg('agent', 'ＷＨＡＴＥＶＥＲ')]), 'banned_phrases').outcome).toBe('fail');
    expect(hit(conv([msg('agent', 'This is whatevery')]), 'banned_phrases').outcome).toBe('pass');
  });
});

describe('greeting, closing, unanswered, escalation', () => {
  it('checks the first reply for a greeting and the last for a closing', () => {
    const good = conv([msg('customer', 'hi'), msg('agent', '亲，您好！有的'), msg('agent', '还有什么可以帮您的吗？')]);
    expect(hit(good, 'greeting').outcome).toBe('pass');
    expect(hit(good, 'closing').outcome).toBe('pass');
    const bare = conv([msg('customer', 'hi'), msg('agent', 'M码有'), msg('agent', '拍吧')]);
    expect(hit(bare, 'greeting').outcome).toBe('fail');
    expect(hit(bare, 'closing').outcome).toBe('fail');
    expect(hit(conv([msg('customer', 'hello?')]), 'greeting').outcome).toBe('na');
  });
  it('finds a customer question left without a reply', () => {
    const c = conv([msg('customer', '有货吗'), msg('agent', '有的'), msg('customer', '什么时候发货？')]);
    expect(hit(c, 'unanswered')).toMatchObject({ outcome: 'fail', messageIds: [c.messages[2]!.id] });
    expect(hit(conv([msg('customer', 'Is it in stock?'), msg('agent', 'Yes')]), 'unanswered').outcome).toBe('pass');
  });
  it('marks escalation words as a signal', () => {
    expect(hit(conv([msg('customer', '我要投诉，给差评')]), 'escalation').outcome).toBe('fail');
    expect(hit(conv([msg('customer', 'I want a refund, this is terrible')]), 'escalation').outcome).toBe('fail');
  });
  it('leaves bot and system messages out of wording checks', () => {
    const c = conv([msg('customer', '在吗'), msg('bot', '不知道'), msg('agent', '您好，在的')]);
    expect(hit(c, 'banned_phrases').outcome).toBe('pass');
    expect(hit(c, 'greeting').outcome).toBe('pass');
  });
});

describe('timing', () => {
  const t0 = Date.UTC(2026, 10, 21, 2);
  it('measures first and average response, skipping bots, and is n/a without timestamps', () => {
    const c = conv([msg('customer', '在吗', t0), msg('bot', '稍等', t0 + 1000), msg('agent', '您好', t0 + 25_000), msg('customer', '有货吗', t0 + 60_000), msg('agent', '有', t0 + 160_000)]);
    expect(hit(c, 'first_response')).toMatchObject({ outcome: 'pass', detail: '25s' });
    expect(hit(c, 'avg_response')).toMatchObject({ outcome: 'fail', detail: '63s average' });
    expect(hit(conv([msg('customer', '在吗'), msg('agent', '在')]), 'first_response').outcome).toBe('na');
  });
  it('needs a waiting phrase before a slow reply', () => {
    const without = conv([msg('customer', '查下物流', t0), msg('agent', '已发货', t0 + 90_000)]);
    expect(hit(without, 'waiting_phrase').outcome).toBe('fail');
    const withPhrase = conv([msg('customer', '查下物流', t0), msg('agent', '请稍等，我帮您查一下', t0 + 10_000), msg('agent', '已发货', t0 + 100_000)]);
    expect(hit(withPhrase, 'waiting_phrase').outcome).toBe('pass');
    expect(hit(conv([msg('customer', 'hi', t0), msg('agent', 'hello', t0 + 5000)]), 'waiting_phrase').outcome).toBe('na');
  });
});

describe('runAutoQa', () => {
  const cards = (phase: 'pre_sales' | 'after_sales') => DEFAULT_SCORECARDS[phase];
  it('gives a clean chat full marks and a low risk, a diversion zero and critical', () => {
    const clean = runAutoQa(conv([msg('customer', '有M码吗？'), msg('agent', '亲，您好，有的'), msg('customer', '好的谢谢'), msg('agent', '还有什么可以帮您的吗？')]), cards, kw);
    expect(clean).toMatchObject({ score: 100, critical: false, phase: 'pre_sales' });
    const bad = runAutoQa(conv([msg('customer', '有M码吗？'), msg('agent', '您好，加我微信 shop_88888 吧')]), cards, kw);
    expect(bad).toMatchObject({ score: 0, critical: true });
    expect(bad.risk).toBeGreaterThan(clean.risk);
  });
  it('ranks an angry, badly rated chat above a thankful one', () => {
    const angry = runAutoQa(conv([msg('customer', '怎么还没到？？'), msg('agent', '在路上'), msg('customer', '太慢了，我要投诉')], { rating: 1 }), cards, kw);
    const happy = runAutoQa(conv([msg('customer', '到哪了'), msg('agent', '您好，明天到'), msg('customer', '好的谢谢')], { rating: 5 }), cards, kw);
    expect(angry.risk).toBeGreaterThan(80);
    expect(happy.risk).toBeLessThan(20);
    expect(angry.riskFactors[0]!.factor).toBe('bad_rating');
  });
  it('records banned keywords as sampling reasons', () => {
    const r = runAutoQa(conv([msg('customer', '有货吗'), msg('agent', '不知道')]), cards, kw);
    expect(r.keywordHits).toEqual(['keyword:不知道']);
  });
});
