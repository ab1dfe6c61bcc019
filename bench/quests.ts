/**
 * Quests, three figures from one run:
 *  - sign-in -> quest completed: from sending POST /auth/sign-in to the quest's state showing the new completion
 *    (the progress table polled every 20 ms), for a quest that every sign-in completes (count 1, duplication 1000);
 *    sequential, fresh users (the route allows 10 attempts a minute per username), a random pause between sign-ins;
 *  - rebuild of one user's stream of 10,000 entries, from the first entry and from the latest snapshot (every 50);
 *  - catalog reads through the progress service's CachedCatalog against the emulator's table (TTL 5 s) and
 *    without it, with a quest.updated applied every 100 reads: latency per read and the hit ratio.
 *   npx tsx bench/quests.ts
 */
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Quest } from '../events/quests';
import { CachedCatalog } from '../functions/quest-progress/adapters/cached-catalog';
import { DynamoCatalogProjection } from '../functions/quest-progress/adapters/dynamodb-catalog-projection';
import {
  apply,
  emptyState,
  type ProgressState,
  type StreamEntry,
} from '../functions/quest-progress/domain/progress';
import { rebuildProgress } from '../functions/quest-progress/use-cases/rebuild-progress';
import { apiClient } from '../scripts/lib/api-client';
import { eventually } from '../scripts/lib/eventually';
import { addQuest, progressStore } from '../scripts/lib/quests';
import { apiBaseUrl, clientConfig, loadOutputs } from '../scripts/lib/target';
import { demoUser, ensureUser, signInThroughApi } from '../scripts/lib/users';
import { createDynamoDb } from '../shared/storage/dynamodb';
import { printTable, ratio, resultsFile, round, sleep, summarize, writeResults } from './lib';

const SIGN_INS = Number(process.env.BENCH_QUEST_SIGN_INS ?? 30);
const STREAM_LENGTH = Number(process.env.BENCH_QUEST_STREAM ?? 10_000);
const SNAPSHOT_EVERY = 50;
const CATALOG_READS = Number(process.env.BENCH_CATALOG_READS ?? 600);

const outputs = loadOutputs();
const { doc } = createDynamoDb(new DynamoDBClient(clientConfig()));
const store = progressStore(outputs);

async function signInToCompleted(admin: ReturnType<typeof apiClient>) {
  const quest = await addQuest(admin, {
    name: 'Bench: every sign-in',
    kind: 'count',
    target: 1,
    duplication: 1000,
    reward: { currency: 'gold', amount: 1 },
    autoClaim: true,
  });
  await eventually(
    async () =>
      (await admin.get<{ quests: Quest[] }>('/quests/me')).body.quests.some(
        (q) => q.questId === quest.questId,
      ),
    {
      what: 'the bench quest in the progress catalog',
    },
  );
  const users = await Promise.all(
    Array.from({ length: Math.ceil(SIGN_INS / 5) }, async (_, i) => {
      const user = {
        username: `bench-q-${i}-${randomUUID().slice(0, 6)}`,
        password: `Bench-${randomUUID().slice(0, 8)}-Pw1!`,
      };
      await ensureUser({ ...user, groups: ['players'] }, outputs);
      // The first sign-in (user.signed_up) is not timed; it also tells the user's id.
      const tokens = await signInThroughApi(user.username, user.password, outputs);
      const claims = JSON.parse(Buffer.from(tokens.accessToken.split('.')[1]!, 'base64url').toString());
      return { ...user, sub: String(claims.sub) };
    }),
  );
  const toCompleted: number[] = [];
  const signInMs: number[] = [];
  const completions = async (sub: string) => (await store.getState(sub, quest.questId))?.completions ?? 0;
  for (let i = 0; i < SIGN_INS; i++) {
    const user = users[i % users.length]!;
    await sleep(Math.random() * 500);
    await eventually(async () => (await completions(user.sub)) >= Math.floor(i / users.length) + 1, {
      timeoutMs: 15_000,
      what: 'the previous sign-ins applied',
    });
    const before = await completions(user.sub);
    const t0 = performance.now();
    const answer = await fetch(`${apiBaseUrl(outputs)}/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: user.username, password: user.password }),
    });
    signInMs.push(performance.now() - t0);
    if (answer.status !== 200) throw new Error(`sign-in answered ${answer.status}`);
    await eventually(async () => (await completions(user.sub)) > before, {
      intervalMs: 20,
      timeoutMs: 15_000,
      what: 'the completion',
    });
    toCompleted.push(performance.now() - t0);
  }
  await admin.call('DELETE', `/admin/quests/${quest.questId}`);
  return { signIn: summarize(signInMs), signInToCompleted: summarize(toCompleted) };
}

async function rebuild() {
  const userId = `bench-rebuild-${randomUUID().slice(0, 8)}`;
  const questId = 'bench-rebuild';
  let state: ProgressState = emptyState(userId, questId);
  const items: Record<string, unknown>[] = [];
  const pad = (n: number) => String(n).padStart(10, '0');
  for (let seq = 1; seq <= STREAM_LENGTH; seq++) {
    const at = new Date(Date.UTC(2026, 0, 1) + seq * 60_000).toISOString();
    const entry: StreamEntry =
      seq % 4 === 0
        ? { seq, type: 'quest_completed', at, recordedAt: at, dayKey: at.slice(0, 10), completion: seq / 4 }
        : { seq, type: 'signed_in', at, recordedAt: at, dayKey: at.slice(0, 10), sourceEventId: `e${seq}` };
    state = apply(state, entry);
    items.push({ pk: `STREAM#${userId}#${questId}`, sk: `EVENT#${pad(seq)}`, questId, ...entry });
    if (seq % SNAPSHOT_EVERY === 0)
      items.push({ pk: `SNAP#${userId}#${questId}`, sk: `SNAP#${pad(seq)}`, ...state });
  }
  items.push({ pk: `USER#${userId}`, sk: `STATE#${questId}`, ...state });
  console.log(`quests: writing a stream of ${STREAM_LENGTH} entries (${items.length} items)`);
  for (let i = 0; i < items.length; i += 25) {
    let pending = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
    while (pending.length > 0) {
      const r = await doc.send(
        new BatchWriteCommand({ RequestItems: { [outputs.QuestProgressTableName]: pending } }),
      );
      pending = (r.UnprocessedItems?.[outputs.QuestProgressTableName] ?? []) as typeof pending;
    }
  }
  const timed = async (useSnapshots: boolean) => {
    const runs: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      const [report] = await rebuildProgress({ store }, { userId, useSnapshots });
      runs.push(performance.now() - t0);
      if (!report?.matches) throw new Error('the rebuild did not reproduce the stored state');
    }
    return summarize(runs);
  };
  const withoutSnapshots = await timed(false);
  const withSnapshots = await timed(true);
  return {
    entries: STREAM_LENGTH,
    snapshotEvery: SNAPSHOT_EVERY,
    withoutSnapshots,
    withSnapshots,
    ratio: ratio(withSnapshots.p50, withoutSnapshots.p50, 3),
  };
}

