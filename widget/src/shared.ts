/**
 * The modules the scripts loaded later (widget-views.js, widget-manager.js: widget/src/chunks/) take from
 * this one instead of bundling their own: one Preact (its hooks and JSX runtime: hooks are tied to the
 * instance that renders), one widget context, one ApiError class and one set of messages.
 * scripts/build-widget.mjs maps each of these imports to this object; a module a chunk would take from
 * `preact` itself must be added here. The hooks are exposed by name, the ones the widget's scripts call
 * (the build's SHARED_HOOKS lists the same, and fails a chunk that imports another). The small helpers
 * every view uses (dates, focus, status, use-fetch, words) are not shared: each chunk bundles its own
 * copy, so widget.js holds only what *Today* runs.
 */
import { useCallback, useContext, useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { Fragment, jsx as h, jsxs } from 'preact/jsx-runtime';
import * as api from './api';
import * as context from './context';
import { addMessages, hasKey, LOCALES, translator } from './i18n/messages';

export const SHARED_GLOBAL = '__shopqaShared';

export function exposeShared() {
  // The messages module by its functions only: its namespace would keep every string object in the bundle.
  const messages = { addMessages, hasKey, LOCALES, translator };
  // Of the JSX runtime, what compiled JSX calls (its namespace would keep the runtime's template helpers).
  const jsx = { Fragment, jsx: h, jsxs };
  // The hooks the widget's scripts call, by name: the module's namespace would keep every hook.
  const hooks = { useCallback, useContext, useEffect, useLayoutEffect, useRef, useState };
  (globalThis as unknown as Record<string, unknown>)[SHARED_GLOBAL] = { hooks, jsx, api, context, messages };
}

/** Where this script was loaded from (read while it runs): the chunks' scripts sit beside it. */
export const SCRIPT_URL = (document.currentScript as HTMLScriptElement | null)?.src ?? `${location.origin}/widget.js`;
