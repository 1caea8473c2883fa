import { and, eq, inArray } from 'drizzle-orm';
import { loadTranscripts, putTranscript } from '../archive/transcripts';
import type { Db } from '../db/client';
import { agents, conversations, stores } from '../db/schema';
import { runAutoQa } from '../qa/autoqa';
import { buildKeywordConfig } from '../qa/keywords';
import type { Phase } from '../qa/types';
import { activeScorecards } from '../services/scorecards';
import { readSettings } from '../services/settings';

const PHASES = new Set<string>(['pre_sales', 'after_sales']);

/**
 * Scores ended conversations of one store: the whole result, with its evidence, in the conversation's
 * transcript object in R2 (written with the messages it was scored on), and the summary (score, risk,
 * flags, failed rules, keyword hits, scorecard version) on the conversation row in D1. A late message
 * or rating re-scores, replacing both; a conversation whose messages are only in the archive is read
 * back from it. Idempotent.
 */
export async function scoreConversations(db: Db, bucket: R2Bucket, storeId: string, conversationIds: string[], now: number) {
  const ids = [...new Set(conversationIds)].slice(0, 90);
  if (!ids.length) return 0;
  const store = await db.select({ settings: stores.settings }).from(stores).where(eq(stores.id, storeId)).get();
  if (!store) return 0;
  const settings = readSettings(store.settings);
  const keywords = buildKeywordConfig(settings.keywords);
  const cards = await activeScorecards(db, storeId);

  const rows = await db
    .select({ c: conversations, agentPhase: agents.phase, agentTeam: agents.team })
    .from(conversations)
    .leftJoin(agents, eq(agents.id, conversations.agentId))
    .where(and(eq(conversations.storeId, storeId), inArray(conversations.id, ids), eq(conversations.status, 'closed')));
  if (!rows.length) return 0;
  const transcripts = await loadTranscripts(db, bucket, rows.map(({ c }) => c));

  const scored = rows.map(({ c, agentPhase, agentTeam }) => {
    const team = agentPhase ?? (agentTeam && PHASES.has(agentTeam) ? (agentTeam as Phase) : null);
    const transcript = transcripts.get(c.id)?.messages ?? [];
    const result = runAutoQa(
      {
        messages: transcript.map((m) => ({ id: m.id, role: m.role, text: m.text, createdAt: m.sentAt, internal: m.internal })),
        rating: c.rating,
        locale: c.locale ?? 'zh-CN',
        phaseTag: c.phaseTag,
        agentPhase: team,
      },
      (phase) => cards[phase].card,
      keywords,
      { allowedDomains: settings.allowedDomains, manualItems: settings.autoQaManualItems },
    );
    const card = cards[result.phase];
    return { c, transcript, result, card };
  });
  // The whole result goes to R2 with the transcript it was scored on, before the summary is written:
  // a summary in D1 always has its evidence in the archive.
  await Promise.all(
    scored.map(({ c, transcript, result, card }) =>
      putTranscript(bucket, {
        v: 1,
        storeId,
        conversationId: c.id,
        connectionId: c.connectionId,
        archivedAt: now,
        messages: transcript,
        autoQa: { ...result, items: [...result.items], score: Math.round(result.score), scorecardId: card.id, scorecardVersion: card.version, scoredAt: now },
      }),
    ),
  );
  const writes = scored.map(({ c, result, card }) =>
    db
      .update(conversations)
      .set({
        qaScore: Math.round(result.score),
        qaRisk: result.risk,
        qaCritical: result.critical,
        qaEscalation: result.escalation,
        qaPhase: result.phase,
        qaScorecardVersion: card.version,
        qaRules: result.hits.filter((h) => h.outcome === 'fail').map((h) => h.rule),
        qaKeywordHits: result.keywordHits,
        archivedAt: now,
      })
      .where(and(eq(conversations.id, c.id), eq(conversations.storeId, storeId))),
  );
  await db.batch(writes as [(typeof writes)[number], ...typeof writes]);
  return rows.length;
}
