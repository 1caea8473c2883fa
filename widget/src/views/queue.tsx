import { useState } from 'preact/hooks';
import type { Api } from '../api';
import type { Locale, T } from '../i18n/messages';
import type { Review, ReviewSummary } from '../types';
import { useFetch } from '../use-fetch';
import { ReviewForm } from './review-form';
import { Loaded } from './status';

function Open({ api, id, t, locale, onClose }: { api: Api; id: string; t: T; locale: Locale; onClose: (score?: number) => void }) {
  const [state, reload] = useFetch(() => api.get<Review>(`/v1/reviews/${encodeURIComponent(id)}`), [id]);
  return (
    <section>
      <button type="button" class="link" onClick={() => onClose()}>
        ← {t('back')}
      </button>
      <Loaded state={state} t={t} retry={reload}>
        {(review) => <ReviewForm api={api} review={review} t={t} locale={locale} onDone={(score) => onClose(score)} />}
      </Loaded>
    </section>
  );
}

/** The reviewer's queue of pending reviews (a manager sees everyone's). */
export function QueueView({ api, t, locale }: { api: Api; t: T; locale: Locale }) {
  const [open, setOpen] = useState<string | null>(null);
  const [result, setResult] = useState<number | null>(null);
  const [state, reload] = useFetch(() => api.get<{ data: ReviewSummary[] }>('/v1/reviews?status=pending'), []);
  if (open) {
    return (
      <Open
        api={api}
        id={open}
        t={t}
        locale={locale}
        onClose={(score) => {
          setOpen(null);
          if (score !== undefined) {
            setResult(score);
            reload();
          }
        }}
      />
    );
  }
  return (
    <>
      {result !== null && (
        <p class="meta" role="status" aria-live="polite">
          {t('submitted')} {result}
        </p>
      )}
      <Loaded state={state} t={t} retry={reload}>
        {({ data }) =>
          data.length === 0 ? (
            <p class="muted">{t('queueEmpty')}</p>
          ) : (
            <table class="list">
              <thead>
                <tr>
                  <th scope="col">{t('agentName')}</th>
                  <th scope="col">{t('reasons')}</th>
                  <th scope="col">{t('score')}</th>
                </tr>
              </thead>
              <tbody>
                {data.map((r) => (
                  <tr key={r.id}>
                    <td>
                      <button type="button" class="link" onClick={() => setOpen(r.id)}>
                        {r.agentName ?? r.conversationId}
                      </button>
                    </td>
                    <td>
                      <span class="chips">{r.reasons.map((x) => <span class={x === 'rating' || x === 'critical' ? 'chip must' : 'chip'}>{x}</span>)}</span>
                    </td>
                    <td>{r.autoScore ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </Loaded>
    </>
  );
}
