/** Shapes of the API responses the widget reads (docs/api-widget-contract.md). */
export interface Message {
  id: string;
  role: 'customer' | 'agent' | 'bot' | 'system';
  agentId: string | null;
  senderName: string | null;
  text: string;
  internal: boolean;
  createdAt: string;
}
export interface Hit {
  rule: string;
  outcome: 'pass' | 'fail' | 'na';
  critical?: boolean;
  detail?: string;
  messageIds: string[];
  spans: { messageId: string; start: number; end: number; text: string }[];
}
/** One signal behind the risk (docs/autoqa.md): its points and the messages it was read in. */
export interface RiskFactor {
  factor: string;
  points: number;
  count: number;
  messageIds: string[];
}
/** For agent tokens `risk` and `riskFactors` are absent: an agent never sees the risk. */
export interface AutoQa {
  score: number;
  risk?: number;
  critical: boolean;
  hits: Hit[];
  riskFactors?: RiskFactor[];
}
export interface ConversationSummary {
  id: string;
  externalId: string;
  agentId: string | null;
  customer: { name: string | null };
  status: 'open' | 'closed';
  openedAt: string | null;
  rating: number | null;
  phase: string | null;
}
export interface Conversation extends ConversationSummary {
  messages: Message[];
  autoQa: AutoQa | null;
}

export interface LocalizedText {
  'zh-CN': string;
  en: string;
}
export interface ScorecardItem {
  id: string;
  name: LocalizedText;
  description: LocalizedText;
  maxPoints: number;
  auto: string | string[] | null;
  critical: boolean;
}
export interface Scorecard {
  id: string;
  version: number;
  categories: { id: string; name: LocalizedText; weight: number; items: ScorecardItem[] }[];
}
export interface ReviewItem {
  itemId: string;
  evidence?: { rule: string; messageIds: string[] }[];
  outcome: 'pass' | 'fail' | 'na' | null;
  points: number | null;
  comment: string | null;
  source: 'auto' | 'reviewer' | null;
}
export interface ReviewSummary {
  id: string;
  conversationId: string;
  agentName: string | null;
  sampleDate: string;
  reasons: string[];
  status: 'pending' | 'submitted';
  blind: boolean;
  score: number | null;
  autoScore: number | null;
}
export interface Review extends ReviewSummary {
  conversation: Conversation;
  scorecard: Scorecard;
  items: ReviewItem[];
  goodExample: boolean;
  comment: string | null;
}
/** GET /v1/me: who the token is, and the store's today and yesterday (never the browser's clock). */
export interface Me {
  role: 'agent' | 'lead' | 'qa' | 'manager';
  agentId: string | null;
  agentName: string | null;
  team: string | null;
  store: { id: string; name: string; timezone: string; locale: string };
  today: string;
  yesterday: string;
}
export interface ReviewProgress {
  data: { date: string; total: number; done: number; todo: number }[];
}
export interface SampleDay {
  date: string;
  coverage: { agentsActive: number; agentsAtQuota: number; selected: number; mustReview: number; shortfalls: { agentId: string; quota: number; selected: number }[] };
  agents: { agentId: string; agentName: string | null; quota: number; shortfall: number; selected: { conversationId: string; reason: string; mustReview: boolean }[] }[];
}
