/**
 * Analytics: N tracks (default 10,000) of U users (default 20), each with its own clientEventId, sent to POST /track
 * by 8 concurrent senders, with two kinds of repeats mixed in at random among them: 10% sent twice to the API (a
 * client's retry, same clientEventId) and 5% put on the track queue a second time directly (the queue delivering a
 * message again, as SQS may). Analytics counts distinct users per event and kind, so the exact counts are U per
 * kind however many tracks there were. Reports the ingestion rate (202s per second) and the lag from the last 202
 * until the track queue is drained, and whether the counts were then exact (an over-count would show there).
 *   npx tsx bench/track-ingestion.ts     (BENCH_TRACKS=10000, BENCH_TRACK_USERS=20, BENCH_TRACK_CONCURRENCY=8)
 */
import { randomUUID } from 'node:crypto';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { apiClient } from '../scripts/lib/api-client';
import { eventually } from '../scripts/lib/eventually';
import { queuesSettled } from '../scripts/lib/queues-settled';
import { clientConfig, loadOutputs, type StackOutputs } from '../scripts/lib/target';
import { ensureUser, signIn } from '../scripts/lib/users';
import { GROUPS, type GroupName } from '../shared/identity';
import { expectStatus, round, runPool, subOf, writeResults } from './lib';

const TRACKS = Number(process.env.BENCH_TRACKS ?? 10_000);
const USERS = Number(process.env.BENCH_TRACK_USERS ?? 20);
const CONCURRENCY = Number(process.env.BENCH_TRACK_CONCURRENCY ?? 8);

/**
 * A signed-in bench user. 429s (locally at most 2 invocations of a route function at once, docs/under-load.md)
 * are waited out and sent again, as a client would; they are counted. More senders only buy more 429s.
 */
async function benchUser(outputs: StackOutputs, groups: GroupName[] = []) {
  const username = `bench-an-${randomUUID().slice(0, 6)}`;
  const password = `Bench-${randomUUID().slice(0, 6)}-Pw1!`;
  await ensureUser({ username, password, groups }, outputs);
  const { accessToken } = await signIn(username, password, outputs);
  return {
    api: apiClient(accessToken, undefined, { quiet: true, retries: 30, deadlineMs: 120_000 }),
    userId: subOf(accessToken),
  };
}

const waitUntil = (probe: () => Promise<boolean>, what: string) =>
  eventually(probe, { timeoutMs: 60_000, what });

async function main() {
  const outputs = loadOutputs();
  const { api } = await benchUser(outputs, [GROUPS.organizers]);
  const { results: users } = await runPool(
    Array.from({ length: USERS }, (_, i) => i),
    4,
    async () => benchUser(outputs),
  );
  const sqs = new SQSClient(clientConfig());
  const created = await api.post<{ id: string }>('/events', {
    name: 'Tracked',
    startsAt: new Date(Date.now() + 86_400_000).toISOString(),
    location: 'Bench',
    capacity: 10,
  });
  expectStatus('POST /events', created.status, 201, created.body);
  const eventId = created.body.id;
  const types = ['view', 'click', 'share'] as const;
  await waitUntil(
    async () => (await api.get(`/analytics/events/${eventId}`)).status === 200,
    'event.created',
  );
  const distinct = Array.from({ length: TRACKS }, (_, i) => ({
    user: users[i % USERS]!,
    body: { type: types[Math.floor(i / USERS) % 3]!, eventId, clientEventId: `b-${randomUUID()}` },
  }));
  const retries = distinct.filter((_, i) => i % 10 === 0);
  const requeued = distinct.filter((_, i) => i % 20 === 5);
  const all = [
    ...distinct.map((track) => ({ track, via: 'api' as const })),
    ...retries.map((track) => ({ track, via: 'api' as const })),
    ...requeued.map((track) => ({ track, via: 'queue' as const })),
  ].sort(() => Math.random() - 0.5);
  const expected = { view: 0, click: 0, share: 0 };
  for (const type of new Set(distinct.map((t) => `${t.body.type}#${t.user.userId}`))) {
    expected[type.split('#')[0] as keyof typeof expected]++;
  }

  const posts = all.filter((a) => a.via === 'api').length;
  console.log(
    `track-ingestion: ${posts} POST /track (${retries.length} repeats) and ${requeued.length} queue redeliveries`,
  );
  const started = Date.now();
  const latencies: number[] = [];
  let throttled = 0;
  await runPool(all, CONCURRENCY, async ({ track, via }) => {
    if (via === 'queue') {
      // What the API would have buffered for this track (the aggregator's message), delivered once more.
      const message = {
        type: track.body.type,
        calendarEventId: eventId,
        clientEventId: track.body.clientEventId,
        userId: track.user.userId,
        receivedAt: new Date().toISOString(),
      };
      await sqs.send(
        new SendMessageCommand({ QueueUrl: outputs.TrackQueueUrl, MessageBody: JSON.stringify(message) }),
      );
      return;
    }
    const r = await track.user.api.post('/track', track.body);
    expectStatus('POST /track', r.status, 202, r.body);
    latencies.push(r.ms);
    throttled += r.throttled;
  });
  const sentAt = Date.now();
  const ingestionPerSecond = round((posts / (sentAt - started)) * 1000);
  console.log(`track-ingestion: ${ingestionPerSecond} tracks/s accepted; waiting for the counts`);

  await queuesSettled([outputs.TrackQueueUrl!], { timeoutMs: 600_000 });
  const lagMs = Date.now() - sentAt;
  const settled = (await api.get<{ totals: typeof expected }>(`/analytics/events/${eventId}`)).body.totals;
  latencies.sort((a, b) => a - b);
  const result = {
    tracks: posts,
    distinct: TRACKS,
    users: USERS,
    repeats: retries.length,
    queueRedeliveries: requeued.length,
    throttledAndResent: throttled,
    concurrency: CONCURRENCY,
    ingestionPerSecond,
    trackP50Ms: round(latencies[Math.floor(latencies.length / 2)]!),
    trackP95Ms: round(latencies[Math.floor(latencies.length * 0.95)]!),
    lagUntilDrainedMs: lagMs,
    expected,
    counted: settled,
    exact: JSON.stringify(settled) === JSON.stringify(expected),
  };
  console.log(result);
  writeResults('track-ingestion', result);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
