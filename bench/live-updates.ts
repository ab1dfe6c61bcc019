/**
 * Live updates: from the moment POST /events is sent to the moment a subscribed WebSocket client receives its
 * event.created (the path: calendar function → outbox → stream → relay → bus → broadcast queue → broadcaster →
 * management API → socket). Measured with 1 and with 100 connected clients (to the last of them), then the time
 * to fan one change out to 1,000 subscribed connections. Sequential POSTs with a random pause, so the samples
 * do not lock step with the emulator's pollers.
 *   npx tsx bench/live-updates.ts      (BENCH_LIVE_SAMPLES=20, BENCH_FANOUT_CONNECTIONS=1000)
 */
import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import { apiClient } from '../scripts/lib/api-client';
import { loadOutputs } from '../scripts/lib/target';
import { ensureUser, signIn } from '../scripts/lib/users';
import { webSocketBaseUrl } from '../scripts/lib/websocket';
import { GROUPS } from '../shared/identity';
import { createUsers, expectStatus, printTable, round, runPool, sleep, summarize, writeResults } from './lib';

const SAMPLES = Number(process.env.BENCH_LIVE_SAMPLES ?? 20);
const FANOUT = Number(process.env.BENCH_FANOUT_CONNECTIONS ?? 1000);
const WAIT_MS = 60_000;

interface Client {
  socket: WebSocket;
  /** calendarEventId → when this client received its event.created. */
  received: Map<string, number>;
}

async function connect(url: string): Promise<Client> {
  const socket = new WebSocket(url);
  const received = new Map<string, number>();
  let subscribed: () => void = () => undefined;
  const subscribedNow = new Promise<void>((resolve) => {
    subscribed = resolve;
  });
  socket.on('message', (data) => {
    const message = JSON.parse(String(data)) as { type: string; data?: { calendarEventId?: string } };
    if (message.type === 'subscribed') subscribed();
    if (message.type === 'event.created' && message.data?.calendarEventId) {
      received.set(message.data.calendarEventId, Date.now());
    }
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
    socket.once('unexpected-response', (_q, r) => reject(new Error(`handshake ${r.statusCode}`)));
  });
  socket.send(JSON.stringify({ action: 'subscribe', topic: 'events' }));
  await subscribedNow;
  return { socket, received };
}

async function waitUntil(check: () => boolean, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the pushes');
    await sleep(5);
  }
}

async function main() {
  const outputs = loadOutputs();
  const organizerName = `bench-org-${randomUUID().slice(0, 6)}`;
  const password = `Bench-${randomUUID().slice(0, 6)}-Pw1!`;
  await ensureUser({ username: organizerName, password, groups: [GROUPS.organizers] }, outputs);
  const organizer = apiClient((await signIn(organizerName, password, outputs)).accessToken);
  const [listener] = await createUsers(1, 'bench-live');
  const url = `${webSocketBaseUrl(outputs)}?token=${listener!.accessToken}`;

  const create = async () => {
    const sent = Date.now();
    const r = await organizer.post<{ id: string }>('/events', {
      name: 'Bench',
      startsAt: new Date(Date.now() + 86_400_000).toISOString(),
      location: 'Bench',
      capacity: 10,
    });
    expectStatus('POST /events', r.status, 201, r.body);
    return { id: r.body.id, sent };
  };

  const measure = async (clients: Client[]) => {
    const toLast: number[] = [];
    const toEach: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      await sleep(Math.random() * 500);
      const { id, sent } = await create();
      await waitUntil(() => clients.every((c) => c.received.has(id)), WAIT_MS);
      const times = clients.map((c) => c.received.get(id)! - sent);
      toLast.push(Math.max(...times));
      toEach.push(...times);
    }
    return { toLast: summarize(toLast), toEach: summarize(toEach) };
  };

  console.log('live-updates: 1 client');
  const one = [await connect(url)];
  const withOne = await measure(one);
  console.log('live-updates: 100 clients');
  const more = (await runPool(Array.from({ length: 99 }), 10, () => connect(url))).results;
  const hundred = [...one, ...more];
  const withHundred = await measure(hundred);

  printTable([
    { clients: 1, p50: withOne.toLast.p50, p95: withOne.toLast.p95, max: withOne.toLast.max },
    { clients: 100, p50: withHundred.toLast.p50, p95: withHundred.toLast.p95, max: withHundred.toLast.max },
  ]);
  writeResults('live-updates', {
    description:
      'POST /events sent → event.created received over WebSocket (ms, client clock); "toLast" is when the last subscribed client had it',
    samples: SAMPLES,
    oneClient: withOne,
    hundredClients: withHundred,
  });
  console.log(`live-updates: connecting ${FANOUT} clients`);
  const connectStarted = Date.now();
  const extra = (await runPool(Array.from({ length: FANOUT - hundred.length }), 20, () => connect(url)))
    .results;
  const connectAndSubscribeMs = Date.now() - connectStarted;
  const all = [...hundred, ...extra];
  const { id, sent } = await create();
  await waitUntil(() => all.every((c) => c.received.has(id)), 120_000);
  const arrivals = all.map((c) => c.received.get(id)! - sent).sort((a, b) => a - b);
  const fanout = {
    connections: all.length,
    firstMs: arrivals[0],
    p50Ms: arrivals[Math.floor(arrivals.length / 2)],
    lastMs: arrivals.at(-1),
    connectAndSubscribeMs,
    connectionsPerSecond: round((extra.length / connectAndSubscribeMs) * 1000),
  };
  for (const c of all) c.socket.terminate();

  console.log(fanout);
  writeResults('live-updates-fanout', fanout);
  process.exit(0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
