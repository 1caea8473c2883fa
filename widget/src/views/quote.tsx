import type { Quote } from '../coaching-types';

/** A message quoted as the fact a finding is about (the agent's, or the customer's left unanswered), the part it is about marked. */
export function QuoteBlock({ quote, label, customerLabel, id }: { quote: Quote; label: string; customerLabel: string; id?: string }) {
  const { text, span } = quote;
  const ok = span && span.start < span.end && span.end <= text.length;
  return (
    <figure class="quote">
      <figcaption class="meta">{quote.fromCustomer ? customerLabel : label}</figcaption>
      <blockquote id={id}>
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
