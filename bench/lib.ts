/**
 * Shared by the benchmarks: percentiles, a bounded concurrency pool, benchmark users and the results writer.
 * Benchmarks compare figures as ratios taken within one run: the machine is small and shared, so absolute
 * milliseconds move between runs while ratios of routes measured side by side hold up much better.
 */

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  GetEventSourceMappingCommand,
  type LambdaClient,
  ListEventSourceMappingsCommand,
  UpdateEventSourceMappingCommand,
} from '@aws-sdk/client-lambda';
import type { Message, SQSClient } from '@aws-sdk/client-sqs';
import { apiClient } from '../scripts/lib/api-client';
import { eventually } from '../scripts/lib/eventually';
import { drainQueue as drainQueueOf } from '../scripts/lib/queues';
import { loadOutputs, REPO_ROOT, type StackOutputs } from '../scripts/lib/target';
import { ensureUser, signIn } from '../scripts/lib/users';
import { GROUPS } from '../shared/identity';

export interface Summary {
  n: number;
  p50: number;
  p95: number;
  max: number;
  min: number;
  mean: number;
}

/** Nearest-rank percentile of the values (0 < p <= 100). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export function round(value: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

export function summarize(values: readonly number[]): Summary {
  const mean = values.reduce((a, b) => a + b, 0) / (values.length || 1);
  return {
    n: values.length,
    p50: round(percentile(values, 50)),
    p95: round(percentile(values, 95)),
    max: round(values.length ? Math.max(...values) : Number.NaN),
    min: round(values.length ? Math.min(...values) : Number.NaN),
    mean: round(mean),
  };
}

export function ratio(a: number, b: number, digits = 2): number {
  return round(a / b, digits);
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `work` over the items with at most `concurrency` in flight. Bounded in time too: once `deadlineMs`
 * has passed since the start no new item is started, and the items left are counted as skipped.
 */
export async function runPool<T, R>(
  items: readonly T[],
  concurrency: number,
  work: (item: T, index: number) => Promise<R>,
  options: { deadlineMs?: number } = {},
): Promise<{ results: R[]; skipped: number }> {
  const deadline = Date.now() + (options.deadlineMs ?? Number.POSITIVE_INFINITY);
  const results: R[] = [];
  let next = 0;
  let skipped = 0;
  const lane = async () => {
    for (;;) {
      const index = next++;
      if (index >= items.length) return;
      if (Date.now() > deadline) {
        skipped++;
        continue;
      }
      results[index] = await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, lane));
  return { results: results.filter((r) => r !== undefined), skipped };
}

export interface BenchUser {
  username: string;
  userId: string;
  accessToken: string;
  api: ReturnType<typeof apiClient>;
}

/** The `sub` claim of a JWT, read without verifying it (the API verifies; this only names the user). */
export function subOf(token: string): string {
  const payload = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as {
    sub: string;
  };
  return payload.sub;
}

/**
 * Creates `count` players (group players) named <prefix>-<run>-<n> and signs them in. No function is invoked:
 * the user id comes from the token, so a cold-start measurement can create its user first.
 */
export async function createUsers(count: number, prefix: string, outputs: StackOutputs = loadOutputs()) {
  const run = Math.random().toString(36).slice(2, 8);
  const specs = Array.from({ length: count }, (_, i) => ({
    username: `${prefix}-${run}-${String(i).padStart(3, '0')}`,
    password: `Bench-${run}-Pw1!`,
    groups: [GROUPS.players],
  }));
  const { results } = await runPool(specs, 4, async (spec): Promise<BenchUser> => {
    await ensureUser(spec, outputs);
    const tokens = await signIn(spec.username, spec.password, outputs);
    return {
      username: spec.username,
      userId: subOf(tokens.accessToken),
      accessToken: tokens.accessToken,
      api: apiClient(tokens.accessToken),
    };
  });
  return results;
}

export function expectStatus(what: string, status: number, expected: number, body?: unknown): void {
  if (status !== expected) {
    throw new Error(
      `${what} answered ${status}, expected ${expected}: ${JSON.stringify(body).slice(0, 300)}`,
    );
  }
}

