import { describe, expect, it } from 'vitest';
import { runAutoQa } from '../../../src/qa/autoqa';
import { buildKeywordConfig } from '../../../src/qa/keywords';
import { DEFAULT_SCORECARDS } from '../../../src/qa/templates';
import type { QaConversation, RuleHit, RuleId } from '../../../src/qa/types';
import { conv, hit, kw, msg } from './helpers';

/** A chat from lines: "C:" the customer, "A:" the agent. */
const chat = (...lines: string[]) => conv(lines.map((l) => msg(l.startsWith('C:') ? 'customer' : 'agent', l.slice(2))));
const outcome = (c: QaConversation, rule: RuleId) => hit(c, rule).outcome;
/** Every span is the text at its offsets in the message it names. */
function expectSpansInText(c: QaConversation, h: RuleHit) {
  for (const s of h.spans) expect(c.messages.find((m) => m.id === s.messageId)!.text.slice(s.start, s.end)).toBe(s.text);
  for (const s of h.spans) expect(h.messageIds).toContain(s.messageId);
}

describe('needs exploration', () => {
  it('passes when the agent asks about use, size or budget before recommending (zh-CN, en)', () => {
    const zh = chat('C:想买件羽绒服，推荐哪款？', 'A:您平时在北方穿吗？身高体重多少呢？', 'C:175，70公斤', 'A:推荐这款加厚的，L码');
    const h = hit(zh, 'needs_exploration');
    expect(h).toMatchObject({ outcome: 'pass', messageIds: [zh.messages[1]!.id] });
    expectSpansInText(zh, h);
    const en = chat('C:Which one would you recommend for running?', 'A:How often do you run, and what is your budget?', 'C:Twice a week', 'A:I recommend the Air model');
    expect(outcome(en, 'needs_exploration')).toBe('pass');
  });

  it('fails a recommendation made without a question about needs, naming it (zh-CN, en)', () => {
    const zh = chat('C:推荐哪款？', 'A:推荐这款，卖得最好');
    expect(hit(zh, 'needs_exploration')).toMatchObject({ outcome: 'fail', messageIds: [zh.messages[1]!.id], spans: [{ text: '推荐' }] });
    expect(outcome(chat('C:Which one should I buy?', 'A:I recommend the Air model'), 'needs_exploration')).toBe('fail');
  });

  it('trap: a courtesy question before the recommendation explores nothing', () => {
    expect(outcome(chat('C:推荐哪款？', 'A:您好，请问有什么可以帮您？', 'A:推荐这款'), 'needs_exploration')).toBe('fail');
    expect(outcome(chat('C:Which one would you recommend?', 'A:Hello, how can I help?', 'A:I recommend the Air model'), 'needs_exploration')).toBe('fail');
  });

  it('passes when the customer already gave their needs', () => {
    expect(hit(chat('C:我身高175，体重70公斤，推荐哪个尺码？', 'A:推荐L码'), 'needs_exploration')).toMatchObject({ outcome: 'pass', detail: 'the customer gave their needs' });
  });

  it('is not applicable without a recommendation asked for or given', () => {
    expect(outcome(chat('C:有L码吗？', 'A:有的'), 'needs_exploration')).toBe('na');
    expect(outcome(chat('C:Is it in stock?', 'A:Yes'), 'needs_exploration')).toBe('na');
  });
});

