/**
 * public/widget-views.js: every view but the agent's *Today* (in widget.js, so an agent's card needs one
 * script) and the manager's reports and rules (widget-manager.js): an agent's other tabs, the review queue
 * and form, the team, disputes, 1:1 coaching, settings, the sample and AutoQA agreement. Loaded the first
 * time one is opened; for leads, QA and managers as soon as the widget mounts (their first view is here).
 * It brings their words too (widget.js has only the shell's, the tabs' and *Today*'s).
 */
import { addMessages } from '../i18n/messages';
import { viewWords } from '../i18n/view-words';
import { VIEW_STYLES } from '../styles-views';
import { registerChunk } from './register';
import { AgreementView } from '../views/agreement';
import { CoachTeamView } from '../views/coach-team';
import { ConversationsView } from '../views/conversations';
import { DisputesView } from '../views/disputes';
import { ExamplesView } from '../views/examples';
import { QueueView } from '../views/queue';
import { SettingsView } from '../views/settings';
import { TasksView } from '../views/tasks';
import { TeamView } from '../views/team';
import { TrendView } from '../views/trend';

addMessages(viewWords());

registerChunk('views', {
  styles: VIEW_STYLES,
  views: { TrendView, ExamplesView, ConversationsView, CoachTeamView, DisputesView, TasksView, QueueView, TeamView, SettingsView, Agreement: AgreementView },
});
