import { z } from 'zod';
import { BUSINESS_KEYWORDS, BUSINESS_LIST_NAMES } from './business-keywords';
import { foldKeyword } from './fold';
import { keptRecent } from '../lib/recent';
import { KeywordMatcher } from './matcher';
import { CONTACT_CUES } from './rules/contact-shape';

/** Built-in keyword lists per locale (SPEC §4). Stores add words, remove words, and add locales. */
export const LIST_NAMES = [
  'greeting',
  'waiting',
  'closing',
  'banned',
  'banned_exceptions',
  'abusive',
  'abusive_exceptions',
  'diversion',
  'diversion_exceptions',
  'apology',
  'escalation',
  'thanks',
  'thanks_exceptions',
  'negative',
  'pushback',
  'pushback_exceptions',
  'blame',
  'after_sales',
  // The business items' lists (business-keywords.ts).
  ...BUSINESS_LIST_NAMES,
] as const;
export type ListName = (typeof LIST_NAMES)[number];
export type KeywordPack = Partial<Record<ListName, string[]>>;

/** One bit per list, for the per-message set of lists that matched (31 lists at most: bits of an int32). */
export const LIST_BIT = Object.freeze(Object.fromEntries(LIST_NAMES.map((name, i) => [name, 1 << i])) as Record<ListName, number>);
/**
 * Not a list a store edits: the words that introduce a QQ number or a WeChat handle (contact-shape.ts),
 * matched inside words too, in agent messages. A message without one, without @ or . and with fewer
 * than nine digits cannot hold contact details, and diversion need not read it again.
 */
export const CONTACT_CUE_BIT = 1 << LIST_NAMES.length;
if (LIST_NAMES.length > 30) throw new Error('more lists than bits in an int32');

