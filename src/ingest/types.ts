/**
 * The one internal event shape every platform adapter normalises to.
 * Times are epoch milliseconds (the platform's own timestamps, not receipt time, unless the platform
 * sends none: then the delivery's receipt time, as the adapter's comment says).
 */
import type { Phase, Platform, SenderRole } from '../domain/enums';

export { PHASES, PLATFORMS, SENDER_ROLES } from '../domain/enums';
export type { Phase, Platform, SenderRole } from '../domain/enums';

export interface Party {
  role: SenderRole;
  /** The platform's most stable id for this person (agent id, contact id…); absent when the payload has none. */
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
  /**
   * Which version of the message this delivery carries (the platform's update time of it, or the
   * event's own time): of two deliveries of one message with different text, the later version wins.
   */
  version?: number;
  /**
   * The role was read from the platform's participant list, which a later delivery may complete
   * (LiveChat names only an author id): the stored role follows platform_users when it knows better.
   */
  roleFromRegistry?: boolean;
}

/** The platform announced that a message's text changed. */
export interface MessageEdited {
  kind: 'message.edited';
  conversationId: string;
  messageId: string;
  /** When the edit was made (or received, for platforms that send no time). */
  at: number;
  text: string;
}

export interface ConversationClosed {
  kind: 'conversation.closed';
  conversationId: string;
  at: number;
  closedBy?: Party;
  reason?: string;
}

/** The platform reopened a closed conversation (Chatwoot status back to open, Intercom `open` part…). */
export interface ConversationReopened {
  kind: 'conversation.reopened';
  conversationId: string;
  at: number;
}

export interface ConversationRated {
  kind: 'conversation.rated';
  conversationId: string;
  at: number;
  /**
   * Score normalised to 1–5 (thumbs and good/bad map to 1 and 5); null when the platform's value could
   * not be read, which is then kept as the label with a warning on the delivery. A delivery with only a
   * comment (LiveChat may send it on its own) has no score and no label and changes only the comment.
   */
  rating: { score?: number | null; label?: string; comment?: string };
  /** The platform's id of the agent rated, when the platform says. */
  agentId?: string;
}

/** A platform's statement of who a participant is (LiveChat chat users, bot agents). */
export interface ParticipantSeen {
  kind: 'participant.seen';
  externalId: string;
  role: SenderRole;
  name?: string;
}

export type ConversationEvent = ConversationOpened | MessageCreated | MessageEdited | ConversationClosed | ConversationReopened | ConversationRated;
export type NormalisedEvent = ConversationEvent | ParticipantSeen;

/** What an adapter makes of one delivery: the events it understood, the types it ignored, and odd values it kept. */
export interface NormalisedDelivery {
  events: NormalisedEvent[];
  ignoredTypes: string[];
  /** Odd but readable values stored anyway (SPEC §5: never refused), recorded on the raw delivery. */
  warnings?: string[];
}

/** What normalise() may need besides the body. */
export interface NormaliseContext {
  /** When ShopQA received the delivery (epoch ms): the time of events the platform sends without one. */
  receivedAt: number;
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
  /** The body parsed as JSON (Crisp and LiveChat verify what is inside it); undefined when it is not JSON. */
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
  normalise(body: unknown, context: NormaliseContext): NormalisedDelivery;
}
