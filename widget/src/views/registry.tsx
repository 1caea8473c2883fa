import type { ViewDef } from '../app';
import type { Me } from '../types';
import { useCtx } from '../context';
import { AgreementView } from './agreement';
import { CoachTeamView } from './coach-team';
import { ConversationsView } from './conversations';
import { DisputesView } from './disputes';
import { ExamplesView } from './examples';
import { QueueView } from './queue';
import { LazyView } from './lazy';
import { SettingsView } from './settings';
import { TasksView } from './tasks';
import { TeamView } from './team';
import { TodayView } from './today';
import { TrendView } from './trend';

const v = (id: string, label: ViewDef['label'], View: () => preact.JSX.Element): ViewDef => ({ id, label, render: () => <View /> });

const today = v('today', 'tabToday', TodayView);
const trend = v('trend', 'tabTrend', TrendView);
const examples = v('examples', 'tabExamples', ExamplesView);
const coach = v('coach', 'tabCoach', CoachTeamView);
const disputes = v('disputes', 'tabDisputes', DisputesView);
const tasks = v('tasks', 'tabTasks', TasksView);
const queue = v('queue', 'tabQueue', QueueView);
const sample = v('sample', 'tabTeam', TeamView);
const settings = v('settings', 'tabSettings', SettingsView);
const reports: ViewDef = { id: 'reports', label: 'tabReports', render: () => <LazyView name="DashboardView" /> };
const rules: ViewDef = { id: 'rules', label: 'tabRules', render: () => <LazyView name="RulesView" /> };
const mine = v('conversations', 'tabMine', ConversationsView);
const conversations = v('conversations', 'tabConversations', ConversationsView);
const agreement = v('agreement', 'tabAgreement', () => {
  const { api, t, locale } = useCtx();
  return <AgreementView api={api} t={t} locale={locale} />;
});

/** The views a role sees, in tab order. An agent sees only their own coaching and conversations. */
export function viewsFor(role: Me['role']): ViewDef[] {
  switch (role) {
    case 'agent':
      return [today, trend, examples, mine];
    case 'qa':
      return [queue, disputes, examples, conversations];
    case 'lead':
      return [coach, reports, disputes, tasks, sample, conversations];
    default: // a manager (or the store's API key)
      return [coach, reports, disputes, tasks, queue, sample, conversations, agreement, settings, rules];
  }
}
