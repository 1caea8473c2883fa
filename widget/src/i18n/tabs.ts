/**
 * Every tab's name. The shell draws a role's tabs before the script of their views (and the rest of their
 * words) has loaded, so these ship in widget.js with the shell's and *Today*'s words.
 */
export const TABS = {
  en: {
    tabToday: 'Today',
    tabTrend: 'My trend',
    tabExamples: 'Good examples',
    tabMine: 'My conversations',
    tabQueue: 'Review queue',
    tabCoach: 'Team',
    tabDisputes: 'Disputes',
    tabTasks: '1:1 coaching',
    tabTeam: 'Team sample',
    tabConversations: 'Conversations',
    tabAgreement: 'AutoQA agreement',
    tabSettings: 'Settings',
    tabReports: 'Reports',
    tabRules: 'QA rules',
  },
  'zh-CN': {
    tabToday: '今日辅导',
    tabTrend: '我的趋势',
    tabExamples: '优秀案例',
    tabMine: '我的会话',
    tabQueue: '质检队列',
    tabCoach: '团队辅导',
    tabDisputes: '申诉',
    tabTasks: '一对一辅导',
    tabTeam: '团队抽检',
    tabConversations: '会话',
    tabAgreement: 'AutoQA 一致率',
    tabSettings: '设置',
    tabReports: '报表',
    tabRules: '质检规则',
  },
};
