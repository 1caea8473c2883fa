import { getSettings, settingsPatchSchema, settingsSchema, updateSettings } from '../../services/settings';
import { actorOf } from '../../services/coaching-scope';
import { coachingScope } from '../auth';
import { defineRoute, json, jsonBodyOf, router, storeOr } from '../route';

const tags = ['settings'];
const SettingsSchema = settingsSchema;

const read = defineRoute({
  method: 'get', path: '/', tags, summary: "The store's settings, keyword lists and sampling policy, defaults filled in", access: storeOr('manager'),
  responses: { 200: json(SettingsSchema, 'Settings') },
});
const patch = defineRoute({
  method: 'patch', path: '/', tags, access: storeOr('manager'),
  summary: 'Change settings: masking, idle timeout, retention, link allow-list, keyword lists per locale, sampling policy. Nested objects merge; unknown keys are refused.',
  request: { body: jsonBodyOf(settingsPatchSchema) },
  responses: { 200: json(SettingsSchema, 'The settings after the change') },
});

export const settingsRoutes = router()
  .openapi(read, async (c) => c.json(await getSettings(c.get('db'), c.get('storeId')), 200))
  .openapi(patch, async (c) => c.json(await updateSettings(c.get('db'), c.get('storeId'), c.req.valid('json'), actorOf(coachingScope(c.get('principal'))), c.get('now')()), 200));
