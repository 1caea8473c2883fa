import { useLayoutEffect, useRef, useState } from 'preact/hooks';

// Focus moves in layout effects: right after the DOM changes, before paint, not a frame later.

/** The element takes the focus when it mounts: a view or form that opens moves the reader into it. */
export function useAutoFocus<E extends HTMLElement>() {
  const ref = useRef<E>(null);
  useLayoutEffect(() => ref.current?.focus(), []);
  return ref;
}

/**
 * A list with one open detail. `show` remembers the control that opened it; `close` gives the focus
 * back to it once the list is visible again, or to `to()` when given (say, a status message after a
 * submission removed the row). Lists stay mounted (hidden) while a detail is open, so the opener survives.
 */
export function useDrill<K>() {
  const [open, setOpen] = useState<K | null>(null);
  const opener = useRef<HTMLElement | null>(null);
  const target = useRef<(() => HTMLElement | null | undefined) | null>(null);
  useLayoutEffect(() => {
    if (open !== null || !target.current) return;
    const el = target.current();
    target.current = null;
    el?.focus();
  }, [open]);
  return {
    open,
    show(key: K, e: Event) {
      opener.current = e.currentTarget as HTMLElement;
      setOpen(key);
    },
    close(to?: () => HTMLElement | null | undefined) {
      target.current = to ?? (() => opener.current);
      setOpen(null);
    },
  };
}

/** After a failed validation the first invalid field (in document order) takes the focus. */
export function useFocusFirstInvalid(errors: object) {
  const form = useRef<HTMLFormElement>(null);
  useLayoutEffect(() => {
    if (Object.keys(errors).length) form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [errors]);
  return form;
}

/**
 * For a button disabled while its action runs: disabled, it let go of the focus (to the page's body);
 * when the action ends, the focus comes back to it, unless the reader has moved on to something else.
 */
export function useRefocusAfter<E extends HTMLElement>(busy: boolean) {
  const ref = useRef<E>(null);
  const was = useRef(busy);
  useLayoutEffect(() => {
    const ended = was.current && !busy;
    was.current = busy;
    const root = ref.current?.getRootNode() as Document | ShadowRoot | undefined;
    if (ended && root && !root.activeElement) ref.current?.focus();
  }, [busy]);
  return ref;
}