describe('solution offered', () => {
  it('passes a concrete step, option or policy, with the phrases as evidence (zh-CN, en)', () => {
    const zh = chat('C:手机连不上网怎么办？', 'A:您好，您可以在设置里重启网络，即可恢复');
    const h = hit(zh, 'solution_offered');
    expect(h).toMatchObject({ outcome: 'pass', messageIds: [zh.messages[1]!.id] });
    expect(h.spans.map((s) => s.text)).toEqual(expect.arrayContaining(['您可以', '设置']));
    expectSpansInText(zh, h);
    expect(outcome(chat('C:The app keeps crashing', 'A:Please try to reinstall it from the store, that fixes it'), 'solution_offered')).toBe('pass');
  });

  it('passes a plain answer to a question', () => {
    expect(outcome(chat('C:黑色和灰色哪个更耐脏？', 'A:黑色更耐脏一些'), 'solution_offered')).toBe('pass');
    expect(outcome(chat('C:Does it run small?', 'A:It fits true to size'), 'solution_offered')).toBe('pass');
  });

  it('trap: an apology followed by nothing is no solution (zh-CN, en)', () => {
    const zh = chat('C:我的快递怎么还没到？', 'A:非常抱歉给您带来不便');
    expect(hit(zh, 'solution_offered')).toMatchObject({ outcome: 'fail', messageIds: [zh.messages[1]!.id] });
    expect(outcome(chat('C:My parcel has not arrived', "A:I'm so sorry about that"), 'solution_offered')).toBe('fail');
  });

  it('trap: a "solution" that is only "please wait" is none (zh-CN, en)', () => {
    expect(outcome(chat('C:退款什么时候到？', 'A:请稍等'), 'solution_offered')).toBe('fail');
    expect(outcome(chat('C:退款什么时候到？', 'A:建议您耐心等待'), 'solution_offered')).toBe('fail');
    expect(outcome(chat('C:When will my refund arrive?', 'A:Please wait'), 'solution_offered')).toBe('fail');
    expect(outcome(chat('C:When will my refund arrive?', 'A:Please be patient, we are looking into it'), 'solution_offered')).toBe('fail');
  });

  it('trap: deflection is no solution, even phrased as advice', () => {
    expect(outcome(chat('C:宽带又断了', 'A:您好，建议您私信提供账号，我们会反馈给相关部门'), 'solution_offered')).toBe('fail');
    expect(outcome(chat('C:My internet is down again', 'A:Please DM us your details and we will pass it on'), 'solution_offered')).toBe('fail');
  });

  it('passes on the customer confirming it is solved; thanks alone is no such evidence', () => {
    const solved = chat('C:宽带断了', 'A:抱歉', 'C:现在好了，解决了');
    expect(hit(solved, 'solution_offered')).toMatchObject({ outcome: 'pass', messageIds: [solved.messages[2]!.id], detail: 'the customer confirmed it is solved' });
    expect(outcome(chat('C:My internet is down', 'A:Sorry', 'C:It works now'), 'solution_offered')).toBe('pass');
    expect(outcome(chat('C:宽带断了', 'A:抱歉', 'C:好的谢谢'), 'solution_offered')).toBe('fail');
    expect(outcome(chat('C:My internet is down', 'A:Sorry', 'C:thanks'), 'solution_offered')).toBe('fail');
    // Asking whether it is solved, or saying it is not, confirms nothing.
    expect(outcome(chat('C:宽带断了', 'A:抱歉', 'C:解决了吗？'), 'solution_offered')).toBe('fail');
    expect(outcome(chat('C:宽带断了', 'A:抱歉', 'C:还没好'), 'solution_offered')).toBe('fail');
  });

  it('is not applicable when nothing is asked or there is no reply', () => {
    expect(outcome(chat('C:在吗', 'A:在的'), 'solution_offered')).toBe('na');
    expect(outcome(chat('C:hello', 'A:Hi!'), 'solution_offered')).toBe('na');
    expect(outcome(chat('C:有货吗？'), 'solution_offered')).toBe('na');
  });
});

describe('soothing', () => {
  it('passes when the agent acknowledges the frustration and acts (zh-CN, en), naming all three', () => {
    const zh = chat('C:怎么还没发货？太慢了', 'A:非常理解您着急的心情，已为您催促仓库，今天16点前发出');
    const h = hit(zh, 'soothing');
    expect(h.outcome).toBe('pass');
    expect(h.spans.map((s) => s.text)).toEqual(expect.arrayContaining(['怎么还', '理解您']));
    expect(h.messageIds).toEqual([zh.messages[0]!.id, zh.messages[1]!.id]);
    expectSpansInText(zh, h);
    const en = chat('C:This is ridiculous, still not delivered', "A:I'm sorry, I understand how frustrating this is. I have reshipped it, it arrives tomorrow");
    expect(outcome(en, 'soothing')).toBe('pass');
  });

  it('trap: an apology alone is not enough (zh-CN, en)', () => {
    expect(hit(chat('C:怎么还没发货？太慢了', 'A:非常抱歉'), 'soothing')).toMatchObject({ outcome: 'fail', detail: 'acknowledged, then no action' });
    expect(outcome(chat('C:This is ridiculous', "A:I'm so sorry about that"), 'soothing')).toBe('fail');
    // Acknowledged, then only asked to wait.
    expect(outcome(chat('C:怎么还没到？', 'A:理解您的心情，请耐心等待'), 'soothing')).toBe('fail');
  });

  it('fails acting without acknowledging the frustration', () => {
    expect(hit(chat('C:怎么还没发货？太慢了', 'A:已为您催促仓库，今天发出'), 'soothing')).toMatchObject({ outcome: 'fail', detail: 'frustration not acknowledged' });
    expect(outcome(chat('C:This is ridiculous', 'A:I have reshipped it today'), 'soothing')).toBe('fail');
  });

  it('is not applicable without frustration; asking for a refund is not frustration', () => {
    expect(outcome(chat('C:有L码吗？', 'A:有的'), 'soothing')).toBe('na');
    expect(outcome(chat('C:我想申请退款', 'A:好的，您在订单里申请即可'), 'soothing')).toBe('na');
    expect(outcome(chat('C:Can I get a refund?', 'A:Yes, request it in your order page'), 'soothing')).toBe('na');
  });
});

