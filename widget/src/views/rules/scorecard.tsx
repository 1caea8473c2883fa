import { useState } from 'preact/hooks';
import { ApiError } from '../../api';
import { useCtx } from '../../context';
import { useFocusFirstInvalid, useRefocusAfter } from '../../focus';
import type { T } from '../../i18n/messages';
import type { Scorecard } from '../../types';
import { useFetch } from '../../use-fetch';
import { ErrorNote, Loaded } from '../status';

type Phase = 'pre_sales' | 'after_sales';
type Categories = Scorecard['categories'];

/**
 * What is wrong with an edit, in words, keyed by the field it is about: `weights` (their sum), `w0` (a
 * category's weight), `c0` (a category without items), `n0.1` (an item's names), `p0.1` (its points).
 */
function problems(categories: Categories, t: T): Record<string, string> {
  const out: Record<string, string> = {};
  const sum = categories.reduce((s, c) => s + c.weight, 0);
  categories.forEach((c, ci) => {
    if (!Number.isInteger(c.weight) || c.weight < 1 || c.weight > 100) out[`w${ci}`] = t('s_range', { min: 1, max: 100 });
    if (!c.items.length) out[`c${ci}`] = t('s_needItem');
    c.items.forEach((item, ii) => {
      if (!item.name['zh-CN'].trim() || !item.name.en.trim()) out[`n${ci}.${ii}`] = t('s_needName');
      if (!Number.isInteger(item.maxPoints) || item.maxPoints < 1 || item.maxPoints > 100) out[`p${ci}.${ii}`] = t('s_range', { min: 1, max: 100 });
    });
  });
  if (!Object.keys(out).some((k) => k.startsWith('w')) && Math.abs(sum - 100) > 1e-9) out.weights = t('s_weightsSum', { sum });
  return out;
}

/** The server's field (`categories.0.items.1.maxPoints`) as the editor's key, so its refusal is marked where it belongs. */
function keyOfField(field: string | undefined): string | null {
  const m = field?.match(/^categories\.(\d+)(?:\.(weight|items)(?:\.(\d+)\.(name|maxPoints))?)?/);
  if (!m) return field === 'categories' ? 'weights' : null;
  if (m[2] === 'weight') return `w${m[1]}`;
  if (m[4] === 'name') return `n${m[1]}.${m[3]}`;
  if (m[4] === 'maxPoints') return `p${m[1]}.${m[3]}`;
  return m[2] === 'items' ? `c${m[1]}` : 'weights';
}

/** An input marked invalid when `error` is set, and described by the message beside it. */
const invalid = (error: string | undefined, id: string) => ({ 'aria-invalid': error ? ('true' as const) : ('false' as const), 'aria-describedby': error ? id : undefined });

