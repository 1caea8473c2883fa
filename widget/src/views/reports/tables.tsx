import type { Locale, T } from '../../i18n/messages';
import type { Dashboard, Figures, FigureTrend } from '../../types';
import { pick } from '../../words';
import { change, num, pct } from './format';

type Row = { key: string; name: string; team?: string | null; figures: Figures; trend: FigureTrend };

/** Per team or per agent: the same figures as the tiles, with the average's change. */
export function FiguresTable({ rows, t, caption, withTeam }: { rows: Row[]; t: T; caption: string; withTeam?: boolean }) {
  return (
    <div class="scroll">
      <table class="list">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{withTeam ? t('r_agent') : t('r_team')}</th>
            {withTeam && <th scope="col">{t('r_team')}</th>}
            <th scope="col">{t('r_reviewed')}</th>
            <th scope="col">{t('r_average')}</th>
            <th scope="col">{t('r_passRate')}</th>
            <th scope="col">{t('r_coverage')}</th>
            <th scope="col">{t('r_repeat')}</th>
            <th scope="col">{t('r_disputes')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">{r.name}</th>
              {withTeam && <td>{r.team ?? t('r_noTeam')}</td>}
              <td>{r.figures.reviewed}</td>
              <td>
                {num(r.figures.averageScore)} <span class="meta">{change(t, r.trend.averageScore)}</span>
              </td>
              <td>{pct(r.figures.passRate)}</td>
              <td>
                {r.figures.coverage.atQuota}/{r.figures.coverage.active}
              </td>
              <td>{pct(r.figures.repeatErrorRate)}</td>
              <td>
                {r.figures.disputes.opened} ({r.figures.disputes.accepted})
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The items failed most, each with a bar of its fail rate. */
export function FailedItems({ d, t, locale }: { d: Dashboard; t: T; locale: Locale }) {
  if (!d.topFailedItems.length) return null;
  return (
    <section aria-labelledby="r-failed">
      <h4 id="r-failed">{t('r_failedItems')}</h4>
      <ol class="rows">
        {d.topFailedItems.map((i) => (
          <li key={i.itemId}>
            <strong>{pick(i.name, locale) || t('rule_other')}</strong> {t('r_failedOf', { failed: i.failed, applicable: i.applicable, rate: pct(i.failRate) })}{' '}
            <span class="meta">{change(t, i.failRateTrend, true)}</span>
            <svg class="bar" viewBox="0 0 100 6" preserveAspectRatio="none" aria-hidden="true">
              <rect width={Math.round((i.failRate ?? 0) * 100)} height="6" />
            </svg>
          </li>
        ))}
      </ol>
    </section>
  );
}

/** Agents × items: how often each failed, the darker the more. */
export function HeatMap({ d, t, locale }: { d: Dashboard; t: T; locale: Locale }) {
  const { items, agents, cells } = d.heatMap;
  if (!cells.length) return null;
  const name = new Map(d.agents.map((a) => [a.agentId, a.name]));
  const at = new Map(cells.map((c) => [`${c.agentId}|${c.itemId}`, c]));
  const most = Math.max(...cells.map((c) => c.failed));
  const item = (id: string) => pick(d.itemNames[id], locale) || id;
  return (
    <section aria-labelledby="r-heat" class="scroll">
      <h4 id="r-heat">{t('r_heatmap')}</h4>
      <table class="list heat">
        <thead>
          <tr>
            <th scope="col">{t('r_agent')}</th>
            {items.map((i) => (
              <th scope="col">{item(i)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {agents.map((a) => (
            <tr key={a}>
              <th scope="row">{name.get(a) ?? a}</th>
              {items.map((i) => {
                const c = at.get(`${a}|${i}`);
                const label = c ? t('r_heatCell', { agent: name.get(a) ?? a, item: item(i), failed: c.failed, applicable: c.applicable }) : '';
                return (
                  <td
                    style={c ? `background: rgba(216, 57, 49, ${(0.15 + (0.7 * c.failed) / most).toFixed(2)})` : undefined}
                    title={label}
                    aria-label={label || undefined}
                  >
                    {c ? c.failed : ''}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** Reviewer agreement from blind pairs, and the period's service stars. */
export function AgreementAndStars({ d, t }: { d: Dashboard; t: T }) {
  const c = d.calibration;
  return (
    <>
      {c.reviewers.length > 0 && (
        <div class="scroll">
          <table class="list">
            <caption>{t('r_calibration')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('r_reviewer')}</th>
                <th scope="col">{t('r_pairs')}</th>
                <th scope="col">{t('r_scoreGap')}</th>
                <th scope="col">{t('r_itemAgreement')}</th>
              </tr>
            </thead>
            <tbody>
              {c.reviewers.map((r) => (
                <tr key={r.reviewerId}>
                  <th scope="row">{r.name}</th>
                  <td>{r.pairs}</td>
                  <td>{r.meanScoreDiff}</td>
                  <td>{pct(r.itemAgreement)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <section aria-labelledby="r-stars">
        <h4 id="r-stars">{t('r_stars')}</h4>
        <p class="meta">{d.serviceStars.minReviews === 1 ? t('r_starsRuleOne') : t('r_starsRule', { n: d.serviceStars.minReviews })}</p>
        {d.serviceStars.stars.length ? (
          <ol>
            {d.serviceStars.stars.map((s) => (
              <li key={s.agentId}>
                ★ {s.name} · {s.averageScore} · {t('r_reviewed')} {s.reviewed}
              </li>
            ))}
          </ol>
        ) : (
          <p class="muted">{t('r_noStars')}</p>
        )}
      </section>
    </>
  );
}
