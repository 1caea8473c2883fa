import { seededRng } from '../lib/random';

/**
 * How the demo's QA reviewers judge a sampled conversation, deterministically: they mostly confirm
 * AutoQA's pre-fill (now and then overruling it, on some items more than others) and judge the manual items, where each agent has a couple of weak items (so the same items
 * fail again — repeat errors) and one new hire has two bad days running (so the unstable flag, its 1:1
 * task and the boosted quota show). Plain data in, the submission body out.
 */
export interface DemoReviewInput {
  /** The agent's platform id and place on the demo roster (`jd-agent-007` → 6). */
  agentExternalId: string;
  agentIndex: number;
  lang: 'zh-CN' | 'en';
  date: string;
  /** Days before the store's yesterday (0 = yesterday). */
  daysAgo: number;
  conversationId: string;
  items: { itemId: string; outcome: 'pass' | 'fail' | 'na' | null; source: 'auto' | 'reviewer' | null }[];
  /** The agent's replies in order: a manual finding points at the one its item is about, so the card quotes it. */
  agentMessages: { id: string; text: string }[];
  /** Force one weak-item failure (the demo agent's latest card must have something to dispute). */
  forceFinding?: boolean;
}

export interface DemoSubmission {
  items: { itemId: string; outcome: 'pass' | 'fail' | 'na'; comment?: string; messageId?: string }[];
  goodExample: boolean;
  comment?: string;
}

/**
 * How often the demo's reviewers overrule AutoQA's outcome of an item (they keep it otherwise): needs
 * exploration most, so the AutoQA agreement panel shows an item whose auto judgement a manager might
 * switch off, beside items reviewers nearly always keep.
 */
export const OVERRULED: Readonly<Record<string, number>> = { needs_exploration: 0.3, soothing: 0.12, solution: 0.08, proactiveness: 0.05, waiting_phrase: 0.03 };

const MANUAL_WEAKNESSES = ['product_knowledge', 'needs_exploration', 'solution', 'expression', 'proactiveness', 'process_handling', 'soothing', 'risk_awareness'];
/** The new hire whose two bad days in a row make the unstable story (阿杰 on the demo roster). */
export const STRUGGLING_AGENT_INDEX = 2;
export const STRUGGLING_DAYS_AGO = [5, 4];

const COMMENTS: Record<string, [string, string]> = {
  polite_language: ['用了推诿或反问的说法', 'Used a dismissive phrase'],
  reply_speed: ['回复太慢，顾客等了很久', 'The customer waited too long for a reply'],
  greeting: ['第一句没有问候', 'No greeting in the first reply'],
  waiting_phrase: ['查询前没有请顾客稍等', 'No "one moment please" before the pause'],
  closing: ['结束时没有礼貌收尾', 'No polite closing'],
  product_knowledge: ['尺码和面料说得不准确', 'Size and fabric details were not accurate'],
  needs_exploration: ['没有先了解顾客的需求就推荐', 'Recommended before asking what the customer needs'],
  solution: ['没有给出明确的方案', 'No clear option offered'],
  expression: ['表达生硬，缺少同理心', 'Curt wording, little empathy'],
  accuracy: ['顾客的问题没有答完', 'A customer question was left unanswered'],
  taboos: ['引导顾客到站外联系', 'Took the customer off the platform'],
  risk_awareness: ['做了超出政策的承诺', 'Promised more than policy allows'],
  proactiveness: ['没有主动提醒发货时间', 'Did not mention the shipping time unprompted'],
  sales_awareness: ['可以顺带推荐搭配', 'Missed a natural add-on suggestion'],
  process_handling: ['退换货流程说得不完整', 'The return steps were incomplete'],
  soothing: ['顾客不满时没有先安抚', 'Did not calm the upset customer first'],
  retention: ['没有尝试挽回', 'Made no attempt to keep the sale'],
};

/**
 * Words a reply is about, for the manual items whose finding is about something said (an inaccurate
 * size, a promise, incomplete return steps): the demo reviewer points at that reply. Findings about
 * something left unsaid (no add-on, no shipping time, no soothing) point at the first reply.
 */
const ABOUT: Readonly<Record<string, RegExp>> = {
  product_knowledge: /码|尺|版型|面料|棉|保暖|size|fits?\b|fabric/i,
  risk_awareness: /天|保价|承担|补偿|退款|deliver|days|full amount|refund/i,
  process_handling: /申请|换货|退货|退款|审核|return|request|refund/i,
};

