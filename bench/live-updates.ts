/**
 * Live updates: from the moment POST /events is sent to the moment a subscribed WebSocket client receives its
 * event.created (the path: calendar function → outbox → stream → relay → bus → broadcast queue → broadcaster →
 * management API → socket). Measured with 1 and with 100 connected clients (to the last of them), then the time
 * to fan one change out to 1,000 subscribed connections: BENCH_FANOUT_SAMPLES changes with the deployed broadcaster,
 * one with BENCH_FANOUT_STALE subscriptions of connections that are gone added (each a 410; they must be removed
 * and hold no one back), and BENCH_FANOUT_LEVEL_ROUNDS rounds over the numbers of posts in flight in
 * BENCH_FANOUT_LEVELS (the broadcaster's POST_CONCURRENCY, set for the measurement and put back). Sequential POSTs with a random pause, so the samples
 * do not lock step with the emulator's pollers.
 *   npx tsx bench/live-updates.ts      (BENCH_LIVE_SAMPLES=20, BENCH_FANOUT_CONNECTIONS=1000, BENCH_FANOUT_SAMPLES=3,
 *                                       BENCH_FANOUT_STALE=100, BENCH_FANOUT_LEVELS=8,32,50, BENCH_FANOUT_LEVEL_ROUNDS=2)
 */
import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  GetFunctionConfigurationCommand,
  LambdaClient,
  ListFunctionsCommand,
  UpdateFunctionConfigurationCommand,
} from '@aws-sdk/client-lambda';
import { BatchWriteCommand, DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import WebSocket from 'ws';
import { apiClient } from '../scripts/lib/api-client';
import { eventually } from '../scripts/lib/eventually';
import { clientConfig, loadOutputs } from '../scripts/lib/target';
import { ensureUser, signIn } from '../scripts/lib/users';
import { webSocketBaseUrl } from '../scripts/lib/websocket';
import { GROUPS } from '../shared/identity';
import { TTL_ATTRIBUTE } from '../shared/messaging/outbox';
import {
  createUsers,
  expectStatus,
  percentile,
  printTable,
  round,
  runPool,
  sleep,
  summarize,
  writeResults,
} from './lib';

const SAMPLES = Number(process.env.BENCH_LIVE_SAMPLES ?? 20);
const FANOUT = Number(process.env.BENCH_FANOUT_CONNECTIONS ?? 1000);
const FANOUT_SAMPLES = Number(process.env.BENCH_FANOUT_SAMPLES ?? 3);
const FANOUT_STALE = Number(process.env.BENCH_FANOUT_STALE ?? 100);
const FANOUT_LEVEL_ROUNDS = Number(process.env.BENCH_FANOUT_LEVEL_ROUNDS ?? 2);
const FANOUT_LEVELS = (process.env.BENCH_FANOUT_LEVELS ?? '8,32,50').split(',').filter(Boolean).map(Number);
const WAIT_MS = 60_000;

interface FanOutSample {
  connections: number;
  received: number;
  firstMs?: number;
  p50Ms: number;
  p95Ms: number;
  lastMs?: number;
}

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

/** The broadcaster, found by name; its POST_CONCURRENCY can be changed for a measurement and put back. */
async function broadcastFunction() {
  const lambda = new LambdaClient(clientConfig());
  let FunctionName: string | undefined;
  let Marker: string | undefined;
  do {
    const page = await lambda.send(new ListFunctionsCommand({ Marker }));
    FunctionName ??= page.Functions?.find((f) =>
      f.FunctionName?.includes('RealtimeBroadcastFunction'),
    )?.FunctionName;
    Marker = page.NextMarker;
  } while (!FunctionName && Marker);
  if (!FunctionName) throw new Error('no RealtimeBroadcastFunction deployed');
  const variables = async () =>
    (await lambda.send(new GetFunctionConfigurationCommand({ FunctionName }))).Environment?.Variables ?? {};
  return {
    concurrency: async () => (await variables()).POST_CONCURRENCY,
    setConcurrency: async (level: number | string | undefined) => {
      const { POST_CONCURRENCY: _, ...rest } = await variables();
      const Variables = level === undefined ? rest : { ...rest, POST_CONCURRENCY: String(level) };
      await lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName, Environment: { Variables } }));
      await eventually(
        async () =>
          (await lambda.send(new GetFunctionConfigurationCommand({ FunctionName }))).LastUpdateStatus !==
          'InProgress',
        { what: 'the broadcaster updated', timeoutMs: 60_000, intervalMs: 100 },
      );
    },
  };
}

const db = DynamoDBDocumentClient.from(new DynamoDBClient(clientConfig()));

/** Subscriptions to `events` of connections that do not exist (as a $disconnect that never ran leaves them). */
async function addStaleSubscriptions(tableName: string, count: number, userId: string) {
  // Ids like the emulator's (16 hex digits), so that the stale ones sort among the live ones in the topic's query.
  const ids = Array.from({ length: count }, () => randomUUID().replaceAll('-', '').slice(0, 16));
  const expiration = Math.floor(Date.now() / 1000) + 3600;
  for (let i = 0; i < ids.length; i += 25) {
    await db.send(
      new BatchWriteCommand({
        RequestItems: {
          [tableName]: ids.slice(i, i + 25).map((connectionId) => ({
            PutRequest: {
              Item: {
                pk: 'TOPIC#events',
                sk: connectionId,
                connectionId,
                userId,
                [TTL_ATTRIBUTE]: expiration,
              },
            },
          })),
        },
      }),
    );
  }
  return ids;
}

