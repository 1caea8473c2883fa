import { useCtx } from '../../context';
import { KeywordsSection } from './keywords';
import { SamplingSection } from './sampling';
import { ScorecardSection } from './scorecard';

/**
 * *QA rules* (manager): keyword lists with the sentence test, the sampling policy and pass mark, and the
 * scorecards. Flag thresholds and the suggestion library are in *Settings* (the coaching settings).
 */
export function RulesView() {
  const { t } = useCtx();
  return (
    <section aria-labelledby="rules-title">
      <h3 id="rules-title">{t('tabRules')}</h3>
      <KeywordsSection />
      <SamplingSection />
      <ScorecardSection />
    </section>
  );
}
