import { describe, expect, it } from 'vitest';
import type { QaMessage } from '../../../src/qa/types';
import { conv, msg, signalsOf } from './helpers';

const customers = (...texts: string[]) => texts.map((t) => msg('customer', t));
const ids = (messages: QaMessage[]) => messages.map((m) => m.id);

describe('riskSignals: per customer message', () => {
  it('counts pushback once per message, not inside courtesies (zh-CN)', () => {
    const messages = customers('不行，不要，没用', '没收到', '不客气', '没关系', '没问题', '不好意思问一下');
    const s = signalsOf(conv(messages));
    expect(s.count('pushback')).toBe(2);
    expect(s.messageIds('pushback')).toEqual(ids(messages.slice(0, 2)));
  });

  it('counts pushback, not inside "no problem", "not bad", "nothing else" or longer words (en)', () => {
    const messages = customers("No, that's wrong", 'I don’t want it', 'no problem', 'Not bad', 'nothing else, thanks', 'Notice the box', 'I know');
    const s = signalsOf(conv(messages, { locale: 'en' }));
    expect(s.messageIds('pushback')).toEqual(ids(messages.slice(0, 2)));
  });

  it('counts frustration from negative or abusive words, not from 滚动 and the like', () => {
    const zh = customers('怎么还没到', '滚', '滚动截屏怎么弄', '这件有滚边吗', '好的');
    expect(signalsOf(conv(zh)).messageIds('frustration')).toEqual(ids(zh.slice(0, 2)));
    const en = customers('This is ridiculous', 'stupid', 'Thanks');
    expect(signalsOf(conv(en, { locale: 'en' })).messageIds('frustration')).toEqual(ids(en.slice(0, 2)));
  });

  it('counts escalation and blame (你们, you guys)', () => {
    const messages = customers('我要投诉', '你们怎么发的货', '你好', 'I want a refund', 'you guys are slow', 'You are slow');
    const s = signalsOf(conv(messages));
    expect(s.messageIds('escalation')).toEqual(ids([messages[0]!, messages[3]!]));
    expect(s.messageIds('blame')).toEqual(ids([messages[1]!, messages[4]!]));
  });

  it('counts thanks (minus a point each) and agent apologies, never a customer’s', () => {
    const messages = [msg('customer', '对不起，问一下'), msg('agent', '抱歉让您久等了'), msg('customer', '谢谢'), msg('agent', 'Sorry for the wait'), msg('customer', 'OK, thank you')];
    const s = signalsOf(conv(messages));
    expect(s.messageIds('agent_apology')).toEqual(ids([messages[1]!, messages[3]!]));
    expect(s.messageIds('thanks')).toEqual(ids([messages[2]!, messages[4]!]));
  });

  it('does not take 好的 inside 不好的 for thanks', () => {
    const messages = customers('质量不好的话能退吗', '好的话我就买');
    expect(signalsOf(conv(messages)).count('thanks')).toBe(0);
  });

  it('counts nothing for bot, system and internal messages', () => {
    const note = msg('agent', '抱歉，内部备注');
    note.internal = true;
    const s = signalsOf(conv([msg('bot', '不，你们投诉'), msg('system', '抱歉'), note, msg('customer', '好的')]));
    expect(s.counts.reduce((a, b) => a + b, 0)).toBe(1);
    expect(s.count('thanks')).toBe(1);
  });
});

describe('riskSignals: per conversation', () => {
  it('counts a question asked again with the same wording, ignoring spaces and punctuation', () => {
    const zh = customers('到哪了？', '到哪了 ?', '什么时候到？', '到哪了！', '到哪了？？');
    // '到哪了！' is not a question; the second and the last are repeats of the first.
    expect(signalsOf(conv(zh)).messageIds('repeated_question')).toEqual(ids([zh[1]!, zh[4]!]));
    const en = customers('Where is it?', 'where is it', 'Where is it now?');
    expect(signalsOf(conv(en, { locale: 'en' })).messageIds('repeated_question')).toEqual([en[1]!.id]);
    // Fewer than two units of wording do not count: a bare "?" twice, 吗 twice.
    expect(signalsOf(conv(customers('?', '？', '吗', '吗'))).count('repeated_question')).toBe(0);
    expect(signalsOf(conv(customers('在吗', '在吗'))).count('repeated_question')).toBe(1);
  });

  it('counts no thanks at the end when neither of the last two customer messages thanks', () => {
    expect(signalsOf(conv(customers('有货吗', '好的谢谢'))).count('no_thanks_at_end')).toBe(0);
    expect(signalsOf(conv(customers('谢谢', '还有别的颜色吗'))).count('no_thanks_at_end')).toBe(0);
    const late = customers('谢谢', '还有别的颜色吗', '人呢');
    expect(signalsOf(conv(late)).messageIds('no_thanks_at_end')).toEqual([late[2]!.id]);
    expect(signalsOf(conv(customers('Thanks', 'hmm', 'hello'), { locale: 'en' })).count('no_thanks_at_end')).toBe(1);
    expect(signalsOf(conv([msg('agent', '您好')])).count('no_thanks_at_end')).toBe(0);
  });

  it('counts a question left unanswered at the end once, with the ids of its messages', () => {
    const after = customers('几号发货？', '能改地址吗');
    const s = signalsOf(conv([msg('customer', '有货吗'), msg('agent', '有的'), ...after]));
    expect(s.count('unanswered_at_end')).toBe(1);
    expect(s.messageIds('unanswered_at_end')).toEqual(ids(after));
    expect(signalsOf(conv([msg('customer', '有货吗'), msg('agent', '有的')])).count('unanswered_at_end')).toBe(0);
  });

  it.each([
    [1, 'bad_rating'],
    [2, 'bad_rating'],
    [4, 'good_rating'],
    [5, 'good_rating'],
  ] as const)('turns a rating of %i into %s', (rating, signal) => {
    const s = signalsOf(conv(customers('好的'), { rating }));
    expect(s.count(signal)).toBe(1);
    expect(s.count(signal === 'bad_rating' ? 'good_rating' : 'bad_rating')).toBe(0);
  });

  it('leaves a middling or missing rating out', () => {
    for (const rating of [3, null]) {
      const s = signalsOf(conv(customers('好的'), { rating }));
      expect(s.count('bad_rating') + s.count('good_rating')).toBe(0);
    }
  });

  it('counts a long wait once, from the first or the average response', () => {
    const t0 = Date.UTC(2026, 10, 21, 2);
    const slowFirst = [msg('customer', '在吗', t0), msg('agent', '您好', t0 + 40_000)];
    expect(signalsOf(conv(slowFirst)).count('long_wait')).toBe(1);
    const slowBoth = [msg('customer', '在吗', t0), msg('agent', '您好', t0 + 100_000)];
    expect(signalsOf(conv(slowBoth)).count('long_wait')).toBe(1);
    expect(signalsOf(conv([msg('customer', '在吗', t0), msg('agent', '您好', t0 + 5000)])).count('long_wait')).toBe(0);
    expect(signalsOf(conv([msg('customer', '在吗'), msg('agent', '您好')])).count('long_wait')).toBe(0);
  });

  it('counts a critical break once, diversion or abuse', () => {
    const critical = (...agent: string[]) => signalsOf(conv([msg('customer', '在吗'), ...agent.map((t) => msg('agent', t))])).count('critical');
    expect(critical('加我微信 shop_8888')).toBe(1);
    expect(critical('滚')).toBe(1);
    expect(critical('滚', '加我微信 shop_8888')).toBe(1);
    expect(critical('用滚动截屏')).toBe(0);
  });
});
