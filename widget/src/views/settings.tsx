import { useState } from 'preact/hooks';
import { ApiError } from '../api';
import type { CoachingSettings } from '../coaching-types';
import { useCtx } from '../context';
import { useFocusFirstInvalid } from '../focus';
import type { MessageKey } from '../i18n/messages';
import { useFetch } from '../use-fetch';
import { LANGUAGES, type Localized, pick } from '../words';
import { Loaded, SaveActions, type SaveState } from './status';

type NumberKey = 'unstableThreshold' | 'unstableDays' | 'cardHour' | 'starsMinReviews' | 'starsCount';
const NUMBERS: [NumberKey, MessageKey, number, number][] = [
  ['unstableThreshold', 's_unstableThreshold', 0, 100],
  ['unstableDays', 's_unstableDays', 1, 30],
  ['cardHour', 's_cardHour', 0, 23],
  ['starsMinReviews', 's_starsMinReviews', 1, 1000],
  ['starsCount', 's_starsCount', 1, 100],
];

const suggestionKey = (itemId: string, lang: string) => `suggestion:${itemId}:${lang}`;

function SettingsForm({ initial }: { initial: CoachingSettings }) {
  const { api, t, locale } = useCtx();
  const [saved, setSaved] = useState(initial);
  const [numbers, setNumbers] = useState(() => Object.fromEntries(NUMBERS.map(([k]) => [k, String(initial[k])])) as Record<NumberKey, string>);
  const [hide, setHide] = useState(initial.hideNamesInGoodExamples);
  const [texts, setTexts] = useState<Record<string, Localized | null>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [state, setState] = useState<SaveState>('idle');
  const form = useFocusFirstInvalid(errors);

  const submit = async (e: Event) => {
    e.preventDefault();
    const bad: Record<string, string> = {};
    for (const [k, , min, max] of NUMBERS) {
      const v = Number(numbers[k]);
      if (numbers[k] === '' || !Number.isInteger(v) || v < min || v > max) bad[k] = t('valueRange', { min, max });
    }
    // An edited suggestion needs both languages: a card is read in either.
    for (const [id, text] of Object.entries(texts)) {
      for (const [lang] of LANGUAGES) if (text && !text[lang].trim()) bad[suggestionKey(id, lang)] = t('suggestionRequired');
    }
    setErrors(bad);
    if (Object.keys(bad).length) {
      setState('idle'); // no "Saved" left over from the last save beside the new errors
      return;
    }
    setState('saving');
    try {
      const body = { ...Object.fromEntries(NUMBERS.map(([k]) => [k, Number(numbers[k])])), hideNamesInGoodExamples: hide, suggestions: texts };
      setSaved(await api.patch<CoachingSettings>('/v1/coaching/settings', body));
      setTexts({});
      setState('saved');
    } catch (error) {
      // The server names the field (`cardHour`, `suggestions.greeting.en`): marked, and said in the reader's words.
      const [field, id, lang] = error instanceof ApiError ? (error.field?.split('.') ?? []) : [];
      const number = NUMBERS.find(([k]) => k === field);
      const marked = number ? { [number[0]]: t('valueRange', { min: number[2], max: number[3] }) } : field === 'suggestions' && id && lang ? { [suggestionKey(id, lang)]: t('suggestionRequired') } : null;
      if (marked) setErrors(marked);
      // A marked field says what is wrong beside it (and has the focus); anything else is said under the form.
      setState(marked ? 'idle' : (error as Error));
    }
  };
  const field = (k: NumberKey, label: MessageKey, min: number, max: number) => (
    <label class="item">
      {t(label)}
      <input
        type="number"
        min={min}
        max={max}
        value={numbers[k]}
        aria-invalid={errors[k] ? 'true' : 'false'}
        aria-describedby={errors[k] ? `err-${k}` : undefined}
        onInput={(e) => setNumbers({ ...numbers, [k]: (e.target as HTMLInputElement).value })}
      />
      {errors[k] && (
        <span id={`err-${k}`} class="field-error">
          {errors[k]}
        </span>
      )}
    </label>
  );
  return (
    <form ref={form} onSubmit={submit} noValidate aria-labelledby="settings-title">
      <h3 id="settings-title">{t('tabSettings')}</h3>
      <fieldset>
        <legend>{t('flagRules')}</legend>
        {NUMBERS.map(([k, label, min, max]) => field(k, label, min, max))}
        <label>
          <input type="checkbox" checked={hide} onChange={(e) => setHide((e.target as HTMLInputElement).checked)} /> {t('s_hideNames')}
        </label>
      </fieldset>
      <h4>{t('suggestions')}</h4>
      <p class="meta">{t('suggestionsHelp')}</p>
      {saved.suggestions.map((s) => {
        const current = s.itemId in texts ? (texts[s.itemId] ?? null) : s.suggestion;
        const legend = `sg-${s.itemId}`;
        return (
          <fieldset key={s.itemId}>
            <legend id={legend}>
              {pick(s.itemName, locale) || t('rule_other')} <span class="meta">({t(`source_${s.source}`)})</span>
            </legend>
            {LANGUAGES.map(([lang, name]) => (
              <div class="item">
                <span id={`${legend}-${lang}`}>{name}</span>
                <textarea
                  rows={2}
                  lang={lang}
                  maxLength={500}
                  aria-labelledby={`${legend} ${legend}-${lang}`}
                  aria-invalid={errors[suggestionKey(s.itemId, lang)] ? 'true' : 'false'}
                  aria-describedby={errors[suggestionKey(s.itemId, lang)] ? `${legend}-${lang}-err` : undefined}
                  value={current ? current[lang] : ''}
                  placeholder={current ? undefined : s.suggestion[lang]}
                  onInput={(e) => setTexts({ ...texts, [s.itemId]: { ...(current ?? s.suggestion), [lang]: (e.target as HTMLTextAreaElement).value } })}
                />
                {errors[suggestionKey(s.itemId, lang)] && (
                  <span id={`${legend}-${lang}-err`} class="field-error">
                    {errors[suggestionKey(s.itemId, lang)]}
                  </span>
                )}
              </div>
            ))}
            {s.source === 'store' && (
              <button type="button" onClick={() => setTexts({ ...texts, [s.itemId]: null })}>
                {t('restoreDefault')}
              </button>
            )}
          </fieldset>
        );
      })}
      <SaveActions state={state} t={t} />
    </form>
  );
}

/** *Settings* (manager): when an agent is flagged unstable, when cards are made, and the suggestion library. */
export function SettingsView() {
  const { api, t } = useCtx();
  const [state, reload] = useFetch(() => api.get<CoachingSettings>('/v1/coaching/settings'), []);
  return (
    <Loaded state={state} t={t} retry={reload}>
      {(settings) => <SettingsForm initial={settings} />}
    </Loaded>
  );
}
