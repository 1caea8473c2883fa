import { describe, expect, it } from 'vitest';
import { LIST_BIT, type ListName } from '../../../src/qa/keywords';
import { hasContactCharacters, isQuestion, prepare } from '../../../src/qa/prepare';
import { conv, hit, kw, msg, prepared } from './helpers';

const matched = (m: ReturnType<typeof prepared>, lists: ListName[]) => lists.filter((l) => m.lists & LIST_BIT[l]);

describe('isQuestion', () => {
  it.each([
    ['有M码吗？', 'a full-width question mark'],
    ['这个? 那个', 'a question mark anywhere'],
    ['有货吗', 'a final 吗'],
    ['发什么快递呢 ', '呢 with a trailing space'],
    ['在吗。。', '吗 before full stops'],
    ['可以便宜点嘛～', '嘛 before a tilde'],
    ['How much is it', 'how'],
    ['hi. where is my parcel', 'where opening a second sentence'],
    ['Can you send it today', 'can'],
    ['do you ship to Shenzhen', 'do, lower case'],
    ['Thanks! Would it fit a size 8', 'would after an exclamation mark'],
  ])('%s is a question (%s)', (text) => {
    expect(isQuestion(text)).toBe(true);
  });

  it.each([
    ['This is great', '"is" does not open the sentence'],
    ['好的，明天发货', 'a statement'],
    ['吗啡不卖', '吗 not at the end'],
    ['I think so', 'no question word opens it'],
    ['Showcase item', '"how" inside a word'],
    ['Thanks, will do', 'a comma does not open a sentence'],
    ['', 'empty'],
  ])('%s is not a question (%s)', (text) => {
    expect(isQuestion(text)).toBe(false);
  });

  // A sentence-final particle may be followed by any trailing punctuation, a comma or an ellipsis too.
  it.each([['有货吗，'], ['在吗…']])('%s is a question (punctuation after the particle)', (text) => {
    expect(isQuestion(text)).toBe(true);
  });
});

describe('prepare', () => {
  it('drops internal notes, orders by time, and splits customer, agent and conversational messages', () => {
    const t0 = Date.UTC(2026, 10, 21, 2);
    const c = conv([msg('customer', '在吗', t0), msg('agent', '内部：先别回', t0 + 500), msg('agent', '您好', t0 + 3000), msg('bot', '稍等', t0 + 1000), msg('customer', '有货吗', t0 + 5000)]);
    c.messages[1]!.internal = true;
    const p = prepare(c, kw);
    const texts = (list: typeof p.all) => list.map((m) => m.message.text);
    expect(texts(p.all)).toEqual(['在吗', '稍等', '您好', '有货吗']);
    expect(texts(p.customer)).toEqual(['在吗', '有货吗']);
    expect(texts(p.agent)).toEqual(['您好']);
    expect(texts(p.conversational)).toEqual(['在吗', '您好', '有货吗']);
    expect(p.timed).toBe(true);
    expect(p.conversation).toBe(c);
  });

  it("sums each side's matched lists, which rules read to skip a chat without them", () => {
    const t0 = Date.UTC(2026, 10, 21, 2);
    const p = prepare(conv([msg('customer', '质量太差了，我要投诉', t0), msg('bot', '抱歉，人工客服马上来', t0 + 500), msg('agent', '非常抱歉，给您带来不便', t0 + 3000)]), kw);
    expect(p.customerLists).toBe(p.customer[0]!.lists);
    expect(p.customerLists & LIST_BIT.escalation).not.toBe(0);
    expect(p.agentLists).toBe(p.agent[0]!.lists);
    expect(p.agentLists & LIST_BIT.apology).not.toBe(0);
    // A bot's words are not the agent's: its apology is not scanned.
    expect(p.all[1]!.lists).toBe(0);
    expect(prepare(conv([msg('customer', '好的', t0)]), kw).agentLists).toBe(0);
  });

  it('is untimed when a customer or agent message has no timestamp, and keeps the given order then', () => {
    const p = prepare(conv([msg('customer', 'a', 1000), msg('agent', 'b'), msg('customer', 'c', 2000)]), kw);
    expect(p.timed).toBe(false);
    expect(prepare(conv([msg('customer', 'x'), msg('agent', 'y')]), kw).all.map((m) => m.message.text)).toEqual(['x', 'y']);
  });

  it('marks questions on customer messages only', () => {
    const p = prepare(conv([msg('customer', '有货吗'), msg('agent', '您要什么颜色呢？')]), kw);
    expect(p.all.map((m) => m.question)).toEqual([true, false]);
  });

  it('keeps the lists of its role: the customer’s side and the agent’s side', () => {
    const all: ListName[] = ['greeting', 'closing', 'apology', 'thanks', 'blame', 'escalation', 'after_sales'];
    // Greetings are read on the customer's side too: 你好 alone asks nothing (the business items).
    expect(matched(prepared('customer', '您好，你们好，谢谢，我要退款，抱歉'), all)).toEqual(['greeting', 'thanks', 'blame', 'escalation', 'after_sales']);
    expect(matched(prepared('agent', '您好，谢谢您，抱歉，退款已到'), all)).toEqual(['greeting', 'closing', 'apology']);
    expect(prepared('bot', '您好，不知道').lists).toBe(0);
  });

  it('records every match as (lists, start, end) in the original text', () => {
    const m = prepared('agent', '亲，ＷＨＡＴＥＶＥＲ');
    expect(m.matches).toEqual([LIST_BIT.greeting, 0, 1, LIST_BIT.banned, 2, 10]);
    expect(prepared('agent', '嗯').matches).toEqual([]);
  });

  it('notes digits, Latin letters and @ . + * of any width: what contact details are made of', () => {
    expect(['电话①③⑧', 'ｍａｉｌ', '好的 ok', '在吗？', '好的。'].map((t) => hasContactCharacters(prepared('agent', t)))).toEqual([true, true, true, false, false]);
  });

  it('lets a rule drop spans an exception overlaps, keeping the others with offsets into the original', () => {
    const m = msg('agent', '不知道您方便吗，ＷＨＡＴＥＶＥＲ，不知道');
    const h = hit(conv([msg('customer', '在吗'), m]), 'banned_phrases');
    expect(h.spans).toEqual([
      { messageId: m.id, start: 8, end: 16, text: 'ＷＨＡＴＥＶＥＲ' },
      { messageId: m.id, start: 17, end: 20, text: '不知道' },
    ]);
  });
});