describe('process handling', () => {
  it('passes when the agent states the after-sales process (zh-CN, en)', () => {
    const zh = chat('C:衣服小了想换货', 'A:可以的，您在订单里申请换货，寄回后我们重新发货');
    const h = hit(zh, 'process_handling');
    expect(h).toMatchObject({ outcome: 'pass', messageIds: [zh.messages[1]!.id] });
    expect(h.spans.map((s) => s.text)).toEqual(expect.arrayContaining(['申请', '换货', '寄回']));
    expect(outcome(chat('C:I want to return these shoes', 'A:Sure, request a return in your order page within 7 days'), 'process_handling')).toBe('pass');
  });

  it('trap: an apology or a deflection that names the matter states no process', () => {
    const zh = chat('C:退款还没到账', 'A:抱歉，关于您的退款我们会反馈');
    expect(hit(zh, 'process_handling')).toMatchObject({ outcome: 'fail', messageIds: [zh.messages[0]!.id], spans: [{ text: '退款' }] });
    expect(outcome(chat('C:Where is my refund?', 'A:Sorry, we will look into your refund'), 'process_handling')).toBe('fail');
  });

  it('is not applicable without an after-sales matter', () => {
    expect(outcome(chat('C:有L码吗？', 'A:有的'), 'process_handling')).toBe('na');
  });
});

describe('the business items on the scorecard', () => {
  const cards = (p: 'pre_sales' | 'after_sales') => DEFAULT_SCORECARDS[p];
  const good = chat('C:我的快递怎么还没到？订单号 2311051234567890', 'A:抱歉让您久等了，已为您联系快递加急，预计明天送达', 'C:好的');
  const bad = chat('C:我的快递怎么还没到？订单号 2311051234567890', 'A:抱歉', 'C:？？');

  it('pre-fills solution, soothing, process handling, accuracy and proactiveness from the rules', () => {
    const r = runAutoQa(good, cards, kw);
    const of = (id: string) => r.items.find((i) => i.itemId === id)!.outcome;
    expect(r.phase).toBe('after_sales');
    expect([of('process_handling'), of('solution'), of('soothing'), of('accuracy'), of('proactiveness')]).toEqual(['pass', 'pass', 'pass', 'pass', 'pass']);
    expect([of('expression'), of('retention'), of('risk_awareness')]).toEqual([null, null, null]);
    expect(runAutoQa(bad, cards, kw).score).toBeLessThan(r.score);
  });

  it('leaves an item the store switched off to review', () => {
    const r = runAutoQa(bad, cards, kw, { manualItems: ['solution', 'soothing'] });
    const of = (id: string) => r.items.find((i) => i.itemId === id)!.outcome;
    expect([of('solution'), of('soothing'), of('process_handling')]).toEqual([null, null, 'fail']);
    // Its rule still runs and keeps its evidence for the reviewer.
    expect(r.hits.find((h) => h.rule === 'solution_offered')!.outcome).toBe('fail');
  });

  it('reads the store’s phrase lists: an added solution phrase counts, a removed deflection no longer takes it back', () => {
    const c = chat('C:宽带又断了', 'A:麻烦拔插一下光猫');
    expect(outcome(c, 'solution_offered')).toBe('pass'); // an answer in substance
    const deflected = chat('C:宽带又断了', 'A:建议您私信我们');
    expect(outcome(deflected, 'solution_offered')).toBe('fail');
    const store = buildKeywordConfig({ 'zh-CN': { deflection: { add: [], remove: ['建议您私信', '私信'] } } });
    expect(hit(deflected, 'solution_offered', {}, store).outcome).toBe('pass');
    const en = buildKeywordConfig({ en: { solution: { add: ['power-cycle'], remove: [] } } });
    const h = hit(chat('C:My router is down, it keeps blinking', 'A:Sorry! power-cycle the router'), 'solution_offered', {}, en);
    expect(h.spans.map((s) => s.text)).toEqual(['power-cycle']);
  });
});
