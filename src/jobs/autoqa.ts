import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client';
import { agents, autoQaResults, conversations, messages, stores } from '../db/schema';
import { runAutoQa } from '../qa/autoqa';
import { buildKeywordConfig } from '../qa/keywords';
import type { Phase } from '../qa/types';
import { activeScorecards } from '../services/scorecards';
import { readSettings } from '../services/settings';

const PHASES = new Set<string>(['pre_sales', 'after_sales']);

/**
 * Scores ended conversations of one store and stores each result (with its evidence and the scorecard
 * version used), replacing an earlier result: a late message or rating re-scores. Idempotent.
 */
export async function scoreConversations(db: Db, storeId: string, conversationIds: string[], now: number) {
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
  const allMessages = await db
    .select()
    .from(messages)
    .where(and(eq(messages.storeId, storeId), inArray(messages.conversationId, rows.map((r) => r.c.id))))
    .orderBy(asc(messages.sentAt), asc(messages.externalId));

  const upserts = rows.map(({ c, agentPhase, agentTeam }) => {
    const team = agentPhase ?? (agentTeam && PHASES.has(agentTeam) ? (agentTeam as Phase) : null);
    const result = runAutoQa(
      {
        messages: allMessages.filter((m) => m.conversationId === c.id).map((m) => ({ id: m.id, role: m.role, text: m.text, createdAt: m.sentAt, internal: m.internal })),
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
    const values = {
      conversationId: c.id,
      storeId,
      scorecardId: card.id,
      phase: result.phase,
      score: Math.round(result.score),
      risk: result.risk,
      critical: result.critical,
      escalation: result.escalation,
      keywordHits: result.keywordHits,
      result: { ...result, scorecardVersion: card.version },
      scoredAt: now,
    };
    return db.insert(autoQaResults).values(values).onConflictDoUpdate({ target: autoQaResults.conversationId, set: values });
  });
  await db.batch(upserts as [(typeof upserts)[number], ...typeof upserts]);
  return upserts.length;
}
