import { render } from 'preact';
import { type Api, createApi, readClaims, type TokenRefresher } from './api';
import { App } from './app';
import { LOCALES, type Locale, translator } from './i18n/messages';
import { exposeShared } from './shared';
import { STYLES } from './styles';

export interface MountOptions {
  apiBase: string;
  token: string;
  locale?: string;
  /**
   * Called when the API answers 401 (the token expired or was revoked): return (or resolve to) a fresh
   * token and the failed request is sent again with it; return nothing and the view shows the error.
   */
  onTokenExpired?: TokenRefresher;
}

interface Mounted {
  root: ShadowRoot;
  container: HTMLElement;
  options: MountOptions;
  api: Api;
}
const mounted = new WeakMap<Element, Mounted>();

/** The option, else the host page's <html lang>, else zh-CN (most of our users). */
function pickLocale(wanted: string | undefined): Locale {
  const candidates = [wanted, document.documentElement.lang, 'zh-CN'];
  for (const c of candidates) {
    if (!c) continue;
    const exact = LOCALES.find((l) => l.toLowerCase() === c.toLowerCase());
    if (exact) return exact;
    if (c.toLowerCase().startsWith('zh')) return 'zh-CN';
    if (c.toLowerCase().startsWith('en')) return 'en';
  }
  return 'zh-CN';
}

function draw(m: Mounted) {
  const locale = pickLocale(m.options.locale);
  const t = translator(locale);
  const claims = readClaims(m.options.token);
  m.container.lang = locale;
  render(claims ? <App api={m.api} t={t} claims={claims} locale={locale} /> : <p role="alert">Invalid widget token</p>, m.container);
}

/** Mounts the widget into `element` inside a Shadow DOM, so host and widget styles cannot touch each other. */
export function mount(element: Element, options: MountOptions) {
  unmount(element);
  const root = element.shadowRoot ?? element.attachShadow({ mode: 'open' });
  root.innerHTML = '';
  const style = document.createElement('style');
  style.textContent = STYLES;
  const container = document.createElement('div');
  root.append(style, container);
  const m: Mounted = { root, container, options, api: createApi({ ...options, onToken: (token) => (m.options = { ...m.options, token }) }) };
  mounted.set(element, m);
  draw(m);
  return { unmount: () => unmount(element), setLocale: (locale: string) => setLocale(element, locale) };
}

export function unmount(element: Element) {
  const m = mounted.get(element);
  if (!m) return;
  render(null, m.container);
  m.root.innerHTML = '';
  mounted.delete(element);
}

export function setLocale(element: Element, locale: string) {
  const m = mounted.get(element);
  if (!m) return;
  m.options = { ...m.options, locale };
  draw(m);
}

// <script src=".../widget.js" data-shopqa-mount="#el" data-api-base=… data-token=… data-locale=…>
const script = document.currentScript as HTMLScriptElement | null;
if (script?.dataset.shopqaMount) {
  const target = document.querySelector(script.dataset.shopqaMount);
  // data-on-token-expired names a global function of the host page (a <script> tag cannot pass one).
  const name = script.dataset.onTokenExpired;
  const refresher: TokenRefresher | undefined = name ? () => (globalThis as unknown as Record<string, TokenRefresher | undefined>)[name]?.() : undefined;
  if (target)
    mount(target, {
      apiBase: script.dataset.apiBase ?? location.origin,
      token: script.dataset.token ?? '',
      locale: script.dataset.locale,
      onTokenExpired: refresher,
    });
}

exposeShared();
(globalThis as unknown as { ShopQA: unknown }).ShopQA = { mount, unmount, setLocale };
