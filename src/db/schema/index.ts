/** The drizzle schema, one file per area: the single source of `migrations/` (drizzle-kit generate). */
export * from './directory';
export * from './stores';
export * from './conversations';
export * from './ingest';
export * from './qa';
export * from './reviews';
export * from './agreement';
export * from './reports';
export { CONVERSATION_STATUSES, REVIEW_STATUSES } from '../../domain/enums';
export * from './coaching';
