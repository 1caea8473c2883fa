/** The tab names of the manager views: shown before their script (and the rest of their words) loads. */
export const REPORT_TABS = {
  en: { tabReports: 'Reports', tabRules: 'QA rules' },
  'zh-CN': { tabReports: '报表', tabRules: '质检规则' },
};
