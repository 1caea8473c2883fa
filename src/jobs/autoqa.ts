import { and, eq, inArray, sql } from 'drizzle-orm';
import { encodeEvidence } from '../archive/evidence-codec';
import { loadTranscripts } from '../archive/transcripts';
import type { Db } from '../db/client';
import { agents, autoQaEvidence, conversations, stores } from '../db/schema';
import { runAutoQa } from '../qa/autoqa';
import { buildKeywordConfig } from '../qa/keywords';
import type { Phase } from '../qa/types';
import { activeScorecards } from '../services/scorecards';
import { readSettings } from '../services/settings';

const PHASES = new Set<string>(['pre_sales', 'after_sales']);

/**
 * Scores ended conversations of one store: the summary (score, risk, flags, failed rules, keyword
 * hits, scorecard) on the conversation row, the evidence beside it while the conversation is hot.
 * A late message or rating re-scores, replacing both; an archived conversation is read back from its
 * archive and re-archived later with the new result. Idempotent.
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

  const writes = rows.flatMap(({ c, agentPhase, agentTeam }) => {
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
    const evidence = encodeEvidence({ hits: result.hits, items: result.items, riskFactors: result.riskFactors, scorecardVersion: card.version }, transcript);
    return [
      db
        .update(conversations)
        .set({
          qaScore: Math.round(result.score),
          qaRisk: result.risk,
          qaCritical: result.critical,
          qaEscalation: result.escalation,
          qaPhase: result.phase,
          qaScorecardId: card.id,
          qaRules: result.hits.filter((h) => h.outcome === 'fail').map((h) => h.rule),
          qaKeywordHits: result.keywordHits,
          qaScoredAt: now,
          // An archived conversation now has evidence in D1 to fold into its archive.
          archivedAt: sql`-abs(${conversations.archivedAt})`,
        })
        .where(and(eq(conversations.id, c.id), eq(conversations.storeId, storeId))),
      db.insert(autoQaEvidence).values({ conversationId: c.id, evidence }).onConflictDoUpdate({ target: autoQaEvidence.conversationId, set: { evidence } }),
    ];
  });
  await db.batch(writes as [(typeof writes)[number], ...typeof writes]);
  return rows.length;
}
