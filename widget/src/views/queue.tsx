import { useRef, useState } from 'preact/hooks';
import { useCtx } from '../context';
import { dayLabel } from '../dates';
import { useAutoFocus, useDrill } from '../focus';
import type { Review, ReviewProgress, ReviewSummary } from '../types';
import { useFetch } from '../use-fetch';
import { reasonName } from '../words';
import { ReviewForm } from './review-form';
import { Empty, Loaded } from './status';

function Open({ id, onClose }: { id: string; onClose: (score?: number) => void }) {
  const { api, t } = useCtx();
  const heading = useAutoFocus<HTMLHeadingElement>();
  const [state, reload] = useFetch(() => api.get<Review>(`/v1/reviews/${encodeURIComponent(id)}`), [id]);
  return (
    <section aria-labelledby="review-title">
      <button type="button" class="link" onClick={() => onClose()}>
        ← {t('back')}
      </button>
      <h3 id="review-title" ref={heading} tabIndex={-1}>
        {t('reviewTitle')}
      </h3>
      <Loaded state={state} t={t} retry={reload}>
        {(review) => <ReviewForm review={review} onDone={(score) => onClose(score)} />}
      </Loaded>
    </section>
  );
}

/** Done and to do per sample date, newest first. */
function Progress({ tick }: { tick: number }) {
  const { api, t, locale, me } = useCtx();
  const [state, reload] = useFetch(() => api.get<ReviewProgress>('/v1/reviews/progress'), [tick]);
  return (
    <Loaded state={state} t={t} retry={reload}>
      {({ data }) => (
        <ul class="progress" aria-label={t('progress')}>
          {data
            .filter((d) => d.total > 0)
            .slice(0, 3)
            .map((d) => (
              <li key={d.date}>
                <strong>{dayLabel(d.date, me.yesterday, locale, t)}</strong> {t('doneTodo', { done: d.done, todo: d.todo })}
                <progress max={d.total} value={d.done} aria-label={`${t('progress')} ${d.date}`} />
              </li>
            ))}
        </ul>
      )}
    </Loaded>
  );
}

/** The reviewer's queue of pending reviews (a manager sees everyone's), with progress per day. */
export function QueueView() {
  const { api, t, locale, me } = useCtx();
  const drill = useDrill<string>();
  const [result, setResult] = useState<number | null>(null);
  const note = useRef<HTMLParagraphElement>(null);
  const [state, reload] = useFetch(() => api.get<{ data: ReviewSummary[] }>('/v1/reviews?status=pending'), []);
  const [tick, setTick] = useState(0);
  return (
    <>
      {drill.open && (
        <Open
          id={drill.open}
          onClose={(score) => {
            if (score === undefined) return drill.close();
            setResult(score);
            reload();
            setTick((n) => n + 1);
            // The submitted review leaves the queue: the focus goes to the message with its score.
            drill.close(() => note.current);
          }}
        />
      )}
      <div hidden={drill.open !== null}>
        <Progress tick={tick} />
        <p class="meta" role="status" ref={note} tabIndex={-1}>
          {result !== null ? t('submitted', { score: result }) : ''}
        </p>
        <Loaded state={state} t={t} retry={reload}>
          {({ data }) =>
            data.length === 0 ? (
              <Empty text={t('queueEmpty')} />
            ) : (
              <table class="list">
                <thead>
                  <tr>
                    <th scope="col">{t('agentName')}</th>
                    <th scope="col">{t('date')}</th>
                    <th scope="col">{t('reasons')}</th>
                    <th scope="col">{t('status')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.map((r) => (
                    <tr key={r.id}>
                      <td>
                        <button type="button" class="link" onClick={(e) => drill.show(r.id, e)}>
                          {r.agentName ?? t('agent')}
                        </button>
                      </td>
                      <td>{dayLabel(r.sampleDate, me.yesterday, locale, t)}</td>
                      <td>
                        <span class="chips">
                          {r.reasons.map((x) => {
                            const must = x === 'rating' || x === 'critical';
                            return <span class={must ? 'chip must' : 'chip'}>{must ? `${t('mustReview')}: ${reasonName(t, x)}` : reasonName(t, x)}</span>;
                          })}
                        </span>
                      </td>
                      <td>{t(`status_${r.status}`)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )
          }
        </Loaded>
      </div>
    </>
  );
}
