import { useCtx } from '../context';
import { formatTime } from '../dates';
import type { Quote } from '../coaching-types';

/** A message quoted as the fact a finding is about, the part it is about marked, with its store-local time. */
export function QuoteBlock({ quote, label }: { quote: Quote; label: string }) {
  const { me, locale } = useCtx();
  const { text, span } = quote;
  const ok = span && span.start < span.end && span.end <= text.length;
  return (
    <figure class="quote">
      <figcaption class="meta">
        {label} · {formatTime(quote.sentAt, me.store.timezone, locale)}
      </figcaption>
      <blockquote>
        {ok ? (
          <>
            {text.slice(0, span.start)}
            <mark>{text.slice(span.start, span.end)}</mark>
            {text.slice(span.end)}
          </>
        ) : (
          text
        )}
      </blockquote>
    </figure>
  );
}
