import { describe, expect, it } from 'vitest';
import { LIST_NAMES } from '../../src/qa/keywords';
import { RULE_IDS } from '../../src/qa/types';
import { LABELS } from '../../widget/src/i18n/labels';
import { REPORTS } from '../../widget/src/i18n/reports';

/** Every rule and phrase list the API names is shown in words in both languages, never as its id or a generic fallback. */
describe('names the widget shows for what the API sends', () => {
  for (const locale of ['en', 'zh-CN'] as const) {
    it(`${locale}: every AutoQA rule and every phrase list has its own words`, () => {
      expect(RULE_IDS.filter((rule) => !(`rule_${rule}` in LABELS[locale]))).toEqual([]);
      expect(LIST_NAMES.filter((list) => !(`list_${list}` in REPORTS[locale]))).toEqual([]);
    });
  }
});
