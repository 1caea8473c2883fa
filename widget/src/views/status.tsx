import type { ComponentChildren } from 'preact';
import { ApiError } from '../api';
import type { T } from '../i18n/messages';
import type { FetchState } from '../use-fetch';

/** An error in words: an expired sign-in or a forbidden view said plainly, anything else with the server's message. */
export function ErrorNote({ error, t, retry }: { error: Error; t: T; retry?: () => void }) {
  const status = error instanceof ApiError ? error.status : 0;
  return (
    <div class="error" role="alert">
      {status === 401 ? t('tokenExpired') : status === 403 ? t('forbidden') : t('errorPrefix') + error.message}{' '}
      {retry && status !== 403 && (
        <button type="button" onClick={retry}>
          {t('retry')}
        </button>
      )}
    </div>
  );
}

/** Renders the loading and error states of a fetch, and its content once loaded. */
export function Loaded<D>({ state, t, retry, children }: { state: FetchState<D>; t: T; retry: () => void; children: (data: D) => ComponentChildren }) {
  if (state.status === 'loading')
    return (
      <p class="muted" role="status" aria-live="polite">
        {t('loading')}
      </p>
    );
  if (state.status === 'error') return <ErrorNote error={state.error} t={t} retry={retry} />;
  return <>{children(state.data)}</>;
}

/** An empty list said in words. */
export const Empty = ({ text }: { text: string }) => <p class="muted">{text}</p>;
