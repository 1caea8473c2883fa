import { z } from '@hono/zod-openapi';
import { coachingSettingsPatch } from '../../coaching/settings';
import { getCoachingSettings, patchCoachingSettings } from '../../services/coaching-settings';
import { actorOf } from '../../services/coaching-scope';
import { completeTask, flagsInput, listTasks, setFlags, taskDoneInput, taskListQuery } from '../../services/coaching-tasks';
import { getGoodExample, goodExamplesQuery, listGoodExamples } from '../../services/good-examples';
import { whoAmI } from '../../services/me';
import { teamQuery, teamView } from '../../services/team-view';
import { agentTrend, trendQuery } from '../../services/trend';
import { coachingScope } from '../auth';
import { timezoneOf } from '../timezone';
import { defineRoute, idParam, json, jsonBodyOf, router, storeOr } from '../route';
import { ErrorSchema, listOf } from '../schemas/common';
import { AgentFlagsSchema, CoachingSettingsViewSchema, GoodExampleListSchema, GoodExampleSchema, MeSchema, TaskSchema, TeamViewSchema, TrendSchema } from '../schemas/coaching';

const tags = ['coaching'];
const leads = storeOr('lead', 'manager');

const me = defineRoute({
  method: 'get', path: '/me', tags, access: storeOr('agent', 'lead', 'qa', 'manager'),
  summary: "Who the token is, and the store's today and yesterday (local dates: the widget never uses the browser's clock)",
  responses: { 200: json(MeSchema, 'The caller') },
});
const trend = defineRoute({
  method: 'get', path: '/coaching/trend', tags, access: storeOr('agent', 'lead', 'manager'),
  summary: "An agent's reviewed average per local day against their team's (an agent token: its own)",
  request: { query: trendQuery },
  responses: { 200: json(TrendSchema, 'The trend') },
});
const examples = defineRoute({
  method: 'get', path: '/coaching/good-examples', tags, access: storeOr('agent', 'lead', 'qa', 'manager'),
  summary: "Conversations reviewers marked as good examples (an agent: their team's; other agents' names hidden if the store says so)",
  request: { query: goodExamplesQuery },
  responses: { 200: json(GoodExampleListSchema, 'Good examples, newest first') },
});
const example = defineRoute({
  method: 'get', path: '/coaching/good-examples/{reviewId}', tags, access: storeOr('agent', 'lead', 'qa', 'manager'),
  summary: 'One good example with its transcript (no customer identity, no risk)',
  request: { params: z.object({ reviewId: z.string().min(1).max(200) }) },
  responses: { 200: json(GoodExampleSchema, 'The good example') },
});
const team = defineRoute({
  method: 'get', path: '/coaching/team', tags, access: leads,
  summary: "A day's team view (a lead: their team): sampled vs quota, average, trend, flags, repeat errors, cards and why none, disputes, 1:1 tasks",
  request: { query: teamQuery },
  responses: { 200: json(TeamViewSchema, 'The team view') },
});
const tasks = defineRoute({
  method: 'get', path: '/coaching/tasks', tags, access: leads,
  summary: '1:1 coaching tasks for unstable agents, open first',
  request: { query: taskListQuery },
  responses: { 200: json(listOf(TaskSchema), 'Tasks') },
});
const taskDone = defineRoute({
  method: 'post', path: '/coaching/tasks/{id}/done', tags, access: leads,
  summary: 'Mark a 1:1 coaching session done, with a note',
  request: { params: idParam, body: jsonBodyOf(taskDoneInput) },
  responses: { 200: json(TaskSchema, 'The done task'), 409: json(ErrorSchema, 'Already done') },
});
const flags = defineRoute({
  method: 'patch', path: '/coaching/agents/{agentId}/flags', tags, access: storeOr('manager'),
  summary: 'Put an agent on or off the excellent list, or flag them unstable by hand (audited; a 1:1 task opens)',
  request: { params: z.object({ agentId: z.string().min(1).max(200) }), body: jsonBodyOf(flagsInput) },
  responses: { 200: json(AgentFlagsSchema, "The agent's flags") },
});
const settings = defineRoute({
  method: 'get', path: '/coaching/settings', tags, access: leads,
  summary: 'Coaching settings: unstable threshold and days, card hour, good-example names, service stars, the suggestion library per item',
  responses: { 200: json(CoachingSettingsViewSchema, 'The settings, defaults filled in') },
});
const patchSettings = defineRoute({
  method: 'patch', path: '/coaching/settings', tags, access: storeOr('manager'),
  summary: 'Change coaching settings; suggestions merge per item and null restores the default (audited)',
  request: { body: jsonBodyOf(coachingSettingsPatch) },
  responses: { 200: json(CoachingSettingsViewSchema, 'The settings after the change') },
});

/** The coaching loop's views beside the cards and disputes: mounted at /v1. */
export const coachingRoutes = router()
  .openapi(me, async (c) => c.json(await whoAmI(c.get('db'), c.get('storeId'), coachingScope(c.get('principal')), c.get('now')()), 200))
  .openapi(trend, async (c) => c.json(await agentTrend(c.get('db'), c.get('storeId'), coachingScope(c.get('principal')), c.req.valid('query'), await timezoneOf(c), c.get('now')()), 200))
  .openapi(examples, async (c) => c.json(await listGoodExamples(c.get('db'), c.get('storeId'), coachingScope(c.get('principal')), c.req.valid('query').limit), 200))
  .openapi(example, async (c) => c.json(await getGoodExample(c.get('db'), c.env.ARCHIVE, c.get('storeId'), coachingScope(c.get('principal')), c.req.valid('param').reviewId), 200))
  .openapi(team, async (c) => c.json(await teamView(c.get('db'), c.get('storeId'), coachingScope(c.get('principal')), c.req.valid('query'), c.get('now')()), 200))
  .openapi(tasks, async (c) => c.json(await listTasks(c.get('db'), c.get('storeId'), coachingScope(c.get('principal')), c.req.valid('query')), 200))
  .openapi(taskDone, async (c) => c.json(await completeTask(c.get('db'), c.get('storeId'), coachingScope(c.get('principal')), c.req.valid('param').id, c.req.valid('json').note, c.get('now')()), 200))
  .openapi(flags, async (c) => c.json(await setFlags(c.get('db'), c.get('storeId'), coachingScope(c.get('principal')), c.req.valid('param').agentId, c.req.valid('json'), c.get('now')()), 200))
  .openapi(settings, async (c) => c.json(await getCoachingSettings(c.get('db'), c.get('storeId')), 200))
  .openapi(patchSettings, async (c) => c.json(await patchCoachingSettings(c.get('db'), c.get('storeId'), c.req.valid('json'), actorOf(coachingScope(c.get('principal'))), c.get('now')()), 200));
