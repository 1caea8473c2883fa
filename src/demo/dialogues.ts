/**
 * Dialogue material for the demo day: realistic pre- and after-sales chats of a clothing store, in
 * zh-CN and en, with the openings, waiting phrases and closings a QA reviewer looks for.
 */
export type Lang = 'zh-CN' | 'en';
export type Team = 'pre_sales' | 'after_sales';

/** A dialogue: alternating customer (c) and agent (a) lines; `{order}` is filled with an order number. */
export type Script = { c: string; a: string }[];

export const SCRIPTS: Record<Lang, Record<Team, Script[]>> = {
  'zh-CN': {
    pre_sales: [
      [
        { c: '这件羽绒服还有L码吗？', a: '有的亲，L码现在还有库存哦' },
        { c: '我身高175，体重70公斤，穿多大合适？', a: '根据您的身高体重，建议选L码，版型偏宽松' },
        { c: '什么时候能发货？', a: '今天16点前下单当天发货，一般2-3天到' },
      ],
      [
        { c: '店里有优惠券吗？', a: '现在满299减30，领券中心可以直接领取' },
        { c: '可以和店铺会员折扣一起用吗？', a: '可以叠加使用的，下单时会自动计算' },
      ],
      [
        { c: '黑色和灰色哪个更耐脏？', a: '黑色更耐脏一些，灰色看起来更百搭' },
        { c: '面料会起球吗？', a: '这款是精梳棉，正常洗护不容易起球' },
        { c: '好的，那我拍黑色', a: '好的，拍下后我们尽快为您安排发货' },
      ],
      [
        { c: '这款和上个月那款有什么区别？', a: '新款加厚了内胆，保暖性更好，袖口也做了防风设计' },
        { c: '价格会降吗？', a: '双十二会有活动，不过现在下单可以保价' },
      ],
    ],
    after_sales: [
      [
        { c: '我的快递三天了还没到，订单号{order}', a: '帮您查询了一下，包裹目前在转运中心，预计明天送达' },
        { c: '能催一下吗？', a: '已经帮您联系快递加急处理了' },
      ],
      [
        { c: '衣服尺码偏小，想换大一码', a: '可以的，您在订单里申请换货，选择大一码就可以' },
        { c: '运费谁出？', a: '换货运费由我们承担，您先垫付我们会补给您' },
      ],
      [
        { c: '收到的裤子有个线头开了，订单号{order}', a: '非常抱歉给您带来不便，麻烦拍一张照片发给我们' },
        { c: '照片发了', a: '收到，给您申请了退款20元作为补偿，或者您也可以退货' },
      ],
      [
        { c: '我申请的退款什么时候到账？', a: '退款已经审核通过，原路退回一般1-3个工作日到账' },
      ],
    ],
  },
  en: {
    pre_sales: [
      [
        { c: 'Is this jacket available in size M?', a: 'Yes, size M is in stock right now' },
        { c: 'Does it run small?', a: 'It fits true to size, most customers take their usual size' },
      ],
      [
        { c: 'Do you ship to Hong Kong?', a: 'We do, delivery takes 3 to 5 days' },
        { c: 'Is there a discount for two items?', a: 'Yes, 10% off when you buy two or more' },
      ],
    ],
    after_sales: [
      [
        { c: 'My parcel has not arrived yet, order {order}', a: 'I checked it for you, the parcel is out for delivery today' },
      ],
      [
        { c: 'I want to return these shoes, they are too tight', a: 'Sure, you can request a return in your order page within 7 days' },
        { c: 'Will I get a full refund?', a: 'Yes, the full amount goes back to your original payment method' },
      ],
    ],
  },
};

export const GREETINGS: Record<Lang, string[]> = {
  'zh-CN': ['亲，您好！', '您好，欢迎光临！', '您好，很高兴为您服务～'],
  en: ['Hello! ', 'Hi there, welcome! ', 'Hello, thanks for reaching out! '],
};
export const WAITING: Record<Lang, string[]> = { 'zh-CN': ['请稍等，我帮您查一下', '稍等一下哦亲'], en: ['One moment please, let me check', 'Please wait a moment'] };
export const CLOSINGS: Record<Lang, string[]> = {
  'zh-CN': ['还有什么可以帮您的吗？', '感谢您的支持，祝您生活愉快！', '还有其他问题随时找我哦'],
  en: ['Is there anything else I can help with?', 'Thank you, have a nice day!'],
};
export const THANKS: Record<Lang, string[]> = { 'zh-CN': ['好的，谢谢', '好的', '谢谢亲'], en: ['Great, thanks!', 'Ok thank you'] };

/** The problems a demo day holds a few of, so AutoQA and the sample have something to find. */
export const BREAKS = {
  diversion: { 'zh-CN': '这边不方便说，加我微信 shop_xiaomei88 详聊', en: 'Add me on WeChat: shop_amy88 and I will help you there' },
  phone: { 'zh-CN': '您直接打我电话13912345678吧', en: 'Call me at +86 139 1234 5678' },
  rude: { 'zh-CN': '不知道，你自己看详情页', en: "I don't know, read the product page yourself" },
  escalation: { 'zh-CN': '太慢了，我要投诉，给差评！', en: 'This is terrible, I will file a chargeback' },
  unanswered: { 'zh-CN': '那到底什么时候能到？？', en: 'So when will it arrive??' },
} as const;
export type Break = keyof typeof BREAKS | 'slow';

export const AGENT_NAMES = {
  pre_sales: ['小美', '阿杰', '婷婷', '小王', '李娜', '陈晨', '周杰', '赵敏', '孙悦', 'Emma'],
  after_sales: ['小雪', '张伟', '刘洋', '杨帆', '黄蕾', '吴昊', '郑爽', '冯雨', '何静', 'Jack'],
} as const;
export const CUSTOMER_NAMES = ['张女士', '王先生', '李同学', '刘女士', '陈先生', '杨女士', 'Mia', 'Tom', '赵先生', '孙女士'];
