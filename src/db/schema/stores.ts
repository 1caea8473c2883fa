/** Stores, their connections, and the roster (API keys live in the directory: directory.ts). */
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { CONNECTION_AUTHS, PHASES, PLATFORMS, UI_LOCALES } from '../../domain/enums';
import type { StoreSettings } from '../../services/settings';
import { createdAt } from './columns';

export const stores = sqliteTable('stores', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  timezone: text('timezone').notNull(),
  locale: text('locale', { enum: UI_LOCALES }).notNull(),
  /** JSON of StoreSettings (src/services/settings.ts, read through readSettings); absent keys take the defaults. */
  settings: text('settings', { mode: 'json' }).notNull().$type<Partial<StoreSettings>>().default({}),
  /** HS256 key with which the store backend may sign widget tokens itself. */
  embedSecret: text('embed_secret').notNull(),
  createdAt: createdAt(),
});

export const connections = sqliteTable(
  'connections',
  {
    id: text('id').primaryKey(),
    storeId: text('store_id').notNull().references(() => stores.id),
    platform: text('platform', { enum: PLATFORMS }).notNull(),
    name: text('name').notNull(),
    /** Kept in clear: verifying an HMAC needs the key itself. */
    secret: text('secret').notNull(),
    /** `signature` (the platform signs) or `url_token` (a token in the webhook URL, for platforms that do not sign). */
    auth: text('auth', { enum: CONNECTION_AUTHS }).notNull().default('signature'),
    /** SHA-256 (hex) of the URL token: the token itself is shown once, on creation or rotation. */
    urlTokenHash: text('url_token_hash'),
    /** The token replaced by the last rotation, accepted until `previousUrlTokenUntil` (the overlap window). */
    previousUrlTokenHash: text('previous_url_token_hash'),
    previousUrlTokenUntil: integer('previous_url_token_until'),
    createdAt: createdAt(),
  },
  (t) => [index('connections_store').on(t.storeId)],
);

export const agents = sqliteTable(
  'agents',
  {
    id: text('id').primaryKey(),
    storeId: text('store_id').notNull().references(() => stores.id),
    name: text('name').notNull(),
    team: text('team'),
    phase: text('phase', { enum: PHASES }),
    hiredAt: text('hired_at'),
    excellent: integer('excellent', { mode: 'boolean' }).notNull().default(false),
    unstable: integer('unstable', { mode: 'boolean' }).notNull().default(false),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    /** Set when ingest met an unknown platform agent id; a manager then completes the record. */
    createdFromIngest: integer('created_from_ingest', { mode: 'boolean' }).notNull().default(false),
    createdAt: createdAt(),
    updatedAt: integer('updated_at'),
  },
  (t) => [index('agents_store').on(t.storeId)],
);

/** A platform's agent id, per connection, mapped to a ShopQA agent. */
export const agentExternalIds = sqliteTable(
  'agent_external_ids',
  {
    storeId: text('store_id').notNull().references(() => stores.id),
    connectionId: text('connection_id').notNull().references(() => connections.id),
    externalId: text('external_id').notNull(),
    agentId: text('agent_id').notNull().references(() => agents.id),
  },
  (t) => [uniqueIndex('agent_external_ids_key').on(t.connectionId, t.externalId), index('agent_external_ids_agent').on(t.agentId)],
);

