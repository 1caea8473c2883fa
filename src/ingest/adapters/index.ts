// PLACEHOLDER written by the lead so the Worker loads while the adapters are being written.
// The adapters' author replaces this file with the real registry (keep the `getAdapter` export).
import type { Platform, WebhookAdapter } from '../types';

export function getAdapter(platform: Platform): WebhookAdapter {
  throw new Error(`No adapter for ${platform} yet`);
}
