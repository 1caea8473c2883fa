/** src/qa/autoqa as the unit tests see it under the golden record: the same functions, every result kept. */
import * as real from '../../src/qa/autoqa';
import { record } from './record';

export type { AutoQaOptions } from '../../src/qa/autoqa';

export const runRules: typeof real.runRules = (c, keywords, opts) => {
  const r = real.runRules(c, keywords, opts);
  record('runRules', c, opts, r.hits);
  return r;
};

export const runAutoQa: typeof real.runAutoQa = (c, cards, keywords, opts) => {
  const r = real.runAutoQa(c, cards, keywords, opts);
  record('runAutoQa', c, opts, r);
  return r;
};
