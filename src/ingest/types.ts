/**
 * The one internal event shape every platform adapter normalises to.
 * Times are epoch milliseconds (the platform's own timestamps, not receipt time).
 */
import type { Phase, Platform, SenderRole } from '../domain/enums';

export { PHASES, PLATFORMS, SENDER_ROLES } from '../domain/enums';
export type { Phase, Platform, SenderRole } from '../domain/enums';

export interface Party {
  role: SenderRole;
  /** The platform's id for this person (agent id, contact id…). */
  id?: string;
  name?: string;
}

export interface ConversationOpened {
  kind: 'conversation.opened';
  conversationId: string;
  at: number;
  customer?: { id?: string; name?: string };
  channel?: string;
  phase?: Phase;
  locale?: string;
}

export interface MessageCreated {
  kind: 'message.created';
  conversationId: string;
  messageId: string;
  at: number;
  sender: Party;
  text: string;
  contentType: string;
  /** Internal notes between staff: stored, never shown to QA rules as customer-facing text. */
  internal: boolean;
}

export interface ConversationClosed {
  kind: 'conversation.closed';
  conversationId: string;
  at: number;
  closedBy?: Party;
  reason?: string;
}

export interface ConversationRated {
  kind: 'conversation.rated';
  conversationId: string;
  at: number;
  /** Normalised to 1–5 (thumbs / good-bad map to 1 and 5). */
  rating: { score: number; label?: string; comment?: string };
  /** The platform's id of the agent rated, when the platform says. */
  agentId?: string;
}

export type NormalisedEvent = ConversationOpened | MessageCreated | ConversationClosed | ConversationRated;

/** What an adapter makes of one delivery: the events it understood and the types it ignored. */
export interface NormalisedDelivery {
  events: NormalisedEvent[];
  ignoredTypes: string[];
}

/** Raised by normalise() for a body that does not match the platform's schema. */
export class PayloadError extends Error {
  constructor(
    message: string,
    /** Dotted path of the field at fault, e.g. `data.sender.role`. */
    readonly field: string,
  ) {
    super(message);
    this.name = 'PayloadError';
  }
}

export interface VerifyInput {
  headers: Headers;
  /** The bytes exactly as received: what platforms sign. */
  rawBody: Uint8Array;
  /** The body parsed as JSON (Crisp and LiveChat need it). */
  body: unknown;
  /** The connection's secret. */
  secret: string;
  /** Now, epoch ms (injected so tests use a fixed clock). */
  now: number;
}

export type VerifyResult = { ok: true } | { ok: false; reason: string };

export interface WebhookAdapter {
  platform: Platform;
  /** Checks the platform's real signature scheme over exactly what the platform signed. */
  verify(input: VerifyInput): Promise<VerifyResult>;
  /** The platform's own id of this delivery, if it sends one (used for dedupe). */
  deliveryId(headers: Headers, body: unknown): string | null;
  /** Turns a verified body into internal events; throws PayloadError with the field path. */
  normalise(body: unknown): NormalisedDelivery;
}
