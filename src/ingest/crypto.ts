/** Web Crypto helpers shared by the platform adapters. */

const encoder = new TextEncoder();

export function bytes(text: string): Uint8Array<ArrayBuffer> {
  return encoder.encode(text);
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.byteLength;
  }
  return out;
}

// Imported keys per (hash, secret): importing costs about as much as signing, and secrets rarely change.
const keyCache = new Map<string, Promise<CryptoKey>>();

export async function hmac(hash: 'SHA-256' | 'SHA-1', key: Uint8Array<ArrayBuffer>, data: Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
  const cacheKey = `${hash}:${toBase64(key)}`;
  let cryptoKey = keyCache.get(cacheKey);
  if (!cryptoKey) {
    if (keyCache.size > 1000) keyCache.clear();
    cryptoKey = crypto.subtle.importKey('raw', key, { name: 'HMAC', hash }, false, ['sign']);
    keyCache.set(cacheKey, cryptoKey);
  }
  return new Uint8Array(await crypto.subtle.sign('HMAC', await cryptoKey, data));
}

export function toHex(data: Uint8Array): string {
  return [...data].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export function toBase64(data: Uint8Array): string {
  let binary = '';
  for (const b of data) binary += String.fromCharCode(b);
  return btoa(binary);
}

export function fromBase64(text: string): Uint8Array<ArrayBuffer> | null {
  try {
    return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}

/** Compares in time that depends only on the length, so a signature cannot be guessed byte by byte. */
export function timingSafeEqual(a: Uint8Array | string, b: Uint8Array | string): boolean {
  const x = typeof a === 'string' ? bytes(a) : a;
  const y = typeof b === 'string' ? bytes(b) : b;
  let diff = x.byteLength ^ y.byteLength;
  for (let i = 0; i < Math.max(x.byteLength, y.byteLength); i++) diff |= (x[i] ?? 0) ^ (y[i] ?? 0);
  return diff === 0;
}

/** Timestamps older or newer than this are refused as replays (SPEC §5: five minutes). */
export const TOLERANCE_MS = 5 * 60_000;

export function withinTolerance(timestampMs: number, now: number): boolean {
  return Number.isFinite(timestampMs) && Math.abs(now - timestampMs) <= TOLERANCE_MS;
}
