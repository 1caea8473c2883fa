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
export interface AutoQa {
  score: number;
  risk: number;
  critical: boolean;
  hits: Hit[];
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
