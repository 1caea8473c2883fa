/** A store's keyword lists as a manager edits them: built-in words, less removals, plus additions. Pure. */
import { BUILTIN_KEYWORDS, LIST_NAMES, type KeywordOverrides, type ListName } from './keywords';

export interface EffectiveList {
  words: string[];
  added: string[];
  removed: string[];
}

/** Every locale (built-in and the store's own), every list. */
export function effectiveLists(overrides: KeywordOverrides): Record<string, Record<ListName, EffectiveList>> {
  const locales = [...new Set([...Object.keys(BUILTIN_KEYWORDS), ...Object.keys(overrides)])];
  return Object.fromEntries(
    locales.map((locale) => [
      locale,
      Object.fromEntries(
        LIST_NAMES.map((list) => {
          const change = overrides[locale]?.[list];
          const removed = change?.remove ?? [];
          const added = change?.add ?? [];
          const builtin = (BUILTIN_KEYWORDS[locale]?.[list] ?? []).filter((w) => !removed.includes(w));
          return [list, { words: [...builtin, ...added.filter((w) => !builtin.includes(w))], added, removed }];
        }),
      ) as Record<ListName, EffectiveList>,
    ]),
  );
}

/** The change that turns the built-in list into `words`: what to add, what to remove. */
export function diffFromBuiltin(locale: string, list: ListName, words: string[]): { add: string[]; remove: string[] } {
  const builtin = BUILTIN_KEYWORDS[locale]?.[list] ?? [];
  const wanted = [...new Set(words.map((w) => w.trim()).filter(Boolean))];
  return { add: wanted.filter((w) => !builtin.includes(w)), remove: builtin.filter((w) => !wanted.includes(w)) };
}
