/** The shell's words, and the few every form uses. Each area file holds en and zh-CN with the same keys. */
const en = {
  title: 'Service QA',
  tabs: 'ShopQA views',
  loading: 'Loading…',
  retry: 'Retry',
  errorPrefix: 'Something went wrong: ',
  tokenExpired: 'Your sign-in has expired. Reload the page to continue.',
  forbidden: 'Your role cannot see this.',
  empty: 'Nothing here yet',
  back: 'Back',
  cancel: 'Cancel',
  save: 'Save',
  saving: 'Saving…',
  saved: 'Saved',
  yesterdayDate: 'yesterday, {date}',
  submit: 'Submit',
  submitting: 'Submitting…',
};
export type CommonKey = keyof typeof en;

const zh: Record<CommonKey, string> = {
  title: '客服质检',
  tabs: 'ShopQA 视图',
  loading: '加载中…',
  retry: '重试',
  errorPrefix: '出错了：',
  tokenExpired: '登录已过期，请刷新页面后继续。',
  forbidden: '你的角色无法查看此内容。',
  empty: '暂无数据',
  back: '返回',
  cancel: '取消',
  save: '保存',
  saving: '保存中…',
  saved: '已保存',
  yesterdayDate: '昨天（{date}）',
  submit: '提交',
  submitting: '提交中…',
};

export const COMMON = { en, 'zh-CN': zh };
