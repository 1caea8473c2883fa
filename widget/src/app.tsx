import type { ComponentChildren } from 'preact';
import { useRef, useState } from 'preact/hooks';
import type { Api, Claims } from './api';
import { WidgetContext } from './context';
import type { Locale, MessageKey, T } from './i18n/messages';
import type { Me } from './types';
import { useFetch } from './use-fetch';
import { viewsFor } from './views/registry';
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

/** Asks the API who the token is and what day it is for the store, then shows the role's views. */
export function App({ api, t, claims, locale }: { api: Api; t: T; claims: Claims; locale: Locale }) {
  const [me, reload] = useFetch(() => {
    // An agent opens on today's card: ask for it alongside /v1/me rather than after it.
    if (claims.role === 'agent') api.prefetch(LATEST_CARD);
    return api.get<Me>('/v1/me');
  }, []);
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
