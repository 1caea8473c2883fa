import { fold } from './fold';
import type { KeywordConfig, ListName } from './keywords';
import type { QaConversation, QaMessage, Span } from './types';

/** A message folded once, with every list's matches found in one pass. */
export interface PreparedMessage {
  message: QaMessage;
  /** The folded text: same length as the original, so offsets carry over. */
  folded: string;
  /** Matches per list, as spans in the original text. */
  found: Partial<Record<ListName, Span[]>>;
}

export interface Prepared {
  /** Customer-facing messages in time order: internal notes removed. */
  all: PreparedMessage[];
  customer: PreparedMessage[];
  /** Agent messages (bots and system excluded from wording and timing checks). */
  agent: PreparedMessage[];
  conversation: QaConversation;
}

const CUSTOMER_LISTS: ListName[] = ['escalation', 'thanks', 'negative', 'abusive'];
const AGENT_LISTS: ListName[] = ['greeting', 'waiting', 'closing', 'banned', 'banned_exceptions', 'abusive', 'diversion'];

const span = (message: QaMessage, start: number, end: number): Span => ({ messageId: message.id, start, end, text: message.text.slice(start, end) });

export function prepare(conversation: QaConversation, keywords: KeywordConfig): Prepared {
  const ordered = conversation.messages
    .filter((m) => !m.internal)
    .map((m, i) => ({ m, i }))
    // Stable: messages without timestamps keep their given order.
    .sort((a, b) => (a.m.createdAt ?? 0) - (b.m.createdAt ?? 0) || a.i - b.i)
    .map(({ m }) => m);
  const all = ordered.map((message): PreparedMessage => {
    const folded = fold(message.text);
    const wanted = message.role === 'customer' ? CUSTOMER_LISTS : message.role === 'agent' ? AGENT_LISTS : null;
    const found: PreparedMessage['found'] = {};
    if (wanted) {
      for (const match of keywords.matcher.findAll(folded)) {
        for (const list of keywords.lists.get(match.keyword) ?? []) {
          if (wanted.includes(list)) (found[list] ??= []).push(span(message, match.start, match.end));
        }
      }
    }
    return { message, folded, found };
  });
  return { all, customer: all.filter((p) => p.message.role === 'customer'), agent: all.filter((p) => p.message.role === 'agent'), conversation };
}

/** Spans of `list` in a message that no exception span overlaps. */
export function withoutExceptions(p: PreparedMessage, list: ListName, exceptions: ListName): Span[] {
  const ex = p.found[exceptions] ?? [];
  return (p.found[list] ?? []).filter((s) => !ex.some((e) => e.start < s.end && s.start < e.end));
}
