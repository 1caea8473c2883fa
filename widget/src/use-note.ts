import { useLayoutEffect, useRef, useState } from 'preact/hooks';

export type NoteState = 'idle' | 'saving' | Error;

/**
 * A note the reader writes and sends (a dispute's reason, a 1:1 note, a reply to a dispute), for
 * `RequiredText`. Sent empty where it is required, the field is marked invalid and takes the focus; a
 * refused request shows its error and gives the field the focus back, to change the note and send again.
 * `autoFocus`: the field takes the focus when the form opens.
 */
export function useNote({ autoFocus = false } = {}) {
  const [text, setText] = useState('');
  const [invalid, setInvalid] = useState(false);
  const [state, setState] = useState<NoteState>('idle');
  const field = useRef<HTMLTextAreaElement>(null);
  useLayoutEffect(() => {
    if (autoFocus) field.current?.focus();
  }, []);
  /** Sends the trimmed note; `required: false` lets an empty one through (accepting a dispute needs no reply). */
  const send = async (deliver: (note: string) => Promise<unknown>, { required = true } = {}) => {
    const note = text.trim();
    if (required && !note) {
      setInvalid(true);
      field.current?.focus();
      return;
    }
    setState('saving');
    try {
      await deliver(note);
    } catch (error) {
      setState(error as Error);
      field.current?.focus();
    }
  };
  return { text, setText, invalid, state, field, send };
}

export type Note = ReturnType<typeof useNote>;
