/**
 * `npm run eval [-- --data <dir>] [--json] [--fit]`: AutoQA against the labelled dialogue datasets
 * (default ../shared/datasets, read in place, never copied). Tuning uses only JDDC valid and STC-3 ids
 * ending 0–6; the held-out figures (JDDC test, STC-3 ids ending 7–9) are reported, never tuned on.
 * --fit prints, from the tuning splits only, the risk curve fitted to JDDC valid (what RISK_CURVE in
 * src/qa/risk.ts holds) and how each risk signal alone ranks the tuning dialogues.
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { runAutoQa, runRules, type AutoQaOptions } from '../src/qa/autoqa';
import { buildKeywordConfig } from '../src/qa/keywords';
import { RISK_SIGNALS, riskSignals } from '../src/qa/risk';
import { DEFAULT_SCORECARDS } from '../src/qa/templates';
import { isStc3Heldout, loadJddc, loadStc3, type Labelled } from './eval/datasets';
import { auc, fitLogistic, liftAt, spearman } from './eval/metrics';
import { businessItemFigures, formatItemFigures } from './eval/items';

const { values } = parseArgs({ options: { data: { type: 'string', default: '../shared/datasets' }, json: { type: 'boolean', default: false }, fit: { type: 'boolean', default: false }, 'tuning-only': { type: 'boolean', default: false } } });
if (!existsSync(values.data!)) {
  console.error(`No datasets at ${values.data}: npm run eval reads the labelled dialogue datasets (JDDC, STC-3) from there, in place.
Put them there, or point to them with: npm run eval -- --data <dir> (see docs/autoqa.md, "Evaluation").`);
  process.exit(1);
}
const keywords = buildKeywordConfig();
// JDDC is JD.com's own customer service: jd.com links are the store's own, as its allow-list would say.
const JDDC: AutoQaOptions = { allowedDomains: ['jd.com'] };
const STC3: AutoQaOptions = {};
const score = (l: Labelled<unknown>, opts: AutoQaOptions) => runAutoQa(l.conversation, (phase) => DEFAULT_SCORECARDS[phase], keywords, opts);

const jddcValid = loadJddc(values.data!, 'valid');
const jddcTest = loadJddc(values.data!, 'test');
const stc3 = loadStc3(values.data!);
const stcTune = stc3.filter((d) => !isStc3Heldout(d.id));
const stcHeld = stc3.filter((d) => isStc3Heldout(d.id));

if (values.fit) {
  const signalsOf = (opts: AutoQaOptions) => (l: Labelled<unknown>) => {
    const { prepared, hits } = runRules(l.conversation, keywords, opts);
    return riskSignals(prepared, hits);
  };
  const jddc = jddcValid.map(signalsOf(JDDC));
  const stc = stcTune.map(signalsOf(STC3));
  const dissatisfied = jddcValid.map((d) => d.label === 0);
  // The curve: P(dissatisfied) against the points, on JDDC valid (e-commerce, a plain unhappy label).
  const curve = fitLogistic(jddc.map((s) => [s.points]), dissatisfied.map(Number), { epochs: 20000, rate: 0.05, l2: 0 });
  console.log(JSON.stringify({ bias: +curve.bias.toFixed(2), slope: +curve.weights[0]!.toFixed(3) }));
  console.log('signal alone on the tuning splits: JDDC valid AUC for dissatisfied / STC-3 0–6 ρ with S');
  for (const k of RISK_SIGNALS) {
    const a = auc(jddc.map((s) => s.count(k)), dissatisfied);
    const r = spearman(stc.map((s) => s.count(k)), stcTune.map((d) => d.label.S));
    console.log(`  ${k.padEnd(20)} ${Number.isNaN(a) ? '  —  ' : a.toFixed(3)}  ${Number.isNaN(r) ? '  —' : r.toFixed(3)}`);
  }
  process.exit(0);
}

function jddcFigures(set: Labelled<number>[]) {
  const results = set.map((d) => score(d, JDDC));
  const risk = results.map((r) => r.risk);
  const dissatisfied = set.map((d) => d.label === 0);
  return { auc: auc(risk, dissatisfied), lift: liftAt(risk, dissatisfied, 0.2), n: set.length, base: dissatisfied.filter(Boolean).length / set.length };
}
function stcFigures(set: Labelled<{ S: number; A: number; E: number }>[]) {
  const results = set.map((d) => score(d, STC3));
  const risk = results.map((r) => r.risk);
  const autoScore = results.map((r) => r.score);
  const of = (k: 'S' | 'A' | 'E') => set.map((d) => d.label[k]);
  return {
    n: set.length,
    rho_risk_S: spearman(risk, of('S')),
    rho_risk_A: spearman(risk, of('A')),
    rho_risk_E: spearman(risk, of('E')),
    rho_score_S: spearman(autoScore, of('S')),
    rho_score_A: spearman(autoScore, of('A')),
    rho_score_E: spearman(autoScore, of('E')),
    items: businessItemFigures(set, results),
  };
}

const started = performance.now();
const tune = { jddc: jddcFigures(jddcValid), stc3: stcFigures(stcTune) };
// While tuning, --tuning-only keeps the held-out figures unseen.
const held = values['tuning-only'] ? tune : { jddc: jddcFigures(jddcTest), stc3: stcFigures(stcHeld) };
const f = (x: number) => x.toFixed(3);
console.log(`AutoQA evaluation (text rules only: these dialogues carry no timestamps)`);
for (const [name, r] of (values['tuning-only'] ? [['tuning', tune]] : [['tuning', tune], ['held-out', held]]) as [string, typeof tune][]) {
  console.log(`${name}:`);
  console.log(`  JDDC ${name === 'tuning' ? 'valid' : 'test'} (${r.jddc.n} dialogues, ${(r.jddc.base * 100).toFixed(1)}% dissatisfied): risk AUC ${f(r.jddc.auc)}, lift top 20% ${f(r.jddc.lift)}`);
  console.log(`  STC-3 ids ${name === 'tuning' ? '0–6' : '7–9'} (${r.stc3.n} dialogues): ρ(risk, S/A/E) ${f(r.stc3.rho_risk_S)} / ${f(r.stc3.rho_risk_A)} / ${f(r.stc3.rho_risk_E)}; ρ(score, S/A/E) ${f(r.stc3.rho_score_S)} / ${f(r.stc3.rho_score_A)} / ${f(r.stc3.rho_score_E)}`);
  for (const line of formatItemFigures(r.stc3.items)) console.log(`    ${line}`);
}
console.log(`targets: AUC ≥ 0.75, lift ≥ 2.5, |ρ(risk, S)| ≥ 0.5, ρ(score, A) ≥ 0.35, ρ(score, E) ≥ 0.35 (held-out); ${((performance.now() - started) / 1000).toFixed(1)} s`);
if (values.json) {
  console.log(
    JSON.stringify({
      jddc_test_auc: +f(held.jddc.auc),
      jddc_test_lift_top20: +f(held.jddc.lift),
      stc3_heldout_rho_risk_S: +f(held.stc3.rho_risk_S),
      stc3_heldout_rho_score_S: +f(held.stc3.rho_score_S),
      stc3_heldout_rho_risk_A: +f(held.stc3.rho_risk_A),
      stc3_heldout_rho_risk_E: +f(held.stc3.rho_risk_E),
      stc3_heldout_rho_score_A: +f(held.stc3.rho_score_A),
      stc3_heldout_rho_score_E: +f(held.stc3.rho_score_E),
      ...Object.fromEntries(held.stc3.items.flatMap((i) => [[`stc3_heldout_rho_${i.rule}_A`, +f(i.rhoA)], [`stc3_heldout_rho_${i.rule}_E`, +f(i.rhoE)]])),
      jddc_valid_auc: +f(tune.jddc.auc),
      stc3_tuning_rho_risk_S: +f(tune.stc3.rho_risk_S),
      stc3_tuning_rho_score_A: +f(tune.stc3.rho_score_A),
      stc3_tuning_rho_score_E: +f(tune.stc3.rho_score_E),
    }),
  );
}
