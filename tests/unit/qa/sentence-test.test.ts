import { describe, expect, it } from 'vitest';
import { diffFromBuiltin, effectiveLists } from '../../../src/qa/keyword-lists';
import { BUILTIN_KEYWORDS, buildKeywordConfig } from '../../../src/qa/keywords';
import { testSentence } from '../../../src/qa/sentence-test';

describe('test this sentence', () => {
  it("shows the lists an agent's sentence matches and the rules' verdicts", () => {
    const r = testSentence('亲，不知道，你自己看', 'agent', buildKeywordConfig());
    expect(r.lists.find((l) => l.list === 'banned')?.spans.map((s) => s.text)).toEqual(expect.arrayContaining(['不知道', '你自己看']));
    expect(r.rules.find((x) => x.rule === 'banned_phrases')).toMatchObject({ outcome: 'fail' });
    expect(r.rules.find((x) => x.rule === 'greeting')).toMatchObject({ outcome: 'pass', spans: [{ text: '亲' }] });
    expect(r.rules.find((x) => x.rule === 'closing')).toMatchObject({ outcome: 'fail' });
  });

  it('reacts to a draft of the lists before it is saved', () => {
    const sentence = '这个问题请找售后';
    expect(testSentence(sentence, 'agent', buildKeywordConfig()).rules.find((x) => x.rule === 'banned_phrases')!.outcome).toBe('pass');
    const draft = { 'zh-CN': { banned: { add: ['请找售后'], remove: [] } } };
    const r = testSentence(sentence, 'agent', buildKeywordConfig(draft));
    expect(r.rules.find((x) => x.rule === 'banned_phrases')).toMatchObject({ outcome: 'fail', spans: [{ start: 4, end: 8, text: '请找售后' }] });
  });

  it("reads a customer's sentence for escalation words only", () => {
    const r = testSentence('再不退款我就投诉', 'customer', buildKeywordConfig());
    expect(r.rules.map((x) => x.rule)).toEqual(['escalation']);
    expect(r.rules[0]!.spans.map((s) => s.text)).toEqual(['退款', '投诉']);
  });

  it('edits a list as words: the change from the built-in list, and the lists in force', () => {
    // The built-in greetings less 你好, plus 哈喽.
    const edited = [...BUILTIN_KEYWORDS['zh-CN']!.greeting!.filter((w) => w !== '你好'), '哈喽'];
    const change = diffFromBuiltin('zh-CN', 'greeting', edited);
    expect(change).toEqual({ add: ['哈喽'], remove: ['你好'] });
    const lists = effectiveLists({ 'zh-CN': { greeting: change }, ru: { greeting: { add: ['здравствуйте'], remove: [] } } });
    expect(lists['zh-CN']!.greeting.words).toEqual(edited);
    expect(lists.ru!.greeting).toEqual({ words: ['здравствуйте'], added: ['здравствуйте'], removed: [] });
    expect(lists.en!.banned.words).toContain('whatever');
  });
});
