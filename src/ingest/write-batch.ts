import { sql, type SQL } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Db } from '../db/client';
import { attributionStatement, insertMessages } from './write-messages';
import { upsertConversations } from './writes';

type Statement = BatchItem<'sqlite'>;

/**
 * D1 takes a string parameter of up to 2,000,000 bytes; a chunk of rows stays under half that, counting
 * three bytes per UTF-16 unit (the most UTF-8 needs), so a delivery's largest message still fits one.
 */
const MAX_CHUNK_BYTES = 1_000_000;
const bytesOf = (row: string) => row.length * 3 + 1;

/** Where `row` goes after `chunks` chunks, the last of `bytes`: into that chunk, or into a new one (`fresh`). */
function place(chunks: number, bytes: number, row: string): { fresh: boolean; bytes: number } {
  return chunks && bytes + bytesOf(row) <= MAX_CHUNK_BYTES ? { fresh: false, bytes: bytes + bytesOf(row) } : { fresh: true, bytes: bytesOf(row) };
}

/** Rows (JSON texts) written one statement per chunk, each chunk one JSON parameter read by `json_each`. */
class JsonChunks {
  private readonly chunks: string[][] = [];
  private bytes = 0;

  /** How many statements the rows take with `more` added (nothing is added). */
  countWith(more: readonly string[] = []): number {
    let n = this.chunks.length;
    let bytes = this.bytes;
    for (const row of more) {
      const next = place(n, bytes, row);
      if (next.fresh) n++;
      bytes = next.bytes;
    }
    return n;
  }

  add(rows: readonly string[]) {
    for (const row of rows) {
      const next = place(this.chunks.length, this.bytes, row);
      if (next.fresh) this.chunks.push([row]);
      else this.chunks.at(-1)!.push(row);
      this.bytes = next.bytes;
    }
  }

  params(): string[] {
    return this.chunks.map((rows) => `[${rows.join(',')}]`);
  }
}

const PARTS = { both: { agent: true, unattributed: true }, agent: { agent: true }, unattributed: { unattributed: true } };
type Parts = keyof typeof PARTS;
const partNames = Object.keys(PARTS) as Parts[];
const noAttribution = (): Record<Parts, Set<string>> => ({ both: new Set(), agent: new Set(), unattributed: new Set() });

/** What one delivery's message events write: a conversation row and a message row each, and the attribution they may change. */
export class MessageRows {
  readonly conversations: string[] = [];
  readonly messages: string[] = [];
  /** Conversations whose attribution a message may change, by the parts it may change. */
  readonly attribution = noAttribution();
}

/**
 * The message writes of a whole queue batch: one statement per kind of write (per chunk of rows)
 * instead of one per event. D1 counts every statement against an invocation's 1,000 queries, and each
 * costs the database a round of work; SQLite applies an upsert row by row, so two rows for the same
 * conversation or message in one statement merge as two statements would.
 */
export class MessageWrites {
  private readonly conversations = new JsonChunks();
  private readonly messages = new JsonChunks();
  private readonly attribution = noAttribution();

  /** How many statements the batch's message writes take with `more` added (nothing is added). */
  countWith(more?: MessageRows): number {
    const parts = partNames.filter((p) => this.attribution[p].size || more?.attribution[p].size);
    return this.conversations.countWith(more?.conversations) + this.messages.countWith(more?.messages) + parts.length;
  }

  add(rows: MessageRows) {
    this.conversations.add(rows.conversations);
    this.messages.add(rows.messages);
    for (const p of partNames) for (const id of rows.attribution[p]) this.attribution[p].add(id);
  }

  /**
   * The conversation upserts (returning id, store_id, status), then the message inserts, which need their
   * conversations. Raw SQL with a parameter: sent with D1's batch (db/statements.ts), not drizzle's.
   */
  writes(): SQL[] {
    return [...this.conversations.params().map(upsertConversations), ...this.messages.params().map(insertMessages)];
  }

  /** Attribution, recomputed from the stored messages: it goes after every other write of the batch (agents, roles). */
  attributions(db: Db): Statement[] {
    return partNames
      .filter((p) => this.attribution[p].size)
      .map((p) => attributionStatement(db, sql`"conversations"."id" in (select value from json_each(${JSON.stringify([...this.attribution[p]])}))`, PARTS[p]));
  }
}
