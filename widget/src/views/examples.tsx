import type { GoodExample, GoodExampleDetail } from '../coaching-types';
import { useCtx } from '../context';
import { formatDay, formatTime } from '../dates';
import { useAutoFocus, useDrill } from '../focus';
import type { T } from '../i18n/messages';
import { useFetch } from '../use-fetch';
import { pick } from '../words';
import { Empty, Loaded } from './status';

const who = (e: GoodExample, t: T) => (e.own ? t('yourOwn') : (e.agentName ?? t('colleague')));

function ExampleDetail({ id, onBack }: { id: string; onBack: () => void }) {
  const { api, t, locale, me } = useCtx();
  const heading = useAutoFocus<HTMLHeadingElement>();
  const [state, reload] = useFetch(() => api.get<GoodExampleDetail>(`/v1/coaching/good-examples/${encodeURIComponent(id)}`), [id]);
  return (
    <section aria-labelledby="example-title">
      <button type="button" class="link" onClick={onBack}>
        ← {t('back')}
      </button>
      <h3 id="example-title" ref={heading} tabIndex={-1}>
        {t('transcript')}
      </h3>
      <Loaded state={state} t={t} retry={reload}>
        {(ex) => (
          <ol class="transcript">
            {ex.messages.map((m) => (
              <li key={m.id} class={`bubble ${m.role}`}>
                <div class="who">
                  {m.role === 'agent' ? who(ex, t) : t(m.role)} · {formatTime(m.createdAt, me.store.timezone, locale)}
                </div>
                <div class="text">{m.text}</div>
              </li>
            ))}
          </ol>
        )}
      </Loaded>
    </section>
  );
}

/** *Good examples*: conversations reviewers marked, with what was done well (names hidden if the store says so). */
export function ExamplesView() {
  const { api, t, locale } = useCtx();
  const drill = useDrill<string>();
  const [state, reload] = useFetch(() => api.get<{ data: GoodExample[] }>('/v1/coaching/good-examples?limit=30'), []);
  return (
    <>
      <h3 hidden={drill.open !== null}>{t('examplesTitle')}</h3>
      {drill.open && <ExampleDetail id={drill.open} onBack={() => drill.close()} />}
      <div hidden={drill.open !== null}>
        <Loaded state={state} t={t} retry={reload}>
          {({ data }) =>
            data.length === 0 ? (
              <Empty text={t('examplesEmpty')} />
            ) : (
              <ul class="rows">
                {data.map((e) => (
                  <li key={e.reviewId}>
                    <h4 id={`ex-${e.reviewId}`}>
                      {formatDay(e.date, locale)} · {who(e, t)}
                      {e.phase ? ` · ${t(e.phase)}` : ''}
                    </h4>
                    <p>
                      {t('score')} {e.score}
                    </p>
                    {e.comment && <p>“{e.comment}”</p>}
                    {e.passedItems.length > 0 && (
                      <p>
                        {t('passedItems')}: {e.passedItems.map((i) => pick(i, locale)).join(locale === 'en' ? ', ' : '、')}
                      </p>
                    )}
                    <button type="button" aria-describedby={`ex-${e.reviewId}`} onClick={(ev) => drill.show(e.reviewId, ev)}>
                      {t('readConversation')}
                    </button>
                  </li>
                ))}
              </ul>
            )
          }
        </Loaded>
      </div>
    </>
  );
}
