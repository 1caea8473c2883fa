import { useState } from 'preact/hooks';
import { ApiError, type Api } from '../api';
import type { Locale, T } from '../i18n/messages';
import type { Review, ReviewItem } from '../types';
import { Transcript } from './transcript';

type Draft = Record<string, { outcome: 'pass' | 'fail' | 'na'; points: string; comment: string }>;

function initialDraft(items: ReviewItem[]): Draft {
  return Object.fromEntries(items.map((i) => [i.itemId, { outcome: i.outcome ?? 'pass', points: i.points === null ? '' : String(i.points), comment: i.comment ?? '' }]));
}

/** Transcript with AutoQA highlights beside the scorecard form, pre-filled; a deduction needs a comment. */
export function ReviewForm({ api, review, t, locale, onDone }: { api: Api; review: Review; t: T; locale: Locale; onDone: (score: number) => void }) {
  const [draft, setDraft] = useState<Draft>(() => initialDraft(review.items));
  const [goodExample, setGoodExample] = useState(review.goodExample);
  const [comment, setComment] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<'idle' | 'saving' | { error: string }>('idle');
  const maxOf = new Map(review.scorecard.categories.flatMap((c) => c.items.map((i) => [i.id, i.maxPoints] as const)));
  const itemIds = review.items.map((i) => i.itemId);
  const set = (id: string, patch: Partial<Draft[string]>) => setDraft((d) => ({ ...d, [id]: { ...d[id]!, ...patch } }));

  const submit = async (e: Event) => {
    e.preventDefault();
    const local: Record<string, string> = {};
    for (const id of itemIds) {
      const d = draft[id]!;
      const points = d.points === '' ? undefined : Number(d.points);
      const deduction = d.outcome === 'fail' || (d.outcome === 'pass' && points !== undefined && points < maxOf.get(id)!);
      if (deduction && !d.comment.trim()) local[id] = t('commentRequired');
    }
    setErrors(local);
    if (Object.keys(local).length) return;
    setStatus('saving');
    try {
      const items = itemIds.map((id) => {
        const d = draft[id]!;
        return { itemId: id, outcome: d.outcome, ...(d.points === '' ? {} : { points: Number(d.points) }), ...(d.comment.trim() ? { comment: d.comment.trim() } : {}) };
      });
      const saved = await api.post<Review>(`/v1/reviews/${encodeURIComponent(review.id)}/submit`, { items, goodExample, ...(comment.trim() ? { comment: comment.trim() } : {}) });
      onDone(saved.score ?? 0);
    } catch (error) {
      // The server names the field: `items.3.comment` → the fourth item.
      const match = error instanceof ApiError ? error.field?.match(/^items\.(\d+)/) : null;
      if (match) setErrors({ [itemIds[Number(match[1])]!]: (error as Error).message });
      setStatus({ error: (error as Error).message });
    }
  };

  return (
    <form onSubmit={submit} aria-label={t('reviewTitle')}>
      <p class="meta">
        {review.agentName} · {review.sampleDate} · {t('reasons')}:{' '}
        <span class="chips">{review.reasons.map((r) => <span class="chip">{r}</span>)}</span>
      </p>
      <Transcript messages={review.conversation.messages} autoQa={review.conversation.autoQa} t={t} />
      {review.scorecard.categories.map((category) => (
        <fieldset key={category.id}>
          <legend>
            {category.name[locale]} ({category.weight}%)
          </legend>
          {category.items.map((item) => {
            const d = draft[item.id]!;
            const prefilled = review.items.find((i) => i.itemId === item.id)?.source === 'auto';
            const errorId = `err-${item.id}`;
            return (
              <div class="item" key={item.id} data-item={item.id}>
                <div role="radiogroup" aria-label={item.name[locale]} class="choices">
                  <strong>{item.name[locale]}</strong>
                  {(['pass', 'fail', 'na'] as const).map((o) => (
                    <label>
                      <input type="radio" name={`o-${item.id}`} value={o} checked={d.outcome === o} onChange={() => set(item.id, { outcome: o })} /> {t(o)}
                    </label>
                  ))}
                  {prefilled && <span class="chip">{t('autoPrefill')}</span>}
                </div>
                <label>
                  {t('points')} (0–{item.maxPoints})
                  <input type="number" min={0} max={item.maxPoints} value={d.points} onInput={(e) => set(item.id, { points: (e.target as HTMLInputElement).value })} />
                </label>
                <label>
                  {t('comment')}
                  <textarea rows={1} value={d.comment} aria-invalid={errors[item.id] ? 'true' : 'false'} aria-describedby={errors[item.id] ? errorId : undefined} onInput={(e) => set(item.id, { comment: (e.target as HTMLTextAreaElement).value })} />
                </label>
                {errors[item.id] && (
                  <span class="field-error" id={errorId} role="alert">
                    {errors[item.id]}
                  </span>
                )}
              </div>
            );
          })}
        </fieldset>
      ))}
      <label>
        <input type="checkbox" checked={goodExample} onChange={(e) => setGoodExample((e.target as HTMLInputElement).checked)} /> {t('goodExample')}
      </label>
      <label class="item">
        {t('overallComment')}
        <textarea rows={2} value={comment} onInput={(e) => setComment((e.target as HTMLTextAreaElement).value)} />
      </label>
      {typeof status === 'object' && (
        <p class="error" role="alert">
          {t('errorPrefix')}
          {status.error}
        </p>
      )}
      <button type="submit" class="primary" disabled={status === 'saving'}>
        {status === 'saving' ? t('submitting') : t('submit')}
      </button>
    </form>
  );
}
