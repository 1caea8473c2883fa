import type { CoachingItem, Localized } from './types';

/**
 * The default suggestion library: per scorecard item, a concrete better reply or behaviour (the seeds:
 * "not only the problem, also a suggestion"). A store overrides any item in its settings
 * (`coaching.suggestions`); an item with no entry here gets a sentence built from its description.
 */
export const DEFAULT_SUGGESTIONS: Record<string, Localized> = {
  polite_language: {
    'zh-CN': '换成肯定、礼貌的说法，例如「这个问题我马上帮您确认，请稍等」，不用「不知道」「你自己看」这类话。',
    en: 'Use a positive, polite phrase such as "Let me check that for you right away" instead of "I don\'t know" or "look it up yourself".',
  },
  reply_speed: {
    'zh-CN': '顾客来消息后 30 秒内先回一句，哪怕是「您好，我在的，马上为您查看」，再去查询细节。',
    en: 'Answer within 30 seconds, even with "Hi, I\'m here and looking into it now", then check the details.',
  },
  greeting: {
    'zh-CN': '第一句先问候，例如「您好，欢迎光临，我是客服小店，很高兴为您服务」。',
    en: 'Open with a greeting, e.g. "Hello and welcome! Happy to help you today."',
  },
  waiting_phrase: {
    'zh-CN': '需要查询时先说「请您稍等，我帮您查一下」，让顾客知道你在处理。',
    en: 'Before you look something up, say "One moment please, I\'m checking that for you" so the customer knows you are on it.',
  },
  closing: {
    'zh-CN': '结束前问一句「请问还有什么可以帮您的吗？」，再祝顾客生活愉快。',
    en: 'Before you finish, ask "Is there anything else I can help with?" and wish the customer a nice day.',
  },
  product_knowledge: {
    'zh-CN': '回答前先核对商品详情页的参数、尺码表和库存，把准确的数字告诉顾客。',
    en: 'Check the product page, size chart and stock before answering, and give the customer the exact figures.',
  },
  needs_exploration: {
    'zh-CN': '推荐前先问一两个问题，例如「请问是自己穿还是送人？平时穿什么码？」',
    en: 'Ask one or two questions before recommending, e.g. "Is it for yourself or a gift? What size do you usually wear?"',
  },
  solution: {
    'zh-CN': '给出一个明确的方案和下一步，例如「建议您选 L 码，今天下单明天发货」。',
    en: 'Give one clear option and the next step, e.g. "I suggest size L; order today and it ships tomorrow."',
  },
  expression: {
    'zh-CN': '先回应顾客的感受，再用简短清楚的句子说明，例如「理解您着急，我这边马上处理」。',
    en: 'Acknowledge how the customer feels first, then explain in short clear sentences, e.g. "I understand this is urgent; I\'m on it now."',
  },
  accuracy: {
    'zh-CN': '发送前把顾客的问题逐条对一遍，每个问题都给出答复，不确定的先核实再回答。',
    en: 'Before sending, go through the customer\'s questions one by one and answer each; verify anything you are unsure of first.',
  },
  taboos: {
    'zh-CN': '所有沟通和交易都留在平台内：不发微信、QQ、电话或站外链接，可以说「有问题随时在这里联系我们」。',
    en: 'Keep every contact and payment on the platform: no WeChat, QQ, phone numbers or outside links. Say "You can reach us here any time."',
  },
  risk_awareness: {
    'zh-CN': '只承诺政策内能做到的，例如「我帮您申请，结果以审核为准」，不确定的先问组长。',
    en: 'Promise only what policy allows, e.g. "I\'ll request it for you; the result depends on review"; ask your lead when unsure.',
  },
  proactiveness: {
    'zh-CN': '主动多走一步：提醒发货时间、优惠或售后注意事项，不等顾客来问。',
    en: 'Go one step further unprompted: mention shipping times, offers or care tips before the customer asks.',
  },
  sales_awareness: {
    'zh-CN': '顾客确定购买后，自然地推荐一件搭配或提醒可用的优惠券。',
    en: 'Once the customer decides, suggest one matching item or remind them of an available coupon.',
  },
  process_handling: {
    'zh-CN': '按流程一步步告诉顾客怎么操作（在哪里申请、要填什么、多久处理），并确认顾客已明白。',
    en: 'Walk the customer through the process step by step (where to apply, what to fill in, how long it takes) and check they understood.',
  },
  soothing: {
    'zh-CN': '先道歉并表示理解，例如「非常抱歉给您带来不便，我理解您的心情」，再给出解决办法。',
    en: 'Apologise and show understanding first, e.g. "I\'m sorry for the trouble, I understand how frustrating this is", then offer the fix.',
  },
  retention: {
    'zh-CN': '在办理退货前先提供换货、补偿或优惠等选择，尊重顾客的决定。',
    en: 'Before processing a return, offer an exchange, a goodwill credit or a discount, and respect the customer\'s choice.',
  },
};

/** The suggestion for an item: the store's own words, else the default, else one built from its description. */
export function suggestionFor(item: Pick<CoachingItem, 'id' | 'description'>, store: Record<string, Localized>): Localized {
  return (
    store[item.id] ??
    DEFAULT_SUGGESTIONS[item.id] ?? {
      'zh-CN': `对照标准再做一次：${item.description['zh-CN']}。`,
      en: `Next time, aim for the standard: ${item.description.en}.`,
    }
  );
}
