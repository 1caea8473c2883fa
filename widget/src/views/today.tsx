import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { Card, LatestCard } from '../coaching-types';
import { useCtx } from '../context';
import { dayLabel, formatWallClock } from '../dates';
import { useFetch } from '../use-fetch';
import { pick } from '../words';
import { groupByItem, ImprovementView } from './improvement';
import { QuoteBlock } from './quote';
import { ErrorNote, Loaded } from './status';

/** The coaching card: praise first, then each improvement, then an encouraging close; acknowledge it. */
function CardView({ initial }: { initial: Card }) {
  const { api, t, locale, me } = useCtx();
  const [card, setCard] = useState(initial);
  const [ack, setAck] = useState<'idle' | 'saving' | Error>('idle');
  const done = useRef<HTMLParagraphElement>(null);
  const justAcknowledged = useRef(false);
  useLayoutEffect(() => {
    if (justAcknowledged.current && card.status === 'acknowledged') done.current?.focus();
  }, [card.status]);
  const refresh = async () => setCard(await api.get<Card>(`/v1/cards/${encodeURIComponent(card.id)}`));
  const acknowledge = async () => {
    setAck('saving');
    try {
      justAcknowledged.current = true;
      setCard(await api.post<Card>(`/v1/cards/${encodeURIComponent(card.id)}/acknowledge`, undefined));
      setAck('idle');
    } catch (error) {
      setAck(error as Error);
    }
  };
  const { summary } = card;
  return (
    <article class="card" aria-labelledby="card-title">
      <h3 id="card-title">{t('cardFor', { date: dayLabel(card.date, me.yesterday, locale, t) })}</h3>
      <p class="meta">{t('cardSummary', { n: summary.reviews, avg: summary.averageScore })}</p>
      <section class="praise" aria-labelledby="praise-title">
        <h4 id="praise-title">{t('wentWell')}</h4>
        <p>{pick(card.praise.text, locale)}</p>
        {card.praise.quote && <QuoteBlock quote={card.praise.quote} label={t('quoteLabel')} customerLabel={t('customerWrote')} />}
      </section>
      <section aria-labelledby="improve-title">
        <h4 id="improve-title">{t('toImprove')}</h4>
        {card.improvements.length === 0 ? (
          <p>{t('allPraise')}</p>
        ) : (
          <ol class="improvements">
            {groupByItem(card.improvements).map((items) => (
              <ImprovementView key={items[0]!.key} items={items} refresh={refresh} />
            ))}
          </ol>
        )}
      </section>
      <p class="close">{pick(card.close.text, locale)}</p>
      {card.status === 'acknowledged' ? (
        <p class="acked" ref={done} tabIndex={-1} role="status">
          ✓ {t('acknowledgedAt', { when: card.acknowledgedAtLocal ? formatWallClock(card.acknowledgedAtLocal, locale) : '' })}
        </p>
      ) : (
        <div class="actions">
          <button type="button" class="primary" aria-describedby="ack-hint" disabled={ack === 'saving'} onClick={acknowledge}>
            {ack === 'saving' ? t('acknowledging') : t('acknowledge')}
          </button>
          <span id="ack-hint" class="meta">
            {t('ackHint')}
          </span>
        </div>
      )}
      {ack instanceof Error && <ErrorNote error={ack} t={t} retry={acknowledge} />}
    </article>
  );
}

export const LATEST_CARD = '/v1/cards/latest';

/** *Today*: the agent's newest card; without one, the day it would be for (the store's yesterday) and why. */
export function TodayView() {
  const { api, t, locale, me } = useCtx();
  const [state, reload] = useFetch(
    () => api.get<LatestCard>(LATEST_CARD),
    [],
    () => api.take<LatestCard>(LATEST_CARD),
  );
  return (
    <Loaded state={state} t={t} retry={reload}>
      {(latest) =>
        latest.card ? (
          <CardView initial={latest.card} />
        ) : (
          <p class="muted">
            {t('noCard', { date: dayLabel(latest.date, me.yesterday, locale, t) })} {pick(latest.reasonText, locale)}
          </p>
        )
      }
    </Loaded>
  );
}
