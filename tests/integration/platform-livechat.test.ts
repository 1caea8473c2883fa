import { describe, expect, it } from 'vitest';
import { LC_AGENT, LC_BOT, livechatBotCreated, livechatSession } from '../fixtures/livechat';
import { iso } from '../fixtures/time';
import { platformSetup, transcript } from '../helpers/platforms';

const secret = 'livechat-secret-key';
const customer = { id: 'b7eff798-f8df-4364-8059-649c35c9ed0c', name: 'Mia' };

/** LiveChat sends no time with a deactivation or a rating: those take the receipt time. */
const receivedBetween = (value: string | null, from: number) => !!value && Date.parse(value) >= from && Date.parse(value) <= Date.now();

describe('livechat: what a store gets', () => {
  it('stores a thread with a bot hand-off, a note, the rating and the deactivation, field by field', async () => {
    const s = await platformSetup('livechat', { secret });
    const started = Date.now();
    const lc = livechatSession(secret, 'PJ0MRSHTDG', 'K600PKZON8', customer);
    await s.send(livechatBotCreated(secret));
    await s.send(lc.incomingChat([lc.message('E1', customer.id, 'Do you ship to Shenzhen?', 1), lc.message('E2', LC_BOT.id, 'Hi! I am the shop bot.', 2)], 0, [lc.customerUser, LC_BOT]));
    await s.send(lc.userAdded(LC_AGENT));
    await s.send(lc.incomingEvent(lc.system('E3', 'Agent Smith joined the chat', 10)));
    await s.send(lc.incomingEvent(lc.message('E4', LC_AGENT.id, 'Hello! Yes, in 2 days.', 20)));
    await s.send(lc.incomingEvent(lc.message('E5', LC_AGENT.id, 'VIP customer', 21, 'agents')));
    await s.send(lc.incomingEvent(lc.message('E6', customer.id, 'Thanks!', 40)));
    await s.send(lc.rated(1, 'fast'));
    await s.send(lc.deactivated(LC_AGENT.id));

    const conv = await s.conversation('K600PKZON8');
    const smith = await s.agentFor(LC_AGENT.id);
    expect(conv).toMatchObject({
      externalId: 'K600PKZON8',
      platform: 'livechat',
      agentId: smith,
      customer: { externalId: customer.id, name: 'Mia' },
      status: 'closed',
      openedAt: iso(0),
      lastMessageAt: iso(40),
      closeReason: 'deactivated',
      rating: 5,
      ratingLabel: 'good',
      ratingComment: 'fast',
      unattributedMessages: 0,
    });
    expect(receivedBetween(conv.closedAt, started)).toBe(true);
    expect(receivedBetween(conv.ratedAt, started)).toBe(true);
    expect(transcript(conv)).toEqual(['customer Do you ship to Shenzhen?', 'bot Hi! I am the shop bot.', 'system Agent Smith joined the chat', 'agent Hello! Yes, in 2 days.', 'agent:note VIP customer', 'customer Thanks!']);
    const byId = Object.fromEntries(conv.messages.map((m: any) => [m.externalId, m]));
    expect(byId.E1).toMatchObject({ role: 'customer', senderId: customer.id, agentId: null, createdAt: iso(1) });
    expect(byId.E2).toMatchObject({ role: 'bot', senderId: LC_BOT.id, agentId: null });
    expect(byId.E4).toMatchObject({ role: 'agent', senderId: LC_AGENT.id, agentId: smith });
    expect((await s.agents()).map((a) => a.name)).toEqual(['Agent Smith']);
  });

  it('learns who wrote a message from the platform when that comes later, in any order', async () => {
    const inOrder = await platformSetup('livechat', { secret });
    const shuffled = await platformSetup('livechat', { secret });
    const lc = livechatSession(secret, 'CHAT2', 'THREAD2', customer);
    const bodies = [
      livechatBotCreated(secret),
      lc.incomingChat([lc.message('F1', customer.id, '在吗', 1)], 0, [lc.customerUser, LC_BOT, LC_AGENT]),
      lc.incomingEvent(lc.message('F2', LC_BOT.id, '您好，我是机器人', 2)),
      lc.incomingEvent(lc.message('F3', LC_AGENT.id, '人工客服为您服务', 30)),
      lc.eventUpdated({ ...lc.message('F3', LC_AGENT.id, '人工客服小孙为您服务', 30) }),
      lc.rated(0),
      lc.ratingComment('太慢'),
    ];
    for (const b of bodies) await inOrder.send(b);
    // Messages before the chat that lists their authors, the bot's before bot_created, the edit before its message.
    for (const i of [4, 3, 2, 6, 5, 1, 0, 3]) await shuffled.send(bodies[i]);
    const strip = (c: any) => ({ ...c, id: undefined, connectionId: undefined, ratedAt: undefined, agentId: !!c.agentId, messages: c.messages.map((m: any) => ({ ...m, id: undefined, agentId: !!m.agentId, editedAt: !!m.editedAt })) });
    const a = await inOrder.conversation('THREAD2');
    expect(strip(await shuffled.conversation('THREAD2'))).toEqual(strip(a));
    expect(transcript(a)).toEqual(['customer 在吗', 'bot 您好，我是机器人', 'agent 人工客服小孙为您服务']);
    expect(a).toMatchObject({ rating: 1, ratingLabel: 'bad', ratingComment: '太慢', status: 'open' });
    expect(a.messages[2].editedAt).not.toBeNull();
    expect(a.agentId).toBe(await inOrder.agentFor(LC_AGENT.id));
  });

  it("makes a returning customer's new thread a new conversation, not messages appended to the closed one", async () => {
    const s = await platformSetup('livechat', { secret });
    const first = livechatSession(secret, 'PJ0MRSHTDG', 'QA37PVJ75B', customer);
    const second = livechatSession(secret, 'PJ0MRSHTDG', 'QA37PVJ76C', customer);
    await s.send(first.incomingChat([first.message('G1', customer.id, 'Where is my parcel?', 1), first.message('G2', LC_AGENT.id, 'On its way.', 5)], 0));
    await s.send(first.deactivated());
    await s.send(second.incomingChat([second.message('H1', customer.id, 'It arrived broken.', 86_400)], 86_400, undefined, 'QA37PVJ75B'));
    await s.send(second.incomingEvent(second.message('H2', LC_AGENT.id, 'Sorry! A new one is coming.', 86_410)));
    const [a, b] = [await s.conversation('QA37PVJ75B'), await s.conversation('QA37PVJ76C')];
    expect(a).toMatchObject({ status: 'closed', customer: { externalId: customer.id } });
    expect(b).toMatchObject({ status: 'open', closedAt: null, customer: { externalId: customer.id }, openedAt: iso(86_400) });
    expect(transcript(a)).toEqual(['customer Where is my parcel?', 'agent On its way.']);
    expect(transcript(b)).toEqual(['customer It arrived broken.', 'agent Sorry! A new one is coming.']);
  });

  it('stores an unreadable rating value with a warning', async () => {
    const s = await platformSetup('livechat', { secret });
    const lc = livechatSession(secret, 'CHAT4', 'THREAD4', customer);
    await s.send(lc.incomingChat([lc.message('J1', customer.id, 'hi', 1)], 0));
    expect((await s.send(lc.rated('meh'))).status).toBe(202);
    expect(await s.conversation('THREAD4')).toMatchObject({ rating: null, ratingLabel: 'meh' });
    expect((await s.stats()).recentWarnings[0].message).toContain("rating.score 'meh' could not be read");
  });
});
