import { AGREEMENT } from './agreement';
import { LABELS } from './labels';
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
