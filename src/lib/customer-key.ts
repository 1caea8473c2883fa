/**
 * The key erasure finds a customer's conversations by: a 32-bit FNV-1a hash of the platform's customer
 * id, over its Unicode code points, as a signed integer (4 bytes in a row and its index entry, where
 * the id itself takes ~20; docs/scaling.md). Different ids may share a key, so a lookup always
 * compares the id too. Migration 0007 computes the same hash in SQL for rows written before it: change
 * neither without the other.
 */
export function customerKey(customerId: string): number {
  let hash = 0x811c9dc5;
  for (const ch of customerId) hash = Math.imul(hash ^ ch.codePointAt(0)!, 0x01000193);
  return hash | 0;
}
