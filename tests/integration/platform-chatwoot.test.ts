import { describe, expect, it } from 'vitest';
import { chatwootSession } from '../fixtures/chatwoot';
import { iso, ms } from '../fixtures/time';
import { call } from '../helpers/api';
import { platformSetup, transcript } from '../helpers/platforms';
import { connectionDb } from '../helpers/stores';

const secret = 'chatwoot-webhook-secret';
const isoMs = (n: number) => new Date(n).toISOString();

describe('chatwoot: what a store gets', () => {
  it('stores a session with every role, a bot hand-off, the close and the CSAT rating, field by field', async () => {
    const s = await platformSetup('chatwoot', { secret });
    const cw = chatwootSession({ displayId: 12, contact: { id: 501, name: 'Li Lei' }, assignee: { id: 7, name: 'Agent Wang' } });
    for (const body of [
      cw.created(),
      cw.customer(1001, '这个有货吗？', 1),
      cw.bot(1002, '您好，我是订单机器人', 2),
      cw.captain(1003, '常见问题：现货商品24小时内发货', 3),
      cw.activity(1004, 'Conversation was assigned to Agent Wang', 10),
      cw.agent(1005, '亲，有货的', 15),
      cw.note(1006, 'check stock first', 16),
      cw.anonymousOutgoing(1007, '订单已发货', 20),
      cw.csatPrompt(1008, 30),
      cw.status('resolved', 31),
      cw.csatAnswer(1008, 2, '太慢了', 40),
    ]) {
      await s.send(body);
    }
    const conv = await s.conversation('12');
    const wang = await s.agentFor('7');
    expect(wang).toBeTruthy();
    expect(conv).toMatchObject({
      externalId: '12',
      connectionId: s.connection.id,
      platform: 'chatwoot',
      agentId: wang,
      customer: { externalId: '501', name: 'Li Lei' },
      channel: 'Channel::WebWidget',
      status: 'closed',
      openedAt: iso(0),
      lastMessageAt: iso(30),
      closedAt: isoMs(ms(31) + 123),
      closeReason: 'resolved',
      reopenedAt: null,
      rating: 2,
      ratingLabel: '2',
      ratingComment: '太慢了',
      ratedAt: isoMs(ms(40) + 123),
      unattributedMessages: 0,
    });
    expect(transcript(conv)).toEqual([
      'customer 这个有货吗？',
      'bot 您好，我是订单机器人',
      'bot 常见问题：现货商品24小时内发货',
      'system Conversation was assigned to Agent Wang',
      'agent 亲，有货的',
      'agent:note check stock first',
      'agent 订单已发货',
      'system Please rate this conversation',
    ]);
    const byId = Object.fromEntries(conv.messages.map((m: any) => [m.externalId, m]));
    expect(byId['1001']).toMatchObject({ role: 'customer', senderId: '501', senderName: 'Li Lei', agentId: null, createdAt: iso(1), editedAt: null });
    expect(byId['1002']).toMatchObject({ role: 'bot', senderId: '3', agentId: null });
    expect(byId['1003']).toMatchObject({ role: 'bot', senderId: '2', senderName: 'Captain', agentId: null });
    expect(byId['1005']).toMatchObject({ role: 'agent', senderId: '7', agentId: wang });
    // No sender: Chatwoot names the conversation's assignee, so the message counts for them.
    expect(byId['1007']).toMatchObject({ role: 'agent', senderId: '7', agentId: wang });
    // The CSAT survey prompt is the platform's, not an agent's or a bot's message to score.
    expect(byId['1008']).toMatchObject({ role: 'system', contentType: 'input_csat', agentId: null });
    // Bots and the survey created no agent records; the one agent did.
    expect((await s.agents()).map((a) => a.name)).toEqual(['Agent Wang']);
  });

  it('gives the same conversation for out-of-order deliveries and redeliveries', async () => {
    const inOrder = await platformSetup('chatwoot', { secret });
    const shuffled = await platformSetup('chatwoot', { secret });
    const cw = chatwootSession({ displayId: 20, contact: { id: 601, name: 'Han Meimei' }, assignee: { id: 7, name: 'Agent Wang' } });
    const bodies = [cw.customer(2001, '能便宜点吗', 1), cw.bot(2002, '稍等，为您转人工', 2), cw.agent(2003, '已经是活动价了哦', 20), cw.csatPrompt(2004, 30), cw.status('resolved', 31), cw.csatAnswer(2004, 5, undefined, 40)];
    for (const b of bodies) await inOrder.send(b);
    // The close and the rating first, the reply before the question; one delivery retried with the same
    // X-Chatwoot-Delivery (accepted again under a new ShopQA id; it changes nothing), one sent again
    // under a new delivery id.
    for (const i of [5, 4, 2, 0, 3, 1]) await shuffled.send(bodies[i], { deliveryId: `d-${i}` });
    const again = await shuffled.send(bodies[2], { deliveryId: 'd-2' });
    expect(again.status).toBe(202);
    await shuffled.send(bodies[0], { deliveryId: 'd-0-retry' });

    const a = await inOrder.conversation('20');
    const b = await shuffled.conversation('20');
    const strip = (c: any, agent: string | null) => ({ ...c, id: undefined, connectionId: undefined, agentId: c.agentId === agent ? 'wang' : c.agentId, messages: c.messages.map((m: any) => ({ ...m, id: undefined, agentId: m.agentId === agent ? 'wang' : m.agentId })) });
    expect(strip(b, await shuffled.agentFor('7'))).toEqual(strip(a, await inOrder.agentFor('7')));
    expect(a).toMatchObject({ status: 'closed', rating: 5, ratingComment: null });
    const count = await (await connectionDb(shuffled.connection.id)).prepare('select count(*) as n from messages m join conversations c on c.id = m.conversation_id where c.connection_id = ?').bind(shuffled.connection.id).first<{ n: number }>();
    expect(count?.n).toBe(4);
  });

  it("keeps a returning customer's new conversation apart from the resolved one", async () => {
    const s = await platformSetup('chatwoot', { secret });
    const first = chatwootSession({ displayId: 30, contact: { id: 701, name: 'Zhang San' }, assignee: { id: 7, name: 'Agent Wang' } });
    const second = chatwootSession({ displayId: 31, contact: { id: 701, name: 'Zhang San' }, assignee: { id: 8, name: 'Agent Wang' } });
    for (const body of [first.customer(3001, '我的快递呢', 1), first.agent(3002, '已发出', 5), first.status('resolved', 10), second.customer(3101, '又有问题了', 500), second.agent(3102, '请讲', 510, 'wang2')]) {
      await s.send(body);
    }
    const [one, two] = [await s.conversation('30'), await s.conversation('31')];
    expect(one).toMatchObject({ status: 'closed', customer: { externalId: '701' } });
    expect(two).toMatchObject({ status: 'open', customer: { externalId: '701' }, closedAt: null });
    expect(transcript(two)).toEqual(['customer 又有问题了', 'agent 请讲']);
    // Two agents with the same display name stay two agents: identity is Chatwoot's user id.
    expect(one.agentId).toBe(await s.agentFor('7'));
    expect(two.agentId).toBe(await s.agentFor('8'));
    expect(one.agentId).not.toBe(two.agentId);
  });

  it('applies an announced edit whatever the order, and reopens on status open', async () => {
    const s = await platformSetup('chatwoot', { secret });
    const t = await platformSetup('chatwoot', { secret });
    const cw = chatwootSession({ displayId: 40, contact: { id: 801, name: 'Wu' }, assignee: null });
    const deliveries = [cw.agent(4001, '价格是99元', 5), cw.edited(4001, '价格是89元（已更正）', 60, 5), cw.status('resolved', 70), cw.status('open', 80)];
    for (const d of deliveries) await s.send(d);
    for (const d of [...deliveries].reverse()) await t.send(d);
    for (const setup of [s, t]) {
      const conv = await setup.conversation('40');
      expect(conv.messages[0]).toMatchObject({ text: '价格是89元（已更正）', editedAt: isoMs(ms(60) + 123), createdAt: iso(5) });
      expect(conv).toMatchObject({ status: 'open', reopenedAt: isoMs(ms(80) + 123), closedAt: isoMs(ms(70) + 123) });
    }
    const edits = await (await connectionDb(s.connection.id)).prepare('select count(*) as n from message_edits where connection_id = ?').bind(s.connection.id).first<{ n: number }>();
    expect(edits?.n).toBe(1);
  });

  it('marks an agent message with no sender and no assignee unattributed, and counts it in the day\'s coverage', async () => {
    const s = await platformSetup('chatwoot', { secret });
    const cw = chatwootSession({ displayId: 50, contact: { id: 901, name: 'Qian' }, assignee: null });
    for (const body of [cw.customer(5001, '在吗', 1), cw.anonymousOutgoing(5002, '在的', 3)]) await s.send(body);
    const conv = await s.conversation('50');
    expect(conv).toMatchObject({ agentId: null, unattributedMessages: 1 });
    expect(conv.messages[1]).toMatchObject({ role: 'agent', senderId: null, agentId: null });
    const day = await call('POST', '/v1/jobs/daily', { token: s.apiKey, body: { date: '2026-11-21' } });
    expect(day.status).toBe(201);
    expect(day.json.coverage).toMatchObject({ unattributed: 1 });
  });

  it('stores an unreadable CSAT value with a warning instead of refusing it', async () => {
    const s = await platformSetup('chatwoot', { secret });
    const cw = chatwootSession({ displayId: 60, contact: { id: 902, name: 'Sun' }, assignee: { id: 7, name: 'Agent Wang' } });
    await s.send(cw.csatPrompt(6001, 10));
    const res = await s.send(cw.csatAnswer(6001, 'excellent!!', 'great', 20));
    expect(res.status).toBe(202);
    const conv = await s.conversation('60');
    expect(conv).toMatchObject({ rating: null, ratingLabel: 'excellent!!', ratingComment: 'great', ratedAt: isoMs(ms(20) + 123) });
    expect((await s.stats()).recentWarnings[0].message).toContain("CSAT rating 'excellent!!' could not be read");
  });
});

