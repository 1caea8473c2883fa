import { describe, expect, it } from 'vitest';
import { intercomRating, intercomSession, type IntercomPart } from '../fixtures/intercom';
import { iso } from '../fixtures/time';
import { platformSetup, transcript } from '../helpers/platforms';

const secret = 'intercom-client-secret';

describe('intercom: what a store gets', () => {
  it('stores Fin handing off to an agent, notes, the close and the rating (rated at updated_at), field by field', async () => {
    const s = await platformSetup('intercom', { secret });
    const notify = intercomSession('98765', { id: 'u_55', name: 'Tom' });
    const parts: IntercomPart[] = [
      { id: '5001', part_type: 'comment', body: '<p>I am Fin. Let me look.</p>', s: 5, author: 'bot' },
      { id: '5002', part_type: 'assignment', body: null, s: 8, author: 'bot' },
      { id: '5003', part_type: 'comment', body: '<p>Hello Tom, let me check.</p>', s: 30, author: 'admin' },
      { id: '5004', part_type: 'note', body: '<p>refund approved</p>', s: 40, author: 'admin' },
      { id: '5005', part_type: 'comment', body: '<p>Refund is on its way.</p>', s: 45, author: 'team' },
      { id: '5006', part_type: 'close', body: null, s: 50, author: 'admin' },
    ];
    await s.send(notify('conversation.admin.replied', parts.slice(0, 3)));
    await s.send(notify('conversation.admin.closed', parts, { notifiedS: 55 }));
    await s.send(notify('conversation.rating.added', parts, { notifiedS: 300, rating: intercomRating(2, 'slow', 60, 200, 'u_55') }));

    const conv = await s.conversation('98765');
    const anna = await s.agentFor('814860');
    expect(conv).toMatchObject({
      externalId: '98765',
      platform: 'intercom',
      agentId: anna,
      customer: { externalId: 'u_55', name: 'Tom' },
      status: 'closed',
      openedAt: iso(0),
      lastMessageAt: iso(45),
      closedAt: iso(50),
      closeReason: 'closed',
      rating: 2,
      ratingComment: 'slow',
      // When the customer rated, not when the rating was requested (created_at) or notified.
      ratedAt: iso(200),
      unattributedMessages: 0,
    });
    expect(transcript(conv)).toEqual([
      'customer Hi, where is my order & refund?',
      'bot I am Fin. Let me look.',
      'agent Hello Tom, let me check.',
      'agent:note refund approved',
      'agent Refund is on its way.',
    ]);
    const byId = Object.fromEntries(conv.messages.map((m: any) => [m.externalId, m]));
    expect(byId['5001']).toMatchObject({ role: 'bot', senderId: '5101', agentId: null });
    expect(byId['5003']).toMatchObject({ role: 'agent', senderId: '814860', senderName: 'Anna', agentId: anna });
    // A team reply names no person: it counts for the conversation's assignee.
    expect(byId['5005']).toMatchObject({ role: 'agent', senderId: '814860', agentId: anna });
  });

  it('gives the same conversation in any order; an edited part wins by its updated_at', async () => {
    const inOrder = await platformSetup('intercom', { secret });
    const shuffled = await platformSetup('intercom', { secret });
    const notify = intercomSession('55501', { id: 'u_56', name: 'Ann' });
    const first: IntercomPart[] = [{ id: '6001', part_type: 'comment', body: '<p>It costs 99.</p>', s: 10, author: 'admin' }];
    const edited: IntercomPart[] = [{ ...first[0]!, body: '<p>It costs 89 (corrected).</p>', updatedS: 70 }, { id: '6002', part_type: 'close', body: null, s: 80, author: 'admin' }];
    const bodies = [notify('conversation.admin.replied', first), notify('conversation.admin.closed', edited, { notifiedS: 90 }), notify('conversation.rating.added', edited, { notifiedS: 120, rating: intercomRating(5, '', 85, 110, 'u_56') })];
    for (const b of bodies) await inOrder.send(b);
    for (const i of [2, 0, 1, 0]) await shuffled.send(bodies[i]);
    const strip = (c: any) => ({ ...c, id: undefined, connectionId: undefined, agentId: !!c.agentId, messages: c.messages.map((m: any) => ({ ...m, id: undefined, agentId: !!m.agentId })) });
    const a = await inOrder.conversation('55501');
    expect(strip(await shuffled.conversation('55501'))).toEqual(strip(a));
    expect(a.messages[1]).toMatchObject({ externalId: '6001', text: 'It costs 89 (corrected).' });
    expect(a).toMatchObject({ status: 'closed', rating: 5 });
  });

  it("keeps a returning customer's next conversation apart; two admins named alike stay two agents", async () => {
    const s = await platformSetup('intercom', { secret });
    const one = intercomSession('70001', { id: 'u_57', name: 'Ivy' });
    const two = intercomSession('70002', { id: 'u_57', name: 'Ivy' });
    await s.send(one('conversation.admin.closed', [{ id: '7001', part_type: 'comment', body: 'Done.', s: 5, author: 'admin' }, { id: '7002', part_type: 'close', body: null, s: 6, author: 'admin' }]));
    await s.send(two('conversation.admin.replied', [{ id: '7101', part_type: 'comment', body: 'Hi again.', s: 900, author: 'admin2' }], { assignee: '814861' }));
    const [a, b] = [await s.conversation('70001'), await s.conversation('70002')];
    expect(a).toMatchObject({ status: 'closed', customer: { externalId: 'u_57' } });
    expect(b).toMatchObject({ status: 'open', customer: { externalId: 'u_57' } });
    expect(a.agentId).toBe(await s.agentFor('814860'));
    expect(b.agentId).toBe(await s.agentFor('814861'));
    expect(a.agentId).not.toBe(b.agentId);
  });

  it('stores an unreadable rating with a warning, and an id-less admin part with no assignee as unattributed', async () => {
    const s = await platformSetup('intercom', { secret });
    const notify = intercomSession('80001', { id: 'u_58', name: 'Bo' });
    const parts: IntercomPart[] = [{ id: '8001', part_type: 'comment', body: 'We are on it.', s: 5, author: 'team' }];
    const res = await s.send(notify('conversation.rating.added', parts, { assignee: null, rating: intercomRating('great', 'x', 10, 20, 'u_58') }));
    expect(res.status).toBe(202);
    const conv = await s.conversation('80001');
    expect(conv).toMatchObject({ rating: null, ratingLabel: 'great', ratedAt: iso(20), agentId: null, unattributedMessages: 1 });
  });
});
