import { describe, expect, it } from 'vitest';
import type { QaMessage } from '../../../src/qa/types';
import { conv, hit, msg } from './helpers';

// The two critical rules behind the scorecards' taboos item: diversion and abuse.
const diversion = (...messages: QaMessage[]) => hit(conv(messages), 'diversion');
const agentSays = (text: string) => diversion(msg('customer', '在吗'), msg('agent', text));
const abusiveIn = (text: string) => hit(conv([msg('customer', '怎么截长图'), msg('agent', text)]), 'abusive');
const spanTexts = (h: ReturnType<typeof diversion>) => h.spans.map((s) => s.text);

describe('diversion: what it catches', () => {
  it.each([
    ['加我微信 abc_12345 详聊', 'a zh handle'],
    ['vx：shop8899x', 'a vx handle'],
    ['V信 xiaomei_88', 'V信'],
    ['我的手机13812345678', 'a CN mobile'],
    ['电话 138 1234 5678', 'spaced digits'],
    ['号码 1３８-1２３4-5６78', 'full-width digits and dashes'],
    ['打138****5678', 'a masked number, as stored'],
    ['QQ 123456789', 'a QQ number'],
    ['扣扣：987654321', '扣扣'],
    ['mail me at z***@qq.com', 'a masked e-mail address'],
    ['Add me on WeChat: amy_shop88', 'an en handle'],
    ['see https://cheap-deals.xyz/item', 'a link'],
    ['call +86 139 1234 5678', 'an international number'],
    // Fewer than nine digits and no @ or .: only the cue word, inside a word, tells these apart.
    ['我的qq12345678', 'a QQ number glued to its cue'],
    ['企鹅 12345678', '企鹅 and eight digits'],
    ['mywechat:shopamy', 'a WeChat cue inside a word'],
  ])('fails %s (%s), with the span', (text) => {
    const h = agentSays(text);
    expect(h).toMatchObject({ outcome: 'fail', critical: true });
    expect(h.spans.length).toBeGreaterThan(0);
  });

  it('ignores a customer giving their own number', () => {
    expect(diversion(msg('customer', '我电话13812345678'), msg('agent', '好的亲'))).toMatchObject({ outcome: 'pass' });
  });
});

describe('diversion: the customer’s own contact read back', () => {
  it.each([
    ['我电话13812345678', '您的号码是138****5678吗', 'masked by the agent'],
    ['我电话138****5678', '好的，13812345678 对吗', 'masked as the customer’s message was stored'],
    ['手机 138 1234 5678', '13812345678 是吗', 'spaced by the customer'],
    ['电话１３８１２３４５６７８', '138****5678 对吗', 'full-width digits from the customer'],
    ['mail amy_li@qq.com', 'We will mail amy_li@qq.com', 'an e-mail address'],
    ['mail a***@qq.com', 'We will mail a***@qq.com', 'a masked e-mail address'],
    ['我电话13812345678', '您的号码是 +86 138 1234 5678 吗', 'with the country code'],
  ])('passes: customer %s, agent %s (%s)', (fromCustomer, fromAgent) => {
    expect(diversion(msg('customer', fromCustomer), msg('agent', fromAgent))).toMatchObject({ outcome: 'pass', spans: [] });
  });

  it('still fails on a different number or address, with the span of the agent’s', () => {
    const other = msg('agent', '也可以打 13987654321');
    const h = diversion(msg('customer', '我电话13812345678'), msg('agent', '您的号码是138****5678吗'), other);
    expect(h).toMatchObject({ outcome: 'fail', critical: true, messageIds: [other.id] });
    expect(h.spans).toEqual([{ messageId: other.id, start: 5, end: 16, text: '13987654321' }]);
    expect(diversion(msg('customer', '我电话138****5678'), msg('agent', '139****5678')).outcome).toBe('fail');
    expect(spanTexts(diversion(msg('customer', 'mail amy@qq.com'), msg('agent', 'write to shop@qq.com')))).toEqual(['shop@qq.com']);
    // With masking off, two addresses that differ by one symbol are two addresses.
    expect(spanTexts(diversion(msg('customer', 'mail john_smith@gmail.com'), msg('agent', 'or john-smith@gmail.com')))).toEqual(['john-smith@gmail.com']);
  });

  it('does not excuse a handle in the message that reads the number back', () => {
    const h = diversion(msg('customer', '我电话13812345678'), msg('agent', '您的号码是13812345678吗？有问题加 vx shop_8888'));
    expect(spanTexts(h)).toEqual(['vx shop_8888']);
  });

  // "Reading back" is of a number given earlier: the customer repeating the agent's number afterwards
  // (as one does to confirm it) does not excuse the agent.
  it('fails when the customer only repeats the agent’s number after the agent gave it', () => {
    expect(diversion(msg('customer', '在吗'), msg('agent', '打这个 13812345678'), msg('customer', '13812345678 是吧')).outcome).toBe('fail');
  });
});

