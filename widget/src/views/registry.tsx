import type { Claims } from '../api';
import type { ViewDef } from '../app';
import { AgreementView } from './agreement';
import { QueueView } from './queue';
import { TeamView } from './team';

/** Views beyond the conversations list, by role: reviewers work the queue, managers and leads see the team, managers AutoQA's agreement with reviewers. */
export function extraViews(claims: Claims): ViewDef[] {
  const queue: ViewDef = { id: 'queue', label: 'tabQueue', render: (api, t, _c, locale) => <QueueView api={api} t={t} locale={locale} /> };
  const team: ViewDef = { id: 'team', label: 'tabTeam', render: (api, t) => <TeamView api={api} t={t} /> };
  const agreement: ViewDef = { id: 'agreement', label: 'tabAgreement', render: (api, t, _c, locale) => <AgreementView api={api} t={t} locale={locale} /> };
  switch (claims.role) {
    case 'qa':
      return [queue];
    case 'manager':
      return [team, queue, agreement];
    case 'lead':
      return [team];
    default:
      return [];
  }
}
