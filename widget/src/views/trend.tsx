import type { Trend } from '../coaching-types';
import { useCtx } from '../context';
import { formatDay } from '../dates';
import { useFetch } from '../use-fetch';
import { Loaded } from './status';
import { TrendChart } from './trend-chart';

const DAYS = 30;
const fmt = (v: number | null) => (v === null ? '—' : String(Math.round(v * 10) / 10));

/** *My trend*: 30 store-local days ending yesterday, own average against the team's; chart, summary and table. */
export function TrendView() {
  const { api, t, locale } = useCtx();
  const [state, reload] = useFetch(() => api.get<Trend>(`/v1/coaching/trend?days=${DAYS}`), []);
  return (
    <Loaded state={state} t={t} retry={reload}>
      {(trend) => {
        const summary = t('trendSummary', { own: fmt(trend.own.average), n: trend.own.reviews, team: fmt(trend.team.average) });
        return (
          <section aria-labelledby="trend-title" class="trend">
            <h3 id="trend-title">
              {t('trendTitle', { n: trend.days.length })} ({formatDay(trend.from, locale)} – {formatDay(trend.to, locale)})
            </h3>
            <p>{trend.own.reviews ? summary : t('trendNone')}</p>
            <TrendChart trend={trend} locale={locale} title={t('trendChart')} summary={summary} />
            <p class="legend">
              <span class="key own" aria-hidden="true" /> {t('you')} ({t('solidLine')}) <span class="key team" aria-hidden="true" /> {t('teamAverage')} (
              {t('dashedLine')})
            </p>
            <details>
              <summary>{t('trendTable')}</summary>
              <table class="list">
                <thead>
                  <tr>
                    <th scope="col">{t('date')}</th>
                    <th scope="col">{t('you')}</th>
                    <th scope="col">{t('reviewsCount')}</th>
                    <th scope="col">{t('teamAverage')}</th>
                  </tr>
                </thead>
                <tbody>
                  {trend.days.map((d) => (
                    <tr key={d.date}>
                      <th scope="row">{formatDay(d.date, locale)}</th>
                      <td>{fmt(d.score)}</td>
                      <td>{d.reviews}</td>
                      <td>{fmt(d.teamScore)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </details>
          </section>
        );
      }}
    </Loaded>
  );
}