const BASE_KEYWORDS: Record<string, KeywordPack> = {
  'zh-CN': {
    greeting: ['您好', '你好', '亲', '欢迎光临', '在的', '很高兴为您服务', '您好呀', '有什么可以帮您', '请问有什么可以帮您'],
    waiting: ['请稍等', '稍等', '请您稍等', '稍后', '马上为您', '帮您查', '请耐心等待'],
    closing: ['还有什么可以帮您', '还有其他问题', '祝您生活愉快', '感谢您', '感谢', '谢谢您', '欢迎再次光临', '期待您的再次光临', '随时找我', '随时联系', '不客气', '不用客气', '可以帮到您'],
    banned: ['不知道', '去投诉吧', '你去投诉', '懂吗', '你自己看', '自己看', '不归我管', '没办法', '爱买不买', '你什么态度', '听不懂吗', '说了多少遍'],
    // Polite questions that contain a banned word: "不知道您方便吗" asks, it does not refuse.
    banned_exceptions: ['不知道您', '不知道亲', '不知道是否', '不知道你是否', '想知道', '让您知道'],
    abusive: ['滚', '傻逼', '神经病', '你有病', '白痴', '闭嘴', '脑子有病'],
    // Everyday words that contain an abusive one: 滚动截屏 (a scrolling screenshot), 滚边 (piping on a garment).
    abusive_exceptions: ['滚动', '滚屏', '滚筒', '滚轮', '滚烫', '翻滚', '滚滚', '滚珠', '滚梳', '滚刷', '滚边', '滚条', '滚轴', '滚雪球', '病历', '病例'],
    // Words that only ever mean "let's move off the platform"; 微信 alone is not one (微信支付 is normal).
    diversion: ['加我微信', '加微信', '加我', 'vx', 'wx', 'v信', '薇信', '威信', '加薇', '维信', '扣扣', '企鹅号', '私聊', '线下交易', '加个好友', '加好友'],
    // 加 bound to the word before it: 参加我们的活动 invites to an event, not to WeChat.
    diversion_exceptions: ['参加我', '增加我', '更加我', '追加我', '添加我们的'],
    // The agent admitting something went wrong: a risk signal, not a fault.
    apology: ['抱歉', '不好意思', '对不起', '不便', '见谅', '歉意'],
    escalation: ['投诉', '差评', '12315', '退款', '举报', '工商', '消协', '曝光', '维权', '骗子', '欺诈'],
    // The customer thanking or confirming.
    thanks: ['谢谢', '谢啦', '谢了', '多谢', '感谢', '好的', '好滴', '好嘞', '好哒', '可以了', '明白了', '知道了', '了解了', '收到', '辛苦', '解决了', '好评', '么么哒', '麻烦了', '太好了'],
    // 质量不好的话 is no thanks.
    thanks_exceptions: ['不好的', '好的话', '不太好的'],
    // Frustration and impatience.
    negative: ['什么意思', '??', '怎么还', '还没', '到底', '太慢', '垃圾', '失望', '无语', '不满意', '骗', '坑', '差劲', '没用', '人呢', '怎么回事', '凭什么', '不合理', '敷衍', '推脱', '态度', '郁闷', '折腾', '算了', '这么久', '这么多天'],
    // The customer saying no, or that something did not happen: 不…, 没… (less the courtesies below).
    pushback: ['不', '没'],
    pushback_exceptions: ['不客气', '不错', '不好意思', '不用谢', '不谢', '没事', '没关系', '没问题', '没有了', '不用了', '没其他', '没有其他', '没别的', '没有别的'],
    // The customer addressing the company as a party to blame.
    blame: ['你们'],
    after_sales: ['订单号', '订单', '退货', '退款', '换货', '退换', '物流', '快递', '包裹', '发票', '售后', '破损', '坏了', '质量问题', '没收到', '签收'],
  },
  en: {
    greeting: ['hello', 'hi', 'welcome', 'good morning', 'good afternoon', 'good evening', 'thanks for reaching out', 'how can i help', 'how may i help'],
    waiting: ['one moment', 'please wait', 'let me check', 'bear with me', 'just a moment', 'hold on'],
    closing: ['anything else', 'have a nice day', 'have a great day', 'thank you for', 'thanks for contacting', 'glad i could help', "you're welcome"],
    banned: ["i don't know", 'i dont know', 'go complain', 'whatever', 'read it yourself', 'not my problem', 'not my job', 'calm down'],
    banned_exceptions: ["i don't know if", "i don't know whether"],
    abusive: ['stupid', 'idiot', 'shut up', 'dumb'],
    diversion: ['add me on', 'whatsapp me', 'telegram me', 'text me', 'dm me', 'my number is', 'my personal number'],
    apology: ['sorry', 'apologize', 'apologise', 'apologies', 'inconvenience'],
    escalation: ['complain', 'complaint', 'refund', 'terrible', 'chargeback', 'lawyer', 'scam', 'worst', 'report you', 'awful'],
    thanks: ['thanks', 'thank you', 'thx', 'great', 'perfect', 'ok', 'okay', 'got it', 'appreciate', 'solved', 'cool'],
    negative: ['??', 'what do you mean', 'still not', 'still no', 'why', 'ridiculous', 'unacceptable', 'disappointed', 'useless', 'wrong', 'not working', 'again', 'hello?'],
    pushback: ['no', 'not', 'never', 'nothing', "don't", 'dont', "didn't", 'didnt', "doesn't", "can't", 'cant', 'cannot', "won't", "haven't", "hasn't", "isn't", "wasn't", "aren't"],
    pushback_exceptions: ['no problem', 'no worries', 'not bad', 'nothing else', 'no thanks', 'not at all'],
    blame: ['you guys', 'you people', 'your company', 'your service', 'your store', 'your team'],
    after_sales: ['order', 'refund', 'return', 'exchange', 'tracking', 'parcel', 'delivery', 'damaged', 'warranty', 'invoice'],
  },
};

export const BUILTIN_KEYWORDS: Record<string, KeywordPack> = Object.fromEntries(
  Object.entries(BASE_KEYWORDS).map(([locale, pack]) => [locale, { ...pack, ...BUSINESS_KEYWORDS[locale] }]),
);

/** A store's changes to the lists, per locale: `{ "zh-CN": { "banned": { "add": ["亲自己查"] } }, "ru": {...} }`. */
export const keywordOverridesSchema = z.record(
  z.string().min(2).max(10),
  z.partialRecord(z.enum(LIST_NAMES), z.object({ add: z.array(z.string().trim().min(1).max(50)).max(500).default([]), remove: z.array(z.string()).max(500).default([]) })),
);
export type KeywordOverrides = z.infer<typeof keywordOverridesSchema>;

