import type { ComponentChildren } from 'preact';
import { useRef, useState } from 'preact/hooks';
import type { Api, Claims } from './api';
import { WidgetContext } from './context';
import type { Locale, MessageKey, T } from './i18n/messages';
import type { Me } from './types';
import { useFetch } from './use-fetch';
import { preloadViews, viewsFor } from './views/registry';
import { Loaded } from './views/status';
import { LATEST_CARD } from './views/today';

export interface ViewDef {
  id: string;
  label: MessageKey;
  render: () => ComponentChildren;
}

function Tabs({ views, t }: { views: ViewDef[]; t: T }) {
  const [active, setActive] = useState(views[0]!.id);
  const tabs = useRef<(HTMLButtonElement | null)[]>([]);
  // Arrow keys move between tabs (WAI-ARIA tabs pattern).
  const onKey = (e: KeyboardEvent, index: number) => {
    const delta = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (!delta) return;
    const next = (index + delta + views.length) % views.length;
    setActive(views[next]!.id);
    tabs.current[next]?.focus();
    e.preventDefault();
  };
  const current = views.find((v) => v.id === active) ?? views[0]!;
  return (
    <>
      <div role="tablist" aria-label={t('tabs')}>
        {views.map((v, i) => (
          <button
            type="button"
            role="tab"
            id={`tab-${v.id}`}
            aria-selected={v.id === current.id}
            aria-controls={`panel-${v.id}`}
            tabIndex={v.id === current.id ? 0 : -1}
            ref={(el) => {
              tabs.current[i] = el;
            }}
            onClick={() => setActive(v.id)}
            onKeyDown={(e) => onKey(e as unknown as KeyboardEvent, i)}
          >
            {t(v.label)}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${current.id}`} aria-labelledby={`tab-${current.id}`} key={current.id}>
        {current.render()}
      </div>
    </>
  );
}

/**
 * What the widget asks first: who the token is and the store's day. An agent opens on today's card: it is
 * asked for alongside /v1/me, and the answer waits for both, so *Today* renders the card at once rather than
 * a second loading state. Other roles open on a view of widget-views.js: its script is asked for alongside.
 */
export async function firstAnswers(api: Api, claims: Claims): Promise<Me> {
  const agent = claims.role === 'agent';
  if (agent) api.prefetch(LATEST_CARD);
  else preloadViews();
  const me = await api.get<Me>('/v1/me');
  if (agent) await api.settled(LATEST_CARD);
  return me;
}

/** The first answers, asked for as the widget mounts (before its first render); `me` once they are in. */
export interface Boot {
  answers: Promise<Me>;
  me?: Me;
}

/** Shows the role's views once the first answers are in; a retry asks again. */
export function App({ api, t, claims, locale, boot }: { api: Api; t: T; claims: Claims; locale: Locale; boot: Boot }) {
  const asked = useRef(false);
  const [me, reload] = useFetch(
    () => {
      if (asked.current) return firstAnswers(api, claims);
      asked.current = true;
      return boot.answers;
    },
    [],
    () => {
      // Drawn with the answers in: a retry later asks again.
      if (boot.me) asked.current = true;
      return boot.me;
    },
  );
  return (
    <div class="shopqa">
      <header>
        <h2>{t('title')}</h2>
      </header>
      <Loaded state={me} t={t} retry={reload}>
        {(data) => (
          <WidgetContext.Provider value={{ api, t, locale, claims, me: data }}>
            <Tabs views={viewsFor(data.role)} t={t} />
          </WidgetContext.Provider>
        )}
      </Loaded>
    </div>
  );
}
