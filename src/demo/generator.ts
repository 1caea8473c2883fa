import { addDays, localMidnight } from '../lib/time';
import { seededRng, type Rng } from '../lib/random';
import { AGENT_NAMES, BREAKS, CLOSINGS, CUSTOMER_NAMES, GREETINGS, SCRIPTS, THANKS, WAITING, type Break, type Lang, type Team } from './dialogues';

/** The `generic` webhook body of SPEC §5. */
export interface GenericEvent {
  type: 'conversation.opened' | 'message.created' | 'conversation.closed' | 'conversation.rated';
  timestamp: string;
  data: Record<string, unknown>;
}
/** One webhook delivery: its `webhook-id` and body. */
export interface DemoDelivery {
  id: string;
  event: GenericEvent;
}
/** The demo store's team names, as a store names its teams on the roster (in its own words, not codes). */
export const DEMO_TEAM_NAMES: Record<Team, string> = { pre_sales: '售前组', after_sales: '售后组' };

export interface DemoAgent {
  externalId: string;
  name: string;
  /** The agent's work: which scripts their chats follow and which scorecard applies. */
  team: Team;
  /** The roster's team: DEMO_TEAM_NAMES of `team`. */
  teamName: string;
  hiredAt: string;
  newHire: boolean;
  excellent: boolean;
  lang: Lang;
}
export interface DemoDayOptions {
  seed: string;
  /** The local day, 'YYYY-MM-DD'. */
  date: string;
  timezone: string;
  agents?: number;
  conversationsPerAgent?: [number, number];
  platform?: string;
}

function makeAgents(rng: Rng, count: number, date: string): DemoAgent[] {
  return Array.from({ length: count }, (_, i) => {
    const team: Team = i % 2 === 0 ? 'pre_sales' : 'after_sales';
    const names = AGENT_NAMES[team];
    const base = names[Math.floor(i / 2) % names.length]!;
    const name = i < 20 ? base : `${base}${Math.floor(i / 20) + 1}`;
    const newHire = i % 6 === 2; // about one in six: 4 of 20
    return {
      externalId: `jd-agent-${String(i + 1).padStart(3, '0')}`,
      name,
      team,
      teamName: DEMO_TEAM_NAMES[team],
      hiredAt: addDays(date, newHire ? -(3 + rng.int(20)) : -(60 + rng.int(900))),
      newHire,
      excellent: i === 0 || i === 5,
      lang: /^[A-Z]/.test(base) ? 'en' : 'zh-CN',
    };
  });
}

/** Which problem, if any, a conversation carries: most have none. */
function pickBreak(rng: Rng, agent: DemoAgent): Break | null {
  const roll = rng.next();
  const risk = agent.newHire ? 2 : agent.excellent ? 0.3 : 1;
  if (roll < 0.012 * risk) return 'diversion';
  if (roll < 0.02 * risk) return 'phone';
  if (roll < 0.035 * risk) return 'rude';
  if (roll < 0.05 * risk) return 'escalation';
  if (roll < 0.065 * risk) return 'unanswered';
  if (roll < 0.1 * risk) return 'slow';
  return null;
}

