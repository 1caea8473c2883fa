const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

function encode(bytes: Uint8Array, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHABET[bytes[i]! % 32];
  return out;
}

/** A random id with a type prefix, e.g. `st_9k2…`. */
export function newId(prefix: string, length = 20): string {
  return `${prefix}_${encode(crypto.getRandomValues(new Uint8Array(length)), length)}`;
}

/**
 * The same id for the same parts, every time. Ingest derives conversation, message and agent ids
 * from (connection, platform id), so concurrent or repeated deliveries converge on one row.
 */
export async function derivedId(prefix: string, ...parts: string[]): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(parts.join('\u0000')));
  return `${prefix}_${encode(new Uint8Array(digest), 20)}`;
}

export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** A secret with enough entropy for API keys and embed secrets (base32, 160+ bits). */
export function randomSecret(prefix: string, length = 40): string {
  return newId(prefix, length);
}
