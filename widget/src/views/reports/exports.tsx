import { useRef, useState } from 'preact/hooks';
import type { Api } from '../../api';
import { useRefocusAfter } from '../../focus';
import type { T } from '../../i18n/messages';
import { ErrorNote } from '../status';

/** Saves a file the API streams: fetched with the widget's token, then handed to the browser as a download. */
async function save(api: Api, path: string, filename: string) {
  const url = URL.createObjectURL(await api.file(path));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  // Inside the shadow root's host page: the link is clicked, never shown.
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Disabled while any file is fetched; the one pressed gets the focus back when it has come. */
function ExportButton({ label, busy, onClick }: { label: string; busy: boolean; onClick: () => void }) {
  const pressed = useRef(false);
  const ref = useRefocusAfter<HTMLButtonElement>(busy && pressed.current);
  if (!busy) pressed.current = false;
  return (
    <button
      ref={ref}
      type="button"
      disabled={busy}
      onClick={() => {
        pressed.current = true;
        onClick();
      }}
    >
      {label}
    </button>
  );
}

/** CSV downloads of the period: reviews item by item, the monthly report, and (managers) the audit log. */
export function Exports({ api, t, from, to, locale, manager }: { api: Api; t: T; from: string; to: string; locale: string; manager: boolean }) {
  const [state, setState] = useState<'idle' | 'busy' | { done: string } | Error>('idle');
  const month = from.slice(0, 7);
  const files: [label: string, path: string, name: string][] = [
    [t('r_exportReviews'), `/v1/exports/reviews.csv?from=${from}&to=${to}&lang=${locale}`, `shopqa-reviews-${from}-${to}.csv`],
    [t('r_exportMonthly'), `/v1/exports/monthly.csv?month=${month}&lang=${locale}`, `shopqa-monthly-${month}.csv`],
    ...(manager
      ? [[t('r_exportAudit'), `/v1/exports/audit.csv?from=${from}&to=${to}&lang=${locale}`, `shopqa-audit-${from}-${to}.csv`] as [string, string, string]]
      : []),
  ];
  const run = async (path: string, name: string) => {
    setState('busy');
    try {
      await save(api, path, name);
      setState({ done: name });
    } catch (error) {
      setState(error as Error);
    }
  };
  return (
    <section aria-labelledby="r-exports">
      <h4 id="r-exports">{t('r_exports')}</h4>
      <div class="actions">
        {files.map(([label, path, name]) => (
          <ExportButton label={label} busy={state === 'busy'} onClick={() => run(path, name)} />
        ))}
        <span role="status" aria-live="polite">
          {state === 'busy' ? t('r_downloading') : typeof state === 'object' && 'done' in state ? t('r_downloaded', { file: state.done }) : ''}
        </span>
      </div>
      {state instanceof Error && <ErrorNote error={state} t={t} />}
    </section>
  );
}
