/** Payloads in each platform's documented shape, trimmed to the fields ShopQA reads plus some it does not. */

const iso = (s: number) => new Date(Date.UTC(2026, 10, 21, 3, 0, s)).toISOString();
const unix = (s: number) => Math.floor(Date.UTC(2026, 10, 21, 3, 0, s) / 1000);

export const chatwoot = {
  message: (id: number, type: 'incoming' | 'outgoing' | 'activity', content: string, s: number, extra: Record<string, unknown> = {}) => ({
    event: 'message_created',
    id,
    content,
    created_at: iso(s),
    message_type: type,
    content_type: 'text',
    content_attributes: {},
    source_id: null,
    private: false,
    sender: type === 'incoming' ? { id: 501, name: 'Li Lei', type: 'contact' } : { id: 7, name: 'Agent Wang', type: 'user' },
    conversation: { id: 321, display_id: 12, status: 'open' },
    account: { id: 1, name: 'Shop' },
    ...extra,
  }),
  resolved: (s: number) => ({ event: 'conversation_status_changed', id: 321, status: 'resolved', updated_at: iso(s), account: { id: 1 } }),
};

export const sunshine = (events: unknown[]) => ({ app: { id: 'app_1' }, webhook: { id: 'wh_1', version: 'v2' }, events });
export const sunshineMessage = (id: string, type: 'user' | 'business', text: string, s: number) => ({
  id: `evt_${id}`,
  createdAt: iso(s),
  type: 'conversation:message',
  payload: {
    conversation: { id: 'conv_zd_1', type: 'personal' },
    message: {
      id,
      received: iso(s),
      author: type === 'user' ? { type, userId: 'user_1', displayName: '王女士' } : { type, displayName: 'Agent Zhao', subtypes: [] },
      content: { type: 'text', text },
      source: { type: 'web' },
    },
  },
});
export const zendeskCsat = (score: 'good' | 'bad', s: number) => ({ conversation_id: 'conv_zd_1', ticket_id: 88, satisfaction_score: score, satisfaction_comment: 'slow', updated_at: iso(s) });

export const intercom = (topic: string, parts: unknown[], extra: Record<string, unknown> = {}) => ({
  type: 'notification_event',
  app_id: 'abc123',
  id: `notif_${topic}_${parts.length}`,
  topic,
  created_at: unix(100),
  delivery_attempts: 1,
  data: {
    type: 'notification_event_data',
    item: {
      type: 'conversation',
      id: '98765',
      created_at: unix(0),
      source: { type: 'conversation', id: '4001', delivered_as: 'customer_initiated', body: '<p>Hi, where is my order &amp; refund?</p>', author: { type: 'user', id: 'u_55', name: 'Tom' } },
      conversation_parts: { type: 'conversation_part.list', conversation_parts: parts, total_count: parts.length },
      ...extra,
    },
  },
});
export const intercomPart = (id: string, part_type: string, body: string | null, s: number, author: Record<string, unknown> = { type: 'admin', id: 'adm_1', name: 'Anna' }) => ({
  type: 'conversation_part',
  id,
  part_type,
  body,
  created_at: unix(s),
  author,
});

export const livechat = {
  incomingChat: (secret: string) => ({
    webhook_id: 'wh1',
    secret_key: secret,
    action: 'incoming_chat',
    organization_id: 'org1',
    payload: {
      chat: {
        id: 'LC_CHAT_1',
        users: [
          { id: 'cust-uuid-1', type: 'customer', name: 'Mia' },
          { id: 'agent@shop.example', type: 'agent', name: 'Agent Sun' },
        ],
        thread: {
          id: 'T1',
          created_at: iso(0),
          events: [
            { id: 'E1', type: 'message', text: 'Do you ship to Shenzhen?', author_id: 'cust-uuid-1', created_at: iso(1), visibility: 'all' },
            { id: 'E2', type: 'message', text: 'Hello! Yes, in 2 days.', author_id: 'agent@shop.example', created_at: iso(20), visibility: 'all' },
            { id: 'E3', type: 'message', text: 'VIP customer', author_id: 'agent@shop.example', created_at: iso(21), visibility: 'agents' },
          ],
        },
      },
    },
  }),
  incomingEvent: (secret: string) => ({
    webhook_id: 'wh2',
    secret_key: secret,
    action: 'incoming_event',
    payload: { chat_id: 'LC_CHAT_1', thread_id: 'T1', event: { id: 'E4', type: 'message', text: 'Thanks!', author_id: 'cust-uuid-1', created_at: iso(40), visibility: 'all' } },
  }),
  deactivated: (secret: string) => ({ webhook_id: 'wh3', secret_key: secret, action: 'chat_deactivated', payload: { chat_id: 'LC_CHAT_1', thread_id: 'T1', user_id: 'agent@shop.example' }, created_at: iso(60) }),
  rated: (secret: string, value: 0 | 1) => ({
    webhook_id: 'wh4',
    secret_key: secret,
    action: 'chat_properties_updated',
    payload: { chat_id: 'LC_CHAT_1', properties: { rating: { score: { value }, comment: { value: 'meh' } } } },
    created_at: iso(70),
  }),
};

export const crisp = {
  message: (fingerprint: number, from: 'user' | 'operator', content: string, s: number, extra: Record<string, unknown> = {}) => ({
    website_id: 'site-1',
    event: from === 'user' ? 'message:send' : 'message:received',
    data: { website_id: 'site-1', session_id: 'session_crisp_1', type: 'text', from, origin: 'chat', content, fingerprint, user: from === 'user' ? { user_id: 'visitor-1', nickname: '访客' } : { user_id: 'op-1', nickname: '客服小周' }, timestamp: Date.UTC(2026, 10, 21, 3, 0, s), ...extra },
    timestamp: Date.UTC(2026, 10, 21, 3, 0, s),
  }),
  resolved: (s: number) => ({ website_id: 'site-1', event: 'session:set_state', data: { website_id: 'site-1', session_id: 'session_crisp_1', state: 'resolved' }, timestamp: Date.UTC(2026, 10, 21, 3, 0, s) }),
};