/** Events of one conversation starting at `start` (UTC ms). */
function conversation(rng: Rng, agent: DemoAgent, id: string, start: number, platform: string): GenericEvent[] {
  const lang: Lang = agent.lang === 'en' || rng.chance(0.05) ? 'en' : 'zh-CN';
  const script = rng.pick(SCRIPTS[lang][agent.team]);
  const problem = pickBreak(rng, agent);
  const customer = { id: `cust-${id}`, name: rng.pick(CUSTOMER_NAMES) };
  const order = `${2311}${String(rng.int(1e12)).padStart(12, '0')}`;
  const base = { platform, store_ref: 'demo-shop', conversation_id: id };
  const iso = (t: number) => new Date(t).toISOString();
  let t = start;
  let seq = 0;
  const events: GenericEvent[] = [
    { type: 'conversation.opened', timestamp: iso(t), data: { ...base, opened_at: iso(t), customer, channel: 'jd-web', phase: agent.team === 'pre_sales' ? 'presales' : 'aftersales', locale: lang } },
  ];
  const say = (role: 'customer' | 'agent' | 'bot' | 'system', text: string, gapSeconds: number) => {
    t += gapSeconds * 1000;
    const sender = role === 'agent' ? { role, id: agent.externalId, name: agent.name } : role === 'customer' ? { role, ...customer } : { role };
    events.push({ type: 'message.created', timestamp: iso(t), data: { ...base, message_id: `${id}-m${++seq}`, sender, text, content_type: 'text', created_at: iso(t) } });
  };
  if (rng.chance(0.3)) say('bot', lang === 'en' ? 'Hi! An agent will be with you shortly.' : '您好，客服马上为您服务～', 1);
  script.forEach((turn, i) => {
    say('customer', turn.c.replace('{order}', order), i === 0 ? 0 : 10 + rng.int(40));
    const slow = problem === 'slow' && i === 0;
    if (slow && rng.chance(0.4)) say('agent', rng.pick(WAITING[lang]), 8);
    const opening = i === 0 && (agent.excellent || rng.chance(0.85)) ? rng.pick(GREETINGS[lang]) : '';
    const reply = problem === 'rude' && i === script.length - 1 ? BREAKS.rude[lang] : turn.a;
    say('agent', `${opening}${reply}`, slow ? 70 + rng.int(120) : 4 + rng.int(rng.chance(0.9) ? 30 : 70));
  });
  if (problem === 'diversion' || problem === 'phone') say('agent', BREAKS[problem][lang], 6);
  if (problem === 'escalation') say('customer', BREAKS.escalation[lang], 20);
  if (problem === 'unanswered') say('customer', BREAKS.unanswered[lang], 30);
  else {
    if (problem !== 'escalation' && rng.chance(0.7)) say('customer', rng.pick(THANKS[lang]), 15);
    if (agent.excellent || rng.chance(0.8)) say('agent', rng.pick(CLOSINGS[lang]), 5 + rng.int(20));
  }
  if (rng.chance(0.93)) {
    t += 60_000;
    events.push({ type: 'conversation.closed', timestamp: iso(t), data: { ...base, closed_at: iso(t), closed_by: { role: 'agent', id: agent.externalId, name: agent.name }, reason: 'resolved' } });
  }
  const bad = problem === 'rude' || problem === 'escalation' || problem === 'unanswered' ? rng.chance(0.7) : rng.chance(0.02);
  if (bad || rng.chance(0.4)) {
    const scaleMax = rng.chance(0.3) ? 3 : 5;
    const score = bad ? 1 + rng.int(2) * (scaleMax === 3 ? 0 : 1) : scaleMax === 3 ? 3 : 4 + rng.int(2);
    t += 120_000;
    events.push({ type: 'conversation.rated', timestamp: iso(t), data: { ...base, rated_at: iso(t), rating: { score, scale_max: scaleMax, label: bad ? '不满意' : '满意' }, agent_id: agent.externalId } });
  }
  return events;
}

/** A deterministic demo day: the same options give byte-identical output. */
export function generateDemoDay(opts: DemoDayOptions): { agents: DemoAgent[]; deliveries: DemoDelivery[]; conversations: number } {
  const rng = seededRng(`${opts.seed}|${opts.date}`);
  const agents = makeAgents(rng, opts.agents ?? 20, opts.date);
  const [min, max] = opts.conversationsPerAgent ?? [6, 14];
  const dayStart = localMidnight(opts.date, opts.timezone);
  const deliveries: DemoDelivery[] = [];
  let conversations = 0;
  for (const agent of agents) {
    const count = min + rng.int(max - min + 1);
    for (let k = 0; k < count; k++) {
      const id = `${opts.date.replaceAll('-', '')}-${agent.externalId}-${k + 1}`;
      // Working hours 09:00–22:30 local.
      const start = dayStart + (9 * 3600 + rng.int(13.5 * 3600)) * 1000;
      const events = conversation(rng, agent, id, start, opts.platform ?? 'jd');
      events.forEach((event, i) => {
        deliveries.push({ id: `demo-${id}-${i}`, event });
      });
      conversations++;
    }
  }
  return { agents, deliveries, conversations };
}

/** The deliveries in a plausible out-of-order arrival with a few redeliveries, for tests of both. */
export function shuffleForDelivery(deliveries: DemoDelivery[], seed: string): DemoDelivery[] {
  const rng = seededRng(`shuffle|${seed}`);
  const out = rng.shuffle([...deliveries]);
  for (let i = 0; i < Math.ceil(deliveries.length / 20); i++) out.splice(rng.int(out.length), 0, rng.pick(deliveries));
  return out;
}
