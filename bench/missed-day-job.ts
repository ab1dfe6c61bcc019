/**
 * The missed-day run over 1,000 and 10,000 players (100,000 with BENCH_MISSED_SIZES=1000,10000,100000, see below),
 * fanned out by roster page (ADR 8). The roster
 * partition of the interactions table is seeded directly (10% of the players active on the day), the pets
 * consumer's event source mapping is paused first so the run's events wait in the pets queue instead of creating
 * thousands of pets, the run is started as the schedule starts it and waited for until every page is judged, and
 * every interaction.missed that reached the pets queue is counted against the run's totals (draining the queue,
 * which also cleans up). The small sizes run three times over the same seeded roster (each run publishes the
 * same event ids), 100k once (BENCH_MISSED_LARGE_REPEATS); the median is reported. The seeded items are deleted
 * and the mapping re-enabled at the end. Every wait has a deadline (BENCH_MISSED_RUN_TIMEOUT_S, 600 s a run).
 *   npx tsx bench/missed-day-job.ts
 *   BENCH_MISSED_SIZES=1000,10000,100000 BENCH_MISSED_RUN_TIMEOUT_S=1800 BENCH_TIMEOUT_S=3600 \
 *     bash bench/run.sh missed-day-job      # 100k: about 25 minutes on MiniStack (BENCHMARKS.md 3a)
 */

import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  GetEventSourceMappingCommand,
  LambdaClient,
  ListEventSourceMappingsCommand,
  UpdateEventSourceMappingCommand,
} from '@aws-sdk/client-lambda';
import { SQSClient } from '@aws-sdk/client-sqs';
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { activeKey, rosterKey } from '../functions/interactions/adapters/keys';
import { ROSTER_PAGE_SIZE } from '../functions/interactions/use-cases/plan-missed-day-run';
import { eventually } from '../scripts/lib/eventually';
import { runMissedDay } from '../scripts/lib/missed-day';
import { drainQueue } from '../scripts/lib/queues';
import { clientConfig, loadOutputs } from '../scripts/lib/target';
import { percentile, printTable, ratio, round, runPool, sleep, writeResults } from './lib';

const outputs = loadOutputs();
const db = DynamoDBDocumentClient.from(new DynamoDBClient(clientConfig()));
const lambda = new LambdaClient(clientConfig());
const sqs = new SQSClient(clientConfig());
const SIZES = (process.env.BENCH_MISSED_SIZES ?? '1000,10000').split(',').map(Number);
const ACTIVE_SHARE = 0.1;
const REPEATS = Number(process.env.BENCH_MISSED_REPEATS ?? 3);
/** From this size on, a size runs BENCH_MISSED_LARGE_REPEATS times: seeding and draining 100k take minutes. */
const LARGE = 50_000;
const LARGE_REPEATS = Number(process.env.BENCH_MISSED_LARGE_REPEATS ?? 1);
const RUN_TIMEOUT_MS = Number(process.env.BENCH_MISSED_RUN_TIMEOUT_S ?? 600) * 1000;
const SEED_IN_FLIGHT = 8;

type Item = Record<string, unknown> & { pk: string; sk: string };

/** BatchWrite in chunks of 25, several in flight, retrying unprocessed items. */
async function writeAll(items: Item[], remove = false): Promise<void> {
  const chunks: Item[][] = [];
  for (let i = 0; i < items.length; i += 25) chunks.push(items.slice(i, i + 25));
  await runPool(chunks, SEED_IN_FLIGHT, async (chunk) => {
    let requests = chunk.map((item) =>
      remove ? { DeleteRequest: { Key: { pk: item.pk, sk: item.sk } } } : { PutRequest: { Item: item } },
    );
    for (let attempt = 1; requests.length > 0; attempt++) {
      if (attempt > 8) throw new Error('BatchWrite kept leaving items unprocessed');
      const result = await db.send(
        new BatchWriteCommand({ RequestItems: { [outputs.InteractionsTableName]: requests } }),
      );
      requests = (result.UnprocessedItems?.[outputs.InteractionsTableName] ?? []) as typeof requests;
      if (requests.length > 0) await sleep(50 * attempt);
    }
  });
}

async function setPetsConsumer(enabled: boolean): Promise<void> {
  const mappings = await lambda.send(
    new ListEventSourceMappingsCommand({ FunctionName: outputs.PetsConsumerFunctionName }),
  );
  const mapping = mappings.EventSourceMappings?.[0];
  if (!mapping?.UUID) throw new Error('The pets consumer has no event source mapping');
  await lambda.send(new UpdateEventSourceMappingCommand({ UUID: mapping.UUID, Enabled: enabled }));
  await eventually(
    async () =>
      (await lambda.send(new GetEventSourceMappingCommand({ UUID: mapping.UUID }))).State ===
      (enabled ? 'Enabled' : 'Disabled'),
    { what: `pets consumer ${enabled ? 'enabled' : 'disabled'}` },
  );
}

/** Takes every message off the pets queue; returns the event ids of the day's interaction.missed. */
async function drainMissed(day: string): Promise<{ ids: string[]; otherMessages: number }> {
  const ids: string[] = [];
  let otherMessages = 0;
  await drainQueue(
    outputs.PetsQueueUrl,
    (message) => {
      const event = JSON.parse(message.Body ?? '{}') as {
        'detail-type'?: string;
        detail?: { eventId: string; dayKey: string };
      };
      if (event['detail-type'] === 'interaction.missed' && event.detail?.dayKey === day) {
        ids.push(event.detail.eventId);
      } else otherMessages++;
    },
    { sqs },
  );
  return { ids, otherMessages };
}