/** The lists each side's messages are read for: a customer's and an agent's words do different jobs. */
const bitsOf = (lists: ListName[]) => lists.reduce((b, l) => b | LIST_BIT[l], 0);
const CUSTOMER_LISTS = bitsOf([
  'escalation', 'thanks', 'thanks_exceptions', 'negative', 'abusive', 'abusive_exceptions', 'pushback', 'pushback_exceptions', 'blame', 'after_sales',
  'needs', 'recommend', 'resolved', 'resolved_exceptions', 'greeting',
]);
const AGENT_LISTS = bitsOf([
  'greeting', 'waiting', 'closing', 'banned', 'banned_exceptions', 'abusive', 'abusive_exceptions', 'diversion', 'diversion_exceptions', 'apology',
  'solution', 'deflection', 'acknowledge', 'promise', 'time', 'process', 'needs', 'asking', 'recommend',
]);

/**
 * One side's lists, of every locale (chats mix languages), in one automaton: one pass per message finds
 * them all, and each match's keyword carries the set of that side's lists it belongs to.
 */
export interface SideKeywords {
  matcher: KeywordMatcher;
  /** Per matcher keyword index: the LIST_BIT bits of the side's lists holding it (never 0). */
  listBits: Int32Array;
}

/**
 * An automaton per side rather than one for all lists: each is smaller (transition tables of ~0.5 MB
 * and ~1.9 MB with the built-in lists, against ~2.6 MB for one), and a scan finds only the matches its
 * side reads, none to filter out.
 */
export interface KeywordConfig {
  customer: SideKeywords;
  agent: SideKeywords;
}

/**
 * The characters the scan watches, in groups (folded: full-width forms too), a bit each in a message's
 * `seen`: what a phone number, e-mail, QQ number, handle or link is made of, with @ and . apart (an
 * address or a link needs one) and the Latin letters apart (so does the English question check), and
 * the question mark (？ folds to it). The scan counts the first group's too: a message's `digits`.
 */
const WATCHED = ['0123456789+*', '@.', 'abcdefghijklmnopqrstuvwxyz', '?'];
export const SEEN_AT_DOT = 2;
export const SEEN_LATIN = 4;
export const SEEN_CONTACT = 1 | SEEN_AT_DOT | SEEN_LATIN;
export const SEEN_QUESTION_MARK = 8;

/**
 * Built configs by their lists, the least recently used first: a config holds ~3 MB of tables and takes
 * ~20 ms to build, and a Worker isolate has 128 MB. Eight cover the stores one isolate scores at a
 * time (and a manager's drafts in the sentence test) without growing past ~25 MB.
 */
const cache = new Map<string, KeywordConfig>();
export const KEYWORD_CONFIGS_KEPT = 8;

export function buildKeywordConfig(overrides: KeywordOverrides = {}): KeywordConfig {
  return keptRecent(cache, JSON.stringify(overrides), KEYWORD_CONFIGS_KEPT, () => compileKeywords(overrides));
}

function compileKeywords(overrides: KeywordOverrides): KeywordConfig {
  const locales = new Set([...Object.keys(BUILTIN_KEYWORDS), ...Object.keys(overrides)]);
  // Words that fold alike (OK, ok, ＯＫ) are one keyword.
  const bits = new Map<string, number>();
  for (const list of LIST_NAMES) {
    for (const locale of locales) {
      const change = overrides[locale]?.[list];
      const removed = new Set(change?.remove ?? []);
      for (const word of [...(BUILTIN_KEYWORDS[locale]?.[list] ?? []).filter((w) => !removed.has(w)), ...(change?.add ?? [])]) {
        const folded = foldKeyword(word);
        bits.set(folded, (bits.get(folded) ?? 0) | LIST_BIT[list]);
      }
    }
  }
  const side = (lists: number, anywhere: readonly string[] = []): SideKeywords => {
    const matcher = new KeywordMatcher([...bits.keys()].filter((k) => bits.get(k)! & lists), WATCHED, anywhere);
    return { matcher, listBits: Int32Array.from(matcher.keywords, (k, i) => (i < matcher.anywhereFrom ? bits.get(k)! & lists : CONTACT_CUE_BIT)) };
  };
  return { customer: side(CUSTOMER_LISTS), agent: side(AGENT_LISTS, CONTACT_CUES) };
}
