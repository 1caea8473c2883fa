/**
 * Built-in phrase lists of the business items (needs exploration, solution, soothing, follow-through,
 * process handling), per locale. They join the other lists in keywords.ts, so a store edits them the
 * same way (`PATCH /v1/settings {"keywords": {"zh-CN": {"solution": {"add": [...]}}}}`) and the one
 * automaton finds them in the same pass as every other list.
 */
export const BUSINESS_LIST_NAMES = [
  'solution',
  'deflection',
  'acknowledge',
  'promise',
  'time',
  'process',
  'needs',
  'asking',
  'recommend',
  'resolved',
  'resolved_exceptions',
] as const;
export type BusinessListName = (typeof BUSINESS_LIST_NAMES)[number];

export const BUSINESS_KEYWORDS: Record<string, Partial<Record<BusinessListName, string[]>>> = {
  'zh-CN': {
    // A concrete step, option, explanation, policy or action taken: what the customer can do or what was done.
    solution: [
      '您可以', '你可以', '可以通过', '可以在', '可以到', '可以去', '就可以', '即可', '建议您', '请您尝试', '尝试', '试一下', '试试',
      '设置', '点击', '进入', '打开', '关闭', '开启', '清除', '重启', '重新安装', '卸载', '下载', '更新', '升级', '登录', '登陆',
      '拨打', '前往', '携带', '官网', '营业厅', '维修', '检测', '浏览器', '路径', '输入', '恢复出厂', '操作方法', '步骤',
      '是因为', '原因是', '可能是', '由于', '属于', '规定', '政策', '不支持', '是支持', '支持的', '可以支持', '支持退', '支持换', '有货', '现货', '库存', '包邮', '免费', '收费', '费用', '预计',
      '已为您', '已经为您', '已帮您', '已经帮您', '帮您办理', '为您办理', '已处理', '已经处理', '已安排', '已经安排', '已发货', '已退款', '已补发', '已修改', '已恢复', '已修复', '已开通', '已取消', '已申请', '已经申请', '给您申请', '为您申请', '补偿',
    ],
    // Not a solution in itself: passing it on, asking to move to private messages, asking to wait.
    // Phrases that start like a solution (建议您私信) are here so that they take the solution match back.
    deflection: [
      '私信', '反馈', '记录', '转交', '相关部门', '耐心等待', '请等待', '敬请等待', '核实', '核查', '留意',
      '建议您私信', '您可以私信', '可以私信', '可以通过私信', '建议您耐心等待', '您可以耐心等待', '建议您等待', '建议您留意', '您可以留意',
      // Asking for details first: a step towards a solution, not one yet.
      '关注到', '已关注', '请提供', '请您提供', '麻烦提供', '提供一下', '提供您的', '详细描述', '具体描述',
      // Waiting and general improvement, however it is put.
      '耐心等候', '请您耐心', '处理中', '正在处理', '正在为您处理', '改进', '改善', '完善', '加强', '提升', '努力',
    ],
    // The agent taking in how the customer feels (apologies count too: see the apology list).
    acknowledge: ['理解您', '明白您', '体谅', '着急', '心情', '感受', '让您久等', '给您带来', '辛苦您', '重视您', '非常重视', '能理解'],
    // A promised action.
    promise: ['会尽快', '尽快', '稍后', '回复您', '联系您', '给您回电', '回电', '跟进', '通知您', '会为您', '将为您', '会给您', '我们会', '我会', '会安排', '安排专人', '专人'],
    // When: a promise with one of these is stated with a time.
    time: ['小时', '分钟', '工作日', '天内', '日内', '天之内', '天左右', '今天', '今日', '明天', '明日', '后天', '今晚', '本周', '下周', '周一', '周二', '周三', '周四', '周五', '周六', '周日', '月底', '点前', '点之前', '当天', '马上', '立即', '立刻'],
    // After-sales process: applications, returns, refunds, logistics steps and their timeline.
    process: [
      '申请', '提交', '寄回', '退回', '退货地址', '上门取件', '取件', '审核', '原路', '到账', '工作日', '运单号', '快递单号', '物流单号', '单号',
      '售后服务单', '服务单', '工单', '补发', '重新发货', '发货', '退款', '换货', '退货', '换新', '维修', '检测', '返厂', '签收', '拒收', '订单详情', '我的订单', '运费', '运费险', '七天无理由', '保修', '质保', '转运', '派送', '配送',
      '快递', '物流', '送达', '加急', '催促', '派件',
    ],
    // Questions about what the customer needs (an agent question counts too).
    needs: ['身高', '体重', '预算', '用途', '尺码', '肤质', '平时', '喜欢', '需求', '使用场景', '场合', '送人', '自用', '什么风格', '哪种风格'],
    // The agent asking, often without a question mark.
    asking: ['请问', '是否', '多少', '能否', '可否', '方便告知', '麻烦告知'],
    // A recommendation asked for or given: where exploring needs matters.
    recommend: ['推荐', '哪款', '哪个好', '哪个更', '选哪', '适合', '建议选', '建议买', '可以考虑', '比较适合'],
    // The customer confirming the problem is solved (not thanks alone).
    resolved: ['解决了', '好了', '可以了', '成功了', '搞定', '恢复了', '能用了', '正常了', '没问题了', '收到了', '到账了', '找到了'],
    // 说好了的 recalls a promise; 还没好 says it is not solved.
    resolved_exceptions: ['说好了', '讲好了', '还没好', '没好', '不好了', '不可以了', '没解决', '未解决'],
  },
  en: {
    solution: [
      'you can', 'you could', 'please try', 'try', 'click', 'tap', 'go to', 'open', 'select', 'settings', 'restart', 'reinstall', 'update', 'log in', 'sign in', 'reset', 'clear',
      'visit', "here's how", 'here is how', 'steps', 'the reason', 'because', 'due to', 'policy', 'in stock', 'free shipping', 'free returns', 'included', 'costs', 'expected',
      'refunded', 'issued', 'processed', 'replaced', 'replacement', 'credited', 'cancelled', 'canceled', 'updated', 'fixed', 'compensation', 'reshipped', 'resent', 'arranged',
    ],
    deflection: [
      'pass it on', 'passed it on', 'pass this on', 'forward', 'forwarded', 'feedback', 'noted', 'look into', 'looking into', 'dm us', 'private message', 'send us a message',
      'wait patiently', 'be patient', 'relevant department', 'your details', 'you can wait', 'you could wait',
      'please provide', 'could you provide', 'can you provide', 'please send us', 'please describe',
      'being processed', 'working on it', 'improve', 'improving', 'do better',
    ],
    acknowledge: ['i understand', 'understand your', 'understand how', 'i can see', 'i hear you', 'frustrating', 'must be', 'appreciate your patience', 'thank you for your patience', 'thanks for your patience'],
    promise: ['i will', "i'll", 'we will', "we'll", 'get back to you', 'follow up', 'call you back', 'let you know', 'keep you posted', 'as soon as possible', 'asap'],
    time: ['hour', 'hours', 'minute', 'minutes', 'business day', 'business days', 'working days', 'today', 'tonight', 'tomorrow', 'within', 'this week', 'next week', 'end of day', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'],
    process: [
      'request', 'submit', 'return label', 'send it back', 'ship it back', 'pick up', 'pickup', 'approved', 'original payment', 'business days', 'tracking number', 'tracking',
      'shipped', 'dispatched', 'out for delivery', 'replacement', 'reship', 'resend', 'repair', 'warranty', 'return window', 'refund', 'return', 'exchange', 'store credit', 'order page',
    ],
    needs: ['budget', 'size', 'height', 'weight', 'use it for', 'looking for', 'prefer', 'occasion', 'skin type', 'what style'],
    asking: ['could you', 'can you', 'would you', 'do you', 'are you'],
    recommend: ['recommend', 'which one', 'suggest', 'would suit', 'best for', 'go for', 'should i buy', 'should i get'],
    resolved: ['works now', 'it works', 'working now', 'fixed', 'solved', 'resolved', 'that worked', 'all good now', 'got it now', 'received it'],
    resolved_exceptions: ['not fixed', 'not solved', 'not resolved', "isn't fixed", "hasn't been fixed", 'still not'],
  },
};
