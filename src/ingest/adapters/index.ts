import type { Platform, WebhookAdapter } from '../types';
import { chatwootAdapter } from './chatwoot';
import { crispAdapter } from './crisp';
import { genericAdapter } from './generic';
import { intercomAdapter } from './intercom';
import { livechatAdapter } from './livechat';
import { zendeskAdapter } from './zendesk';

/** One adapter per platform: verify() over what the platform signed, normalise() to internal events. */
const ADAPTERS: Record<Platform, WebhookAdapter> = {
  generic: genericAdapter,
  chatwoot: chatwootAdapter,
  zendesk: zendeskAdapter,
  intercom: intercomAdapter,
  livechat: livechatAdapter,
  crisp: crispAdapter,
};

export function getAdapter(platform: Platform): WebhookAdapter {
  return ADAPTERS[platform];
}
