import { AGREEMENT } from './agreement';
import { LABELS } from './labels';
import { REPORTS } from './reports';
import { REVIEW } from './review';
import { TEAM } from './team';

/**
 * The words only the views of the scripts loaded later use (reviews and conversations, codes in words, the
 * team's views, AutoQA's agreement): each of those scripts adds them as it loads (`addMessages`), so
 * widget.js carries only the shell's, the tabs' and *Today*'s.
 */
export const viewWords = () => ({
  en: { ...REVIEW.en, ...LABELS.en, ...TEAM.en, ...AGREEMENT.en },
  'zh-CN': { ...REVIEW['zh-CN'], ...LABELS['zh-CN'], ...TEAM['zh-CN'], ...AGREEMENT['zh-CN'] },
});

/**
 * The words widget-manager.js adds: *Reports*' and *QA rules*' own, and the rule names they show (the
 * other views' words stay in widget-views.js; tests/browser/widget-words.test.ts checks each script has
 * every word its views name).
 */
export const managerWords = () => ({
  en: { ...LABELS.en, ...REPORTS.en },
  'zh-CN': { ...LABELS['zh-CN'], ...REPORTS['zh-CN'] },
});
