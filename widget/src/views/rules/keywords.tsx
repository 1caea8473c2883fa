import { useEffect, useRef, useState } from 'preact/hooks';
import { useCtx } from '../../context';
import { hasKey, type T } from '../../i18n/messages';
import type { KeywordLists, SentenceTest } from '../../types';
import { useFetch } from '../../use-fetch';
import { LANGUAGES, ruleName } from '../../words';
import { ErrorNote, Loaded, SaveActions, type SaveState } from '../status';

type Overrides = Record<string, Record<string, { add: string[]; remove: string[] }>>;
const listName = (t: T, list: string) => (hasKey(`list_${list}`) ? t(`list_${list}` as never) : list);
/** The API's limit on one word or phrase of a list. */
const MAX_WORD = 50;
/** The number (from 1) of the first line longer than a list takes, or null. */
const longLine = (text: string) => {
  const i = text.split('\n').findIndex((w) => w.trim().length > MAX_WORD);
  return i < 0 ? null : i + 1;
};
const wordsOf = (text: string) => [
  ...new Set(
    text
      .split('\n')
      .map((w) => w.trim())
      .filter(Boolean),
  ),
];

/** The store's changes as PATCH /v1/settings takes them, with the list being edited replaced by its draft. */
function overridesWith(data: KeywordLists, locale: string, list: string, draft: string[]): Overrides {
  const out: Overrides = {};
  for (const [loc, lists] of Object.entries(data.locales)) {
    for (const [name, l] of Object.entries(lists)) if (l.added.length || l.removed.length) (out[loc] ??= {})[name] = { add: l.added, remove: l.removed };
  }
  const current = data.locales[locale]?.[list];
  const builtin = current ? [...current.words.filter((w) => !current.added.includes(w)), ...current.removed] : [];
  (out[locale] ??= {})[list] = { add: draft.filter((w) => !builtin.includes(w)), remove: builtin.filter((w) => !draft.includes(w)) };
  return out;
}

