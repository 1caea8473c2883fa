/** Shapes of the coaching API (docs/coaching-api.md). */
import type { Localized } from './words';

export interface Quote {
  messageId: string;
  text: string;
  sentAt: string;
  span: { start: number; end: number } | null;
}
export type DisputeStatus = 'open' | 'accepted' | 'rejected';
export interface DisputeSummary {
  id: string;
  status: DisputeStatus;
  reason: string;
  reply: string | null;
  scoreBefore: number;
  scoreAfter: number | null;
  outcomeText: Localized;
}
export interface Improvement {
  key: string;
  reviewId: string;
  itemId: string;
  itemName: Localized;
  quote: Quote | null;
  reviewerComment: string | null;
  suggestion: Localized;
  repeat: boolean;
  dispute: DisputeSummary | null;
  disputable: boolean;
}
export interface Card {
  id: string;
  date: string;
  status: 'generated' | 'acknowledged';
  acknowledgedAt: string | null;
  summary: { reviews: number; averageScore: number; previousAverage: number | null; previousDate: string | null; trend: 'up' | 'down' | 'flat' | 'first' };
  praise: { itemName: Localized | null; quote: Quote | null; text: Localized };
  improvements: Improvement[];
  allPraise: boolean;
  close: { text: Localized };
}
export interface LatestCard {
  card: Card | null;
  date: string;
  reasonText: Localized | null;
}
export interface Dispute extends DisputeSummary {
  reviewId: string;
  agentName: string;
  date: string;
  itemName: Localized;
  openedAt: string;
  resolvedAt: string | null;
}
export interface Trend {
  from: string;
  to: string;
  days: { date: string; score: number | null; reviews: number; teamScore: number | null }[];
  own: { average: number | null; reviews: number };
  team: { average: number | null; reviews: number };
}
export interface GoodExample {
  reviewId: string;
  date: string;
  phase: 'pre_sales' | 'after_sales' | null;
  agentName: string | null;
  own: boolean;
  score: number;
  comment: string | null;
  passedItems: Localized[];
}
export interface GoodExampleDetail extends GoodExample {
  messages: { id: string; role: 'customer' | 'agent' | 'bot' | 'system'; text: string; createdAt: string; own: boolean }[];
}
export interface TeamAgent {
  agentId: string;
  name: string;
  flags: { newHire: boolean; unstable: boolean; excellent: boolean };
  unstableReason: { text: Localized } | null;
  sampled: number;
  quota: number | null;
  shortfall: number;
  reviewed: number;
  pendingReviews: number;
  average: number | null;
  trend: { date: string; average: number | null }[];
  trendDirection: 'up' | 'down' | 'flat' | null;
  repeatErrors: { week: number; rate: number | null };
  card: { id: string; status: 'generated' | 'acknowledged' } | null;
  noCardText: Localized | null;
  openDisputes: number;
  openTask: { id: string } | null;
}
export interface TeamDay {
  date: string;
  totals: { agents: number; reviewed: number; pendingReviews: number; cards: number; unacknowledged: number; openDisputes: number; openTasks: number };
  agents: TeamAgent[];
}
export interface CoachingTask {
  id: string;
  agentName: string;
  reasonText: Localized;
  date: string;
  status: 'open' | 'done';
  doneAt: string | null;
  note: string | null;
}
export interface CoachingSettings {
  unstableThreshold: number;
  unstableDays: number;
  cardHour: number;
  hideNamesInGoodExamples: boolean;
  starsMinReviews: number;
  starsCount: number;
  suggestions: { itemId: string; itemName: Localized | null; suggestion: Localized; source: 'default' | 'store' }[];
}