describe('diversion: evasions', () => {
  it.each([
    ['电话①③⑧①②③④⑤⑥⑦⑧', [2, 13], 'circled digits'],
    ['号码 138－1234－5678', [3, 16], 'full-width dashes'],
    ['号码 １３８－１２３４－５６７８', [3, 16], 'full-width digits and dashes'],
    ['邮箱 ｓｈｏｐ８８＠ｑｑ．ｃｏｍ', [3, 16], 'a full-width e-mail address'],
    ['ＱＱ：①②③④⑤⑥⑦⑧⑨', [0, 12], 'a full-width QQ cue and circled digits'],
    ['ｗｅｃｈａｔ ｓｈｏｐ＿８８８８', [0, 16], 'a full-width WeChat handle'],
    ['网址 ｗｗｗ．ｃｈｅａｐ．ｘｙｚ', [3, 16], 'a full-width link'],
    ['号码¹³⁸¹²³⁴⁵⁶⁷⁸', [2, 13], 'superscript digits'],
    ['电话❶❸❽❶❷❸❹❺❻❼❽', [2, 13], 'dingbat circled digits'],
    ['号码 138—1234—5678', [3, 16], 'em dashes'],
    ['打 +86 *******5678', [2, 17], 'an international number as ingest masks it'],
  ])('catches %s at %j, in the original text (%s)', (text, [start, end]) => {
    const h = agentSays(text);
    expect(h.outcome).toBe('fail');
    expect(h.spans.map((s) => [s.start, s.end, s.text])).toEqual([[start, end, text.slice(start!, end)]]);
  });
});

// False positives a critical rule must not raise: each would zero a clean conversation.
describe('diversion: false-positive traps', () => {
  it.each([
    ['商品编码 SKU13812345678X，请核对', 'a product code'],
    ['订单号 2311051234567890，我们帮您查', 'an order number'],
    ['可以用微信支付哦', 'WeChat Pay'],
    ['规格 100*200cm', 'dimensions'],
    ['价格 138.00 元，库存 12345 件', 'a price and a stock count'],
    ['Please check it. Coming soon', 'a full stop and a space'],
    ['纸箱尺寸 150*200*300 mm', 'three dimensions'],
    // A top-level domain running on into a word: "it.Com" is no domain.
    ['Please check it.Coming soon', 'a missing space after a full stop'],
    // 加我 ("add me") inside 参加我们 ("join our").
    ['欢迎参加我们的店庆活动', '参加我们'],
    // Three dimensions: digits and stars, but not a masked phone.
    ['规格150*200*300毫米', 'dimensions in 毫米'],
    // The English form of 微信支付: "payment" is no WeChat id.
    ['You can use WeChat payment', 'WeChat payment'],
  ])('passes %s (%s)', (text) => {
    expect(agentSays(text).outcome).toBe('pass');
  });
});

describe('abusive (critical)', () => {
  it.each([
    ['用滚动截屏就可以', 'a scrolling screenshot'],
    ['这款领口有滚边', 'piping on a garment'],
    ['滚筒洗衣机可以洗', 'a drum washer'],
    ['The dumbbell set ships today', '"dumb" inside a word'],
    ['这款抱枕圆滚滚的', '圆滚滚, round and plump'],
    ['请问你有病历吗', '病历, a medical record'],
  ])('passes %s (%s)', (text) => {
    expect(abusiveIn(text)).toMatchObject({ outcome: 'pass', critical: true });
  });

  it.each([
    ['滚', [0, 1]],
    ['你给我滚', [3, 4]],
    ['神经病', [0, 3]],
    ['Shut up', [0, 7]],
  ])('fails %s with the span %j', (text, [start, end]) => {
    const h = abusiveIn(text);
    expect(h).toMatchObject({ outcome: 'fail', critical: true });
    expect(h.spans.map((s) => [s.start, s.end])).toEqual([[start, end]]);
  });

  it('fails on a bare 滚 beside an everyday word that contains one', () => {
    const m = msg('agent', '滚动截屏不会？滚');
    const h = hit(conv([msg('customer', '怎么截长图'), m]), 'abusive');
    expect(h).toMatchObject({ outcome: 'fail', messageIds: [m.id] });
    expect(h.spans.map((s) => s.start)).toEqual([7]);
  });

  it('ignores the customer’s words and is n/a without an agent', () => {
    expect(hit(conv([msg('customer', '滚'), msg('agent', '您好')]), 'abusive').outcome).toBe('pass');
    expect(hit(conv([msg('customer', '滚')]), 'abusive').outcome).toBe('na');
  });
});
