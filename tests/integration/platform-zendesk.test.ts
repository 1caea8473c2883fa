import { describe, expect, it } from 'vitest';
import { sunshine, sunshineSession, zendeskCsat } from '../fixtures/zendesk';
import { iso } from '../fixtures/time';
import { call } from '../helpers/api';
import { platformSetup, transcript } from '../helpers/platforms';

const secret = 'zendesk-shared-secret-1';
const zhao = { id: '90001', name: 'Agent Zhao' };
const zhao2 = { id: '90002', name: 'Agent Zhao' };

describe('zendesk (Sunshine Conversations + Support CSAT): what a store gets', () => {
  it('stores a bot hand-off to an agent, the ticket close and the CSAT rating, field by field', async () => {
    const s = await platformSetup('zendesk', { secret });
    const z = sunshineSession('conv_zd_1', { id: 'user_1', name: '王女士' });
    // SunCo batches several events in one body.
    await s.send(sunshine([z.created(0), z.customer('m1', '我要退货', 1), z.bot('m2', '请问订单号是多少？', 2), z.aiAgent('m3', '我可以帮您转人工', 3)]));
    await s.send(sunshine([z.passToAgents(10), z.customer('m4', '订单 12345', 11, null), z.trigger('m5', '您的请求已收到', 12)]));
    await s.send(sunshine([z.agent('m6', '好的，马上为您处理', 20, zhao), z.anonymousAgent('m7', '已退款', 25)]));
    await s.send(sunshine([z.releaseTicketClosed(40)]));
    // The Support webhook of the CSAT trigger authenticates with the same secret as an X-API-Key header.
    const csat = JSON.stringify(zendeskCsat('conv_zd_1', 'Bad', 90));
    expect((await call('POST', s.path, { raw: csat, headers: { 'content-type': 'application/json', 'x-api-key': secret, 'x-zendesk-webhook-signature': 'c2lnbmVkIGJ5IGFub3RoZXIgc2VjcmV0', 'x-zendesk-webhook-signature-timestamp': new Date().toISOString() } })).status).toBe(202);

    const conv = await s.conversation('conv_zd_1');
    const agentId = await s.agentFor('90001');
    expect(conv).toMatchObject({
      externalId: 'conv_zd_1',
      platform: 'zendesk',
      agentId,
      customer: { externalId: 'user_1', name: '王女士' },
      status: 'closed',
      openedAt: iso(0),
      lastMessageAt: iso(25),
      closedAt: iso(40),
      closeReason: 'ticket_closed',
      rating: 1,
      ratingLabel: 'Bad',
      ratingComment: 'slow answer',
      ratedAt: iso(90),
      // The workspace message with no agent id in its metadata names nobody.
      unattributedMessages: 1,
    });
    expect(transcript(conv)).toEqual([
      'customer 我要退货',
      'bot 请问订单号是多少？',
      'bot 我可以帮您转人工',
      'customer 订单 12345',
      'bot 您的请求已收到',
      'agent 好的，马上为您处理',
      'agent 已退款',
    ]);
    const byId = Object.fromEntries(conv.messages.map((m: any) => [m.externalId, m]));
    expect(byId.m1).toMatchObject({ role: 'customer', senderId: 'user_1', createdAt: iso(1) });
    expect(byId.m6).toMatchObject({ role: 'agent', senderId: '90001', senderName: 'Agent Zhao', agentId });
    expect(byId.m7).toMatchObject({ role: 'agent', senderId: null, senderName: 'Support', agentId: null });
  });

  it('reads the CSAT in any letter case and the labels a trigger renders; offered is not a rating', async () => {
    const s = await platformSetup('zendesk', { secret });
    const cases: [string, number | null][] = [['good', 5], ['BAD', 1], ["Good, I'm satisfied", 5], ['Bad with comment', 1], ['4', 4], ['Sehr gut', null]];
    for (const [i, [label]] of cases.entries()) await s.send(zendeskCsat(`conv_case_${i}`, label, 50));
    for (const [i, [label, score]] of cases.entries()) expect(await s.conversation(`conv_case_${i}`)).toMatchObject({ rating: score, ratingLabel: label });
    const offered = await s.send(zendeskCsat('conv_offered', 'Offered', 50));
    expect(offered.json).toMatchObject({ events: 0, ignored: 1 });
    expect((await s.stats()).recentWarnings.some((w: { message: string }) => w.message.includes("'Sehr gut' could not be read"))).toBe(true);
  });

  it('joins the rating to the SunCo conversation the trigger names, and keeps an unjoinable one with a warning', async () => {
    const s = await platformSetup('zendesk', { secret });
    const z = sunshineSession('conv_zd_9', { id: 'user_9', name: 'Lee' });
    await s.send(sunshine([z.customer('n1', 'hello', 1)]));
    // Nested `ticket` / `satisfaction` objects, as a trigger that renders Zendesk's objects sends them.
    await s.send({ ticket: { id: '501', conversation_id: 'conv_zd_9', assignee: { id: '90001' } }, satisfaction: { current_rating: 'Good', current_comment: 'quick' }, updated_at: iso(60) });
    expect(await s.conversation('conv_zd_9')).toMatchObject({ rating: 5, ratingComment: 'quick', ratedAt: iso(60) });
    // The trigger rendered no conversation id (left the placeholder, or empty): still stored, never a 4xx.
    const res = await s.send(zendeskCsat('{{ticket.external_id}}', 'good', 70, { ticket_id: '777', updated_at: 'not a time' }));
    expect(res.status).toBe(202);
    expect(await s.conversation('zendesk-ticket-777')).toMatchObject({ rating: 5 });
    const warnings = (await s.stats()).recentWarnings.map((w: { message: string }) => w.message).join('\n');
    expect(warnings).toContain('ticket 777 names no SunCo conversation');
    expect(warnings).toContain("'not a time' is not a time");
  });

  it('gives the same conversation in any order; a returning customer reopens the SunCo conversation', async () => {
    const inOrder = await platformSetup('zendesk', { secret });
    const shuffled = await platformSetup('zendesk', { secret });
    const z = sunshineSession('conv_zd_2', { id: 'user_2', name: 'Mia' });
    const bodies = [
      sunshine([z.customer('k1', '在吗', 1), z.bot('k2', '您好', 2)]),
      sunshine([z.passToAgents(5), z.agent('k3', '我是客服小赵', 6, zhao)]),
      sunshine([z.passBackTicketClosed(30)]),
      zendeskCsat('conv_zd_2', 'good', 40),
      // Days later the same customer writes again in the same SunCo conversation: a new ticket.
      sunshine([z.customer('k4', '又是我', 5000), z.passToAgents(5001), z.agent('k5', '您好，请讲', 5005, zhao2)]),
    ];
    for (const b of bodies) await inOrder.send(b);
    for (const i of [3, 4, 2, 0, 1, 4]) await shuffled.send(bodies[i]);
    const strip = (c: any) => ({ ...c, id: undefined, connectionId: undefined, agentId: !!c.agentId, messages: c.messages.map((m: any) => ({ ...m, id: undefined, agentId: !!m.agentId })) });
    const a = await inOrder.conversation('conv_zd_2');
    expect(strip(await shuffled.conversation('conv_zd_2'))).toEqual(strip(a));
    expect(a).toMatchObject({ status: 'open', closedAt: iso(30), reopenedAt: iso(5001), rating: 5 });
    // Two agents who share a display name are two agents: the id is Zendesk's agent id.
    expect(await inOrder.agentFor('90001')).not.toBe(await inOrder.agentFor('90002'));
  });
});
