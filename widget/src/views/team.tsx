import { useState } from 'preact/hooks';
import { ApiError, type Api } from '../api';
import type { T } from '../i18n/messages';
import type { SampleDay } from '../types';
import { useFetch } from '../use-fetch';

function yesterday(): string {
  const d = new Date(Date.now() - 86_400_000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** The day's sample for the team: coverage figures, and per agent the quota against what was selected, with reasons. */
export function TeamView({ api, t }: { api: Api; t: T }) {
  const [date, setDate] = useState(yesterday());
  const [state, reload] = useFetch(() => api.get<SampleDay>(`/v1/samples?date=${date}`), [date]);
  return (
    <section>
      <label>
        {t('date')} <input type="date" value={date} onChange={(e) => setDate((e.target as HTMLInputElement).value)} />
      </label>
      {state.status === 'loading' && (
        <p class="muted" role="status" aria-live="polite">
          {t('loading')}
        </p>
      )}
      {state.status === 'error' &&
        (state.error instanceof ApiError && state.error.status === 404 ? (
          <p class="muted" role="status">
            {t('notSampled')}
          </p>
        ) : (
          <div class="error" role="alert">
            {t('errorPrefix')}
            {state.error.message} <button type="button" onClick={reload}>{t('retry')}</button>
          </div>
        ))}
      {state.status === 'ok' && (
        <>
          <div class="figures">
            {(
              [
                ['agentsActive', state.data.coverage.agentsActive],
                ['agentsAtQuota', state.data.coverage.agentsAtQuota],
                ['selected', state.data.coverage.selected],
                ['mustReview', state.data.coverage.mustReview],
                ['shortfalls', state.data.coverage.shortfalls.length],
              ] as const
            ).map(([key, value]) => (
              <div class="figure">
                <strong>{value}</strong>
                {t(key)}
              </div>
            ))}
          </div>
          <table class="list">
            <thead>
              <tr>
                <th scope="col">{t('agentName')}</th>
                <th scope="col">{t('quota')}</th>
                <th scope="col">{t('reasons')}</th>
              </tr>
            </thead>
            <tbody>
              {state.data.agents.map((a) => (
                <tr key={a.agentId}>
                  <td>{a.agentName ?? a.agentId}</td>
                  <td class={a.shortfall ? 'bad' : ''} title={a.shortfall ? t('fewerConversations') : undefined}>
                    {a.selected.length}/{a.quota}
                  </td>
                  <td>
                    <span class="chips">{a.selected.map((s) => <span class={s.mustReview ? 'chip must' : 'chip'}>{s.reason}</span>)}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