function machine() {
  const cpuinfo = fs.existsSync('/proc/cpuinfo') ? fs.readFileSync('/proc/cpuinfo', 'utf8') : '';
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? os.cpus()[0]?.model ?? 'unknown';
  return {
    cpus: os.availableParallelism(),
    cpuModel: model,
    memoryMiB: Math.round(os.totalmem() / 2 ** 20),
    kernel: os.release(),
    node: process.version,
    ministack: process.env.BENCH_MINISTACK_VERSION ?? 'unknown',
  };
}

/** bench/results/<UTC date>.json unless BENCH_RESULTS_FILE says otherwise. */
export function resultsFile(): string {
  return (
    process.env.BENCH_RESULTS_FILE ??
    path.join(REPO_ROOT, 'bench', 'results', `${new Date().toISOString().slice(0, 10)}.json`)
  );
}

/** Merges one benchmark's results into the run's results file (small, commit-worthy JSON). */
export function writeResults(name: string, data: unknown): void {
  const file = resultsFile();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const existing = fs.existsSync(file)
    ? (JSON.parse(fs.readFileSync(file, 'utf8')) as { benchmarks?: Record<string, unknown> })
    : {};
  const merged = {
    ...existing,
    date: new Date().toISOString().slice(0, 10),
    commit: process.env.BENCH_COMMIT ?? 'unknown',
    workingTreeDiffered: process.env.BENCH_TREE_DIRTY === '1',
    machine: machine(),
    benchmarks: {
      ...(existing.benchmarks ?? {}),
      // The 1-minute load average when it finished: the machine is shared, and this says how busy it was.
      [name]: {
        finishedAt: new Date().toISOString(),
        loadAverage1m: round(os.loadavg()[0]!, 2),
        ...(data as object),
      },
    },
  };
  fs.writeFileSync(file, `${JSON.stringify(merged, null, 2)}\n`);
  console.log(`${name}: results in ${path.relative(REPO_ROOT, file)}`);
}

/** Prints a small aligned table to the console. */
export function printTable(rows: Record<string, unknown>[]): void {
  if (rows.length === 0) return;
  const keys = Object.keys(rows[0]!);
  const widths = keys.map((k) => Math.max(k.length, ...rows.map((r) => String(r[k]).length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  console.log(line(keys));
  for (const row of rows) console.log(line(keys.map((k) => String(row[k]))));
}

/**
 * Switches the SQS event source mappings of the given functions and waits until the target reports them switched.
 * Returns each mapping's UUID and MaximumConcurrency (undefined: the target's default).
 */
export async function setMappingsEnabled(
  lambda: LambdaClient,
  functionNames: readonly string[],
  enabled: boolean,
): Promise<{ functionName: string; uuid: string; maximumConcurrency?: number }[]> {
  const wanted = enabled ? 'Enabled' : 'Disabled';
  const mappings = [];
  for (const FunctionName of functionNames) {
    const listed = await lambda.send(new ListEventSourceMappingsCommand({ FunctionName }));
    for (const mapping of listed.EventSourceMappings ?? []) {
      mappings.push({
        functionName: FunctionName,
        uuid: mapping.UUID!,
        maximumConcurrency: mapping.ScalingConfig?.MaximumConcurrency,
      });
    }
  }
  await Promise.all(
    mappings.map((m) => lambda.send(new UpdateEventSourceMappingCommand({ UUID: m.uuid, Enabled: enabled }))),
  );
  for (const m of mappings) {
    await eventually(
      async () => (await lambda.send(new GetEventSourceMappingCommand({ UUID: m.uuid }))).State === wanted,
      { what: `${m.functionName}'s mapping ${wanted}`, timeoutMs: 60_000, intervalMs: 50 },
    );
  }
  return mappings;
}

/** Takes every message off a queue; the one implementation lives in scripts/lib/queues.ts. */
export function drainQueue(
  sqs: SQSClient,
  queueUrl: string,
  onMessage: (message: Message) => void,
  options: { receivers?: number; deadlineMs?: number } = {},
): Promise<{ received: number; timedOut: boolean }> {
  return drainQueueOf(queueUrl, onMessage, { ...options, sqs });
}
