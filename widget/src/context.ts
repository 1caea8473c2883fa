import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Api, Claims } from './api';
import type { Locale, T } from './i18n/messages';
import type { Me } from './types';

/** What every view needs: the API, the reader's language, who they are and the store's day. */
export interface Ctx {
  api: Api;
  t: T;
  locale: Locale;
  claims: Claims;
  me: Me;
}
export const WidgetContext = createContext<Ctx | null>(null);
export const useCtx = () => useContext(WidgetContext)!;
