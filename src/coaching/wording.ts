import type { NoCardReason, TaskReason } from '../domain/enums';
import type { Localized, Trend } from './types';

/**
 * Every sentence a card, a dispute outcome or a no-card reason says, in zh-CN and en. The order and tone
 * follow the seeds: praise first, facts not opinions, a concrete better way, an encouraging close.
 */
const MAX_QUOTE = 80;

export const num = (n: number) => String(Math.round(n * 10) / 10);
export const clip = (text: string) => (text.length > MAX_QUOTE ? `${text.slice(0, MAX_QUOTE - 1)}…` : text);
const zhQ = (t: string) => `「${clip(t)}」`;
const enQ = (t: string) => `“${clip(t)}”`;

/** The quote, when there is one, is shown beside the text (as for the other praise), not repeated in it. */
export function praiseGoodExample(score: number): Localized {
  return { 'zh-CN': `做得好！质检员把你的一段对话（${num(score)} 分）选为团队的优秀案例。`, en: `Well done! A reviewer chose one of your conversations (${num(score)} points) as a good example for the team.` };
}

export function praiseBestItem(item: Localized, reviews: number): Localized {
  return reviews > 1
    ? { 'zh-CN': `做得好！「${item['zh-CN']}」在 ${reviews} 次质检中全部达标。`, en: `Well done! ${item.en} was right in all ${reviews} reviewed conversations.` }
    : { 'zh-CN': `做得好！这次质检中「${item['zh-CN']}」做得很到位。`, en: `Well done! ${item.en} was spot on in the reviewed conversation.` };
}

export function praiseEffort(bestScore: number): Localized {
  return { 'zh-CN': `谢谢你的付出：得分最高的一次会话拿到了 ${num(bestScore)} 分。`, en: `Thank you for your work: your best reviewed conversation scored ${num(bestScore)}.` };
}

export interface ImprovementWords {
  item: Localized;
  quote: string | null;
  fromCustomer: boolean;
  comment: string | null;
  suggestion: Localized;
  repeat: boolean;
}

/** Fact (the quoted message) → the scorecard item → the better way. */
export function improvementText(w: ImprovementWords): Localized {
  const zhFact = w.quote ? `${w.fromCustomer ? '顾客的消息' : '你的回复'}${zhQ(w.quote)}：「${w.item['zh-CN']}」未达标。` : `这次会话中「${w.item['zh-CN']}」未达标。`;
  const enFact = w.quote ? `${w.fromCustomer ? 'The customer wrote' : 'You wrote'} ${enQ(w.quote)}: ${w.item.en} was not met.` : `In this conversation, ${w.item.en} was not met.`;
  const zhNote = w.comment ? `质检员备注：${w.comment}。` : '';
  const enNote = w.comment ? `Reviewer's note: ${w.comment}. ` : '';
  const zhRepeat = w.repeat ? '（之前的辅导卡也提到过这一项。）' : '';
  const enRepeat = w.repeat ? ' (This item was on an earlier card too.)' : '';
  return {
    'zh-CN': `${zhFact}${zhNote}更好的做法：${w.suggestion['zh-CN']}${zhRepeat}`,
    en: `${enFact} ${enNote}A better way: ${w.suggestion.en}${enRepeat}`,
  };
}

