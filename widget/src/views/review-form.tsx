import { useState } from 'preact/hooks';
import { ApiError } from '../api';
import { useCtx } from '../context';
import { formatDay } from '../dates';
import { useFocusFirstInvalid } from '../focus';
import type { T } from '../i18n/messages';
import type { Review, ReviewItem, ScorecardItem } from '../types';
import { reasonName } from '../words';
import { Transcript } from './transcript';

type Draft = Record<string, { outcome: 'pass' | 'fail' | 'na'; points: string; comment: string; messageId: string }>;
type Line = { id: string; text: string };
/** What is wrong with one item, and on which of its fields. */
type ItemError = { field: 'points' | 'comment'; text: string };
type SetDraft = (id: string, patch: Partial<Draft[string]>) => void;

function initialDraft(items: ReviewItem[]): Draft {
  // The message a finding is about defaults to AutoQA's evidence for the item: the card quotes it.
  return Object.fromEntries(
    items.map((i) => [
      i.itemId,
      {
        outcome: i.outcome ?? 'pass',
        points: i.points === null ? '' : String(i.points),
        comment: i.comment ?? '',
        messageId: i.evidence?.[0]?.messageIds[0] ?? '',
      },
    ]),
  );
}

/**
 * One scorecard item as a group named by the item: its result radios, points and comment are all
 * announced with the item's name ("Greeting, Comment"), never as one of fourteen "Comment" fields.
 */
function ItemFields({
  item,
  d,
  set,
  error,
  prefilled,
  lines,
}: {
  item: ScorecardItem;
  d: Draft[string];
  set: SetDraft;
  error?: ItemError;
  prefilled: boolean;
  lines: Line[];
}) {
  const { t, locale } = useCtx();
  const id = `it-${item.id}`;
  return (
    <fieldset class="item" data-item={item.id} aria-describedby={`${id}-desc`}>
      <legend id={`${id}-name`}>
        {item.name[locale]}
        {item.critical ? ` · ${t('critical')}` : ''}
      </legend>
      <span id={`${id}-desc`} class="meta">
        {item.description[locale]}
        {prefilled ? ` · ${t('autoPrefill')}` : ''}
      </span>
      <div class="choices">
        {(['pass', 'fail', 'na'] as const).map((o) => (
          <label>
            <input type="radio" name={`o-${item.id}`} value={o} checked={d.outcome === o} onChange={() => set(item.id, { outcome: o })} /> {t(o)}
          </label>
        ))}
      </div>
      <label id={`${id}-pl`} for={`${id}-points`}>
        {t('points')} (0–{item.maxPoints})
      </label>
      <input
        id={`${id}-points`}
        type="number"
        min={0}
        max={item.maxPoints}
        value={d.points}
        aria-labelledby={`${id}-name ${id}-pl`}
        aria-invalid={error?.field === 'points' ? 'true' : 'false'}
        aria-describedby={error?.field === 'points' ? `${id}-err` : undefined}
        onInput={(e) => set(item.id, { points: (e.target as HTMLInputElement).value })}
      />
      <label id={`${id}-cl`} for={`${id}-comment`}>
        {t('comment')}
      </label>
      <textarea
        id={`${id}-comment`}
        rows={1}
        value={d.comment}
        aria-labelledby={`${id}-name ${id}-cl`}
        aria-invalid={error?.field === 'comment' ? 'true' : 'false'}
        aria-describedby={error?.field === 'comment' ? `${id}-err` : undefined}
        onInput={(e) => set(item.id, { comment: (e.target as HTMLTextAreaElement).value })}
      />
      {error && (
        <span class="field-error" id={`${id}-err`}>
          {error.text}
        </span>
      )}
      {d.outcome === 'fail' && lines.length > 0 && (
        <>
          <label id={`${id}-ml`} for={`${id}-msg`}>
            {t('aboutMessage')}
          </label>
          <select
            id={`${id}-msg`}
            aria-labelledby={`${id}-name ${id}-ml`}
            value={d.messageId}
            onChange={(e) => set(item.id, { messageId: (e.target as HTMLSelectElement).value })}
          >
            <option value="">—</option>
            {lines.map((l) => (
              <option value={l.id}>{l.text.length > 40 ? `${l.text.slice(0, 40)}…` : l.text}</option>
            ))}
          </select>
        </>
      )}
    </fieldset>
  );
}

