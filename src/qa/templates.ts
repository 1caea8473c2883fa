import type { Phase } from './types';
import { scorecardSchema, type Scorecard, type ScorecardItem } from './scorecard';

/** The default scorecards (SPEC §3, from a Tmall store's card): 25 / 50 / 25, created for every new store. */
const item = (id: string, zh: string, en: string, maxPoints: number, auto: ScorecardItem['auto'], descZh: string, descEn: string, critical = false): ScorecardItem => ({
  id,
  name: { 'zh-CN': zh, en },
  description: { 'zh-CN': descZh, en: descEn },
  maxPoints,
  auto,
  critical,
});

const etiquette = {
  id: 'etiquette',
  name: { 'zh-CN': '服务规范', en: 'Service etiquette' },
  weight: 25,
  items: [
    item('polite_language', '服务用语', 'Polite language', 5, 'banned_phrases', '不使用禁语、推诿或反问', 'No banned, dismissive or rhetorical phrases'),
    item('reply_speed', '回复速度', 'Reply speed', 5, ['first_response', 'avg_response'], '首响 ≤30 秒，平均响应 ≤60 秒', 'First reply within 30 s, average within 60 s'),
    item('greeting', '开头语', 'Greeting', 5, 'greeting', '首次回复有问候语', 'The first reply greets the customer'),
    item('waiting_phrase', '等候语', 'Waiting phrase', 5, 'waiting_phrase', '需要时间时先告知顾客稍等', 'Tells the customer to wait before a long pause'),
    item('closing', '结束语', 'Closing', 5, 'closing', '结束时礼貌收尾', 'Ends the chat politely'),
  ],
};

const taboos = item('taboos', '服务禁忌', 'Taboos', 10, ['diversion', 'abusive'], '不引导站外交易、不辱骂顾客', 'No off-platform diversion, no abuse', true);
const risk = item('risk_awareness', '风险意识', 'Risk awareness', 5, null, '不做超出政策的承诺', 'Makes no promise beyond policy');
const proactive = item('proactiveness', '主动性', 'Proactiveness', 5, 'follow_through', '跟进到底：结束前答复顾客的问题，承诺的事项说明时间', 'Follows through: answers before the end, says when promised actions happen');
const expression = item('expression', '表达技巧', 'Expression', 10, null, '表达清晰、有同理心', 'Clear and empathetic wording');
const accuracy = item('accuracy', '准确完整', 'Accuracy & completeness', 10, 'completeness', '回答准确，不遗漏顾客问题', 'Accurate, no customer question left unanswered');

/** Both phases share etiquette and most of awareness; they differ in business items and one awareness item. */
function card(phase: Phase, business: ScorecardItem[], awarenessExtra: ScorecardItem): Scorecard {
  return scorecardSchema.parse({
    phase,
    criticalMode: 'conversation',
    categories: [
      etiquette,
      { id: 'business', name: { 'zh-CN': '业务能力', en: 'Business ability' }, weight: 50, items: [...business, expression, accuracy] },
      { id: 'awareness', name: { 'zh-CN': '服务意识', en: 'Service awareness' }, weight: 25, items: [taboos, risk, proactive, awarenessExtra] },
    ],
  });
}

export const DEFAULT_SCORECARDS: Record<Phase, Scorecard> = {
  pre_sales: card(
    'pre_sales',
    [
      item('product_knowledge', '产品知识', 'Product knowledge', 10, null, '熟悉商品参数、尺码和库存', 'Knows specs, sizes and stock'),
      item('needs_exploration', '需求探索', 'Needs exploration', 10, 'needs_exploration', '主动了解顾客需求', 'Asks about the customer’s needs'),
      item('solution', '方案提供', 'Solution / recommendation', 10, 'solution_offered', '给出具体的方案或推荐，而不只是道歉或推脱', 'A concrete answer or recommendation, not only apology or deflection'),
    ],
    item('sales_awareness', '销售意识', 'Sales awareness', 5, null, '适时推荐搭配和优惠', 'Suggests add-ons and offers at the right time'),
  ),
  after_sales: card(
    'after_sales',
    [
      item('process_handling', '流程操作', 'Process handling', 10, 'process_handling', '退货、退款、换货、物流流程正确', 'Returns, refunds, exchanges and logistics handled right'),
      item('solution', '方案提供', 'Solution within policy', 10, 'solution_offered', '在政策内给出具体的解决办法', 'A concrete solution within policy'),
      item('soothing', '情绪安抚', 'Soothing an upset customer', 10, 'soothing', '顾客不满时先体谅再行动，只道歉不算', 'Acknowledges an upset customer and acts; an apology alone is not enough'),
    ],
    item('retention', '挽回', 'Retention', 5, null, '尝试挽回退货和差评', 'Tries to keep the sale and the rating'),
  ),
};
