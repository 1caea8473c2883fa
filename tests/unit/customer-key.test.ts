import { describe, expect, it } from 'vitest';
import { customerKey } from '../../src/lib/customer-key';

describe('customer key', () => {
  it('is 32-bit FNV-1a (over code points), as a signed integer', () => {
    // Published FNV-1a 32-bit values for ASCII, where code points are the bytes.
    expect(customerKey('') >>> 0).toBe(0x811c9dc5);
    expect(customerKey('a') >>> 0).toBe(0xe40c292c);
    expect(customerKey('foobar') >>> 0).toBe(0xbf9cf968);
    for (const id of ['', 'a', 'cust-x', '王先生', '😀', 'x'.repeat(500)]) {
      const key = customerKey(id);
      expect(Number.isInteger(key) && key >= -(2 ** 31) && key < 2 ** 31).toBe(true);
      expect(customerKey(id)).toBe(key);
    }
  });

  it('tells apart ids that differ slightly', () => {
    const ids = Array.from({ length: 2000 }, (_, i) => `visitor-${i}`);
    expect(new Set(ids.map(customerKey)).size).toBe(ids.length);
  });
});
