import { useState } from 'preact/hooks';
import { useFocusFirstInvalid } from '../../focus';
import { ApiError } from '../../api';
import { useCtx } from '../../context';
import type { MessageKey } from '../../i18n/messages';
import type { Settings } from '../../types';
import { useFetch } from '../../use-fetch';
import { Loaded, SaveActions, type SaveState } from '../status';

/** A field: where it lives, its label, its range as the reader types it, and the factor to the stored value. */
type Field = { key: string; group: 'sampling' | 'reports'; label: MessageKey; min: number; max: number; scale?: number; decimal?: boolean };
const FIELDS: Field[] = [
  { key: 'standardQuota', group: 'sampling', label: 's_standardQuota', min: 5, max: 50 },
  { key: 'newHireQuota', group: 'sampling', label: 's_newHireQuota', min: 5, max: 10 },
  { key: 'unstableQuota', group: 'sampling', label: 's_unstableQuota', min: 5, max: 50 },
  { key: 'excellentQuota', group: 'sampling', label: 's_excellentQuota', min: 5, max: 50 },
  { key: 'newHireDays', group: 'sampling', label: 's_newHireDays', min: 1, max: 365 },
  { key: 'randomShare', group: 'sampling', label: 's_randomShare', min: 40, max: 100, scale: 100 },
  { key: 'lowScoreThreshold', group: 'sampling', label: 's_lowScoreThreshold', min: 0, max: 100, decimal: true },
  { key: 'highRiskThreshold', group: 'sampling', label: 's_highRiskThreshold', min: 0, max: 100, decimal: true },
  { key: 'calibrationRate', group: 'sampling', label: 's_calibrationRate', min: 0, max: 20, scale: 100, decimal: true },
  { key: 'passScore', group: 'reports', label: 's_passScore', min: 0, max: 100, decimal: true },
];

function Form({ settings }: { settings: Settings }) {
  const { api, t } = useCtx();
  const stored = (f: Field) => (settings[f.group] as Record<string, number>)[f.key]!;
  const [values, setValues] = useState(() => Object.fromEntries(FIELDS.map((f) => [f.key, String(Math.round(stored(f) * (f.scale ?? 1) * 100) / 100)])));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [state, setState] = useState<SaveState>('idle');
  const form = useFocusFirstInvalid(errors);
  const message = (f: Field) => t(f.decimal ? 's_rangeDecimal' : 's_range', { min: f.min, max: f.max });
  const submit = async (e: Event) => {
    e.preventDefault();
    const bad: Record<string, string> = {};
    for (const f of FIELDS) {
      const v = Number(values[f.key]);
      if (values[f.key]!.trim() === '' || !Number.isFinite(v) || v < f.min || v > f.max || (!f.decimal && !Number.isInteger(v))) bad[f.key] = message(f);
    }
    setErrors(bad);
    if (Object.keys(bad).length) {
      setState('idle');
      return;
    }
    const body: Record<string, Record<string, number>> = { sampling: {}, reports: {} };
    for (const f of FIELDS) body[f.group]![f.key] = Number(values[f.key]) / (f.scale ?? 1);
    setState('saving');
    try {
      await api.patch('/v1/settings', body);
      setState('saved');
    } catch (error) {
      // The server names the field (`sampling.newHireQuota`): said again in the reader's words beside it.
      const field = FIELDS.find((f) => error instanceof ApiError && error.field === `${f.group}.${f.key}`);
      if (field) setErrors({ [field.key]: message(field) });
      setState(field ? 'idle' : (error as Error));
    }
  };
  return (
    <form ref={form} onSubmit={submit} noValidate aria-labelledby="s-sampling">
      <h4 id="s-sampling">{t('s_sampling')}</h4>
      {FIELDS.map((f) => (
        <label class="item" data-field={f.key}>
          {t(f.label)}
          <input
            type="number"
            min={f.min}
            max={f.max}
            step={f.decimal ? 'any' : 1}
            value={values[f.key]}
            aria-invalid={errors[f.key] ? 'true' : 'false'}
            aria-describedby={errors[f.key] ? `err-${f.key}` : undefined}
            onInput={(e) => setValues({ ...values, [f.key]: (e.target as HTMLInputElement).value })}
          />
          {errors[f.key] && (
            <span class="field-error" id={`err-${f.key}`} role="alert">
              {errors[f.key]}
            </span>
          )}
        </label>
      ))}
      <SaveActions state={state} t={t} />
    </form>
  );
}

/** The sampling policy and the pass mark, with each range said in words. */
export function SamplingSection() {
  const { api, t } = useCtx();
  const [state, reload] = useFetch(() => api.get<Settings>('/v1/settings'), []);
  return (
    <Loaded state={state} t={t} retry={reload}>
      {(settings) => <Form settings={settings} />}
    </Loaded>
  );
}
