import type { T } from '../i18n/messages';
import type { AutoQa, Message } from '../types';

interface Mark {
  start: number;
  end: number;
  rule: string;
  fail: boolean;
}

/** The message text with AutoQA evidence spans wrapped in <mark>, labelled with the rule. */
function highlighted(text: string, marks: Mark[]) {
  const sorted = [...marks].sort((a, b) => a.start - b.start);
  const out = [];
  let at = 0;
  for (const m of sorted) {
    if (m.start < at || m.end > text.length) continue;
    if (m.start > at) out.push(text.slice(at, m.start));
    out.push(
      <mark class={m.fail ? 'hit fail' : 'hit'} title={m.rule}>
        {text.slice(m.start, m.end)}
      </mark>,
    );
    at = m.end;
  }
  out.push(text.slice(at));
  return out;
}

export function Transcript({ messages, autoQa, t }: { messages: Message[]; autoQa: AutoQa | null; t: T }) {
  const marksByMessage = new Map<string, Mark[]>();
  for (const hit of autoQa?.hits ?? []) {
    for (const span of hit.spans) {
      const list = marksByMessage.get(span.messageId) ?? [];
      list.push({ start: span.start, end: span.end, rule: hit.rule, fail: hit.outcome === 'fail' });
      marksByMessage.set(span.messageId, list);
    }
  }
  const flagged = new Set((autoQa?.hits ?? []).filter((h) => h.outcome === 'fail').flatMap((h) => h.messageIds));
  return (
    <ol class="transcript" aria-label="Transcript">
      {messages.map((m) => (
        <li key={m.id} class={`bubble ${m.role}${m.internal ? ' internal' : ''}${flagged.has(m.id) ? ' flagged' : ''}`} data-message-id={m.id}>
          <div class="who">
            {m.senderName ?? t(m.role)} · {new Date(m.createdAt).toLocaleTimeString()} {m.internal ? `· ${t('note')}` : ''}
          </div>
          <div class="text">{highlighted(m.text, marksByMessage.get(m.id) ?? [])}</div>
        </li>
      ))}
    </ol>
  );
}