function Editor({ versions, phase }: { versions: Scorecard[]; phase: Phase }) {
  const { api, t, locale } = useCtx();
  const active = versions.find((v) => v.phase === phase && v.active) ?? versions.find((v) => v.phase === phase)!;
  const [categories, setCategories] = useState<Categories>(() => structuredClone(active.categories));
  // The version in use, as this editor last saved it (the list it was opened from is not read again).
  const [inUse, setInUse] = useState(active.version);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [state, setState] = useState<'idle' | 'saving' | { version: number } | Error>('idle');
  const form = useFocusFirstInvalid(errors);
  const button = useRefocusAfter<HTMLButtonElement>(state === 'saving');
  const edit = (fn: (draft: Categories) => void) => {
    const next = structuredClone(categories);
    fn(next);
    setCategories(next);
  };
  const save = async (e: Event) => {
    e.preventDefault();
    const found = problems(categories, t);
    setErrors(found);
    if (Object.keys(found).length) {
      setState('idle');
      return;
    }
    setState('saving');
    try {
      const saved = await api.post<Scorecard>('/v1/scorecards?activate=true', { phase, criticalMode: active.criticalMode, categories });
      setInUse(saved.version);
      setState({ version: saved.version });
    } catch (error) {
      const key = error instanceof ApiError ? keyOfField(error.field) : null;
      // A refusal the editor can place is said beside its field (the editor's own words where it has them).
      if (key) setErrors({ [key]: problems(categories, t)[key] ?? (key.startsWith('w') || key.startsWith('p') ? t('s_range', { min: 1, max: 100 }) : (error as Error).message) });
      setState(key ? 'idle' : (error as Error));
    }
  };
  return (
    <form ref={form} onSubmit={save} noValidate>
      <p class="meta">
        {t('s_version', { v: inUse })} · {t('s_versionNote')}
      </p>
      {errors.weights && (
        <p class="field-error" id="sc-weights" role="alert">
          {errors.weights}
        </p>
      )}
      {categories.map((c, ci) => (
        <fieldset key={c.id}>
          <legend>{c.name[locale]}</legend>
          <label class="item">
            {t('s_weight')}
            <input
              type="number"
              min={1}
              max={100}
              value={c.weight}
              {...invalid(errors[`w${ci}`] ?? errors.weights, errors[`w${ci}`] ? `sc-w${ci}` : 'sc-weights')}
              onInput={(e) => edit((d) => (d[ci]!.weight = Number((e.target as HTMLInputElement).value)))}
            />
          </label>
          {errors[`w${ci}`] && (
            <span class="field-error" id={`sc-w${ci}`}>
              {errors[`w${ci}`]}
            </span>
          )}
          {errors[`c${ci}`] && <span class="field-error">{errors[`c${ci}`]}</span>}
          {c.items.map((item, ii) => {
            const name = errors[`n${ci}.${ii}`];
            const points = errors[`p${ci}.${ii}`];
            return (
              <div class="item" key={item.id} data-item={item.id}>
                <label>
                  {t('s_nameZh')}{' '}
                  <input
                    value={item.name['zh-CN']}
                    {...invalid(name && !item.name['zh-CN'].trim() ? name : undefined, `sc-n${ci}.${ii}`)}
                    onInput={(e) => edit((d) => (d[ci]!.items[ii]!.name['zh-CN'] = (e.target as HTMLInputElement).value))}
                  />
                </label>
                <label>
                  {t('s_nameEn')}{' '}
                  <input
                    value={item.name.en}
                    {...invalid(name && !item.name.en.trim() ? name : undefined, `sc-n${ci}.${ii}`)}
                    onInput={(e) => edit((d) => (d[ci]!.items[ii]!.name.en = (e.target as HTMLInputElement).value))}
                  />
                </label>
                <label>
                  {t('s_maxPoints')}{' '}
                  <input
                    type="number"
                    min={1}
                    max={100}
                    value={item.maxPoints}
                    {...invalid(points, `sc-p${ci}.${ii}`)}
                    onInput={(e) => edit((d) => (d[ci]!.items[ii]!.maxPoints = Number((e.target as HTMLInputElement).value)))}
                  />
                </label>
                <label>
                  <input
                    type="checkbox"
                    checked={item.critical}
                    onChange={(e) => edit((d) => (d[ci]!.items[ii]!.critical = (e.target as HTMLInputElement).checked))}
                  />{' '}
                  {t('s_critical')}
                </label>
                <button type="button" onClick={() => edit((d) => d[ci]!.items.splice(ii, 1))}>
                  {t('s_remove')}
                </button>
                {name && (
                  <span class="field-error" id={`sc-n${ci}.${ii}`}>
                    {name}
                  </span>
                )}
                {points && (
                  <span class="field-error" id={`sc-p${ci}.${ii}`}>
                    {t('s_maxPoints')}: {points}
                  </span>
                )}
              </div>
            );
          })}
          <button
            type="button"
            onClick={() =>
              edit((d) =>
                d[ci]!.items.push({
                  id: `custom_${Date.now().toString(36)}`,
                  name: { 'zh-CN': t('s_newItem'), en: 'New item' },
                  description: { 'zh-CN': t('s_newItem'), en: 'New item' },
                  maxPoints: 5,
                  auto: null,
                  critical: false,
                }),
              )
            }
          >
            {t('s_addItem')}
          </button>
        </fieldset>
      ))}
      {state instanceof Error && <ErrorNote error={state} t={t} />}
      <div class="actions">
        <button ref={button} type="submit" class="primary" disabled={state === 'saving'}>
          {state === 'saving' ? t('saving') : t('s_saveVersion')}
        </button>
        <span role="status">{typeof state === 'object' && 'version' in state ? t('s_savedVersion', { v: state.version }) : ''}</span>
      </div>
    </form>
  );
}

/** Scorecards: the active version of a phase, edited and saved as the next version. */
export function ScorecardSection() {
  const { api, t } = useCtx();
  const [phase, setPhase] = useState<Phase>('pre_sales');
  const [state, reload] = useFetch(() => api.get<{ data: Scorecard[] }>('/v1/scorecards'), []);
  return (
    <section aria-labelledby="s-scorecards">
      <h4 id="s-scorecards">{t('s_scorecards')}</h4>
      <label>
        {t('s_phase')}{' '}
        <select value={phase} onChange={(e) => setPhase((e.target as HTMLSelectElement).value as Phase)}>
          {(['pre_sales', 'after_sales'] as const).map((p) => (
            <option value={p}>{t(`s_phase_${p}`)}</option>
          ))}
        </select>
      </label>
      <Loaded state={state} t={t} retry={reload}>
        {({ data }) => <Editor key={phase} versions={data} phase={phase} />}
      </Loaded>
    </section>
  );
}
