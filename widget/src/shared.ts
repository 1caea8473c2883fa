/**
 * The modules the scripts loaded later (widget-views.js, widget-manager.js: widget/src/chunks/) take from
 * this one instead of bundling their own: one Preact (its hooks and JSX runtime: hooks are tied to the
 * instance that renders), one widget context, one ApiError class, one set of messages, and the small
 * helpers every view uses. scripts/build-widget.mjs maps each of these imports to this object; a module a
 * chunk would take from `preact` itself must be added here.
 */
import * as hooks from 'preact/hooks';
import * as jsx from 'preact/jsx-runtime';
import * as api from './api';
import * as context from './context';
import * as dates from './dates';
import * as focus from './focus';
import { addMessages, hasKey, LOCALES, translator } from './i18n/messages';
import * as useFetch from './use-fetch';
import * as status from './views/status';
import * as words from './words';

export const SHARED_GLOBAL = '__shopqaShared';

export function exposeShared() {
  // The messages module by its functions only: its namespace would keep every string object in the bundle.
  const messages = { addMessages, hasKey, LOCALES, translator };
  (globalThis as unknown as Record<string, unknown>)[SHARED_GLOBAL] = { hooks, jsx, api, context, messages, dates, focus, useFetch, status, words };
}

/** Where this script was loaded from (read while it runs): the chunks' scripts sit beside it. */
export const SCRIPT_URL = (document.currentScript as HTMLScriptElement | null)?.src ?? `${location.origin}/widget.js`;
