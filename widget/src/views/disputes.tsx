import { useRef, useState } from 'preact/hooks';
import type { Dispute, DisputeStatus } from '../coaching-types';
import { useCtx } from '../context';
import { formatDay } from '../dates';
import { useDrill } from '../focus';
import { useFetch } from '../use-fetch';
import { useNote } from '../use-note';
import { pick } from '../words';
import { ConversationDetail } from './conversations';
import { Empty, ErrorNote, Loaded, RequiredText } from './status';

/** Accept, or reject with a reply (required): the agent sees the decision on their card. */
function Resolve({ d, onDone }: { d: Dispute; onDone: (status: DisputeStatus) => void }) {
  const { api, t, locale } = useCtx();
  const note = useNote();
  const id = `resolve-${d.id}`;
  // A rejection needs a reply saying why; an acceptance may have one.
  const decide = (decision: 'accept' | 'reject') =>
    note.send(
      async (reply) => {
        const saved = await api.post<Dispute>(`/v1/disputes/${encodeURIComponent(d.id)}/resolve`, { decision, ...(reply ? { reply } : {}) });
        onDone(saved.status);
      },
      { required: decision === 'reject' },
    );
  return (
    <fieldset class="resolve">
      <legend>{t('decision', { item: pick(d.itemName, locale), agent: d.agentName })}</legend>
      <RequiredText id={id} name="reply" label={t('reply')} note={note} errorText={t('replyRequired')} rows={2} maxLength={2000} />
      {note.state instanceof Error && <ErrorNote error={note.state} t={t} />}
      <div class="actions">
        <button type="button" class="primary" disabled={note.state === 'saving'} onClick={() => decide('accept')}>
          {t('accept')}
        </button>
        <button type="button" disabled={note.state === 'saving'} onClick={() => decide('reject')}>
          {t('reject')}
        </button>
      </div>
    </fieldset>
  );
}

/**
 * *Disputes*: the open ones to resolve (lead: their team), and the resolved ones for reference. Each shows
 * the reviewer's comment beside the agent's reason, and opens its conversation in place to be read first.
 */
export function DisputesView() {
  const { api, t, locale } = useCtx();
  const drill = useDrill<string>();
  const [status, setStatus] = useState<DisputeStatus>('open');
  const [result, setResult] = useState<string | null>(null);
  const note = useRef<HTMLParagraphElement>(null);
  const [state, reload] = useFetch(() => api.get<{ data: Dispute[] }>(`/v1/disputes?status=${status}`), [status]);
  const done = (s: DisputeStatus) => {
    setResult(t('resolvedAs', { status: t(`status_${s}`) }));
    reload();
    // The resolved dispute leaves the list: the focus goes to the message saying what happened.
    setTimeout(() => note.current?.focus());
  };
  // The list stays mounted (hidden) while a conversation is read: a reply being typed is kept, and Back
  // returns the focus to the button that opened it.
  return (
    <>
      {drill.open && <ConversationDetail id={drill.open} onBack={() => drill.close()} />}
      <section aria-labelledby="disputes-title" hidden={drill.open !== null}>
        <h3 id="disputes-title">{t('tabDisputes')}</h3>
        <label>
          {t('disputeFilter')}{' '}
          <select value={status} onChange={(e) => setStatus((e.target as HTMLSelectElement).value as DisputeStatus)}>
            {(['open', 'accepted', 'rejected'] as const).map((s) => (
              <option value={s}>{t(`status_${s}`)}</option>
            ))}
          </select>
        </label>
        <p ref={note} tabIndex={-1} role="status" class="meta">
          {result}
        </p>
        <Loaded state={state} t={t} retry={reload}>
          {({ data }) =>
            data.length === 0 ? (
              <Empty text={t('disputesEmpty')} />
            ) : (
              <ul class="rows">
                {data.map((d) => (
                  <li key={d.id}>
                    <h4>
                      {d.agentName} · {pick(d.itemName, locale)} · {formatDay(d.date, locale)}
                    </h4>
                    {d.reviewerComment && (
                      <p>
                        <strong>{t('reviewerNote')}: </strong>
                        {d.reviewerComment}
                      </p>
                    )}
                    <p>
                      <strong>{t('agentReason')}: </strong>
                      {d.reason}
                    </p>
                    <p class="meta">
                      {t('scoreNow', { score: d.scoreAfter ?? d.scoreBefore })} ·{' '}
                      <button type="button" class="link" onClick={(e) => drill.show(d.conversationId, e)}>
                        {t('readConversation')}
                      </button>
                    </p>
                    {d.status === 'open' ? (
                      <Resolve d={d} onDone={done} />
                    ) : (
                      <p>
                        {pick(d.outcomeText, locale)}
                        {/* The outcome sentence quotes the reply already, as on the agent's card. */}
                        {d.reply && !pick(d.outcomeText, locale).includes(d.reply) ? ` “${d.reply}”` : ''}
                      </p>
                    )}
                  </li>
                ))}
              </ul>
            )
          }
        </Loaded>
      </section>
    </>
  );
}
