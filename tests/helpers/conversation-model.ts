/**
 * One conversation described once, written out as each platform would deliver it (from the fixtures,
 * which follow each platform's documented payloads). Used by the order-independence property test.
 */
import { chatwootSession } from '../fixtures/chatwoot';
import { crispSession } from '../fixtures/crisp';
import { intercomRating, intercomSession, type IntercomPart } from '../fixtures/intercom';
import { LC_AGENT, LC_BOT, livechatBotCreated, livechatSession } from '../fixtures/livechat';
import { iso } from '../fixtures/time';
import { sunshine, sunshineSession, zendeskCsat } from '../fixtures/zendesk';

export type Role = 'customer' | 'agent' | 'bot';
export interface ModelMessage {
  role: Role;
  text: string;
  /** Edited later (only for agents: the platforms that announce edits do so for staff messages). */
  edit?: string;
}
export interface ConversationModel {
  messages: ModelMessage[];
  close: boolean;
  rating: number | null;
  comment?: string;
}

const secondOf = (i: number) => 10 * (i + 1);
const CLOSE_S = 200;
const RATED_S = 300;

/** The deliveries of one conversation, in the order the platform would send them. */
export function deliveriesFor(platform: string, m: ConversationModel, key: string, secret: string): unknown[] {
  switch (platform) {
    case 'generic':
      return generic(m, key);
    case 'chatwoot':
      return chatwoot(m, key);
    case 'zendesk':
      return zendesk(m, key);
    case 'intercom':
      return intercom(m, key);
    case 'livechat':
      return livechat(m, key, secret);
    case 'crisp':
      return crisp(m, key);
    default:
      throw new Error(platform);
  }
}

/** The conversation's external id for a model key, as each platform names it. */
export const externalIdFor = (platform: string, key: string) => (platform === 'chatwoot' ? String(numberOf(key)) : platform === 'livechat' ? `T${key}` : `c${key}`);
const numberOf = (key: string) => 10_000 + [...key].reduce((n, ch) => (n * 31 + ch.charCodeAt(0)) % 1_000_000, 0);

function generic(m: ConversationModel, key: string) {
  const conversation = `c${key}`;
  const out: unknown[] = [];
  m.messages.forEach((msg, i) => {
    const sender = msg.role === 'agent' ? { role: 'agent', id: 'agent-7', name: '小李' } : msg.role === 'customer' ? { role: 'customer', id: 'c-1', name: '张先生' } : { role: 'bot', name: '机器人' };
    const base = { type: 'message.created', timestamp: iso(secondOf(i)), data: { platform: 'jd', conversation_id: conversation, message_id: `${key}-m${i}`, sender, text: msg.text, content_type: 'text', created_at: iso(secondOf(i)) } };
    out.push(base);
    if (msg.edit) out.push({ ...base, timestamp: iso(secondOf(i) + 5), data: { ...base.data, text: msg.edit } });
  });
  if (m.close) out.push({ type: 'conversation.closed', timestamp: iso(CLOSE_S), data: { platform: 'jd', conversation_id: conversation, closed_at: iso(CLOSE_S), reason: 'resolved' } });
  if (m.rating) out.push({ type: 'conversation.rated', timestamp: iso(RATED_S), data: { platform: 'jd', conversation_id: conversation, rated_at: iso(RATED_S), rating: { score: m.rating, scale_max: 5, ...(m.comment ? { comment: m.comment } : {}) } } });
  return out;
}

function chatwoot(m: ConversationModel, key: string) {
  const n = numberOf(key);
  const cw = chatwootSession({ displayId: n, contact: { id: 501, name: 'Li Lei' }, assignee: { id: 7, name: 'Agent Wang' } });
  const out: unknown[] = [cw.created()];
  m.messages.forEach((msg, i) => {
    const id = n * 10 + i;
    out.push(msg.role === 'customer' ? cw.customer(id, msg.text, secondOf(i)) : msg.role === 'agent' ? cw.agent(id, msg.text, secondOf(i)) : cw.bot(id, msg.text, secondOf(i)));
    if (msg.edit) out.push(cw.edited(id, msg.edit, secondOf(i) + 5, secondOf(i)));
  });
  if (m.close) out.push(cw.status('resolved', CLOSE_S));
  if (m.rating) out.push(cw.csatPrompt(n * 10 + 9, CLOSE_S - 1), cw.csatAnswer(n * 10 + 9, m.rating, m.comment, RATED_S));
  return out;
}

