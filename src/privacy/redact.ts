/** What erasing one customer does to text and JSON (SPEC §9). Pure: no storage here. */
import { maskContactData } from '../ingest/mask';

/** Merged [from, to] ranges of `margin` around each time: where a conversation's deliveries were received. */
export function timeWindows(times: number[], margin: number): [number, number][] {
  const sorted = times.filter((t) => Number.isFinite(t)).sort((a, b) => a - b);
  const out: [number, number][] = [];
  for (const t of sorted) {
    const last = out.at(-1);
    if (last && t - margin <= last[1]) last[1] = Math.max(last[1], t + margin);
    else out.push([t - margin, t + margin]);
  }
  return out;
}

/**
 * Staff and bot text in an erased customer's conversation: contact details masked whatever the store's
 * masking setting, and the customer's name removed. The agent's wording stays, for their QA record.
 */
export function eraseFromStaffText(text: string, customerName: string | null): string {
  const masked = maskContactData(text);
  const name = customerName?.trim() ?? '';
  // As many stars as the name has characters: AutoQA's evidence offsets into the text stay right.
  return name.length >= 2 ? masked.split(name).join('*'.repeat(name.length)) : masked;
}

/** What to take out of a stored delivery: whole strings equal to `exact`, and any occurrence of `within`. */
export interface Needles {
  exact: Set<string>;
  within: string[];
}

/** A JSON value with the needles taken out of every string in it, keys and structure kept. */
export function redactJson(value: unknown, needles: Needles): unknown {
  if (typeof value === 'string') {
    if (needles.exact.has(value)) return '';
    let out = value;
    for (const n of needles.within) if (out.includes(n)) out = out.split(n).join('');
    return out;
  }
  if (Array.isArray(value)) return value.map((v) => redactJson(v, needles));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactJson(v, needles)]));
  // Numbers too: a platform may send the customer's id as a number.
  if (typeof value === 'number' && needles.exact.has(String(value))) return null;
  return value;
}

interface SpanLike {
  messageId: string;
  start: number;
  end: number;
  text: string;
}

/**
 * An AutoQA result that no longer quotes the erased customer: spans in their messages lose their text,
 * spans in staff messages quote the erased staff text (same offsets), and any other string of the result
 * loses the customer's words and name.
 */
export function eraseEvidence<T>(result: T, erasedMessageIds: Set<string>, staffTexts: Map<string, string> = new Map(), needles: Needles = { exact: new Set(), within: [] }): T {
  const r = result as { hits?: { spans?: SpanLike[] }[] };
  if (!r || !Array.isArray(r.hits)) return redactJson(result, needles) as T;
  const span = (s: SpanLike) => (erasedMessageIds.has(s.messageId) ? { ...s, text: '' } : staffTexts.has(s.messageId) ? { ...s, text: staffTexts.get(s.messageId)!.slice(s.start, s.end) } : s);
  return redactJson({ ...r, hits: r.hits.map((h) => ({ ...h, spans: (h.spans ?? []).map(span) })) }, needles) as T;
}

/** Whether a JSON value holds, anywhere in it, a string (or number) equal to one of `values`. */
function mentions(value: unknown, values: Set<string>): boolean {
  if (typeof value === 'string' || typeof value === 'number') return values.has(String(value));
  if (Array.isArray(value)) return value.some((v) => mentions(v, values));
  if (value && typeof value === 'object') return Object.values(value).some((v) => mentions(v, values));
  return false;
}

/**
 * A delivery that batches several conversations, without the array elements (events) about the erased
 * ones: an element goes when it names an erased conversation and none of the others. What is left is
 * still the platform's own shape, so the other conversations can be replayed from it.
 */
export function dropElementsAbout(value: unknown, erased: Set<string>, others: Set<string>): unknown {
  if (Array.isArray(value)) return value.filter((v) => !(mentions(v, erased) && !mentions(v, others))).map((v) => dropElementsAbout(v, erased, others));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, dropElementsAbout(v, erased, others)]));
  return value;
}