async function countStale(tableName: string, ids: readonly string[]) {
  let left = 0;
  for (const connectionId of ids) {
    const item = await db.send(
      new GetCommand({ TableName: tableName, Key: { pk: 'TOPIC#events', sk: connectionId } }),
    );
    if (item.Item) left++;
  }
  return left;
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

  /** One change fanned out to every client: arrival times after the POST, and how many had it within 120 s. */
  const fanOutOnce = async (): Promise<FanOutSample> => {
    const { id, sent } = await create();
    const deadline = Date.now() + 120_000;
    while (!all.every((c) => c.received.has(id)) && Date.now() < deadline) await sleep(5);
    const arrivals = all
      .map((c) => c.received.get(id))
      .filter((t): t is number => t !== undefined)
      .map((t) => t - sent)
      .sort((a, b) => a - b);
    return {
      connections: all.length,
      received: arrivals.length,
      firstMs: arrivals[0],
      p50Ms: percentile(arrivals, 50),
      p95Ms: percentile(arrivals, 95),
      lastMs: arrivals.at(-1),
    };
  };
  const fanOut = async (label: string, times: number) => {
    const samples = [];
    for (let i = 0; i < times; i++) {
      await sleep(500 + Math.random() * 500);
      samples.push(await fanOutOnce());
      console.log(label, samples.at(-1));
    }
    return samples;
  };

  const broadcaster = await broadcastFunction();
  const deployed = await broadcaster.concurrency();
  const samples = await fanOut(`fan-out (${deployed ?? 'default'} posts in flight)`, FANOUT_SAMPLES);

  // Dead subscribers: subscriptions whose connection is gone without its $disconnect having run. Each post to
  // one answers 410; the broadcaster must remove it, and the live clients must not wait for it.
  const stale = await addStaleSubscriptions(outputs.RealtimeTableName, FANOUT_STALE, listener!.userId);
  const withStale = await fanOut(`fan-out with ${FANOUT_STALE} stale subscriptions`, 1);
  const staleRemovalStarted = Date.now();
  let staleLeft = await countStale(outputs.RealtimeTableName, stale);
  while (staleLeft > 0 && Date.now() - staleRemovalStarted < 30_000) {
    await sleep(250);
    staleLeft = await countStale(outputs.RealtimeTableName, stale);
  }
  const staleGoneAfterLastLiveMs = Date.now() - staleRemovalStarted;

  // The same fan-out with other numbers of posts in flight (the broadcaster's POST_CONCURRENCY), in this run,
  // the levels taken in turn each round, so that a change in the machine's load falls on all of them.
  const levels = FANOUT_LEVELS.map((level) => ({ postsInFlight: level, samples: [] as FanOutSample[] }));
  for (let round = 0; round < FANOUT_LEVEL_ROUNDS && levels.length > 0; round++) {
    for (const level of levels) {
      await broadcaster.setConcurrency(level.postsInFlight);
      await fanOutOnce(); // the first after a configuration change is a cold start: not counted
      level.samples.push(...(await fanOut(`fan-out (${level.postsInFlight} posts in flight)`, 1)));
    }
  }
  if (FANOUT_LEVELS.length > 0) await broadcaster.setConcurrency(deployed);
  for (const c of all) c.socket.terminate();

  const fanout = {
    description:
      'one POST /events fanned out to every connected client: arrival times (ms after the POST, client clock)',
    connections: all.length,
    postsInFlight: deployed ?? 'default of functions/realtime/use-cases/broadcast.ts',
    samples,
    lastMs: summarize(samples.map((x) => x.lastMs ?? Number.NaN)),
    withStaleSubscriptions: {
      stale: FANOUT_STALE,
      sample: withStale[0],
      staleLeft,
      staleGoneAfterLastLiveMs,
    },
    levels: levels.map((l) => ({ ...l, lastMs: summarize(l.samples.map((x) => x.lastMs ?? Number.NaN)) })),
    connectAndSubscribeMs,
    connectionsPerSecond: round((extra.length / connectAndSubscribeMs) * 1000),
  };
  printTable(
    [
      ...samples.map((x) => ({ run: 'deployed', ...x })),
      ...withStale.map((x) => ({ run: `+${FANOUT_STALE} stale`, ...x })),
      ...levels.flatMap((l) => l.samples.map((x) => ({ run: `${l.postsInFlight} in flight`, ...x }))),
    ].map(({ run, connections, received, firstMs, p50Ms, p95Ms, lastMs }) => ({
      run,
      connections,
      received,
      firstMs,
      p50Ms,
      p95Ms,
      lastMs,
    })),
  );
  writeResults('live-updates-fanout', fanout);
  process.exit(0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
