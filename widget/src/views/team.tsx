import { useState } from 'preact/hooks';
import { ApiError } from '../api';
import { useCtx } from '../context';
import type { SampleDay } from '../types';
import { useFetch } from '../use-fetch';
import { reasonName } from '../words';
import { DayInput, ErrorNote } from './status';

/** The day's sample (default: the store's yesterday): coverage, and per agent the quota against what was selected, with reasons. */
export function TeamView() {
  const { api, t, me } = useCtx();
  const [date, setDate] = useState(me.yesterday);
  const [state, reload] = useFetch(() => api.get<SampleDay>(`/v1/samples?date=${date}`), [date]);
  return (
    <section>
      <DayInput label={t('date')} value={date} max={me.today} onPick={setDate} />
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
          <ErrorNote error={state.error} t={t} retry={reload} />
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
          <div class="scroll">
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
                    <td>{a.agentName ?? t('agent')}</td>
                    <td class={a.shortfall ? 'bad' : ''}>
                      {a.selected.length}/{a.quota}
                      {a.shortfall ? ` · ${t('belowQuota', { n: a.selected.length })}` : ''}
                    </td>
                    <td>
                      <span class="chips">
                        {a.selected.map((s) => (
                          <span class={s.mustReview ? 'chip must' : 'chip'}>
                            {s.mustReview ? `${t('mustReview')}: ${reasonName(t, s.reason)}` : reasonName(t, s.reason)}
                          </span>
                        ))}
                      </span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
