import type { ComponentChildren } from 'preact';
import { useRef, useState } from 'preact/hooks';
import type { Api, Claims } from './api';
import type { Locale, MessageKey, T } from './i18n/messages';
import { ConversationsView } from './views/conversations';
import { extraViews } from './views/registry';

export interface ViewDef {
  id: string;
  label: MessageKey;
  render: (api: Api, t: T, claims: Claims, locale: Locale) => ComponentChildren;
}

/** The views a role sees, in tab order. Agents never see anything but their own. */
export function viewsFor(claims: Claims): ViewDef[] {
  const conversations: ViewDef = { id: 'conversations', label: claims.role === 'agent' ? 'tabMine' : 'tabConversations', render: (api, t) => <ConversationsView api={api} t={t} /> };
  return [...extraViews(claims), conversations];
}

export function App({ api, t, claims, locale }: { api: Api; t: T; claims: Claims; locale: Locale }) {
  const views = viewsFor(claims);
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
    <div class="shopqa">
      <header>
        <h2>{t('title')}</h2>
      </header>
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
      <div role="tabpanel" id={`panel-${current.id}`} aria-labelledby={`tab-${current.id}`}>
        {current.render(api, t, claims, locale)}
      </div>
    </div>
  );
}
