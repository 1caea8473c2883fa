import type { DeliveryMessage } from './ingest/delivery';

/** Bindings and vars of the Worker (wrangler.toml, .dev.vars, Worker secrets). */
export interface Env {
  /** Which store lives on which database, API key hashes, connection → store (src/db/directory.ts). */
  DIRECTORY: D1Database;
  /** The store databases: every binding named DB_<n> (src/db/databases.ts). */
  [storeDatabase: `DB_${number}`]: D1Database;
  /** Raw deliveries, large bodies and archived transcripts (src/archive/). */
  ARCHIVE: R2Bucket;
  INGEST_QUEUE: Queue<QueueMessage>;
  /** The ingest queue's dead-letter queue, which the consumer sends to when a delivery's tries run out. */
  DEAD_LETTERS: Queue<QueueMessage>;
  ASSETS?: Fetcher;
  /** Bearer token for /v1/operator/* (a Worker secret; .dev.vars locally). */
  OPERATOR_TOKEN?: string;
  /** "1" enables the demo console (/demo) and the demo-store operator call. */
  DEMO_MODE?: string;
  /** The demo store's API key, fixed so `npm start` can print it every run. */
  DEMO_API_KEY?: string;
  /** "1" serves POST /noop, the ingest benchmark's baseline (set by `npm run bench` only). */
  BENCH_NOOP?: string;
  /** Seconds before a failed queue message's first retry (doubling after); 5 when unset. */
  QUEUE_RETRY_BASE_SECONDS?: string;
  /** Public origin used in webhook URLs; the request's origin when empty. */
  PUBLIC_BASE_URL?: string;
  /** Tries before a delivery goes to the dead-letter queue; 6 when unset (tests use fewer). */
  INGEST_MAX_TRIES?: string;
}

/** Every message on the ingest queue. One queue, routed by `kind`. */
export type QueueMessage =
  | DeliveryMessage
  | { kind: 'autoqa'; storeId: string; conversationId: string }
  | { kind: 'daily'; storeId: string; date: string; agentIds?: string[] }
  | { kind: 'archive'; storeId: string }
  | { kind: 'cards'; storeId: string; date: string }
  /** A store's retention that did not fit its hourly run: continued in its own invocation. */
  | { kind: 'retention'; storeId: string };
