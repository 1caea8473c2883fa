/**
 * public/widget-manager.js: *Reports* and *QA rules*, with their words. The main widget loads it the first
 * time a manager or lead opens one of them, so an agent's side panel never downloads it. Preact, the
 * widget context, the API client and the messages come from widget.js (shared.ts); its words (the
 * reports' and rules' own, and rule names) it adds itself, as widget-views.js adds its views', since
 * either may load first.
 */
import { addMessages } from '../i18n/messages';
import { managerWords } from '../i18n/view-words';
import { VIEW_STYLES } from '../styles-views';
import { registerChunk } from './register';
import { DashboardView } from '../views/reports/dashboard';
import { RulesView } from '../views/rules/rules';

addMessages(managerWords());

registerChunk('manager', { styles: VIEW_STYLES, views: { DashboardView, RulesView } });
