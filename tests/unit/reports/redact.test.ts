import { describe, expect, it } from 'vitest';
import { dropElementsAbout, eraseEvidence, eraseFromStaffText, redactJson, timeWindows } from '../../../src/privacy/redact';

describe('erasing a customer from text and JSON', () => {
  it('merges windows around times that overlap', () => {
    // 50 → [30, 70]; 100 and 130 → [80, 120] and [110, 150] overlap → [80, 150]; 400 → [380, 420].
    expect(timeWindows([100, 50, 400, 130], 20)).toEqual([
      [30, 70],
      [80, 150],
      [380, 420],
    ]);
    expect(timeWindows([], 10)).toEqual([]);
  });

  it("masks contact details in staff text and takes out the customer's name", () => {
    expect(eraseFromStaffText('张女士您好，已发到 zhang.li@qq.com，电话 13812345678', '张女士')).toBe('***您好，已发到 z***@qq.com，电话 138****5678');
    expect(eraseFromStaffText('好的', '张')).toBe('好的'); // one character is too short to be sure it is the name
  });

  it('takes whole values and names out of a delivery, keeping its shape and the other conversations', () => {
    const body = {
      events: [
        { conversation_id: 'c-1', sender: { id: 'cust-9', name: '张女士' }, text: '我的地址是幸福路1号' },
        { conversation_id: 'c-12', sender: { id: 'cust-2', name: '王先生' }, text: '张女士的同事推荐的' },
      ],
      count: 9,
    };
    const out = redactJson(body, { exact: new Set(['cust-9', '我的地址是幸福路1号', '9']), within: ['张女士'] });
    expect(out).toEqual({
      events: [
        { conversation_id: 'c-1', sender: { id: '', name: '' }, text: '' },
        { conversation_id: 'c-12', sender: { id: 'cust-2', name: '王先生' }, text: '的同事推荐的' },
      ],
      count: null,
    });
  });

  it('stops AutoQA evidence quoting erased messages, keeping the offsets', () => {
    const result = { score: 80, hits: [{ rule: 'escalation', spans: [{ messageId: 'm1', start: 0, end: 2, text: '投诉' }, { messageId: 'm2', start: 0, end: 3, text: '不知道' }] }] };
    expect(eraseEvidence(result, new Set(['m1'])).hits[0]!.spans).toEqual([
      { messageId: 'm1', start: 0, end: 2, text: '' },
      { messageId: 'm2', start: 0, end: 3, text: '不知道' },
    ]);
  });

  it('drops the events about erased conversations from a batched delivery, keeping the others whole', () => {
    const body = { events: [{ data: { conversation_id: 'x2', text: '我是张女士' } }, { data: { conversation_id: 'y1', text: '在吗' } }, { data: { conversation_id: 12 } }], app: 'x2-relay' };
    expect(dropElementsAbout(body, new Set(['x2']), new Set(['y1', '12']))).toEqual({ events: [{ data: { conversation_id: 'y1', text: '在吗' } }, { data: { conversation_id: 12 } }], app: 'x2-relay' });
  });
});
