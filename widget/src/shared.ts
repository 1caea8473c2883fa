/**
 * The modules the manager views' script (widget/src/manager.tsx, loaded only when a manager or lead opens
 * *Reports* or *QA rules*) takes from this one instead of bundling its own: one Preact (its hooks and JSX
 * runtime: hooks are tied to the instance that renders), one widget context, one ApiError class, one set
 * of messages. A module the manager script would take from `preact` itself must be added here.
 */
import * as hooks from 'preact/hooks';
import * as jsx from 'preact/jsx-runtime';
import * as api from './api';
import * as context from './context';
import { addMessages, hasKey, LOCALES, translator } from './i18n/messages';

export const SHARED_GLOBAL = '__shopqaShared';

export function exposeShared() {
  // The messages module by its functions only: its namespace would keep every string object in the bundle.
  const messages = { addMessages, hasKey, LOCALES, translator };
  (globalThis as unknown as Record<string, unknown>)[SHARED_GLOBAL] = { hooks, jsx, api, context, messages };
}

/** Where this script was loaded from (read while it runs): the manager views' script sits beside it. */
export const SCRIPT_URL = (document.currentScript as HTMLScriptElement | null)?.src ?? `${location.origin}/widget.js`;
