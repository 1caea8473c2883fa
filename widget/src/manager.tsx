/**
 * The manager views' script (public/widget-manager.js): *Reports* and *QA rules*, with their words. The
 * main widget loads it the first time a manager or lead opens one of them, so an agent's side panel never
 * downloads it. Preact, the widget context, the API client and the messages come from the main script.
 */
import { addMessages } from './i18n/messages';
import { REPORTS } from './i18n/reports';
import { DashboardView } from './views/reports/dashboard';
import { RulesView } from './views/rules/rules';

addMessages(REPORTS);

(globalThis as unknown as { ShopQAManager: unknown }).ShopQAManager = { DashboardView, RulesView };
