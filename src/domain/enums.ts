/**
 * Every enumerated value of the product, once. The drizzle schema, the zod schemas and the widget's
 * types all read these lists.
 */
export const PLATFORMS = ['generic', 'chatwoot', 'zendesk', 'intercom', 'livechat', 'crisp'] as const;
export type Platform = (typeof PLATFORMS)[number];

/** How a connection's deliveries are authenticated: the platform's signature, or a token in the webhook URL. */
export const CONNECTION_AUTHS = ['signature', 'url_token'] as const;
export type ConnectionAuth = (typeof CONNECTION_AUTHS)[number];

export const SENDER_ROLES = ['customer', 'agent', 'bot', 'system'] as const;
export type SenderRole = (typeof SENDER_ROLES)[number];

export const PHASES = ['pre_sales', 'after_sales'] as const;
export type Phase = (typeof PHASES)[number];

export const CONVERSATION_STATUSES = ['open', 'closed'] as const;
export type ConversationStatus = (typeof CONVERSATION_STATUSES)[number];

export const REVIEW_STATUSES = ['pending', 'submitted'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

export const WIDGET_ROLES = ['agent', 'lead', 'qa', 'manager'] as const;
export type WidgetRole = (typeof WIDGET_ROLES)[number];

export const ITEM_OUTCOMES = ['pass', 'fail', 'na'] as const;
export type ItemOutcome = (typeof ITEM_OUTCOMES)[number];

/** Dashboard and rollup periods: a local day, an ISO week (Monday first), a calendar month. */
export const PERIOD_KINDS = ['day', 'week', 'month'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export const CARD_STATUSES = ['generated', 'acknowledged'] as const;
export type CardStatus = (typeof CARD_STATUSES)[number];

export const DISPUTE_STATUSES = ['open', 'accepted', 'rejected'] as const;
export type DisputeStatus = (typeof DISPUTE_STATUSES)[number];

export const TASK_STATUSES = ['open', 'done'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** Why an agent is unstable, and so why their lead has a 1:1 coaching task. */
export const TASK_REASONS = ['low_scores', 'critical', 'manual'] as const;
export type TaskReason = (typeof TASK_REASONS)[number];

export const NO_CARD_REASONS = ['not_active', 'not_sampled_yet', 'reviews_pending', 'not_generated_yet'] as const;
export type NoCardReason = (typeof NO_CARD_REASONS)[number];

/** The audit log's vocabulary: the coaching loop's score changes and decisions, and what settings, scorecards, keys and erasures record. */
export const AUDIT_ACTOR_KINDS = ['api_key', 'widget', 'system', 'operator'] as const;
export type AuditActorKind = (typeof AUDIT_ACTOR_KINDS)[number];

export const AUDIT_ENTITIES = ['review', 'dispute', 'agent', 'settings', 'coaching_task', 'scorecard', 'store', 'customer'] as const;
export type AuditEntity = (typeof AUDIT_ENTITIES)[number];

export const AUDIT_ACTIONS = [
  'review_submitted',
  'dispute_accepted',
  'dispute_rejected',
  'flag_changed',
  'settings_changed',
  'task_done',
  'scorecard_created',
  'scorecard_activated',
  'api_key_rotated',
  'embed_secret_rotated',
  'customer_erased',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** The languages ShopQA's own words (widget, cards, CSV headers) come in. */
export const UI_LOCALES = ['zh-CN', 'en'] as const;
export type UiLocale = (typeof UI_LOCALES)[number];