/**
 * Words a reply would have, for the items whose finding is about something left unsaid: a reviewer does
 * not say "did not mention the shipping time" of a chat where the agent gave it.
 */
const UNSAID: Readonly<Record<string, RegExp>> = {
  proactiveness: /发货|到货|物流|快递|ship|deliver|dispatch/i,
  sales_awareness: /搭配|一起买|套装|add-on|goes well with|pair it/i,
};

/** Whether a finding on `itemId` fits the agent's replies: what it is about was said, what it misses was not. */
export function findingFits(itemId: string, replies: readonly { text: string }[]): boolean {
  const about = ABOUT[itemId];
  const unsaid = UNSAID[itemId];
  return (!about || replies.some((m) => about.test(m.text))) && (!unsaid || !replies.some((m) => unsaid.test(m.text)));
}

/**
 * The reply a finding on `itemId` points at: the last for the closing, one with the item's words, else
 * the first (a greeting, a reply speed, the first impression).
 */
export function replyFor(itemId: string, replies: readonly { id: string; text: string }[]): string | null {
  if (!replies.length) return null;
  if (itemId === 'closing') return replies.at(-1)!.id;
  const about = ABOUT[itemId];
  return (about && replies.find((m) => about.test(m.text))?.id) || replies[0]!.id;
}

/** Two weak items per agent, seeded by the agent. */
export function weakItems(agentExternalId: string): string[] {
  const rng = seededRng(`demo-weak|${agentExternalId}`);
  return rng.shuffle([...MANUAL_WEAKNESSES]).slice(0, 2);
}

export function demoReview(r: DemoReviewInput): DemoSubmission {
  const rng = seededRng(`demo-review|${r.conversationId}`);
  const weak = weakItems(r.agentExternalId);
  const struggling = r.agentIndex === STRUGGLING_AGENT_INDEX && STRUGGLING_DAYS_AGO.includes(r.daysAgo);
  const comment = (itemId: string) => COMMENTS[itemId]?.[r.lang === 'en' ? 1 : 0] ?? (r.lang === 'en' ? 'Below the standard' : '未达标');
  const manual = r.items.filter((i) => i.source !== 'auto' || !i.outcome).map((i) => i.itemId);
  // A reviewer fails an item about something (a promise, a size, a return) only where the agent said such a
  // thing, and one about something missing (the shipping time, an add-on) only where it is missing.
  const applies = (itemId: string) => findingFits(itemId, r.agentMessages);
  const forcedItem = r.forceFinding ? (manual.find((id) => weak.includes(id) && applies(id)) ?? manual.find(applies) ?? manual[0]) : undefined;
  // Overrules draw from their own seed: the manual items' judgements stay as they were without them.
  const overrule = seededRng(`demo-overrule|${r.conversationId}`);
  const finding = (itemId: string) => {
    const messageId = replyFor(itemId, r.agentMessages);
    return { itemId, outcome: 'fail' as const, comment: comment(itemId), ...(messageId ? { messageId } : {}) };
  };
  const items = r.items.map((i) => {
    if (i.source === 'auto' && i.outcome) {
      if (i.outcome !== 'na' && overrule.chance(OVERRULED[i.itemId] ?? 0)) {
        if (i.outcome === 'fail') return { itemId: i.itemId, outcome: 'pass' as const };
        if (applies(i.itemId)) return finding(i.itemId);
      }
      return i.outcome === 'fail' ? { itemId: i.itemId, outcome: 'fail' as const, comment: comment(i.itemId) } : { itemId: i.itemId, outcome: i.outcome };
    }
    const isWeak = weak.includes(i.itemId);
    const p = struggling ? (isWeak || MANUAL_WEAKNESSES.includes(i.itemId) ? 0.6 : 0.1) : isWeak ? 0.3 : 0.02;
    const fail = (rng.chance(p) && applies(i.itemId)) || i.itemId === forcedItem;
    return fail ? finding(i.itemId) : { itemId: i.itemId, outcome: 'pass' as const };
  });
  const clean = items.every((i) => i.outcome !== 'fail');
  const goodExample = clean && rng.chance(0.15);
  return { items, goodExample, ...(goodExample ? { comment: r.lang === 'en' ? 'Warm, complete and quick: a model chat' : '热情、完整、及时，值得大家学习' } : {}) };
}
