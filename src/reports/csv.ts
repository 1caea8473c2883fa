/**
 * CSV as RFC 4180 describes it, for spreadsheets: fields with a comma, quote, CR or LF quoted and
 * inner quotes doubled, CRLF line ends, and a UTF-8 byte order mark so Excel reads Chinese as UTF-8.
 * Pure: rows in, text or a byte stream out.
 */

export const BOM = '\uFEFF';

export type CsvValue = string | number | boolean | null | undefined;

const NEEDS_QUOTES = /[",\r\n]/;
// A cell Excel would run as a formula (OWASP "CSV injection"): text only, numbers are written as numbers.
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(values: CsvValue[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

/** A whole small CSV: BOM, header, rows. */
export function csvText(header: string[], rows: CsvValue[][]): string {
  return BOM + csvRow(header) + rows.map(csvRow).join('');
}

/**
 * A CSV byte stream that asks `pages` for rows only when the reader wants more: a month of reviews
 * goes out page by page and is never held whole. `pages` yields arrays of rows until it is done.
 */
export function csvStream(header: string[], pages: AsyncIterator<CsvValue[][]>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let started = false;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!started) {
          started = true;
          controller.enqueue(encoder.encode(BOM + csvRow(header)));
          return;
        }
        const next = await pages.next();
        if (next.done) {
          controller.close();
          return;
        }
        if (next.value.length) controller.enqueue(encoder.encode(next.value.map(csvRow).join('')));
      },
      async cancel() {
        await pages.return?.();
      },
    },
    // One page at a time: nothing is read ahead of the client.
    { highWaterMark: 0 },
  );
}
