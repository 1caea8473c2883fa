/**
 * Keys of the counted-deliveries ledger (src/db/schema/ingest.ts): the UTC day of receipt in the high
 * bits, 48 bits of a hash of the delivery id below. Kept as decimal strings: they pass 2^53.
 */
import { hashSeed } from '../lib/random';

const DAY = 86_400_000;
const HASH_BITS = 48n;

/** Days the ledger keeps a delivery: longer than the queue keeps a message (4 days by default). */
export const LEDGER_DAYS = 5;

export function ledgerKey(uid: string, receivedAt: number): string {
  const day = BigInt(Math.floor(receivedAt / DAY));
  const hash = BigInt(hashSeed(uid)) & ((1n << HASH_BITS) - 1n);
  return ((day << HASH_BITS) | hash).toString();
}

/** Every key below this is of a delivery received before `cutoff`'s day. */
export function ledgerFloor(cutoff: number): string {
  return (BigInt(Math.floor(cutoff / DAY)) << HASH_BITS).toString();
}
