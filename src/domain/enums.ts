/**
 * Every enumerated value of the product, once. The drizzle schema, the zod schemas and the widget's
 * types all read these lists.
 */
export const PLATFORMS = ['generic', 'chatwoot', 'zendesk', 'intercom', 'livechat', 'crisp'] as const;
export type Platform = (typeof PLATFORMS)[number];

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

/** The languages ShopQA's own words (widget, cards, CSV headers) come in. */
export const UI_LOCALES = ['zh-CN', 'en'] as const;
export type UiLocale = (typeof UI_LOCALES)[number];
