import { useState } from 'preact/hooks';
import type { TeamAgent, TeamDay } from '../coaching-types';
import { useCtx } from '../context';
import { dayLabel } from '../dates';
import type { T } from '../i18n/messages';
import { useFetch } from '../use-fetch';
import { type Localized, pick } from '../words';
import { Sparkline } from './sparkline';
import { DayInput, Empty, Loaded } from './status';

const TOTALS = ['agents', 'reviewed', 'pendingReviews', 'cards', 'unacknowledged', 'openDisputes', 'openTasks'] as const;

function Flags({ flags, t }: { flags: TeamAgent['flags']; t: T }) {
  const on = (['unstable', 'newHire', 'excellent'] as const).filter((f) => flags[f]);
  return (
    <span class="chips">
      {on.map((f) => (
        <span class={`chip flag-${f}`}>{t(`flag_${f}`)}</span>
      ))}
    </span>
  );
}

function AgentRow({ a }: { a: TeamAgent }) {
  const { t, locale } = useCtx();
  const text = (l: Localized | null) => pick(l, locale);
  const below = a.quota !== null && a.shortfall > 0;
  return (
    <li class={a.flags.unstable ? 'agent unstable' : 'agent'}>
      <h4>
        {a.name} <Flags flags={a.flags} t={t} />
      </h4>
      {a.unstableReason && <p class="meta">{text(a.unstableReason.text)}</p>}
      <dl class="facts">
        <div>
          <dt>{t('quota')}</dt>
          <dd class={below ? 'bad' : ''}>
            {a.quota === null ? t('notSampledShort') : `${t('sampledOf', { n: a.sampled, q: a.quota })}${below ? ` · ${t('belowQuota', { n: a.sampled })}` : ''}`}
          </dd>
        </div>
        <div>
          <dt>{t('average')}</dt>
          <dd>
            {a.average ?? '—'}
            {a.pendingReviews > 0 ? ` · ${t('pendingCount', { n: a.pendingReviews })}` : ''}
          </dd>
        </div>
        <div>
          <dt>{t('trend14')}</dt>
          <dd>
            <Sparkline values={a.trend.map((d) => d.average)} label={t('trend14')} />
            {/* The direction is the 14 days', not the day's: it goes with their line, not with the day's average. */}
            {a.trendDirection ? ` ${t(`dir_${a.trendDirection}`)}` : ''}
          </dd>
        </div>
        <div>
          <dt>{t('repeatErrors')}</dt>
          <dd>
            {a.repeatErrors.week}
            {a.repeatErrors.rate !== null ? ` (${Math.round(a.repeatErrors.rate * 100)}%)` : ''}
          </dd>
        </div>
        <div>
          <dt>{t('card')}</dt>
          <dd class={a.card?.status === 'generated' ? 'warn' : ''}>
            {a.card ? t(a.card.status === 'acknowledged' ? 'cardAcknowledged' : 'cardUnacknowledged') : text(a.noCardText)}
          </dd>
        </div>
        {a.openDisputes > 0 && (
          <div>
            <dt>{t('t_openDisputes')}</dt>
            <dd>{a.openDisputes}</dd>
          </div>
        )}
        {a.openTask && (
          <div>
            <dt>{t('t_openTasks')}</dt>
            <dd>1</dd>
          </div>
        )}
      </dl>
    </li>
  );
}

/** *Team* (lead: their team; manager: the store): each agent's day, flags, trend, repeat errors and card. */
export function CoachTeamView() {
  const { api, t, locale, me } = useCtx();
  const [date, setDate] = useState(me.yesterday);
  const [state, reload] = useFetch(() => api.get<TeamDay>(`/v1/coaching/team?date=${date}`), [date]);
  return (
    <section aria-labelledby="coach-title">
      <h3 id="coach-title">{t('teamFor', { date: dayLabel(date, me.yesterday, locale, t) })}</h3>
      <DayInput label={t('date')} value={date} max={me.today} onPick={setDate} />
      <Loaded state={state} t={t} retry={reload}>
        {(day) => (
          <>
            <div class="figures">
              {TOTALS.map((k) => (
                <div class="figure">
                  <strong>{day.totals[k]}</strong>
                  {t(`t_${k}`)}
                </div>
              ))}
            </div>
            {day.agents.length === 0 ? (
              <Empty text={t('empty')} />
            ) : (
              <ul class="rows">
                {day.agents.map((a) => (
                  <AgentRow key={a.agentId} a={a} />
                ))}
              </ul>
            )}
          </>
        )}
      </Loaded>
    </section>
  );
}
