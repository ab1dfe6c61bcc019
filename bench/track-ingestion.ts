/**
 * Analytics: N distinct tracks (default 10,000) sent to POST /track by 8 concurrent senders, with two kinds of
 * repeats mixed in at random among them: 10% sent twice to the API (a client's retry, same clientEventId) and 5%
 * put on the track queue a second time directly (the queue delivering a message again, as SQS may). Reports the
 * ingestion rate (202s per second) and the lag from the last 202 until GET /analytics/events/{id} shows exactly
 * the distinct tracks, and whether the counts were still exact 5 s later (an over-count would show there).
 *   npx tsx bench/track-ingestion.ts     (BENCH_TRACKS=10000, BENCH_TRACK_CONCURRENCY=8)
 */
import { randomUUID } from 'node:crypto';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { apiClient } from '../scripts/lib/api-client';
import { clientConfig, loadOutputs } from '../scripts/lib/target';
import { ensureUser, signIn } from '../scripts/lib/users';
import { GROUPS } from '../shared/identity';
import { expectStatus, round, runPool, sleep, subOf, writeResults } from './lib';

const TRACKS = Number(process.env.BENCH_TRACKS ?? 10_000);
const CONCURRENCY = Number(process.env.BENCH_TRACK_CONCURRENCY ?? 8);

async function main() {
  const outputs = loadOutputs();
  const username = `bench-an-${randomUUID().slice(0, 6)}`;
  const password = `Bench-${randomUUID().slice(0, 6)}-Pw1!`;
  await ensureUser({ username, password, groups: [GROUPS.organizers] }, outputs);
  const { accessToken } = await signIn(username, password, outputs);
  // 429s (locally at most 2 invocations of a route function at once, README "Under load") are waited out and sent
  // again, as a client would; they are counted. More senders than that only buy more 429s.
  const api = apiClient(accessToken, undefined, { quiet: true, retries: 30, deadlineMs: 120_000 });
  const userId = subOf(accessToken);
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
  const distinct = Array.from({ length: TRACKS }, (_, i) => ({
    type: types[i % 3]!,
    eventId,
    clientEventId: `b-${randomUUID()}`,
  }));
  const retries = distinct.filter((_, i) => i % 10 === 0);
  const requeued = distinct.filter((_, i) => i % 20 === 5);
  const all = [
    ...distinct.map((track) => ({ track, via: 'api' as const })),
    ...retries.map((track) => ({ track, via: 'api' as const })),
    ...requeued.map((track) => ({ track, via: 'queue' as const })),
  ].sort(() => Math.random() - 0.5);
  const expected = { view: 0, click: 0, share: 0 };
  for (const t of distinct) expected[t.type]++;

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
        type: track.type,
        calendarEventId: eventId,
        clientEventId: track.clientEventId,
        userId,
        receivedAt: new Date().toISOString(),
      };
      await sqs.send(
        new SendMessageCommand({ QueueUrl: outputs.TrackQueueUrl, MessageBody: JSON.stringify(message) }),
      );
      return;
    }
    const r = await api.post('/track', track);
    expectStatus('POST /track', r.status, 202, r.body);
    latencies.push(r.ms);
    throttled += r.throttled;
  });
  const sentAt = Date.now();
  const ingestionPerSecond = round((posts / (sentAt - started)) * 1000);
  console.log(`track-ingestion: ${ingestionPerSecond} tracks/s accepted; waiting for the counts`);

  let totals = { view: 0, click: 0, share: 0 };
  for (;;) {
    const r = await api.get<{ totals: typeof totals }>(`/analytics/events/${eventId}`);
    if (r.status === 200) totals = r.body.totals;
    if (totals.view + totals.click + totals.share >= TRACKS) break;
    if (Date.now() - sentAt > 600_000) throw new Error(`counts stuck at ${JSON.stringify(totals)}`);
    await sleep(200);
  }
  const lagMs = Date.now() - sentAt;
  await sleep(5_000);
  const settled = (await api.get<{ totals: typeof totals }>(`/analytics/events/${eventId}`)).body.totals;
  latencies.sort((a, b) => a - b);
  const result = {
    tracks: posts,
    distinct: TRACKS,
    repeats: retries.length,
    queueRedeliveries: requeued.length,
    throttledAndResent: throttled,
    concurrency: CONCURRENCY,
    ingestionPerSecond,
    trackP50Ms: round(latencies[Math.floor(latencies.length / 2)]!),
    trackP95Ms: round(latencies[Math.floor(latencies.length * 0.95)]!),
    lagUntilExactMs: lagMs,
    expected,
    countedAfter5sMore: settled,
    exact: JSON.stringify(settled) === JSON.stringify(expected),
  };
  console.log(result);
  writeResults('track-ingestion', result);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
