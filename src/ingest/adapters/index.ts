import type { Platform, WebhookAdapter } from '../types';
import { genericAdapter } from './generic';

// Registry: platform → adapter. Adapters not yet written throw, which the consumer reports.
const ADAPTERS: Partial<Record<Platform, WebhookAdapter>> = { generic: genericAdapter };

export function getAdapter(platform: Platform): WebhookAdapter {
  const adapter = ADAPTERS[platform];
  if (!adapter) throw new Error(`No adapter for ${platform}`);
  return adapter;
}
