/** The manager's panel of AutoQA's agreement with reviewers. */
const en = {
  from: 'From',
  to: 'To',
  item: 'Item',
  judged: 'Reviewed',
  kept: "Kept AutoQA's outcome",
  overrides: 'Overrides: {n}',
  reviewedAt: 'Reviewed {when}',
  autoqaSaid: 'AutoQA:',
  reviewerSaid: 'reviewer:',
  autoOff: 'Auto judgement off',
  reviewsInPeriod: 'Reviews submitted in the period',
  noReviews: 'No reviews were submitted in this period',
  removedItem: 'An item no longer on the scorecard',
};

export const AGREEMENT: { en: typeof en; 'zh-CN': typeof en } = {
  en,
  'zh-CN': {
    from: '从',
    to: '到',
    item: '质检项',
    judged: '复核次数',
    kept: '保持 AutoQA 判定',
    overrides: '被改判：{n} 次',
    reviewedAt: '{when} 复核',
    autoqaSaid: 'AutoQA：',
    reviewerSaid: '质检员：',
    autoOff: '已关闭自动判定',
    reviewsInPeriod: '期间提交的质检',
    noReviews: '这段时间没有提交的质检',
    removedItem: '已从评分表移除的项',
  },
};
