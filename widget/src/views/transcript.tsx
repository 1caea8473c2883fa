import { useCtx } from '../context';
import { formatTime } from '../dates';
import type { AutoQa, Message } from '../types';
import { ruleName } from '../words';

interface Mark {
  start: number;
  end: number;
  rule: string;
  fail: boolean;
}

/** The message text with AutoQA evidence spans wrapped in <mark>, each titled with its rule in words. */
function highlighted(text: string, marks: Mark[], name: (rule: string) => string) {
  const sorted = [...marks].sort((a, b) => a.start - b.start);
  const out = [];
  let at = 0;
  for (const m of sorted) {
    if (m.start < at || m.end > text.length) continue;
    if (m.start > at) out.push(text.slice(at, m.start));
    out.push(
      <mark class={m.fail ? 'hit fail' : 'hit'} title={name(m.rule)}>
        {text.slice(m.start, m.end)}
      </mark>,
    );
    at = m.end;
  }
  out.push(text.slice(at));
  return out;
}

/**
 * A conversation's messages in store-local time. Every message AutoQA highlighted says under it, in
 * words, which rule it is about and whether it passed or failed: the colour is never the only signal.
 */
export function Transcript({ messages, autoQa }: { messages: Message[]; autoQa: AutoQa | null }) {
  const { t, locale, me } = useCtx();
  const name = (rule: string) => ruleName(t, rule);
  const marksByMessage = new Map<string, Mark[]>();
  const rulesByMessage = new Map<string, Map<string, boolean>>();
  for (const hit of autoQa?.hits ?? []) {
    if (hit.outcome === 'na') continue;
    const fail = hit.outcome === 'fail';
    for (const span of hit.spans) {
      const list = marksByMessage.get(span.messageId) ?? [];
      list.push({ start: span.start, end: span.end, rule: hit.rule, fail });
      marksByMessage.set(span.messageId, list);
    }
    for (const id of new Set([...hit.messageIds, ...hit.spans.map((s) => s.messageId)])) {
      const rules = rulesByMessage.get(id) ?? new Map<string, boolean>();
      rules.set(hit.rule, fail || rules.get(hit.rule) === true);
      rulesByMessage.set(id, rules);
    }
  }
  return (
    <ol class="transcript" aria-label={t('transcript')}>
      {messages.map((m) => {
        const rules = [...(rulesByMessage.get(m.id) ?? [])];
        const flagged = rules.some(([, fail]) => fail);
        return (
          <li key={m.id} class={`bubble ${m.role}${m.internal ? ' internal' : ''}${flagged ? ' flagged' : ''}`} data-message-id={m.id}>
            <div class="who">
              {m.senderName ?? t(m.role)} · {formatTime(m.createdAt, me.store.timezone, locale)} {m.internal ? `· ${t('note')}` : ''}
            </div>
            <div class="text">{highlighted(m.text, marksByMessage.get(m.id) ?? [], name)}</div>
            {rules.length > 0 && (
              <ul class="msg-rules">
                {rules.map(([rule, fail]) => (
                  <li class={fail ? 'fail' : 'pass'}>
                    {fail ? '✗' : '✓'} {name(rule)}: {t(fail ? 'fail' : 'pass')}
                  </li>
                ))}
              </ul>
            )}
          </li>
        );
      })}
    </ol>
  );
}
