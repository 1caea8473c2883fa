/**
 * The modules the manager views' script (widget/src/manager.tsx, loaded only when a manager or lead opens
 * *Reports* or *QA rules*) takes from this one instead of bundling its own: one Preact (hooks are tied to
 * the instance that renders), one widget context, one ApiError class, one set of messages.
 */
import * as preact from 'preact';
import * as hooks from 'preact/hooks';
import * as jsx from 'preact/jsx-runtime';
import * as api from './api';
import * as context from './context';
import * as messages from './i18n/messages';

export const SHARED_GLOBAL = '__shopqaShared';

export function exposeShared() {
  (globalThis as unknown as Record<string, unknown>)[SHARED_GLOBAL] = { preact, hooks, jsx, api, context, messages };
}

/** Where this script was loaded from (read while it runs): the manager views' script sits beside it. */
export const SCRIPT_URL = (document.currentScript as HTMLScriptElement | null)?.src ?? `${location.origin}/widget.js`;