describe('chatwoot before 4.11.2: unsigned webhooks with a URL token', () => {
  it('accepts deliveries to the token URL, refuses others, and rotates with an overlap window', async () => {
    const s = await platformSetup('chatwoot', { auth: 'url_token' });
    expect(s.connection.webhookUrl).toMatch(new RegExp(`/webhooks/chatwoot/${s.connection.id}/wht_[0-9a-z]{40}$`));
    const cw = chatwootSession({ displayId: 70, contact: { id: 903, name: 'Zhou' }, assignee: null });
    const raw = JSON.stringify(cw.customer(7001, '你好', 1));
    const headers = { 'content-type': 'application/json' };
    expect((await call('POST', s.path, { raw, headers })).status).toBe(202);
    expect((await call('POST', `/webhooks/chatwoot/${s.connection.id}`, { raw, headers })).status).toBe(401);
    expect((await call('POST', `/webhooks/chatwoot/${s.connection.id}/wht_wrong`, { raw, headers })).status).toBe(401);

    const view = await call('GET', `/v1/connections/${s.connection.id}`, { token: s.apiKey });
    expect(view.json).toMatchObject({ auth: 'url_token', webhookUrl: `https://shopqa.test/webhooks/chatwoot/${s.connection.id}` });

    const rotated = await call('POST', `/v1/connections/${s.connection.id}/url-token/rotate`, { token: s.apiKey, body: { overlapMinutes: 60 } });
    expect(rotated.status).toBe(200);
    expect(rotated.json.previousTokenValidUntil).not.toBeNull();
    const newPath = rotated.json.webhookUrl.slice('https://shopqa.test'.length);
    expect(newPath).not.toBe(s.path);
    expect((await call('POST', newPath, { raw: JSON.stringify(cw.customer(7002, '新地址', 2)), headers })).status).toBe(202);
    expect((await call('POST', s.path, { raw: JSON.stringify(cw.customer(7003, '旧地址仍可用', 3)), headers })).status).toBe(202);

    const cut = await call('POST', `/v1/connections/${s.connection.id}/url-token/rotate`, { token: s.apiKey, body: { overlapMinutes: 0 } });
    expect(cut.json.previousTokenValidUntil).toBeNull();
    expect((await call('POST', newPath, { raw: JSON.stringify(cw.customer(7004, 'x', 4)), headers })).status).toBe(401);
    expect(transcript(await s.conversation('70'))).toEqual(['customer 你好', 'customer 新地址', 'customer 旧地址仍可用']);
  });

  it('offers URL tokens only where the platform may not sign, and rotates only such connections', async () => {
    const s = await platformSetup('intercom', { secret: 'intercom-secret-1' });
    const refused = await call('POST', '/v1/connections', { token: s.apiKey, body: { platform: 'intercom', name: 'x', auth: 'url_token' } });
    expect(refused.status).toBe(400);
    expect(refused.json.error.field).toBe('auth');
    const rotate = await call('POST', `/v1/connections/${s.connection.id}/url-token/rotate`, { token: s.apiKey, body: {} });
    expect(rotate.status).toBe(400);
    const other = await platformSetup('crisp', { auth: 'url_token' });
    expect((await call('POST', `/v1/connections/${other.connection.id}/url-token/rotate`, { token: s.apiKey, body: {} })).status).toBe(404);
  });
});
