import { useState } from 'preact/hooks';
import { useCtx } from '../../context';
import type { Dashboard } from '../../types';
import { useFetch } from '../../use-fetch';
import { DayInput, Loaded } from '../status';
import { Exports } from './exports';
import { FigureTiles } from './figure-tiles';
import { range } from './format';
import { SeriesChart } from './series-chart';
import { AgreementAndStars, FailedItems, FiguresTable, HeatMap } from './tables';

type Kind = 'day' | 'week' | 'month';

/**
 * *Reports* (manager: the store; lead: their team): a day, week or month against the one before, per team
 * and agent, the items failed most, calibration, service stars, coaching figures, and CSV exports.
 * Defaults to the month of the store's yesterday.
 */
export function DashboardView() {
  const { api, t, locale, me } = useCtx();
  const [kind, setKind] = useState<Kind>('month');
  const [date, setDate] = useState(me.yesterday);
  const [state, reload] = useFetch(() => api.get<Dashboard>(`/v1/dashboard?period=${kind}&date=${date}`), [kind, date]);
  return (
    <section aria-labelledby="r-title">
      <h3 id="r-title">{t('tabReports')}</h3>
      <div class="actions">
        <label>
          {t('r_period')}{' '}
          <select value={kind} onChange={(e) => setKind((e.target as HTMLSelectElement).value as Kind)}>
            {(['day', 'week', 'month'] as const).map((k) => (
              <option value={k}>{t(`r_${k}`)}</option>
            ))}
          </select>
        </label>
        <DayInput label={t('r_date')} value={date} max={me.yesterday} onPick={setDate} />
      </div>
      <Loaded state={state} t={t} retry={reload}>
        {(d) => (
          <div class="report" data-period={d.period.key}>
            <p class="meta">
              {d.through !== null && d.through !== d.period.to ? t('r_soFar', { range: range(d.period.from, d.through, locale) }) : range(d.period.from, d.period.to, locale)} ·{' '}
              {t('r_vsPrevious')} {range(d.previous.from, d.previous.to, locale)}
              {d.team !== null && ` · ${t('r_teamOnly', { team: d.team })}`}
            </p>
            {d.totals.figures.reviewed === 0 && <p class="muted">{t('r_noData')}</p>}
            <FigureTiles d={d} t={t} />
            <SeriesChart series={d.series} t={t} locale={locale} />
            {d.team === null && d.teams.length > 1 && (
              <FiguresTable
                t={t}
                caption={t('r_teams')}
                rows={d.teams.map((x) => ({ key: x.team ?? '', name: x.team ?? t('r_noTeam'), figures: x.figures, trend: x.trend }))}
              />
            )}
            <div class="scroll">
              <FiguresTable
                t={t}
                withTeam
                caption={t('r_agents')}
                rows={d.agents.map((a) => ({ key: a.agentId, name: a.name, team: a.team, figures: a.figures, trend: a.trend }))}
              />
            </div>
            <FailedItems d={d} t={t} locale={locale} />
            <HeatMap d={d} t={t} locale={locale} />
            <AgreementAndStars d={d} t={t} />
            <Exports api={api} t={t} from={d.period.from} to={d.period.to} locale={locale} manager={me.role === 'manager'} />
          </div>
        )}
      </Loaded>
    </section>
  );
}
