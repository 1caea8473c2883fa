import { describe, expect, it } from 'vitest';
import type { QaConversation, RuleId } from '../../../src/qa/types';
import { conv, hit, msg } from './helpers';

const chat = (...lines: string[]) => conv(lines.map((l) => msg(l.startsWith('C:') ? 'customer' : 'agent', l.slice(2))));
const outcome = (c: QaConversation, rule: RuleId) => hit(c, rule).outcome;
const id = (c: QaConversation, i: number) => c.messages[i]!.id;

describe('completeness: every customer question answered', () => {
  it('passes questions answered in the next reply (zh-CN, en)', () => {
    expect(hit(chat('C:有L码吗？', 'A:有的', 'C:什么时候发货？', 'A:今天下午发'), 'completeness')).toMatchObject({ outcome: 'pass', detail: '2 questions answered' });
    expect(outcome(chat('C:Is it in stock?', 'A:Yes', 'C:When do you ship?', 'A:This afternoon'), 'completeness')).toBe('pass');
  });

  it('trap: a question answered in the next message but one passes (zh-CN, en)', () => {
    expect(outcome(chat('C:我的快递到哪了？', 'A:亲，请稍等，我帮您查一下', 'A:包裹在转运中心，明天送达'), 'completeness')).toBe('pass');
    expect(outcome(chat('C:Where is my parcel?', 'A:One moment please, let me check', 'A:It is out for delivery today'), 'completeness')).toBe('pass');
  });

  it('fails a question that gets only "please wait", an apology or a greeting, naming it (zh-CN, en)', () => {
    const zh = chat('C:有L码吗？', 'A:有的', 'C:什么时候发货？', 'A:请稍等');
    expect(hit(zh, 'completeness')).toMatchObject({ outcome: 'fail', messageIds: [id(zh, 2)], detail: '1 of 2 questions unanswered' });
    expect(hit(zh, 'completeness').spans).toEqual([{ messageId: id(zh, 2), start: 0, end: 7, text: '什么时候发货？' }]);
    expect(outcome(chat('C:什么时候发货？', 'A:非常抱歉'), 'completeness')).toBe('fail');
    expect(outcome(chat('C:When do you ship?', 'A:Please wait'), 'completeness')).toBe('fail');
    expect(outcome(chat('C:When do you ship?', "A:Sorry about that, have a nice day!"), 'completeness')).toBe('fail');
  });

  it('fails the first asking of a question the customer had to ask again in the same words', () => {
    const c = chat('C:可以改地址吗？', 'A:您好，下单后地址在订单详情页显示', 'C:可以改地址吗？', 'A:可以的，在订单里修改');
    expect(hit(c, 'completeness')).toMatchObject({ outcome: 'fail', messageIds: [id(c, 0)] });
    const en = chat('C:Can I change the address?', 'A:The address shows on the order page', 'C:Can I change the address?', 'A:Yes, edit it there');
    expect(hit(en, 'completeness')).toMatchObject({ outcome: 'fail', messageIds: [id(en, 0)] });
  });

  it('answers a customer turn of two questions with one reply', () => {
    expect(outcome(chat('C:有L码吗？', 'C:有黑色吗？', 'A:L码黑色都有'), 'completeness')).toBe('pass');
  });

  it('is not applicable without a question; 在吗 asks nothing', () => {
    expect(outcome(chat('C:我要L码', 'A:好的'), 'completeness')).toBe('na');
    expect(outcome(chat('C:在吗？', 'A:在的'), 'completeness')).toBe('na');
    expect(outcome(chat('C:hello?', 'A:Hi!'), 'completeness')).toBe('na');
  });
});

describe('follow-through: answered before the end, promises say when', () => {
  it('passes a chat that answers the last question and gives the time of what it promises (zh-CN, en)', () => {
    const zh = chat('C:退款什么时候到？', 'A:已为您申请，我们会在24小时内处理完');
    expect(hit(zh, 'follow_through')).toMatchObject({ outcome: 'pass', messageIds: [id(zh, 1)] });
    expect(outcome(chat('C:When will my refund arrive?', 'A:I have issued it, we will confirm by email within 2 business days'), 'follow_through')).toBe('pass');
  });

  it('fails a promise without a time, naming the promise (zh-CN, en)', () => {
    const zh = chat('C:发票开了吗？', 'A:已经为您提交，我们会尽快处理');
    const h = hit(zh, 'follow_through');
    expect(h).toMatchObject({ outcome: 'fail', detail: 'a promise without a time', messageIds: [id(zh, 1)] });
    expect(h.spans.map((s) => s.text)).toEqual(expect.arrayContaining(['我们会', '尽快']));
    expect(outcome(chat('C:Is my invoice ready?', "A:I've submitted it, we will get back to you"), 'follow_through')).toBe('fail');
  });

  it('fails a chat that ends on an open question or problem', () => {
    const c = chat('C:有L码吗？', 'A:有的', 'C:那什么时候发货？');
    expect(hit(c, 'follow_through')).toMatchObject({ outcome: 'fail', detail: 'left without an answer at the end', messageIds: [id(c, 2)] });
    expect(outcome(chat('C:Is it in stock?', 'A:Yes', 'C:This is ridiculous, why so slow?'), 'follow_through')).toBe('fail');
    // Only a waiting phrase after it: still open at the end.
    expect(outcome(chat('C:Where is my parcel?', 'A:One moment please'), 'follow_through')).toBe('fail');
  });

  it('trap: the answer in the next message but one closes it', () => {
    expect(outcome(chat('C:什么时候发货？', 'A:稍等，我帮您查一下', 'A:今天下午发货'), 'follow_through')).toBe('pass');
  });

  it('is not applicable without a question, a problem or a promise', () => {
    expect(outcome(chat('C:我要L码', 'A:好的'), 'follow_through')).toBe('na');
    expect(outcome(chat('C:I will take the black one', 'A:Great choice'), 'follow_through')).toBe('na');
  });
});