/** "Test this sentence": what the rules make of it with the lists as being edited, asked again as either changes. */
function TestBox({ keywords, tooLongDraft }: { keywords: Overrides; tooLongDraft: boolean }) {
  const { api, t } = useCtx();
  const [text, setText] = useState('');
  const [speaker, setSpeaker] = useState<'agent' | 'customer'>('agent');
  const [result, setResult] = useState<SentenceTest | Error | null>(null);
  const key = JSON.stringify(keywords);
  useEffect(() => {
    // A list with a line the API would refuse is marked in the editor; the test waits for it.
    if (!text.trim() || tooLongDraft) return setResult(null);
    let live = true;
    const timer = setTimeout(() => {
      api.post<SentenceTest>('/v1/keywords/test', { text, speaker, keywords }).then(
        (r) => live && setResult(r),
        (e: Error) => live && setResult(e),
      );
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` stands for `keywords`
  }, [text, speaker, key, tooLongDraft]);
  return (
    <fieldset class="test-box">
      <legend>{t('s_test')}</legend>
      <p class="meta">{t('s_testHelp')}</p>
      <label class="item">
        {t('s_sentence')}
        <input type="text" maxLength={1000} value={text} onInput={(e) => setText((e.target as HTMLInputElement).value)} />
      </label>
      <div role="radiogroup" aria-label={t('s_saidBy')} class="choices">
        {(['agent', 'customer'] as const).map((s) => (
          <label>
            <input type="radio" name="speaker" checked={speaker === s} onChange={() => setSpeaker(s)} /> {t(s === 'agent' ? 's_agentSays' : 's_customerSays')}
          </label>
        ))}
      </div>
      <div aria-live="polite" class="test-result">
        {result instanceof Error && <ErrorNote error={result} t={t} />}
        {result && !(result instanceof Error) && (
          <>
            <h5>{t('s_matches')}</h5>
            {result.lists.length ? (
              <ul class="matches">
                {result.lists.map((l) => (
                  <li data-list={l.list}>
                    {listName(t, l.list)}: {l.spans.map((s) => `“${s.text}”`).join(' ')}
                  </li>
                ))}
              </ul>
            ) : (
              <p class="muted">{t('s_noMatch')}</p>
            )}
            <h5>{t('s_rules')}</h5>
            <ul class="msg-rules">
              {result.rules.map((r) => (
                <li class={r.outcome} data-rule={r.rule}>
                  {ruleName(t, r.rule)}: {t(r.outcome === 'fail' ? 's_fail' : 's_pass')}
                  {r.spans.length > 0 && ` (${r.spans.map((s) => `“${s.text}”`).join(' ')})`}
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
    </fieldset>
  );
}

function Editor({ initial }: { initial: KeywordLists }) {
  const { api, t, locale: reader } = useCtx();
  const [data, setData] = useState(initial);
  const locales = Object.keys(data.locales);
  const [locale, setLocale] = useState(locales.includes(reader) ? reader : locales[0]!);
  const [list, setList] = useState('banned');
  const [text, setText] = useState('');
  const [state, setState] = useState<SaveState>('idle');
  const current = data.locales[locale]?.[list];
  useEffect(() => setText((current?.words ?? []).join('\n')), [locale, list, current]);
  const draft = wordsOf(text);
  const keywords = overridesWith(data, locale, list, draft);
  const [error, setError] = useState<string | null>(null);
  const field = useRef<HTMLTextAreaElement>(null);
  const save = async () => {
    const tooLong = longLine(text);
    setError(tooLong ? t('s_wordTooLong', { max: MAX_WORD, line: tooLong }) : null);
    if (tooLong) {
      setState('idle');
      field.current?.focus();
      return;
    }
    setState('saving');
    try {
      const change = keywords[locale]![list]!;
      await api.patch('/v1/settings', { keywords: { [locale]: { [list]: change } } });
      setData({
        ...data,
        locales: { ...data.locales, [locale]: { ...data.locales[locale]!, [list]: { words: draft, added: change.add, removed: change.remove } } },
      });
      setState('saved');
    } catch (error) {
      setState(error as Error);
    }
  };
  return (
    <>
      <div class="actions">
        <label>
          {t('s_locale')}{' '}
          <select value={locale} onChange={(e) => setLocale((e.target as HTMLSelectElement).value)}>
            {locales.map((l) => (
              <option value={l}>{LANGUAGES.find(([code]) => code === l)?.[1] ?? l /* a locale of the store's own: its code */}</option>
            ))}
          </select>
        </label>
        <label>
          {t('s_list')}{' '}
          <select value={list} onChange={(e) => setList((e.target as HTMLSelectElement).value)}>
            {data.lists.map((l) => (
              <option value={l}>{listName(t, l)}</option>
            ))}
          </select>
        </label>
      </div>
      <label class="item">
        {t('s_words')}
        <textarea
          ref={field}
          rows={6}
          value={text}
          aria-invalid={error ? 'true' : 'false'}
          aria-describedby={error ? 'kw-words-err' : undefined}
          onInput={(e) => setText((e.target as HTMLTextAreaElement).value)}
        />
      </label>
      {error && (
        <span class="field-error" id="kw-words-err">
          {error}
        </span>
      )}
      <p class="meta">{t('s_added', { n: keywords[locale]![list]!.add.length, m: keywords[locale]![list]!.remove.length })}</p>
      <SaveActions state={state} t={t} label={t('s_saveList')} onSave={save} />
      <TestBox keywords={keywords} tooLongDraft={longLine(text) !== null} />
    </>
  );
}

/** Keyword lists per language: edit as words, test a sentence against the edit, save. */
export function KeywordsSection() {
  const { api, t } = useCtx();
  const [state, reload] = useFetch(() => api.get<KeywordLists>('/v1/keywords'), []);
  return (
    <section aria-labelledby="s-keywords">
      <h4 id="s-keywords">{t('s_keywords')}</h4>
      <Loaded state={state} t={t} retry={reload}>
        {(data) => <Editor initial={data} />}
      </Loaded>
    </section>
  );
}
