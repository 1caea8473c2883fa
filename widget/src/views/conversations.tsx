import { useCtx } from '../context';
import { formatWhen } from '../dates';
import { useAutoFocus, useDrill } from '../focus';
import type { AutoQa, Conversation, ConversationSummary, RiskFactor } from '../types';
import { useFetch } from '../use-fetch';
import { factorName, ruleName } from '../words';
import { Empty, Loaded } from './status';
import { Transcript } from './transcript';

type Summary = ConversationSummary & { autoQa?: Pick<AutoQa, 'score' | 'risk' | 'critical'> | null };

/** Each signal behind the risk with its points, largest first, as the API orders them. */
function RiskFactors({ factors }: { factors: RiskFactor[] }) {
  const { t } = useCtx();
  return (
    <details open>
      <summary>{t('riskWhy')}</summary>
      <ul class="factors">
        {factors.map((f) => (
          <li class={f.points > 0 ? 'up' : 'down'}>
            <span class="points">{f.points > 0 ? `+${f.points}` : f.points}</span> {factorName(t, f.factor)}
            {f.count > 1 ? ` ×${f.count}` : ''}
          </li>
        ))}
      </ul>
    </details>
  );
}

/** What the two numbers are: the agent's score by the scorecard, the customer's dissatisfaction risk. */
export function NumbersLegend({ risk }: { risk: boolean }) {
  const { t } = useCtx();
  return (
    <p class="meta legend-numbers">
      {t('autoScore')}: {t('autoScoreHelp')}.{risk ? ` ${t('risk')}: ${t('riskHelp')}.` : ''}
    </p>
  );
}

/** One conversation: its transcript with AutoQA's evidence, and a way back to the list it was opened from. */
export function ConversationDetail({ id, onBack }: { id: string; onBack: () => void }) {
  const { api, t, me, locale } = useCtx();
  const heading = useAutoFocus<HTMLHeadingElement>();
  const [state, reload] = useFetch(() => api.get<Conversation>(`/v1/conversations/${encodeURIComponent(id)}`), [id]);
  return (
    <section aria-labelledby="conv-title">
      <button type="button" class="link" onClick={onBack}>
        ← {t('back')}
      </button>
      <h3 id="conv-title" ref={heading} tabIndex={-1}>
        {t('transcript')}
      </h3>
      <Loaded state={state} t={t} retry={reload}>
        {(c) => (
          <>
            <p class="meta">
              {c.openedAt ? `${formatWhen(c.openedAt, me.store.timezone, locale)} · ` : ''}
              {me.role !== 'agent' && c.agentName ? `${c.agentName} · ` : ''}
              {c.customer.name ?? t('customer')} · {t(c.status)} · {t('autoScore')} {c.autoQa ? c.autoQa.score : t('notScored')}
              {c.autoQa?.risk !== undefined ? ` · ${t('risk')} ${c.autoQa.risk}` : ''}
              {c.rating ? ` · ${t('rating')} ${c.rating}/5` : ''}
            </p>
            <Transcript messages={c.messages} autoQa={c.autoQa} />
            {c.autoQa && (
              <details open>
                <summary>{t('evidence')}</summary>
                <ul class="hits">
                  {c.autoQa.hits
                    .filter((h) => h.outcome !== 'na')
                    .map((h) => (
                      <li class={h.outcome}>
                        {h.outcome === 'fail' ? '✗' : '✓'} <strong>{ruleName(t, h.rule)}</strong>: {t(h.outcome)}
                        {h.critical ? ` · ${t('critical')}` : ''}
                      </li>
                    ))}
                </ul>
              </details>
            )}
            {c.autoQa?.riskFactors?.length ? <RiskFactors factors={c.autoQa.riskFactors} /> : null}
          </>
        )}
      </Loaded>
    </section>
  );
}

/** Recent conversations (for an agent token: their own, and never the risk, which the API leaves out for them). */
export function ConversationsView() {
  const { api, t, me, locale } = useCtx();
  // An agent's list is all their own: the agent column would repeat their name.
  const showRisk = me.role !== 'agent';
  const showAgent = me.role !== 'agent';
  const drill = useDrill<string>();
  const [state, reload] = useFetch(() => api.get<{ data: Summary[] }>('/v1/conversations?limit=50'), []);
  return (
    <>
      {drill.open && <ConversationDetail id={drill.open} onBack={() => drill.close()} />}
      <div hidden={drill.open !== null}>
        <Loaded state={state} t={t} retry={reload}>
          {({ data }) =>
            data.length === 0 ? (
              <Empty text={t('empty')} />
            ) : (
              <>
                <NumbersLegend risk={showRisk} />
                <table class="list">
                  <thead>
                    <tr>
                      <th scope="col">{t('opened')}</th>
                      {showAgent && <th scope="col">{t('agent')}</th>}
                      <th scope="col">{t('customer')}</th>
                      <th scope="col">{t('status')}</th>
                      <th scope="col">{t('autoScore')}</th>
                      {showRisk && <th scope="col">{t('risk')}</th>}
                    </tr>
                  </thead>
                  <tbody>
                    {data.map((c) => (
                      <tr key={c.id}>
                        <td>{c.openedAt ? formatWhen(c.openedAt, me.store.timezone, locale) : '—'}</td>
                        {showAgent && <td>{c.agentName ?? '—'}</td>}
                        <td>
                          <button type="button" class="link" onClick={(e) => drill.show(c.id, e)}>
                            {c.customer.name ?? t('customer')}
                          </button>
                        </td>
                        <td>{t(c.status)}</td>
                        <td class={c.autoQa?.critical ? 'bad' : ''}>
                          {c.autoQa ? c.autoQa.score : '—'}
                          {c.autoQa?.critical ? ` · ${t('critical')}` : ''}
                        </td>
                        {showRisk && <td>{c.autoQa?.risk ?? '—'}</td>}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </>
            )
          }
        </Loaded>
      </div>
    </>
  );
}