/** The encouraging close, with the trend against the previous card. */
export function closeText(average: number, previous: number | null, trend: Trend, improvements: number): Localized {
  const avg = num(average);
  const delta = previous === null ? '' : num(Math.abs(average - previous));
  const zhWork = improvements ? `把上面${improvements > 1 ? '这几点' : '这一点'}做好，` : '';
  const enWork = improvements ? `Work on ${improvements > 1 ? 'the points' : 'the point'} above and ` : '';
  switch (trend) {
    case 'up':
      return { 'zh-CN': `本次平均 ${avg} 分，比上次提高了 ${delta} 分，进步很明显，继续保持！`, en: `Your average was ${avg}, up ${delta} from last time. Great progress, keep it up!` };
    case 'down':
      return {
        'zh-CN': `本次平均 ${avg} 分，比上次低 ${delta} 分。${zhWork}下次一定更好，加油！`,
        en: `Your average was ${avg}, ${delta} below last time. ${enWork ? `${enWork}the` : 'The'} next one will be better. You've got this!`,
      };
    case 'flat':
      return { 'zh-CN': `本次平均 ${avg} 分，和上次持平。${zhWork}继续加油！`, en: `Your average was ${avg}, steady with last time. ${enWork ? `${enWork}keep going!` : 'Keep going!'}` };
    default:
      return { 'zh-CN': `本次平均 ${avg} 分。这是你的第一张辅导卡，期待你下一次的表现！`, en: `Your average was ${avg}. This is your first coaching card; looking forward to the next one!` };
  }
}

export const ALL_PRAISE: Localized = { 'zh-CN': '这一天被抽检的会话全部达标，没有需要改进的地方。', en: 'Every reviewed conversation met the standard: nothing to improve this time.' };

export type { NoCardReason };

export function noCardText(reason: NoCardReason, pending: number): Localized {
  switch (reason) {
    case 'not_active':
      return { 'zh-CN': '这一天没有接待会话，没有可质检的内容。', en: 'No conversations that day, so nothing to review.' };
    case 'not_sampled_yet':
      // Said of today (not sampled until it ends) and of a day before the store's history alike.
      return { 'zh-CN': '这一天没有抽检记录（每天结束后才抽检）。', en: 'No sample for that day (a day is sampled once it has ended).' };
    case 'reviews_pending':
      return { 'zh-CN': `还有 ${pending} 条质检未完成，完成后生成辅导卡。`, en: `${pending} review${pending === 1 ? ' is' : 's are'} still to be done; the card follows once they are in.` };
    default:
      return { 'zh-CN': '质检已完成，辅导卡即将生成。', en: 'The reviews are in; the card will be made shortly.' };
  }
}

export type UnstableKind = TaskReason;

export function unstableText(kind: UnstableKind, threshold: number, days: number): Localized {
  switch (kind) {
    case 'low_scores':
      return { 'zh-CN': `连续 ${days} 天质检平均分低于 ${num(threshold)} 分`, en: `Reviewed average below ${num(threshold)} on ${days} consecutive days` };
    case 'critical':
      return { 'zh-CN': '质检中出现严重违规（服务禁忌）', en: 'A critical failure (a taboo) in a review' };
    default:
      return { 'zh-CN': '主管手动标记', en: 'Flagged by a manager' };
  }
}

/** Why the unstable flag came off (the audit log's reason). */
export function steadyAgainText(threshold: number, days: number): Localized {
  return { 'zh-CN': `质检平均分连续 ${days} 个质检日回到 ${num(threshold)} 分及以上`, en: `Back at or above ${num(threshold)} on ${days} reviewed days` };
}

export function disputeOutcomeText(status: 'open' | 'accepted' | 'rejected', before: number, after: number | null, reply: string | null): Localized {
  if (status === 'open') return { 'zh-CN': '申诉处理中，组长或质检员会尽快回复。', en: 'Dispute under review; your lead or QA will reply soon.' };
  if (status === 'accepted') {
    const change = after === null ? '' : `，评分 ${num(before)} → ${num(after)}`;
    const enChange = after === null ? '' : `; score ${num(before)} → ${num(after)}`;
    return { 'zh-CN': `申诉已采纳：该项改为达标${change}。${reply ? `回复：${reply}` : ''}`, en: `Dispute accepted: the item now counts as met${enChange}.${reply ? ` Reply: ${reply}` : ''}` };
  }
  return { 'zh-CN': `申诉未采纳，评分不变。回复：${reply ?? ''}`, en: `Dispute not accepted; the score stands. Reply: ${reply ?? ''}` };
}
