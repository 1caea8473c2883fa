import { describe, expect, it } from 'vitest';
import { crispSession } from '../fixtures/crisp';
import { iso } from '../fixtures/time';
import { call } from '../helpers/api';
import { platformSetup, transcript } from '../helpers/platforms';

const secret = 'crisp-hook-secret';
const visitor = { id: 'session_visitor_1', name: '访客' };
const ZHOU = 'a8b0bd2c-8fb6-4d4d-b2e2-2fd3d3d34f1c';

describe('crisp: what a store gets', () => {
  it('stores a session with the bot, an operator, a note, the rating and the resolution, field by field', async () => {
    const s = await platformSetup('crisp', { secret });
    const c = crispSession('session_a1', visitor);
    for (const body of [
      c.customer(111, '包裹到哪了？', 1),
      c.bot(112, '您好，我是机器人，正在为您转接', 2),
      c.agent(113, '您好，已经在派送中', 12),
      c.note(114, '客户催了两次', 13),
      c.state('resolved', 40),
      c.rated(4, '挺快的', 60),
    ]) {
      await s.send(body);
    }
    const conv = await s.conversation('session_a1');
    const zhou = await s.agentFor(ZHOU);
    expect(conv).toMatchObject({
      externalId: 'session_a1',
      platform: 'crisp',
      agentId: zhou,
      customer: { externalId: visitor.id, name: '访客' },
      status: 'closed',
      openedAt: iso(1),
      lastMessageAt: iso(13),
      closedAt: iso(40),
      closeReason: 'resolved',
      rating: 4,
      ratingLabel: '4',
      ratingComment: '挺快的',
      ratedAt: iso(60),
      unattributedMessages: 0,
    });
    expect(transcript(conv)).toEqual(['customer 包裹到哪了？', 'bot 您好，我是机器人，正在为您转接', 'agent 您好，已经在派送中', 'agent:note 客户催了两次']);
    expect(conv.messages[2]).toMatchObject({ externalId: '113', senderId: ZHOU, senderName: '客服小周', agentId: zhou });
    expect(conv.messages[1]).toMatchObject({ role: 'bot', agentId: null });
  });

  it('gives the same session in any order; message:updated edits, a later unresolved reopens', async () => {
    const inOrder = await platformSetup('crisp', { secret });
    const shuffled = await platformSetup('crisp', { secret });
    const c = crispSession('session_b2', visitor);
    const bodies = [c.customer(211, '能改地址吗', 1), c.agent(212, '可以，请发新地址', 5), c.edited(212, '可以，请把新地址发给我', 8), c.state('resolved', 20), c.rated(2, undefined, 30), c.state('unresolved', 50), c.customer(213, '还有一个问题', 51)];
    for (const b of bodies) await inOrder.send(b);
    for (const i of [6, 4, 2, 5, 3, 1, 0, 2]) await shuffled.send(bodies[i]);
    const strip = (x: any) => ({ ...x, id: undefined, connectionId: undefined, agentId: !!x.agentId, messages: x.messages.map((m: any) => ({ ...m, id: undefined, agentId: !!m.agentId })) });
    const a = await inOrder.conversation('session_b2');
    expect(strip(await shuffled.conversation('session_b2'))).toEqual(strip(a));
    expect(a).toMatchObject({ status: 'open', closedAt: iso(20), reopenedAt: iso(50), rating: 2 });
    expect(a.messages[1]).toMatchObject({ text: '可以，请把新地址发给我', editedAt: iso(8) });
  });

  it("keeps a returning visitor's next session apart", async () => {
    const s = await platformSetup('crisp', { secret });
    const one = crispSession('session_c3', visitor);
    const two = crispSession('session_c4', visitor);
    for (const body of [one.customer(311, 'hi', 1), one.agent(312, 'hello', 2), one.state('resolved', 3), two.customer(411, 'hi again', 900)]) await s.send(body);
    expect(await s.conversation('session_c3')).toMatchObject({ status: 'closed', customer: { externalId: visitor.id } });
    expect(await s.conversation('session_c4')).toMatchObject({ status: 'open', customer: { externalId: visitor.id }, openedAt: iso(900) });
  });

  it('stores an unreadable stars value with a warning, and an operator message with no operator as unattributed', async () => {
    const s = await platformSetup('crisp', { secret });
    const c = crispSession('session_d5', visitor);
    await s.send(c.anonymous(511, '稍等', 1));
    expect((await s.send(c.rated('★★★★', 'ok', 5))).status).toBe(202);
    expect(await s.conversation('session_d5')).toMatchObject({ rating: null, ratingLabel: '★★★★', agentId: null, unattributedMessages: 1 });
  });
});

describe('crisp website hooks: unsigned, with a URL token', () => {
  it('accepts unsigned website-hook deliveries on the token URL only', async () => {
    const s = await platformSetup('crisp', { auth: 'url_token' });
    const c = crispSession('session_e6', visitor);
    expect((await call('POST', s.path, { raw: JSON.stringify(c.customer(611, '你好', 1)), headers: { 'content-type': 'application/json' } })).status).toBe(202);
    const signedPath = `/webhooks/crisp/${s.connection.id}`;
    expect((await call('POST', signedPath, { raw: JSON.stringify(c.customer(612, 'x', 2)), headers: { 'content-type': 'application/json' } })).status).toBe(401);
    expect(transcript(await s.conversation('session_e6'))).toEqual(['customer 你好']);
  });
});
