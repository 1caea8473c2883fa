import type { ViewDef } from '../app';
import type { ChunkName } from '../chunks/register';
import type { MessageKey } from '../i18n/messages';
import type { Me } from '../types';
import { LazyView, loadChunk } from './lazy';
import { TodayView } from './today';

// Only the agent's *Today* is in widget.js; every other view comes with the script of its chunk.
const lazy = (id: string, label: MessageKey, chunk: ChunkName, name: string): ViewDef => ({
  id,
  label,
  render: () => <LazyView chunk={chunk} name={name} />,
});

const today: ViewDef = { id: 'today', label: 'tabToday', render: () => <TodayView /> };
const trend = lazy('trend', 'tabTrend', 'views', 'TrendView');
const examples = lazy('examples', 'tabExamples', 'views', 'ExamplesView');
const coach = lazy('coach', 'tabCoach', 'views', 'CoachTeamView');
const disputes = lazy('disputes', 'tabDisputes', 'views', 'DisputesView');
const tasks = lazy('tasks', 'tabTasks', 'views', 'TasksView');
const queue = lazy('queue', 'tabQueue', 'views', 'QueueView');
const sample = lazy('sample', 'tabTeam', 'views', 'TeamView');
const settings = lazy('settings', 'tabSettings', 'views', 'SettingsView');
const mine = lazy('conversations', 'tabMine', 'views', 'ConversationsView');
const conversations = lazy('conversations', 'tabConversations', 'views', 'ConversationsView');
const agreement = lazy('agreement', 'tabAgreement', 'views', 'Agreement');
const reports = lazy('reports', 'tabReports', 'manager', 'DashboardView');
const rules = lazy('rules', 'tabRules', 'manager', 'RulesView');

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

/** Staff open on a view of widget-views.js: its script is asked for as the widget mounts, beside /v1/me. */
export function preloadViews() {
  loadChunk('views').catch(() => {}); // a failure shows, with its retry, in the view
}
