import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { Improvement } from '../coaching-types';
import { useCtx } from '../context';
import { useNote } from '../use-note';
import { pick } from '../words';
import { QuoteBlock } from './quote';
import { ErrorNote, RequiredText } from './status';

/** The agent disputes one item with a reason; the form takes the focus when it opens. */
function DisputeForm({ item, onSent, onCancel }: { item: Improvement; onSent: () => Promise<void>; onCancel: () => void }) {
  const { api, t, locale } = useCtx();
  const note = useNote({ autoFocus: true });
  const id = `dispute-${item.key}`;
  const submit = (e: Event) => {
    e.preventDefault();
    return note.send(async (reason) => {
      await api.post('/v1/disputes', { reviewId: item.reviewId, itemId: item.itemId, reason });
      await onSent();
    });
  };
  return (
    <form class="dispute-form" onSubmit={submit} aria-labelledby={`${id}-title`} noValidate>
      <p id={`${id}-title`} class="legend">
        {t('disputeTitle', { item: pick(item.itemName, locale) })}
      </p>
      <RequiredText id={id} name="reason" label={t('disputeReason')} note={note} errorText={t('reasonRequired')} rows={3} maxLength={1000} />
      {note.state instanceof Error && <ErrorNote error={note.state} t={t} />}
      <div class="actions">
        <button type="submit" class="primary" disabled={note.state === 'saving'}>
          {note.state === 'saving' ? t('submitting') : t('disputeSend')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}

/** One occurrence of an item: the quoted message (the fact), the reviewer's note; its dispute. */
function Occurrence({ item, refresh }: { item: Improvement; refresh: () => Promise<void> }) {
  const { t, locale } = useCtx();
  const [disputing, setDisputing] = useState(false);
  const [sent, setSent] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  const outcome = useRef<HTMLParagraphElement>(null);
  // After the dispute is sent the form is gone: the focus goes to the dispute's status in its place.
  useLayoutEffect(() => {
    if (sent && item.dispute) outcome.current?.focus();
  }, [sent, item.dispute]);
  const cancel = () => {
    setDisputing(false);
    setTimeout(() => opener.current?.focus());
  };
  const quoteId = `quote-${item.key}`;
  return (
    <div class="occurrence">
      {item.quote && <QuoteBlock quote={item.quote} label={t('quoteLabel')} customerLabel={t('customerWrote')} id={quoteId} />}
      {item.reviewerComment && (
        <p>
          <strong>{t('reviewerNote')}: </strong>
          {item.reviewerComment}
        </p>
      )}
      {item.dispute && (
        <div class={`outcome ${item.dispute.status}`}>
          <p ref={outcome} tabIndex={-1}>
            {pick(item.dispute.outcomeText, locale)}
          </p>
          {/* The outcome sentence usually quotes the reply already. */}
          {item.dispute.reply && !pick(item.dispute.outcomeText, locale).includes(item.dispute.reply) && (
            <p>
              <strong>{t('leadReply')}: </strong>
              {item.dispute.reply}
            </p>
          )}
        </div>
      )}
      {item.disputable &&
        (disputing ? (
          <DisputeForm
            item={item}
            onCancel={cancel}
            onSent={async () => {
              setSent(true);
              await refresh();
            }}
          />
        ) : (
          // Described by its quote: an item failed in two conversations has two of these buttons.
          <button type="button" ref={opener} aria-describedby={item.quote ? quoteId : undefined} onClick={() => setDisputing(true)}>
            {t('dispute')}
          </button>
        ))}
    </div>
  );
}

/**
 * One item to improve: its name, then each conversation where it was failed (the card puts them together),
 * then the better way, once.
 */
export function ImprovementView({ items, refresh }: { items: Improvement[]; refresh: () => Promise<void> }) {
  const { t, locale } = useCtx();
  const item = items[0]!;
  return (
    <li class="improvement">
      <h5>
        <span class="label">{t('itemLabel')}: </span>
        {pick(item.itemName, locale)}
        {items.length > 1 && <span class="label"> · {t('inConversations', { n: items.length })}</span>}
      </h5>
      {items.some((i) => i.repeat) && <p class="repeat">{t('repeatNote')}</p>}
      {items.map((i) => (
        <Occurrence key={i.key} item={i} refresh={refresh} />
      ))}
      <p class="better">
        <strong>{t('betterWay')}: </strong>
        {pick(item.suggestion, locale)}
      </p>
    </li>
  );
}

/** The card's improvements, those of one item together (the API sends them so ordered). */
export function groupByItem(improvements: Improvement[]): Improvement[][] {
  const groups: Improvement[][] = [];
  for (const i of improvements) {
    const last = groups.at(-1);
    if (last && last[0]!.itemId === i.itemId) last.push(i);
    else groups.push([i]);
  }
  return groups;
}
