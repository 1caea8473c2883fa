/** Plain data in and out of the coaching loop: no I/O anywhere under src/coaching. */
import type { ItemOutcome, Phase } from '../domain/enums';

export type Locale = 'zh-CN' | 'en';
export const LOCALES: readonly Locale[] = ['zh-CN', 'en'];
/** User-facing words in both languages; the widget picks by its locale. */
export type Localized = Record<Locale, string>;

/** A scorecard item as the coaching loop needs it. */
export interface CoachingItem {
  id: string;
  name: Localized;
  description: Localized;
  maxPoints: number;
  critical: boolean;
  /** The item's category weight, to rank which passed item is the best to praise. */
  weight: number;
  /** The AutoQA rules that decide it (empty for a manual item): their evidence is the quoted fact. */
  rules: string[];
}

export interface QuoteSource {
  messageId: string;
  text: string;
  sentAt: number;
  /** A customer's message (an unanswered question) rather than the agent's own reply. */
  fromCustomer: boolean;
  /** The matched span, when AutoQA's evidence gave one. */
  span: { start: number; end: number } | null;
}

/** One submitted review's item, with the message the finding is about (reviewer's pick or AutoQA evidence). */
export interface ReviewedItem {
  itemId: string;
  outcome: ItemOutcome;
  points?: number;
  comment?: string;
  quote: QuoteSource | null;
}

/** One submitted, non-calibration review of the card's agent on the card's day. */
export interface CardReview {
  reviewId: string;
  conversationId: string;
  /** When the conversation opened (epoch ms): improvements follow the day's order. */
  openedAt: number;
  phase: Phase | null;
  score: number;
  goodExample: boolean;
  comment: string | null;
  items: ReviewedItem[];
  /** The scorecard version's items, by id. */
  scorecard: Map<string, CoachingItem>;
  /** The agent's best message of the conversation, quoted when it is praised as a good example. */
  praiseQuote: QuoteSource | null;
}

export interface CardInput {
  agentName: string;
  date: string;
  reviews: CardReview[];
  /** The agent's previous card day and its average, for the trend in the close. */
  previous: { date: string; average: number } | null;
  /** Items on this agent's earlier cards: an improvement on one of them is a repeat. */
  earlierFeedback: Set<string>;
  /** Other agents' names: a card never names another agent, so these are redacted from comments and quotes. */
  otherNames: string[];
  /** The store's suggestion library (item id → words); items missing fall back to the defaults. */
  suggestions: Record<string, Localized>;
}

export interface Quote {
  messageId: string;
  text: string;
  sentAt: string;
  fromCustomer: boolean;
  span: { start: number; end: number } | null;
}

export type Trend = 'up' | 'down' | 'flat' | 'first';

export interface CardImprovement {
  key: string;
  reviewId: string;
  conversationId: string;
  itemId: string;
  itemName: Localized;
  quote: Quote | null;
  reviewerComment: string | null;
  suggestion: Localized;
  text: Localized;
  repeat: boolean;
}

export interface CardPraise {
  kind: 'good_example' | 'best_item' | 'effort';
  itemId: string | null;
  itemName: Localized | null;
  reviewId: string | null;
  conversationId: string | null;
  quote: Quote | null;
  text: Localized;
}

/** What a card says, stored as generated (dispute outcomes are laid over it when read). */
export interface CardContent {
  summary: { reviews: number; averageScore: number; previousAverage: number | null; previousDate: string | null; trend: Trend };
  praise: CardPraise;
  improvements: CardImprovement[];
  allPraise: boolean;
  close: { text: Localized };
}
