import type { WidgetClaims } from '../auth/widget-token';
import type { Db } from '../db/client';
import type { Env } from '../env';

/** Who is calling, always tied to exactly one store. */
export type Principal =
  | { kind: 'api_key'; storeId: string; keyId: string }
  | { kind: 'widget'; storeId: string; claims: WidgetClaims };

export type AppEnv = {
  Bindings: Env;
  Variables: {
    requestId: string;
    /** The caller's store database (set by storeAuth, which resolves it through the directory). */
    db: Db;
    /** The same database unwrapped, for the calls that count their D1 queries. */
    storeD1: D1Database;
    principal: Principal;
    /** Shorthand for principal.storeId: every store-scoped query takes it. */
    storeId: string;
    /** The store's time zone once read in this request (storeAuth reads it with a widget token's secret): timezoneOf. */
    storeTimezone: string | undefined;
    /** Injected clock (epoch ms); tests and replay keep it deterministic. */
    now: () => number;
  };
};