function zendesk(m: ConversationModel, key: string) {
  const z = sunshineSession(`c${key}`, { id: 'user_1', name: '王女士' });
  const out: unknown[] = [];
  m.messages.forEach((msg, i) => {
    const id = `${key}-m${i}`;
    out.push(sunshine([msg.role === 'customer' ? z.customer(id, msg.text, secondOf(i)) : msg.role === 'agent' ? z.agent(id, msg.text, secondOf(i), { id: '90001', name: 'Agent Zhao' }) : z.bot(id, msg.text, secondOf(i))]));
  });
  if (m.close) out.push(sunshine([z.releaseTicketClosed(CLOSE_S)]));
  if (m.rating) out.push(zendeskCsat(`c${key}`, String(m.rating), RATED_S, { satisfaction_comment: m.comment ?? '' }));
  return out;
}

function intercom(m: ConversationModel, key: string) {
  const notify = intercomSession(`c${key}`, { id: 'u_55', name: 'Tom' });
  const parts: IntercomPart[] = m.messages.map((msg, i) => ({ id: `${key}-p${i}`, part_type: 'comment', body: msg.text, s: secondOf(i), author: msg.role === 'customer' ? 'user' : msg.role === 'agent' ? 'admin' : 'bot' }));
  const out: unknown[] = [];
  // Every notification repeats the conversation so far: one per part, then the edits, the close, the rating.
  parts.forEach((_, i) => {
    out.push(notify('conversation.admin.replied', parts.slice(0, i + 1), { id: `n-${key}-${i}`, notifiedS: secondOf(i) }));
  });
  const edited = parts.map((p, i) => (m.messages[i]!.edit ? { ...p, body: m.messages[i]!.edit!, updatedS: p.s + 5 } : p));
  if (edited.some((p, i) => p !== parts[i])) out.push(notify('conversation.admin.replied', edited, { id: `n-${key}-edit`, notifiedS: 150 }));
  const closed = m.close ? [...edited, { id: `${key}-close`, part_type: 'close', body: null, s: CLOSE_S, author: 'admin' as const }] : edited;
  if (m.close) out.push(notify('conversation.admin.closed', closed, { id: `n-${key}-close`, notifiedS: CLOSE_S }));
  if (m.rating) out.push(notify('conversation.rating.added', closed, { id: `n-${key}-rating`, notifiedS: RATED_S + 1, rating: intercomRating(m.rating, m.comment ?? '', CLOSE_S, RATED_S, 'u_55') }));
  return out;
}

function livechat(m: ConversationModel, key: string, secret: string) {
  const customer = { id: 'b7eff798-f8df-4364-8059-649c35c9ed0c', name: 'Mia' };
  const lc = livechatSession(secret, `CHAT${key}`, `T${key}`, customer);
  const author = (role: Role) => (role === 'customer' ? customer.id : role === 'agent' ? LC_AGENT.id : LC_BOT.id);
  const events = m.messages.map((msg, i) => lc.message(`${key}-e${i}`, author(msg.role), msg.text, secondOf(i)));
  const out: unknown[] = [livechatBotCreated(secret), lc.incomingChat(events.slice(0, 1), 0, [lc.customerUser, LC_AGENT, LC_BOT])];
  for (const e of events.slice(1)) out.push(lc.incomingEvent(e));
  m.messages.forEach((msg, i) => {
    if (msg.edit) out.push(lc.eventUpdated({ ...events[i]!, text: msg.edit }));
  });
  if (m.close) out.push(lc.deactivated(LC_AGENT.id));
  if (m.rating) out.push(lc.rated(m.rating >= 3 ? 1 : 0, m.comment));
  return out;
}

function crisp(m: ConversationModel, key: string) {
  const c = crispSession(`c${key}`, { id: 'visitor-1', name: '访客' });
  const out: unknown[] = [];
  m.messages.forEach((msg, i) => {
    const fingerprint = numberOf(key) * 10 + i;
    out.push(msg.role === 'customer' ? c.customer(fingerprint, msg.text, secondOf(i)) : msg.role === 'agent' ? c.agent(fingerprint, msg.text, secondOf(i)) : c.bot(fingerprint, msg.text, secondOf(i)));
    if (msg.edit) out.push(c.edited(fingerprint, msg.edit, secondOf(i) + 5));
  });
  if (m.close) out.push(c.state('resolved', CLOSE_S));
  if (m.rating) out.push(c.rated(m.rating, m.comment, RATED_S));
  return out;
}
