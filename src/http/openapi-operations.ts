import type { z } from 'zod';
import { listQuery } from '../services/conversations';
import { createAgentInput, patchAgentInput } from '../services/roster';
import { createStoreInput } from '../services/stores';
import { listQuery as reviewListQuery, submitInput } from '../services/reviews';
import { reviewerInput, reviewerPatch } from '../services/reviewers';
import { scorecardSchema } from '../qa/scorecard';

export interface Operation {
  method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  path: string;
  tag: string;
  summary: string;
  auth: 'none' | 'apiKey' | 'widgetToken' | 'operator' | 'signature';
  body?: z.ZodType;
  query?: z.ZodType;
  status: number;
  response: string;
}

/** Every public call. Add a route here when you add it to the app; a test checks the two agree. */
export const OPERATIONS: Operation[] = [
  { method: 'post', path: '/v1/operator/stores', tag: 'operator', summary: 'Create a store and its first API key', auth: 'operator', body: createStoreInput, status: 201, response: '{store, apiKey}: the key is shown only here' },
  { method: 'post', path: '/v1/operator/stores/:id/api-keys', tag: 'operator', summary: 'Issue a new API key, optionally revoking the others', auth: 'operator', status: 201, response: '{apiKey}' },
  { method: 'post', path: '/v1/operator/stores/:id/embed-secret', tag: 'operator', summary: 'Rotate the secret widget tokens are signed with', auth: 'operator', status: 201, response: '{embedSecret}' },
  { method: 'post', path: '/v1/operator/replay', tag: 'operator', summary: "Re-process a connection's stored webhook events in a time range", auth: 'operator', status: 202, response: '{enqueued}' },
  { method: 'post', path: '/v1/connections', tag: 'connections', summary: 'Connect a chat platform', auth: 'apiKey', status: 201, response: '{id, platform, name, webhookUrl, secret}' },
  { method: 'get', path: '/v1/connections', tag: 'connections', summary: "List the store's connections", auth: 'apiKey', status: 200, response: '{data: Connection[]}' },
  { method: 'get', path: '/v1/connections/:id', tag: 'connections', summary: 'A connection with its delivery counts', auth: 'apiKey', status: 200, response: 'Connection with stats' },
  { method: 'get', path: '/v1/agents', tag: 'roster', summary: 'The roster (a lead token sees its team)', auth: 'widgetToken', status: 200, response: '{data: Agent[]}' },
  { method: 'get', path: '/v1/agents/:id', tag: 'roster', summary: 'One agent', auth: 'widgetToken', status: 200, response: 'Agent' },
  { method: 'post', path: '/v1/agents', tag: 'roster', summary: 'Add an agent', auth: 'apiKey', body: createAgentInput, status: 201, response: 'Agent' },
  { method: 'patch', path: '/v1/agents/:id', tag: 'roster', summary: "Complete or change an agent; externalIds maps the platforms' agent ids", auth: 'apiKey', body: patchAgentInput, status: 200, response: 'Agent' },
  { method: 'get', path: '/v1/conversations', tag: 'conversations', summary: 'List conversations, newest first', auth: 'widgetToken', query: listQuery, status: 200, response: '{data, nextCursor}' },
  { method: 'get', path: '/v1/conversations/:id', tag: 'conversations', summary: 'A conversation with messages and AutoQA', auth: 'widgetToken', status: 200, response: 'Conversation' },
  { method: 'post', path: '/v1/widget-tokens', tag: 'widget', summary: 'Mint a widget token (at most one hour)', auth: 'apiKey', status: 201, response: '{token, expiresAt}' },
  { method: 'get', path: '/v1/scorecards', tag: 'scorecards', summary: 'Every scorecard version of the store (pre- and after-sales)', auth: 'widgetToken', status: 200, response: '{data: Scorecard[]}' },
  { method: 'get', path: '/v1/scorecards/:id', tag: 'scorecards', summary: 'One scorecard version', auth: 'widgetToken', status: 200, response: 'Scorecard' },
  { method: 'post', path: '/v1/scorecards', tag: 'scorecards', summary: 'Save an edited scorecard as the next version (?activate=true to use it)', auth: 'apiKey', body: scorecardSchema, status: 201, response: 'Scorecard' },
  { method: 'post', path: '/v1/scorecards/:id/activate', tag: 'scorecards', summary: 'Make a version the one new scores use', auth: 'apiKey', status: 200, response: 'Scorecard' },
  { method: 'get', path: '/v1/settings', tag: 'settings', summary: "The store's settings and keyword lists", auth: 'widgetToken', status: 200, response: 'Settings' },
  { method: 'patch', path: '/v1/settings', tag: 'settings', summary: 'Change settings: masking, idle timeout, retention, link allow-list, keyword lists per locale, sampling policy', auth: 'apiKey', status: 200, response: 'Settings' },
  { method: 'get', path: '/v1/reviewers', tag: 'reviews', summary: 'QA reviewers', auth: 'widgetToken', status: 200, response: '{data: Reviewer[]}' },
  { method: 'get', path: '/v1/reviewers/:id', tag: 'reviews', summary: 'One reviewer', auth: 'widgetToken', status: 200, response: 'Reviewer' },
  { method: 'post', path: '/v1/reviewers', tag: 'reviews', summary: 'Add a QA reviewer (agentId if they also answer chats)', auth: 'apiKey', body: reviewerInput, status: 201, response: 'Reviewer' },
  { method: 'patch', path: '/v1/reviewers/:id', tag: 'reviews', summary: 'Change a reviewer', auth: 'apiKey', body: reviewerPatch, status: 200, response: 'Reviewer' },
  { method: 'post', path: '/v1/jobs/daily', tag: 'sampling', summary: 'Run the daily job for a local date now (idempotent): sample, assign, coverage', auth: 'apiKey', status: 201, response: '{date, coverage, created, stats}' },
  { method: 'get', path: '/v1/samples', tag: 'sampling', summary: 'A sampled day: coverage, per agent quota and selections with reasons', auth: 'widgetToken', status: 200, response: '{date, coverage, agents}' },
  { method: 'get', path: '/v1/reviews', tag: 'reviews', summary: 'Reviews (a QA token sees its own queue)', auth: 'widgetToken', query: reviewListQuery, status: 200, response: '{data: ReviewSummary[]}' },
  { method: 'get', path: '/v1/reviews/:id', tag: 'reviews', summary: 'A review: conversation, AutoQA evidence, scorecard version, pre-filled items', auth: 'widgetToken', status: 200, response: 'Review' },
  { method: 'post', path: '/v1/reviews/:id/submit', tag: 'reviews', summary: 'Submit a review (a deduction needs a comment)', auth: 'widgetToken', body: submitInput, status: 200, response: 'Review' },
  { method: 'get', path: '/v1/reports/calibration', tag: 'reports', summary: 'Reviewer agreement from blind calibration pairs', auth: 'widgetToken', status: 200, response: '{pairs, reviewers}' },
  { method: 'post', path: '/v1/operator/demo', tag: 'operator', summary: 'The demo store (only where DEMO_MODE=1)', auth: 'operator', status: 201, response: '{storeId, connectionId, secret, apiKey}' },
  { method: 'get', path: '/health', tag: 'meta', summary: 'Liveness', auth: 'none', status: 200, response: '{ok: true}' },
  { method: 'post', path: '/webhooks/:platform/:connectionId', tag: 'webhooks', summary: 'Receive a chat platform event (verified with the connection secret)', auth: 'signature', status: 202, response: '{accepted, rawEventId, duplicate, events, ignored}' },
  { method: 'get', path: '/openapi.json', tag: 'meta', summary: 'This document', auth: 'none', status: 200, response: 'OpenAPI 3.1' },
];