/** The first thing wrong with an item as the server would judge it (points in range, a comment for a deduction), in the reader's words. */
function itemProblem(d: Draft[string], max: number, t: T): ItemError | null {
  const points = d.points === '' ? undefined : Number(d.points);
  if (points !== undefined) {
    if (d.outcome === 'na') return { field: 'points', text: t('pointsNotApplicable') };
    if (!Number.isFinite(points) || points < 0 || points > max) return { field: 'points', text: t('pointsRange', { max }) };
    if (d.outcome === 'fail' && points >= max) return { field: 'points', text: t('pointsBelowMax', { max }) };
  }
  const deduction = d.outcome === 'fail' || (d.outcome === 'pass' && points !== undefined && points < max);
  return deduction && !d.comment.trim() ? { field: 'comment', text: t('commentRequired') } : null;
}

/** Transcript with AutoQA highlights beside the scorecard form, pre-filled; a deduction needs a comment. */
export function ReviewForm({ review, onDone }: { review: Review; onDone: (score: number) => void }) {
  const { api, t, locale } = useCtx();
  const [draft, setDraft] = useState<Draft>(() => initialDraft(review.items));
  const [goodExample, setGoodExample] = useState(review.goodExample);
  const [comment, setComment] = useState('');
  const [errors, setErrors] = useState<Record<string, ItemError>>({});
  const [status, setStatus] = useState<'idle' | 'saving' | { error: string; local?: boolean }>('idle');
  const form = useFocusFirstInvalid(errors);
  const maxOf = new Map(review.scorecard.categories.flatMap((c) => c.items.map((i) => [i.id, i.maxPoints] as const)));
  const itemIds = review.items.map((i) => i.itemId);
  const set: SetDraft = (id, patch) => setDraft((d) => ({ ...d, [id]: { ...d[id]!, ...patch } }));
  const lines = review.conversation.messages.filter((m) => m.role === 'agent' && !m.internal);

  const submit = async (e: Event) => {
    e.preventDefault();
    const local: Record<string, ItemError> = {};
    for (const id of itemIds) {
      const problem = itemProblem(draft[id]!, maxOf.get(id)!, t);
      if (problem) local[id] = problem;
    }
    setErrors(local);
    setStatus(Object.keys(local).length ? { error: t('fixErrors'), local: true } : 'saving');
    if (Object.keys(local).length) return;
    try {
      const items = itemIds.map((id) => {
        const d = draft[id]!;
        return {
          itemId: id,
          outcome: d.outcome,
          ...(d.points === '' ? {} : { points: Number(d.points) }),
          ...(d.comment.trim() ? { comment: d.comment.trim() } : {}),
          ...(d.outcome === 'fail' && d.messageId ? { messageId: d.messageId } : {}),
        };
      });
      const saved = await api.post<Review>(`/v1/reviews/${encodeURIComponent(review.id)}/submit`, {
        items,
        goodExample,
        ...(comment.trim() ? { comment: comment.trim() } : {}),
      });
      onDone(saved.score ?? 0);
    } catch (error) {
      // The server names the field: `items.3.points` → the fourth item's points, said in the reader's words.
      const match = error instanceof ApiError ? error.field?.match(/^items\.(\d+)\.?(\w*)/) : null;
      const id = match ? itemIds[Number(match[1])] : undefined;
      if (id) {
        const field = match![2] === 'comment' ? 'comment' : 'points';
        setErrors({ [id]: itemProblem(draft[id]!, maxOf.get(id)!, t) ?? { field, text: (error as Error).message } });
        setStatus({ error: t('fixErrors'), local: true });
      } else setStatus({ error: (error as Error).message });
    }
  };

  return (
    <form ref={form} onSubmit={submit} aria-label={t('reviewTitle')} noValidate>
      <p class="meta">
        {review.agentName} · {formatDay(review.sampleDate, locale)} · {t('reasons')}: {review.reasons.map((r) => reasonName(t, r)).join(' · ')}
      </p>
      <Transcript messages={review.conversation.messages} autoQa={review.conversation.autoQa} />
      {review.scorecard.categories.map((category) => (
        <section key={category.id} class="category">
          <h4>
            {category.name[locale]} ({category.weight}%)
          </h4>
          {category.items.map((item) => (
            <ItemFields
              key={item.id}
              item={item}
              d={draft[item.id]!}
              set={set}
              error={errors[item.id]}
              prefilled={review.items.find((i) => i.itemId === item.id)?.source === 'auto'}
              lines={lines}
            />
          ))}
        </section>
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
          {status.local ? '' : t('errorPrefix')}
          {status.error}
        </p>
      )}
      <button type="submit" class="primary" disabled={status === 'saving'}>
        {status === 'saving' ? t('submitting') : t('submit')}
      </button>
    </form>
  );
}
