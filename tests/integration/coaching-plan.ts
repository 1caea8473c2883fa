import type { Finding, Plan } from '../helpers/coaching-history';

/**
 * The history both coaching test files build (Mon 16 – Thu 19 Nov 2026): 小美 scores low two days running
 * and repeats her greeting and closing errors, then recovers; 阿杰 does well and has a good example;
 * Olivia (another team) commits a taboo on day 3.
 */
const ok: Finding = {};
/** Greeting, closing, expression and solution failed: 70 points on the default pre-sales card. */
const low: Finding = { fail: ['greeting', 'closing', 'expression', 'solution'] };

export const PLAN: Plan = {
  xiaomei: [[low, low, { fail: ['greeting'] }], [low, low], [ok, ok, ok], [ok, { fail: ['polite_language'] }]],
  ajie: [[{ goodExample: true }, ok], [ok, ok], [ok], [ok, ok]],
  olivia: [[ok], [ok, ok], [{ fail: ['taboos'] }, ok], [ok]],
};
