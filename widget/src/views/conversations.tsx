import { useState } from 'preact/hooks';
import type { Api } from '../api';
import { MESSAGES, type MessageKey, type T } from '../i18n/messages';
import type { AutoQa, Conversation, ConversationSummary, RiskFactor } from '../types';
import { useFetch } from '../use-fetch';
import { Loaded } from './status';
import { Transcript } from './transcript';

type Summary = ConversationSummary & { autoQa?: Pick<AutoQa, 'score' | 'risk' | 'critical'> | null };

/** Each signal behind the risk with its points, largest first, as the API orders them. */
function RiskFactors({ factors, t }: { factors: RiskFactor[]; t: T }) {
  const name = (factor: string) => (`risk_${factor}` in MESSAGES.en ? t(`risk_${factor}` as MessageKey) : factor);
  return (
    <details open>
      <summary>{t('riskWhy')}</summary>
      <ul class="factors">
        {factors.map((f) => (
          <li class={f.points > 0 ? 'up' : 'down'}>
            <span class="points">{f.points > 0 ? `+${f.points}` : f.points}</span> {name(f.factor)}
            {f.count > 1 ? ` ×${f.count}` : ''}
          </li>
        ))}
      </ul>
    </details>
  );
}

function Detail({ api, id, t, onBack }: { api: Api; id: string; t: T; onBack: () => void }) {
  const [state, reload] = useFetch(() => api.get<Conversation>(`/v1/conversations/${encodeURIComponent(id)}`), [id]);
  return (
    <section aria-label={id}>
      <button type="button" class="link" onClick={onBack}>← {t('back')}</button>
      <Loaded state={state} t={t} retry={reload}>
        {(c) => (
          <>
            <p class="meta">
              {c.customer.name ?? c.externalId} · {t(c.status)} · {t('score')} {c.autoQa ? c.autoQa.score : t('notScored')}
              {c.autoQa ? ` · ${t('risk')} ${c.autoQa.risk}` : ''}
              {c.rating ? ` · ${t('rating')} ${c.rating}/5` : ''}
            </p>
            <Transcript messages={c.messages} autoQa={c.autoQa} t={t} />
            {c.autoQa && (
              <details open>
                <summary>{t('evidence')}</summary>
                <ul class="hits">
                  {c.autoQa.hits
                    .filter((h) => h.outcome !== 'na')
                    .map((h) => (
                      <li class={h.outcome}>
                        <strong>{h.rule}</strong> {t(h.outcome)} {h.critical ? `· ${t('critical')}` : ''} {h.detail ?? ''}
                      </li>
                    ))}
                </ul>
              </details>
            )}
            {c.autoQa && c.autoQa.riskFactors.length > 0 && <RiskFactors factors={c.autoQa.riskFactors} t={t} />}
          </>
        )}
      </Loaded>
    </section>
  );
}

/** Recent conversations (for an agent token: their own, which is all the API returns to them). */
export function ConversationsView({ api, t }: { api: Api; t: T }) {
  const [open, setOpen] = useState<string | null>(null);
  const [state, reload] = useFetch(() => api.get<{ data: Summary[] }>('/v1/conversations?limit=50'), []);
  if (open) return <Detail api={api} id={open} t={t} onBack={() => setOpen(null)} />;
  return (
    <Loaded state={state} t={t} retry={reload}>
      {({ data }) =>
        data.length === 0 ? (
          <p class="muted">{t('empty')}</p>
        ) : (
          <table class="list">
            <thead>
              <tr>
                <th scope="col">{t('customer')}</th>
                <th scope="col">{t('status')}</th>
                <th scope="col">{t('score')}</th>
                <th scope="col">{t('risk')}</th>
              </tr>
            </thead>
            <tbody>
              {data.map((c) => (
                <tr key={c.id}>
                  <td>
                    <button type="button" class="link" onClick={() => setOpen(c.id)}>
                      {c.customer.name ?? c.externalId}
                    </button>
                  </td>
                  <td>{t(c.status)}</td>
                  <td class={c.autoQa?.critical ? 'bad' : ''}>{c.autoQa ? c.autoQa.score : '—'}</td>
                  <td>{c.autoQa ? c.autoQa.risk : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )
      }
    </Loaded>
  );
}
