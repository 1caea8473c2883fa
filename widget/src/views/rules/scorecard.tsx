import { useState } from 'preact/hooks';
import { ApiError } from '../../api';
import { useCtx } from '../../context';
import type { Scorecard } from '../../types';
import { useFetch } from '../../use-fetch';
import { ErrorNote, Loaded } from '../status';

type Phase = 'pre_sales' | 'after_sales';
type Categories = Scorecard['categories'];

/** What is wrong with an edit, in words, keyed by the field: weights, names, points, empty categories. */
function problems(categories: Categories, t: ReturnType<typeof useCtx>['t']): Record<string, string> {
  const out: Record<string, string> = {};
  const sum = categories.reduce((s, c) => s + c.weight, 0);
  if (Math.abs(sum - 100) > 1e-9) out.weights = t('s_weightsSum', { sum });
  categories.forEach((c, ci) => {
    if (!c.items.length) out[`c${ci}`] = t('s_needItem');
    c.items.forEach((item, ii) => {
      if (!item.name['zh-CN'].trim() || !item.name.en.trim()) out[`i${ci}.${ii}`] = t('s_needName');
      else if (!Number.isInteger(item.maxPoints) || item.maxPoints < 1 || item.maxPoints > 100) out[`i${ci}.${ii}`] = t('s_range', { min: 1, max: 100 });
    });
  });
  return out;
}

function Editor({ versions, phase }: { versions: Scorecard[]; phase: Phase }) {
  const { api, t, locale } = useCtx();
  const active = versions.find((v) => v.phase === phase && v.active) ?? versions.find((v) => v.phase === phase)!;
  const [categories, setCategories] = useState<Categories>(() => structuredClone(active.categories));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [state, setState] = useState<'idle' | 'saving' | { version: number } | Error>('idle');
  const edit = (fn: (draft: Categories) => void) => {
    const next = structuredClone(categories);
    fn(next);
    setCategories(next);
  };
  const save = async () => {
    const found = problems(categories, t);
    setErrors(found);
    if (Object.keys(found).length) return;
    setState('saving');
    try {
      const saved = await api.post<Scorecard>('/v1/scorecards?activate=true', { phase, criticalMode: active.criticalMode, categories });
      setState({ version: saved.version });
    } catch (error) {
      if (error instanceof ApiError && error.field === 'categories') setErrors({ weights: error.message });
      setState(error as Error);
    }
  };
  return (
    <>
      <p class="meta">
        {t('s_version', { v: active.version })} · {t('s_versionNote')}
      </p>
      {errors.weights && (
        <p class="field-error" role="alert">
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
              onInput={(e) => edit((d) => (d[ci]!.weight = Number((e.target as HTMLInputElement).value)))}
            />
          </label>
          {errors[`c${ci}`] && <span class="field-error">{errors[`c${ci}`]}</span>}
          {c.items.map((item, ii) => (
            <div class="item" key={item.id} data-item={item.id}>
              <label>
                {t('s_nameZh')}{' '}
                <input value={item.name['zh-CN']} onInput={(e) => edit((d) => (d[ci]!.items[ii]!.name['zh-CN'] = (e.target as HTMLInputElement).value))} />
              </label>
              <label>
                {t('s_nameEn')} <input value={item.name.en} onInput={(e) => edit((d) => (d[ci]!.items[ii]!.name.en = (e.target as HTMLInputElement).value))} />
              </label>
              <label>
                {t('s_maxPoints')}{' '}
                <input
                  type="number"
                  min={1}
                  max={100}
                  value={item.maxPoints}
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
              {errors[`i${ci}.${ii}`] && (
                <span class="field-error" role="alert">
                  {errors[`i${ci}.${ii}`]}
                </span>
              )}
            </div>
          ))}
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
        <button type="button" class="primary" disabled={state === 'saving'} onClick={save}>
          {state === 'saving' ? t('saving') : t('s_saveVersion')}
        </button>
        <span role="status">{typeof state === 'object' && 'version' in state ? t('s_savedVersion', { v: state.version }) : ''}</span>
      </div>
    </>
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
