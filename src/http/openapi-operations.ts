import type { z } from 'zod';
import { listQuery } from '../conversations/service';
import { createAgentInput, patchAgentInput } from '../roster/service';
import { createStoreInput } from '../stores/service';

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
  { method: 'post', path: '/webhooks/:platform/:connectionId', tag: 'webhooks', summary: 'Receive a chat platform event (verified with the connection secret)', auth: 'signature', status: 202, response: '{accepted, rawEventId, duplicate, events, ignored}' },
  { method: 'get', path: '/openapi.json', tag: 'meta', summary: 'This document', auth: 'none', status: 200, response: 'OpenAPI 3.1' },
];
