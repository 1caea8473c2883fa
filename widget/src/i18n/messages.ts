import { COACHING } from './coaching';
import { COMMON } from './common';
import { LABELS } from './labels';
import type { REPORTS } from './reports';
import { REPORT_TABS } from './report-tabs';
import { TEAM } from './team';

const BASE = {
  en: { ...COMMON.en, ...LABELS.en, ...COACHING.en, ...TEAM.en, ...REPORT_TABS.en },
  'zh-CN': { ...COMMON['zh-CN'], ...LABELS['zh-CN'], ...COACHING['zh-CN'], ...TEAM['zh-CN'], ...REPORT_TABS['zh-CN'] },
};
type Words = (typeof BASE)['en'] & (typeof REPORTS)['en'];

/**
 * Every user-facing string of the widget, in zh-CN and en, assembled from one file per area. The reports
 * and QA-rules words arrive with the manager views' script (widget/src/manager.tsx), which adds them here.
 */
export const MESSAGES = BASE as { en: Words; 'zh-CN': Words };

export type Locale = keyof typeof MESSAGES;
export type MessageKey = keyof (typeof MESSAGES)['en'];
export const LOCALES = Object.keys(MESSAGES) as Locale[];
export type Vars = Record<string, string | number>;

/** `t(key, {n: 3})` fills `{n}` in the reader's language. */
export function translator(locale: Locale) {
  return (key: MessageKey, vars?: Vars) => {
    const text: string = MESSAGES[locale][key] ?? MESSAGES.en[key];
    return vars ? text.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? '')) : text;
  };
}
export type T = ReturnType<typeof translator>;

/** Whether a key exists, for codes the API sends (a rule, a reason) that may be new to this build. */
export const hasKey = (key: string): key is MessageKey => key in MESSAGES.en;
