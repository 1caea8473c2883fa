import { describe, expect, it } from 'vitest';
import { ledgerFloor, ledgerKey } from '../../../src/ingest/ledger';

const DAY = 86_400_000;

describe('the counted-deliveries ledger key', () => {
  it('is the same for the same delivery, and differs between deliveries', () => {
    const at = Date.UTC(2026, 11, 1, 10);
    expect(ledgerKey('dlv_abc', at)).toBe(ledgerKey('dlv_abc', at + 3_600_000));
    const keys = new Set(Array.from({ length: 10_000 }, (_, i) => ledgerKey(`dlv_${i.toString(36)}`, at)));
    expect(keys.size).toBe(10_000);
  });

  it('sorts by day of receipt, so everything before a day is one key range', () => {
    const day = Date.UTC(2026, 11, 1);
    const before = BigInt(ledgerKey('dlv_x', day - 1));
    const on = BigInt(ledgerKey('dlv_x', day));
    const floor = BigInt(ledgerFloor(day));
    expect(before < floor).toBe(true);
    expect(on >= floor).toBe(true);
    expect(BigInt(ledgerKey('dlv_y', day + DAY - 1)) < BigInt(ledgerFloor(day + DAY))).toBe(true);
    // Past 2^53: kept as decimal strings, which SQLite casts to its 64-bit integers.
    expect(on > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);
    expect(on < 2n ** 63n).toBe(true);
  });
});