async function catalogCache() {
  const projection = new DynamoCatalogProjection(doc, outputs.QuestProgressTableName);
  const measure = async (ttlMs: number | undefined) => {
    const cache = new CachedCatalog(projection, ttlMs);
    const latencies: number[] = [];
    let version = await projection.catalogVersion();
    const [sample] = await projection.quests();
    for (let i = 0; i < CATALOG_READS; i++) {
      if (i > 0 && i % 100 === 0 && sample) {
        // A quest.updated taken by another worker: the projection changes, this worker is not told.
        version += 1;
        await projection.applyQuest({ ...sample, version: sample.version + version });
      }
      const t0 = performance.now();
      await cache.quests();
      latencies.push(performance.now() - t0);
      await sleep(5);
    }
    const s = cache.stats;
    return {
      ...summarize(latencies),
      hitRatio: round((s.hits + s.revalidated) / CATALOG_READS, 3),
      stats: { ...s },
    };
  };
  const withCache = await measure(5000);
  // TTL 0, as the progress consumer runs: the version is read every time, the quests only when they changed.
  const versionChecked = await measure(0);
  const withoutCache = await measure(undefined);
  return {
    reads: CATALOG_READS,
    ttlMs: 5000,
    withCache,
    versionChecked,
    withoutCache,
    p50Ratio: ratio(withCache.p50, withoutCache.p50, 3),
    versionCheckedP50Ratio: ratio(versionChecked.p50, withoutCache.p50, 3),
  };
}

/** BENCH_QUESTS_PARTS=cache (say) runs some of the three; the results of the others stay as they were. */
const PARTS = (process.env.BENCH_QUESTS_PARTS ?? 'sign-in,rebuild,cache').split(',');

async function main() {
  const admin = demoUser('admin');
  await ensureUser(admin, outputs);
  const adminApi = apiClient((await signInThroughApi(admin.username, admin.password, outputs)).accessToken);
  const results: Record<string, unknown> = {};
  const rows: Record<string, unknown>[] = [];
  if (PARTS.includes('sign-in')) {
    const signIns = await signInToCompleted(adminApi);
    results.signIns = signIns;
    rows.push({ figure: 'POST /auth/sign-in', ...signIns.signIn });
    rows.push({ figure: 'sign-in -> quest completed', ...signIns.signInToCompleted });
  }
  if (PARTS.includes('rebuild')) {
    const rebuilt = await rebuild();
    results.rebuild = rebuilt;
    rows.push({ figure: `rebuild ${rebuilt.entries}, no snapshots`, ...rebuilt.withoutSnapshots });
    rows.push({ figure: `rebuild ${rebuilt.entries}, snapshots`, ...rebuilt.withSnapshots });
  }
  if (PARTS.includes('cache')) {
    const cache = await catalogCache();
    results.catalogCache = cache;
    rows.push({ figure: 'catalog read, cache TTL 5 s', ...cache.withCache, stats: undefined });
    rows.push({ figure: 'catalog read, TTL 0 (version)', ...cache.versionChecked, stats: undefined });
    rows.push({ figure: 'catalog read, no cache', ...cache.withoutCache, stats: undefined });
  }
  printTable(rows);
  const previous = fs.existsSync(resultsFile())
    ? (JSON.parse(fs.readFileSync(resultsFile(), 'utf8')).benchmarks?.quests ?? {})
    : {};
  const { finishedAt: _f, ...kept } = previous as Record<string, unknown>;
  writeResults('quests', { ...kept, ...results });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
