/**
 * Analytics: N tracks (default 10,000) sent to POST /track by 20 concurrent senders, 10% of them sent twice
 * (a client's retry, same clientEventId). Reports the ingestion rate (202s per second) and the lag from the last
 * 202 until GET /analytics/events/{id} shows exactly the distinct tracks, and whether the counts were exact.
 *   npx tsx bench/track-ingestion.ts     (BENCH_TRACKS=10000)
 */
import { randomUUID } from 'node:crypto';
import { apiClient } from '../scripts/lib/api-client';
import { loadOutputs } from '../scripts/lib/target';
import { ensureUser, signIn } from '../scripts/lib/users';
import { GROUPS } from '../shared/identity';
import { expectStatus, round, runPool, sleep, writeResults } from './lib';

const TRACKS = Number(process.env.BENCH_TRACKS ?? 10_000);
const CONCURRENCY = 20;

async function main() {
  const outputs = loadOutputs();
  const username = `bench-an-${randomUUID().slice(0, 6)}`;
  const password = `Bench-${randomUUID().slice(0, 6)}-Pw1!`;
  await ensureUser({ username, password, groups: [GROUPS.organizers] }, outputs);
  const api = apiClient((await signIn(username, password, outputs)).accessToken);
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
  const all = [...distinct, ...retries].sort(() => Math.random() - 0.5);
  const expected = { view: 0, click: 0, share: 0 };
  for (const t of distinct) expected[t.type]++;

  console.log(`track-ingestion: ${all.length} POST /track (${retries.length} repeats)`);
  const started = Date.now();
  const latencies: number[] = [];
  await runPool(all, CONCURRENCY, async (track) => {
    const r = await api.post('/track', track);
    expectStatus('POST /track', r.status, 202, r.body);
    latencies.push(r.ms);
  });
  const sentAt = Date.now();
  const ingestionPerSecond = round((all.length / (sentAt - started)) * 1000);
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
    tracks: all.length,
    distinct: TRACKS,
    repeats: retries.length,
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
