import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { useCtx } from '../context';
import { addDays, formatWhen } from '../dates';
import { useDrill } from '../focus';
import type { AutoQaAgreement } from '../types';
import { useFetch } from '../use-fetch';
import { ConversationDetail } from './conversations';
import { ErrorNote, Loaded } from './status';

/** Rounded down, to a tenth where needed: one override in 534 is 99.8%, never 100%. */
const percent = (share: number | null) => (share === null ? '—' : `${Math.floor(share * 1000 + 1e-9) / 10}%`);

type Item = AutoQaAgreement['items'][number];

/** The latest overrides of an item, each opening its conversation (transcript and evidence). */
function Overrides({ item, open }: { item: Item; open: (conversationId: string, e: Event) => void }) {
  const { me, locale, t } = useCtx();
  if (!item.overrides.length) return null;
  return (
    <details>
      <summary>{t('overrides', { n: item.overridden })}</summary>
      <ul class="overrides">
        {item.overrides.map((o) => (
          <li key={o.reviewId}>
            <button type="button" class="link" onClick={(e) => open(o.conversationId, e)}>
              {t('reviewedAt', { when: formatWhen(o.submittedAt, me.store.timezone, locale) })}
            </button>{' '}
            · {t('autoqaSaid')} {t(o.auto)} → {t('reviewerSaid')} {t(o.reviewer)}
          </li>
        ))}
      </ul>
    </details>
  );
}

/**
 * Switches an item's auto judgement off (AutoQA leaves it to reviewers) or back on, in the store's
 * settings: for conversations scored from then on. The list is read fresh, so items outside this
 * period's figures keep their setting.
 */
function AutoSwitch({ item, focus, onDone }: { item: Item; focus: boolean; onDone: (message: string) => void }) {
  const { api, t, locale } = useCtx();
  const [state, setState] = useState<'idle' | 'saving' | Error>('idle');
  // Not `disabled` while saving: a disabled button drops the focus. The figures reload after a switch;
  // the focus comes back to this item's button when they are in.
  const button = useRef<HTMLButtonElement>(null);
  useLayoutEffect(() => {
    if (focus) button.current?.focus();
  }, []);
  const name = item.name?.[locale] ?? item.itemId;
  const toggle = async () => {
    if (state === 'saving') return;
    setState('saving');
    try {
      const { autoQaManualItems } = await api.get<{ autoQaManualItems: string[] }>('/v1/settings');
      const others = autoQaManualItems.filter((id) => id !== item.itemId);
      await api.patch('/v1/settings', { autoQaManualItems: item.autoOff ? others : [...others, item.itemId] });
      setState('idle');
      onDone(t(item.autoOff ? 'autoOnDone' : 'autoOffDone', { item: name }));
    } catch (error) {
      setState(error as Error);
    }
  };
  return (
    <>
      <button type="button" class="link" ref={button} aria-disabled={state === 'saving'} aria-describedby={`agreement-${item.itemId}`} onClick={toggle}>
        {state === 'saving' ? t('saving') : t(item.autoOff ? 'autoOnAction' : 'autoOffAction')}
      </button>
      {state instanceof Error && <ErrorNote error={state} t={t} retry={toggle} />}
    </>
  );
}

/**
 * For managers: per scorecard item, how often reviewers keep AutoQA's outcome over a period, with the
 * conversations where they overrode it; items whose auto judgement the store switched off are marked.
 */
export function AgreementView() {
  const { api, t, locale, me } = useCtx();
  // The last 30 days of the store's calendar (the browser's clock may be on another date).
  const { today } = me;
  const [from, setFrom] = useState(addDays(today, -29));
  const [to, setTo] = useState(today);
  const drill = useDrill<string>();
  const [switched, setSwitched] = useState<{ itemId: string; message: string } | null>(null);
  const [state, reload] = useFetch(() => api.get<AutoQaAgreement>(`/v1/reports/autoqa-agreement?from=${from}&to=${to}`), [from, to]);
  // The period stays one the API takes: a cleared field keeps its day, and moving one end past the other
  // (or more than a year from it) brings the other along.
  const pickFrom = (day: string) => {
    if (!day) return;
    setFrom(day);
    if (day > to) setTo(day);
    else if (to > addDays(day, 365)) setTo(addDays(day, 365));
  };
  const pickTo = (day: string) => {
    if (!day) return;
    setTo(day);
    if (day < from) setFrom(day);
    else if (from < addDays(day, -365)) setFrom(addDays(day, -365));
  };
  const input = (label: string, value: string, set: (v: string) => void) => (
    <label>
      {label} <input type="date" value={value} max={today} onChange={(e) => set((e.target as HTMLInputElement).value)} />
    </label>
  );
  return (
    <section>
      {drill.open && <ConversationDetail id={drill.open} onBack={() => drill.close()} />}
      <div hidden={drill.open !== null}>
        <p class="range">
          {input(t('from'), from, pickFrom)} {input(t('to'), to, pickTo)}
        </p>
        <p role="status" class="switched">
          {switched?.message}
        </p>
        <Loaded state={state} t={t} retry={reload}>
          {(data) => (
            <>
              <p class="meta">
                {t('reviewsInPeriod')}: {data.reviews}
              </p>
              <p class="meta">{t('autoSwitchHelp')}</p>
              {!data.reviews && (
                <p class="muted" role="status">
                  {t('noReviews')}
                </p>
              )}
              <table class="list">
                <thead>
                  <tr>
                    <th scope="col">{t('item')}</th>
                    <th scope="col">{t('judged')}</th>
                    <th scope="col">{t('kept')}</th>
                    <th scope="col">{t('autoJudgement')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((item) => (
                    <tr key={item.itemId}>
                      <td>
                        <span id={`agreement-${item.itemId}`}>{item.name?.[locale] ?? t('removedItem')}</span>
                        {item.autoOff && <span class="chip"> {t('autoOff')}</span>}
                        <Overrides item={item} open={drill.show} />
                      </td>
                      <td>{item.judged}</td>
                      <td class={item.keptShare !== null && item.keptShare < 0.8 ? 'bad' : ''}>{percent(item.keptShare)}</td>
                      <td>
                        {/* An item no longer on the scorecard has nothing to switch. */}
                        {item.name && (
                          <AutoSwitch
                            item={item}
                            focus={switched?.itemId === item.itemId}
                            onDone={(message) => {
                              setSwitched({ itemId: item.itemId, message });
                              reload();
                            }}
                          />
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
        </Loaded>
      </div>
    </section>
  );
}
