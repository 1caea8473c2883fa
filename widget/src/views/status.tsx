import type { ComponentChildren } from 'preact';
import { ApiError } from '../api';
import { useRefocusAfter } from '../focus';
import type { T } from '../i18n/messages';
import type { FetchState } from '../use-fetch';
import type { Note } from '../use-note';

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

/**
 * A free-text field that must not be left empty: its label, the textarea (`${id}-${name}`) and, when
 * refused, the reason beside it (`${id}-err`), tied to the field for screen readers.
 */
export function RequiredText(props: { id: string; name: string; label: string; note: Note; errorText: string; rows: number; maxLength: number }) {
  const { id, name, note } = props;
  return (
    <>
      <label for={`${id}-${name}`}>{props.label}</label>
      <textarea
        id={`${id}-${name}`}
        ref={note.field}
        rows={props.rows}
        maxLength={props.maxLength}
        value={note.text}
        aria-invalid={note.invalid ? 'true' : 'false'}
        aria-describedby={note.invalid ? `${id}-err` : undefined}
        onInput={(e) => note.setText((e.target as HTMLTextAreaElement).value)}
      />
      {note.invalid && (
        <span id={`${id}-err`} class="field-error">
          {props.errorText}
        </span>
      )}
    </>
  );
}

export type SaveState = 'idle' | 'saving' | 'saved' | Error;

/**
 * A settings form's end: the refusal in words, the save button (a submit button unless `onSave` is
 * given) and the "saved" status a screen reader announces.
 */
export function SaveActions({ state, t, label, onSave }: { state: SaveState; t: T; label?: string; onSave?: () => void }) {
  const button = useRefocusAfter<HTMLButtonElement>(state === 'saving');
  return (
    <>
      {state instanceof Error && <ErrorNote error={state} t={t} />}
      <div class="actions">
        <button ref={button} type={onSave ? 'button' : 'submit'} class="primary" disabled={state === 'saving'} onClick={onSave}>
          {state === 'saving' ? t('saving') : (label ?? t('save'))}
        </button>
        <span role="status">{state === 'saved' ? t('saved') : ''}</span>
      </div>
    </>
  );
}

/** A labelled day picker up to `max`; clearing the field keeps the day shown (a view always has one). */
export function DayInput({ label, value, max, onPick }: { label: string; value: string; max: string; onPick: (day: string) => void }) {
  return (
    <label>
      {label}{' '}
      <input type="date" value={value} max={max} onChange={(e) => (e.target as HTMLInputElement).value && onPick((e.target as HTMLInputElement).value)} />
    </label>
  );
}
