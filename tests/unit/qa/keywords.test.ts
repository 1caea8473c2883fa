import { describe, expect, it } from 'vitest';
import { BUILTIN_KEYWORDS, buildKeywordConfig, KEYWORD_CONFIGS_KEPT, LIST_BIT, LIST_NAMES, type ListName } from '../../../src/qa/keywords';
import { conv, hit, kw, msg } from './helpers';

/** The lists a keyword belongs to in a config, on either side. */
const listsOf = (config: typeof kw, keyword: string): ListName[] =>
  LIST_NAMES.filter((l) =>
    [config.customer, config.agent].some((side) => {
      const i = side.matcher.keywords.indexOf(keyword);
      return i >= 0 && (side.listBits[i]! & LIST_BIT[l]) !== 0;
    }),
  );

describe('keyword lists', () => {
  it('name the new lists, and every built-in list is a known one', () => {
    expect(LIST_NAMES).toEqual(expect.arrayContaining(['apology', 'pushback', 'pushback_exceptions', 'blame', 'after_sales', 'abusive_exceptions']));
    expect(new Set(LIST_NAMES).size).toBe(LIST_NAMES.length);
    for (const pack of Object.values(BUILTIN_KEYWORDS)) for (const list of Object.keys(pack)) expect(LIST_NAMES).toContain(list);
    expect(Object.keys(BUILTIN_KEYWORDS['zh-CN']!).sort()).toEqual([...LIST_NAMES].sort());
  });

  it('holds the words the rules rely on', () => {
    const zh = BUILTIN_KEYWORDS['zh-CN']!;
    expect(zh.abusive_exceptions).toEqual(expect.arrayContaining(['滚动', '滚边']));
    expect(zh.pushback_exceptions).toEqual(expect.arrayContaining(['不客气', '没关系', '没问题', '不好意思']));
    expect(zh.blame).toContain('你们');
    expect(BUILTIN_KEYWORDS.en!.pushback_exceptions).toEqual(expect.arrayContaining(['no problem', 'not bad', 'nothing else']));
    expect(BUILTIN_KEYWORDS.en!.blame).toContain('you guys');
  });
});

describe('buildKeywordConfig', () => {
  it('compiles every list of every locale into a matcher per side, a word carrying all its lists', () => {
    expect(listsOf(kw, '退款')).toEqual(['escalation', 'after_sales', 'process']);
    expect(listsOf(kw, 'refund')).toEqual(['escalation', 'after_sales', 'process']);
    expect(listsOf(kw, '感谢')).toEqual(['closing', 'thanks']);
    expect(listsOf(kw, '不好意思')).toEqual(['apology', 'pushback_exceptions']);
    // '??' is in zh-CN's and en's negative list: one keyword.
    expect(kw.customer.matcher.keywords.filter((k) => k === '??')).toHaveLength(1);
  });

  it("gives each side only its lists' words, with only its lists' bits", () => {
    // 请稍等 (waiting) is only read in agent messages, 人呢 (negative) only in the customer's.
    expect(kw.agent.matcher.keywords).toContain('请稍等');
    expect(kw.customer.matcher.keywords).not.toContain('请稍等');
    expect(kw.customer.matcher.keywords).toContain('人呢');
    expect(kw.agent.matcher.keywords).not.toContain('人呢');
    // 感谢 is a closing phrase from the agent and thanks from the customer.
    const bitsOf = (side: typeof kw.agent, word: string) => side.listBits[side.matcher.keywords.indexOf(word)];
    expect(bitsOf(kw.agent, '感谢')).toBe(LIST_BIT.closing);
    expect(bitsOf(kw.customer, '感谢')).toBe(LIST_BIT.thanks);
    for (const side of [kw.customer, kw.agent]) expect([...side.listBits].every((b) => b !== 0)).toBe(true);
  });

  it('merges words that fold alike (OK, ok, ＯＫ) into one folded keyword', () => {
    const config = buildKeywordConfig({ en: { thanks: { add: ['OK', 'ＯＫ'], remove: [] } } });
    expect(config.customer.matcher.keywords.filter((k) => k === 'ok')).toHaveLength(1);
    expect(config.customer.matcher.keywords).not.toContain('OK');
    expect(listsOf(config, 'ok')).toEqual(['thanks']);
  });

  it('adds and removes a store’s words per list and locale, and adds locales', () => {
    const agentSays = (text: string) => conv([msg('customer', '在吗'), msg('agent', text)]);
    const store = buildKeywordConfig({ 'zh-CN': { banned: { add: ['亲自己查'], remove: ['不知道'] } }, ru: { banned: { add: ['не знаю'], remove: [] } } });
    expect(hit(agentSays('亲自己查吧'), 'banned_phrases', {}, store).outcome).toBe('fail');
    expect(hit(agentSays('不知道'), 'banned_phrases', {}, store).outcome).toBe('pass');
    // Folding lower-cases Cyrillic too.
    expect(hit(agentSays('Я НЕ ЗНАЮ'), 'banned_phrases', {}, store).spans.map((s) => s.text)).toEqual(['НЕ ЗНАЮ']);
    // The built-in config is untouched by a store's changes.
    expect(hit(agentSays('不知道'), 'banned_phrases').outcome).toBe('fail');
    expect(hit(agentSays('亲自己查吧'), 'banned_phrases').outcome).toBe('pass');
  });

  it('removes a word only from the locale that names it', () => {
    const store = buildKeywordConfig({ ru: { banned: { add: [], remove: ['不知道'] } } });
    expect(listsOf(store, '不知道')).toEqual(['banned']);
  });

  it('returns the same config for the same overrides', () => {
    expect(buildKeywordConfig({})).toBe(buildKeywordConfig());
    const overrides = { 'zh-CN': { after_sales: { add: ['补发'], remove: [] } } };
    expect(buildKeywordConfig(overrides)).toBe(buildKeywordConfig(JSON.parse(JSON.stringify(overrides))));
    expect(buildKeywordConfig(overrides)).not.toBe(kw);
  });

  it('keeps the configs used last and builds again one pushed out (each holds ~3 MB of tables)', () => {
    const draft = (i: number) => ({ 'zh-CN': { banned: { add: [`草稿${i}`], remove: [] } } });
    const kept = buildKeywordConfig(draft(0));
    const dropped = buildKeywordConfig(draft(1));
    for (let i = 2; i < KEYWORD_CONFIGS_KEPT + 1; i++) {
      buildKeywordConfig(draft(i));
      // Used between the others, draft 0 stays among the last used.
      expect(buildKeywordConfig(draft(0))).toBe(kept);
    }
    const rebuilt = buildKeywordConfig(draft(1));
    expect(rebuilt).not.toBe(dropped);
    expect(rebuilt.agent.matcher.keywords).toEqual(dropped.agent.matcher.keywords);
    expect(buildKeywordConfig(draft(0))).toBe(kept);
  });
});
