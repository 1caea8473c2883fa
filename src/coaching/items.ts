import type { Scorecard } from '../qa/scorecard';
import type { CoachingItem } from './types';

/** A scorecard version's items as the coaching loop reads them, by id, in scorecard order. */
export function coachingItems(card: Scorecard): Map<string, CoachingItem> {
  const out = new Map<string, CoachingItem>();
  for (const c of card.categories) {
    for (const i of c.items) {
      out.set(i.id, { id: i.id, name: i.name, description: i.description, maxPoints: i.maxPoints, critical: i.critical, weight: c.weight, rules: i.auto === null ? [] : Array.isArray(i.auto) ? i.auto : [i.auto] });
    }
  }
  return out;
}
