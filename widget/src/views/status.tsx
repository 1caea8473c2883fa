import type { ComponentChildren } from 'preact';
import type { FetchState } from '../use-fetch';
import type { T } from '../i18n/messages';

/** Renders the loading and error states of a fetch, and its content once loaded. */
export function Loaded<D>({ state, t, retry, children }: { state: FetchState<D>; t: T; retry: () => void; children: (data: D) => ComponentChildren }) {
  if (state.status === 'loading') return <p class="muted" role="status" aria-live="polite">{t('loading')}</p>;
  if (state.status === 'error') {
    return (
      <div class="error" role="alert">
        {t('errorPrefix')}
        {state.error.message} <button type="button" onClick={retry}>{t('retry')}</button>
      </div>
    );
  }
  return <>{children(state.data)}</>;
}
