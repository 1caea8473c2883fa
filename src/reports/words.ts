/** Words the server writes into CSV files and reports, in zh-CN and en: codes never reach a reader. */
import type { AuditAction, AuditEntity, ItemOutcome, Phase, UiLocale } from '../domain/enums';

type Words<K extends string> = Record<UiLocale, Record<K, string>>;

export const REVIEW_COLUMNS = [
  'date', 'agent', 'team', 'reviewer', 'conversation', 'phase', 'scorecardVersion', 'reviewScore', 'reviewPassed', 'calibration',
  'category', 'item', 'outcome', 'points', 'maxPoints', 'itemComment', 'reviewComment', 'goodExample', 'submittedAt', 'reviewId',
] as const;

export const MONTHLY_COLUMNS = [
  'month', 'team', 'agent', 'reviewed', 'averageScore', 'passRate', 'activeDays', 'atQuotaDays', 'coverage', 'scoreTrend',
  'mostFailedItems', 'disputesOpened', 'disputesAccepted', 'repeatErrorRate', 'coachingEffectiveness',
] as const;

export const AUDIT_COLUMNS = ['when', 'who', 'action', 'subject', 'before', 'after', 'why'] as const;

type Column = (typeof REVIEW_COLUMNS)[number] | (typeof MONTHLY_COLUMNS)[number] | (typeof AUDIT_COLUMNS)[number];

export const COLUMN_WORDS: Words<Column> = {
  'zh-CN': {
    date: '日期', agent: '客服', team: '组', reviewer: '质检员', conversation: '会话编号', phase: '阶段', scorecardVersion: '评分表版本',
    reviewScore: '总分', reviewPassed: '是否合格', calibration: '校准复核', category: '类别', item: '质检项', outcome: '结果', points: '得分',
    maxPoints: '满分', itemComment: '扣分说明', reviewComment: '总体评语', goodExample: '优秀案例', submittedAt: '提交时间', reviewId: '质检单号',
    month: '月份', reviewed: '质检数', averageScore: '平均分', passRate: '合格率(%)', activeDays: '在岗天数', atQuotaDays: '抽检达标天数',
    coverage: '覆盖率(%)', scoreTrend: '较上月平均分', mostFailedItems: '失分最多的项目', disputesOpened: '申诉数', disputesAccepted: '申诉成立数',
    repeatErrorRate: '重复错误率(%)', coachingEffectiveness: '辅导效果(百分点)',
    when: '时间', who: '操作人', action: '操作', subject: '对象', before: '变更前', after: '变更后', why: '原因',
  },
  en: {
    date: 'Date', agent: 'Agent', team: 'Team', reviewer: 'Reviewer', conversation: 'Conversation', phase: 'Phase', scorecardVersion: 'Scorecard version',
    reviewScore: 'Review score', reviewPassed: 'Passed', calibration: 'Calibration review', category: 'Category', item: 'Item', outcome: 'Outcome', points: 'Points',
    maxPoints: 'Max points', itemComment: 'Item comment', reviewComment: 'Review comment', goodExample: 'Good example', submittedAt: 'Submitted at', reviewId: 'Review id',
    month: 'Month', reviewed: 'Reviews', averageScore: 'Average score', passRate: 'Pass rate (%)', activeDays: 'Active days', atQuotaDays: 'Days at quota',
    coverage: 'Coverage (%)', scoreTrend: 'Score vs last month', mostFailedItems: 'Most failed items', disputesOpened: 'Disputes opened', disputesAccepted: 'Disputes accepted',
    repeatErrorRate: 'Repeat-error rate (%)', coachingEffectiveness: 'Coaching effectiveness (points)',
    when: 'When', who: 'Who', action: 'Action', subject: 'Subject', before: 'Before', after: 'After', why: 'Why',
  },
};

export const OUTCOME_WORDS: Words<ItemOutcome> = { 'zh-CN': { pass: '通过', fail: '未通过', na: '不适用' }, en: { pass: 'Pass', fail: 'Fail', na: 'N/A' } };
export const PHASE_WORDS: Words<Phase> = { 'zh-CN': { pre_sales: '售前', after_sales: '售后' }, en: { pre_sales: 'Pre-sales', after_sales: 'After-sales' } };
export const YES_NO: Record<UiLocale, [string, string]> = { 'zh-CN': ['是', '否'], en: ['Yes', 'No'] };
/** The label of a team or store total row, and of agents without a team. */
export const TOTAL_WORDS: Words<'all' | 'noTeam' | 'store'> = { 'zh-CN': { all: '合计', noTeam: '未分组', store: '全店' }, en: { all: 'Total', noTeam: 'No team', store: 'Whole store' } };

export const AUDIT_ACTION_WORDS: Words<AuditAction> = {
  'zh-CN': {
    review_submitted: '提交质检', dispute_accepted: '采纳申诉', dispute_rejected: '驳回申诉', flag_changed: '修改客服标记', settings_changed: '修改设置', task_done: '完成辅导任务',
    scorecard_created: '新建评分表版本', scorecard_activated: '启用评分表版本', api_key_rotated: '更换 API 密钥', embed_secret_rotated: '更换嵌入密钥', customer_erased: '删除顾客数据',
  },
  en: {
    review_submitted: 'Review submitted', dispute_accepted: 'Dispute accepted', dispute_rejected: 'Dispute rejected', flag_changed: 'Agent flag changed', settings_changed: 'Settings changed', task_done: 'Coaching task done',
    scorecard_created: 'Scorecard version created', scorecard_activated: 'Scorecard version activated', api_key_rotated: 'API key rotated', embed_secret_rotated: 'Embed secret rotated', customer_erased: 'Customer data erased',
  },
};

/** Who did it, in words: the API key, a widget user by role, the operator, a job. */
export const ACTOR_WORDS: Words<'api_key' | 'operator' | 'system' | 'agent' | 'lead' | 'qa' | 'manager'> = {
  'zh-CN': { api_key: 'API 密钥', operator: '运维', system: '系统任务', agent: '客服', lead: '组长', qa: '质检员', manager: '主管' },
  en: { api_key: 'API key', operator: 'Operator', system: 'System job', agent: 'Agent', lead: 'Team lead', qa: 'QA reviewer', manager: 'Manager' },
};

/** What an audit entry was about, in words. */
export const ENTITY_WORDS: Words<AuditEntity> = {
  'zh-CN': { review: '质检单', dispute: '申诉', agent: '客服', settings: '设置', coaching_task: '辅导任务', scorecard: '评分表', store: '店铺', customer: '顾客' },
  en: { review: 'Review', dispute: 'Dispute', agent: 'Agent', settings: 'Settings', coaching_task: 'Coaching task', scorecard: 'Scorecard', store: 'Store', customer: 'Customer' },
};

export const columns = <C extends Column>(locale: UiLocale, cols: readonly C[]) => cols.map((c) => COLUMN_WORDS[locale][c]);