async function benchSize(players: number, day: string) {
  const run = Math.random().toString(36).slice(2, 8);
  const userIds = Array.from(
    { length: players },
    (_, i) => `bench-missed-${run}-${String(i).padStart(5, '0')}`,
  );
  const roster: Item[] = userIds.map((userId) => ({
    ...rosterKey(userId),
    userId,
    adoptedDay: '2000-01-01',
  }));
  const active: Item[] = userIds
    .slice(0, Math.round(players * ACTIVE_SHARE))
    .map((userId) => ({ ...activeKey(day, userId), userId }));
  const seeded = [...roster, ...active];

  const seedStarted = performance.now();
  await writeAll(seeded);
  const seedMs = performance.now() - seedStarted;
  const expected = players - active.length;
  const runs = [];
  try {
    // The same day again: the job publishes the very same event ids, so each repetition is a full run.
    const repeats = players >= LARGE ? LARGE_REPEATS : REPEATS;
    for (let repeat = 0; repeat < repeats; repeat++) {
      const wallStarted = performance.now();
      const report = await runMissedDay(day, outputs, { timeoutMs: RUN_TIMEOUT_MS });
      const wallMs = performance.now() - wallStarted;
      const drainStarted = performance.now();
      const { ids, otherMessages } = await drainMissed(day);
      const drainMs = performance.now() - drainStarted;
      const distinct = new Set(ids).size;
      const verified = distinct === report.missedPublished && ids.length === report.missedPublished;
      if (!verified || report.missedPublished !== expected) {
        console.warn(
          `missed-day-job ${players}: published ${report.missedPublished} (expected ${expected}), ` +
            `${ids.length} reached the pets queue (${distinct} distinct)`,
        );
      }
      runs.push({
        report: {
          runId: report.runId,
          playersChecked: report.playersChecked,
          activePlayers: report.activePlayers,
          missedPublished: report.missedPublished,
          rosterPages: report.rosterPages,
          durationMs: report.durationMs,
        },
        wallMs: round(wallMs),
        missedInQueue: ids.length,
        missedInQueueDistinct: distinct,
        otherMessagesDrained: otherMessages,
        queueCountMatchesPublished: verified,
        drainMs: round(drainMs),
      });
    }
  } finally {
    await writeAll(seeded, true);
  }
  const jobMs = percentile(
    runs.map((r) => r.report.durationMs),
    50,
  );
  const wallMs = percentile(
    runs.map((r) => r.wallMs),
    50,
  );
  const first = runs[0]!;
  return {
    players,
    day,
    activePlayers: active.length,
    playersChecked: first.report.playersChecked,
    published: first.report.missedPublished,
    rosterPages: first.report.rosterPages,
    medianJobMs: jobMs,
    medianWallMs: wallMs,
    perPlayerMicros: round((jobMs / first.report.playersChecked) * 1000),
    wallPerPlayerMicros: round((wallMs / first.report.playersChecked) * 1000),
    allCountsMatch: runs.every((r) => r.queueCountMatchesPublished && r.report.missedPublished === expected),
    seedMs: round(seedMs),
    runs,
  };
}

async function main() {
  const started = Date.now();
  await setPetsConsumer(false);
  const results: Awaited<ReturnType<typeof benchSize>>[] = [];
  try {
    for (const [i, players] of SIZES.entries()) {
      const day = `2000-06-${String(i + 1).padStart(2, '0')}`;
      console.log(`missed-day-job: ${players} players for ${day}`);
      results.push(await benchSize(players, day));
    }
  } finally {
    await setPetsConsumer(true);
  }
  printTable(
    results.map((r) => ({
      players: r.players,
      checked: r.playersChecked,
      published: r.published,
      pages: r.rosterPages,
      'job ms (each run)': r.runs.map((run) => run.report.durationMs).join(' '),
      'median job ms': r.medianJobMs,
      'median wall ms': r.medianWallMs,
      'µs/player': r.perPlayerMicros,
      'in queue': r.runs.map((run) => run.missedInQueue).join(' '),
      match: r.allCountsMatch,
    })),
  );
  const small = results[0];
  const large = results[results.length - 1];
  const ratios =
    small && large && small !== large
      ? {
          players: ratio(large.players, small.players),
          jobDuration: ratio(large.medianJobMs, small.medianJobMs),
          wall: ratio(large.medianWallMs, small.medianWallMs),
          perPlayer: ratio(large.perPlayerMicros, small.perPlayerMicros),
        }
      : undefined;
  if (ratios) console.log(`missed-day-job: ${large!.players}/${small!.players} ratios`, ratios);
  writeResults('missedDayJob', {
    activeShare: ACTIVE_SHARE,
    rosterPageSize: ROSTER_PAGE_SIZE,
    runs: results,
    ratiosLargeToSmall: ratios,
    repeatsPerSize: REPEATS,
    allCountsMatch: results.every((r) => r.allCountsMatch),
    totalSeconds: Math.round((Date.now() - started) / 1000),
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
