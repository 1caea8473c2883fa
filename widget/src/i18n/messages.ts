import { COACHING } from './coaching';
import { COMMON } from './common';
import type { REPORTS } from './reports';
import { TABS } from './tabs';
import { viewWords } from './view-words';

/** The words widget.js carries (scripts/build-widget.mjs serialises them): the shell's, every tab's and *Today*'s. */
export const shellMessages = () => ({
  en: { ...COMMON.en, ...COACHING.en, ...TABS.en },
  'zh-CN': { ...COMMON['zh-CN'], ...COACHING['zh-CN'], ...TABS['zh-CN'] },
});
/** Both languages as objects, with the words the chunks add: what tests and `tsx` use directly. */
export const allMessages = () => {
  const [shell, views] = [shellMessages(), viewWords()];
  return { en: { ...shell.en, ...views.en }, 'zh-CN': { ...shell['zh-CN'], ...views['zh-CN'] } };
};
/** The views' words (viewWords) and the reports and QA-rules words are typed here but arrive with the scripts loaded later (addMessages). */
type Messages = { [L in keyof ReturnType<typeof allMessages>]: ReturnType<typeof allMessages>[L] & (typeof REPORTS)['en'] };
export type Locale = keyof Messages;
export type MessageKey = keyof Messages['en'];
export type Vars = Record<string, string | number>;
export const LOCALES: Locale[] = ['zh-CN', 'en'];

/**
 * Every user-facing string, in zh-CN and en, from one file per area. The built widget carries the shell's
 * words of each language as JSON text (scripts/build-widget.mjs defines SHOPQA_MESSAGES_JSON) and parses
 * only the languages it shows: JSON.parse reads that much faster than the engine compiles object literals.
 */
declare const SHOPQA_MESSAGES_JSON: Record<Locale, string>;
declare const SHOPQA_BUNDLED: boolean;
// In the bundle SHOPQA_BUNDLED is the literal `true`: the objects and the files they come from are left out.
const source = typeof SHOPQA_BUNDLED === 'boolean' ? null : (allMessages() as Messages);
const parsed: Partial<Messages> = {};
function messages<L extends Locale>(locale: L): Messages[L] {
  if (source) return source[locale];
  return (parsed[locale] ??= JSON.parse(SHOPQA_MESSAGES_JSON[locale]) as Messages[L]);
}

/** `t(key, {n: 3})` fills `{n}` in the reader's language. */
export function translator(locale: Locale) {
  return (key: MessageKey, vars?: Vars) => {
    const text: string = messages(locale)[key] ?? messages('en')[key];
    return vars ? text.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? '')) : text;
  };
}
export type T = ReturnType<typeof translator>;

/** Whether a key exists, for codes the API sends (a rule, a reason) that may be new to this build. */
export const hasKey = (key: string): key is MessageKey => key in messages('en');

/**
 * Words that arrive with a script loaded later (widget-views.js and widget-manager.js: widget/src/chunks/), added to both
 * languages so `t` and `hasKey` know them from then on.
 */
export function addMessages(extra: Record<Locale, Record<string, string>>) {
  for (const locale of LOCALES) Object.assign(messages(locale), extra[locale]);
}
