import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { WIDGET_BUDGET_BYTES } from '../../scripts/build-widget.mjs';

// `npm test` builds the widget before the tests run; the bench reports the same figure as widget_gzip_bytes.
describe('the widget bundle', () => {
  it('weighs at most 30 KiB gzipped: it loads inside someone else’s console', () => {
    expect(WIDGET_BUDGET_BYTES).toBe(30 * 1024);
    const gzipped = gzipSync(readFileSync('public/widget.js')).byteLength;
    expect(gzipped).toBeGreaterThan(1000);
    expect(gzipped).toBeLessThanOrEqual(WIDGET_BUDGET_BYTES);
  });
});
