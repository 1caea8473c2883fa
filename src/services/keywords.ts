import { z } from 'zod';
import type { Db } from '../db/client';
import { effectiveLists } from '../qa/keyword-lists';
import { buildKeywordConfig, keywordOverridesSchema, LIST_NAMES } from '../qa/keywords';
import { testSentence } from '../qa/sentence-test';
import { getSettings } from './settings';

export const sentenceTestInput = z.object({
  text: z.string().min(1).max(1000),
  speaker: z.enum(['agent', 'customer']).default('agent'),
  /** Lists being edited and not saved yet: test with these instead of the store's saved ones. */
  keywords: keywordOverridesSchema.optional(),
});

/** The store's keyword lists as a manager edits them: per locale and list, the words in force and the store's changes. */
export async function keywordLists(db: Db, storeId: string) {
  const settings = await getSettings(db, storeId);
  return { lists: [...LIST_NAMES], locales: effectiveLists(settings.keywords) };
}

/** What the rules make of one sentence with the store's lists (or a draft of them) and its link allow-list. */
export async function testStoreSentence(db: Db, storeId: string, input: z.infer<typeof sentenceTestInput>) {
  const settings = await getSettings(db, storeId);
  return testSentence(input.text, input.speaker, buildKeywordConfig(input.keywords ?? settings.keywords), { allowedDomains: settings.allowedDomains });
}
