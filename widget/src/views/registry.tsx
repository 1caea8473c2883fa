import type { Claims } from '../api';
import type { ViewDef } from '../app';

/** Views beyond the conversations list, by role (review queue, team sample, coaching). */
export function extraViews(_claims: Claims): ViewDef[] {
  return [];
}
