/**
 * A burst: 100 requests at once, mixed (POST /interactions/complete, GET /pets/me, POST /orders, GET /menu)
 * across several players, from a client that retries 429 with backoff and jitter (Retry-After when given) and
 * gives each attempt 30 s. Counts answers >= 500, timeouts, 429s seen, requests not served within 30 s, the
 * served throughput (requests/s until the last one is served) and p50/p95 per route. Meanwhile it samples the
 * emulator's Node workers every 200 ms (children of MiniStack, in its process group): the peak count and
 * their peak total RSS. Then, quietly, the API path side by side: POST /interactions/complete and POST /orders
 * against GET /whoami, interleaved, as ratios of p50s. Cold start p50 and the bundle sizes come from
 * bundles-and-cold-start in the same run (bench/run.sh runs it first, right after the deploy).
 *   bash bench/run.sh bundles-and-cold-start burst      (BURST_REQUESTS=100, BURST_PLAYERS=10)
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { INTERACTION_TEMPLATES } from '../functions/interactions/domain/templates';
import { type ApiResponse, apiClient } from '../scripts/lib/api-client';
import { apiBaseUrl, currentTarget, loadOutputs, REPO_ROOT } from '../scripts/lib/target';
import {
  type BenchUser,
  createUsers,
  printTable,
  ratio,
  resultsFile,
  round,
  sleep,
  summarize,
  writeResults,
} from './lib';

const REQUESTS = Number(process.env.BURST_REQUESTS ?? 100);
const PLAYERS = Number(process.env.BURST_PLAYERS ?? 10);
const ATTEMPT_TIMEOUT_MS = 30_000;
const SERVED_WITHIN_MS = 30_000;
const SAMPLE_EVERY_MS = 200;
const SIDE_BY_SIDE_ROUNDS = 12;
const BUNDLE_LIMIT_BYTES = 500 * 1024;

type Route = 'POST /interactions/complete' | 'GET /pets/me' | 'POST /orders' | 'GET /menu';
const ROUTES: readonly Route[] = ['POST /interactions/complete', 'GET /pets/me', 'POST /orders', 'GET /menu'];

const target = currentTarget();
const outputs = loadOutputs();
const emulatorHome = process.env.EMULATOR_HOME ?? path.join(REPO_ROOT, '.emulator', String(target.port));

interface Outcome {
  route: Route;
  status?: number;
  ms: number;
  throttled: number;
  timedOut: boolean;
  error?: string;
}

function clientFor(user: BenchUser, onRetry?: () => void) {
  return apiClient(user.accessToken, apiBaseUrl(outputs), {
    timeoutMs: ATTEMPT_TIMEOUT_MS,
    deadlineMs: SERVED_WITHIN_MS,
    retries: 20,
    quiet: true,
    onRetry,
  });
}

function send(route: Route, api: ReturnType<typeof apiClient>, i: number, user: BenchUser) {
  switch (route) {
    case 'POST /interactions/complete': {
      // Each (player, template) pair once (planned in main): a completion counts once a day, so each is a 201.
      const templateId = INTERACTION_TEMPLATES[Math.floor(i / ROUTES.length / PLAYERS)]!.id;
      return api.post('/interactions/complete', { templateId });
    }
    case 'GET /pets/me':
      return api.get('/pets/me');
    case 'POST /orders':
      // A key per request: a retried 429 is the same order, never a second charge.
      return api.post(
        '/orders',
        { pizza: 'margherita', quantity: 1, address: 'Burst Street 1' },
        { headers: { 'idempotency-key': `burst-${user.username}-${i}` } },
      );
    case 'GET /menu':
      return api.get('/menu');
  }
}

async function timed(route: Route, run: () => Promise<ApiResponse>): Promise<Outcome> {
  const started = performance.now();
  try {
    const r = await run();
    return { route, status: r.status, ms: r.ms, throttled: r.throttled, timedOut: false };
  } catch (error) {
    const e = error as Error;
    const timedOut = e.name === 'TimeoutError' || e.name === 'AbortError';
    return { route, ms: performance.now() - started, throttled: 0, timedOut, error: e.message };
  }
}

/** The emulator's Lambda workers: processes in MiniStack's process group running a function's code. */
function sampleWorkers(): { count: number; rssBytes: number; byFunction: Record<string, number> } {
  const pidFile = path.join(emulatorHome, 'ministack.pid');
  const result = { count: 0, rssBytes: 0, byFunction: {} as Record<string, number> };
  if (!fs.existsSync(pidFile) || !fs.existsSync('/proc')) return result;
  const group = fs.readFileSync(pidFile, 'utf8').trim();
  for (const pid of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (fields[2] !== group || pid === group) continue;
      const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
      const fn = /ministack-lambda-(.+?)-[a-z0-9_]+\/code/.exec(cmdline)?.[1];
      const cwd = fn ? undefined : fs.readlinkSync(`/proc/${pid}/cwd`);
      const name = fn ?? /ministack-lambda-(.+?)-[a-z0-9_]+\/code/.exec(cwd ?? '')?.[1];
      if (!name) continue;
      const rssPages = Number(fs.readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]);
      result.count++;
      result.rssBytes += rssPages * 4096;
      result.byFunction[name] = (result.byFunction[name] ?? 0) + 1;
    } catch {
      // the process ended while we looked
    }
  }
  return result;
}

function startSampler() {
  let peak = { count: 0, rssBytes: 0, byFunction: {} as Record<string, number> };
  let peakRss = 0;
  let peakLoad = 0;
  let samples = 0;
  const timer = setInterval(() => {
    const s = sampleWorkers();
    samples++;
    if (s.count > peak.count) peak = s;
    peakRss = Math.max(peakRss, s.rssBytes);
    peakLoad = Math.max(peakLoad, os.loadavg()[0]!);
  }, SAMPLE_EVERY_MS);
  return () => {
    clearInterval(timer);
    return {
      peakWorkers: peak.count,
      peakWorkersByFunction: peak.byFunction,
      peakRssBytes: peakRss,
      peakLoad,
      samples,
    };
  };
}

/** Cold start and bundle sizes from bundles-and-cold-start, if it ran in this run (same results file). */
function fromColdStartBench() {
  const file = resultsFile();
  if (!fs.existsSync(file)) return undefined;
  const results = JSON.parse(fs.readFileSync(file, 'utf8')) as {
    benchmarks?: {
      bundlesAndColdStart?: {
        functions: { function: string; bytes: number; coldMs?: number; warmMs?: { p50: number } }[];
      };
    };
  };
  const cold = results.benchmarks?.bundlesAndColdStart;
  if (!cold) return undefined;
  const measured = cold.functions.filter((f) => f.coldMs !== undefined);
  return {
    coldStartP50Ms: summarize(measured.map((f) => f.coldMs!)).p50,
    coldStartFunctions: measured.length,
    bundles: cold.functions.map((f) => ({ function: f.function, kib: round(f.bytes / 1024) })),
    bundlesOver500KiB: cold.functions.filter((f) => f.bytes > BUNDLE_LIMIT_BYTES).length,
    largestBundleKiB: round(Math.max(...cold.functions.map((f) => f.bytes)) / 1024),
  };
}

/** POST /interactions/complete and POST /orders against GET /whoami, one at a time, interleaved in rounds. */
async function sideBySide(users: readonly BenchUser[]) {
  const times: Record<string, number[]> = { whoami: [], complete: [], orders: [] };
  for (let round = 0; round <= SIDE_BY_SIDE_ROUNDS; round++) {
    const user = users[round % users.length]!;
    const api = clientFor(user);
    const templateId = INTERACTION_TEMPLATES[Math.floor(round / users.length)]!.id;
    const steps: [string, () => Promise<ApiResponse>, number][] = [
      ['whoami', () => api.get('/whoami'), 200],
      ['complete', () => api.post('/interactions/complete', { templateId }), 201],
      ['orders', () => api.post('/orders', { pizza: 'funghi', quantity: 1, address: 'Side Street 2' }), 201],
    ];
    // The order rotates so that no route always runs right after another.
    for (let k = 0; k < steps.length; k++) {
      const [name, run, expected] = steps[(k + round) % steps.length]!;
      const r = await run();
      if (r.status !== expected) throw new Error(`${name} answered ${r.status}: ${JSON.stringify(r.body)}`);
      if (round > 0) times[name]!.push(r.ms); // round 0 warms up
    }
  }
  const whoami = summarize(times.whoami!);
  const complete = summarize(times.complete!);
  const orders = summarize(times.orders!);
  return {
    rounds: SIDE_BY_SIDE_ROUNDS,
    whoamiMs: whoami,
    completeMs: complete,
    ordersMs: orders,
    completeOverWhoamiP50: ratio(complete.p50, whoami.p50),
    ordersOverWhoamiP50: ratio(orders.p50, whoami.p50),
  };
}

async function main() {
  const started = Date.now();
  const users = await createUsers(PLAYERS, 'burst');
  const sideUsers = await createUsers(4, 'burst-side');
  // Request i goes to route i mod 4; the k-th request of a route to player k mod PLAYERS.
  const plan = Array.from({ length: REQUESTS }, (_, i) => ({
    route: ROUTES[i % ROUTES.length]!,
    user: users[Math.floor(i / ROUTES.length) % users.length]!,
    i,
  }));
  await sleep(1000);

  const stopSampler = startSampler();
  const burstStarted = performance.now();
  let retries = 0;
  const outcomes = await Promise.all(
    plan.map(({ route, user, i }) =>
      timed(route, () =>
        send(
          route,
          clientFor(user, () => retries++),
          i,
          user,
        ),
      ),
    ),
  );
  const wallMs = performance.now() - burstStarted;
  // Workers linger after the burst (warm); one more second of samples catches a late peak.
  await sleep(1000);
  const workers = stopSampler();

  const served = outcomes.filter(
    (o) => o.status !== undefined && o.status < 500 && o.status !== 429 && o.ms <= SERVED_WITHIN_MS,
  );
  const lastServedMs = Math.max(...served.map((o) => o.ms), 0);
  const perRoute = Object.fromEntries(
    ROUTES.map((route) => {
      const mine = outcomes.filter((o) => o.route === route);
      const statuses: Record<string, number> = {};
      for (const o of mine)
        statuses[o.timedOut ? 'timeout' : String(o.status ?? 'error')] =
          (statuses[String(o.timedOut ? 'timeout' : (o.status ?? 'error'))] ?? 0) + 1;
      return [route, { ms: summarize(mine.map((o) => o.ms)), statuses }];
    }),
  );
  const burst = {
    requests: REQUESTS,
    players: PLAYERS,
    responses5xx: outcomes.filter((o) => o.status !== undefined && o.status >= 500).length,
    timeouts: outcomes.filter((o) => o.timedOut).length,
    otherErrors: outcomes.filter((o) => o.status === undefined && !o.timedOut).map((o) => o.error),
    throttled429Seen: outcomes.reduce((a, o) => a + o.throttled + (o.status === 429 ? 1 : 0), 0),
    retries,
    served: served.length,
    notServedWithin30s: REQUESTS - served.length,
    wallSeconds: round(wallMs / 1000, 2),
    lastServedSeconds: round(lastServedMs / 1000, 2),
    servedPerSecond: round(served.length / (lastServedMs / 1000), 2),
    perRoute,
    peakWorkers: workers.peakWorkers,
    peakWorkersByFunction: workers.peakWorkersByFunction,
    peakWorkerRssMiB: round(workers.peakRssBytes / 2 ** 20),
    workersAfter: sampleWorkers().count,
    peakLoadAverage1m: round(workers.peakLoad, 2),
  };
  const firstErrors = outcomes.filter((o) => (o.status ?? 500) >= 500).slice(0, 3);
  if (firstErrors.length) console.log('first failures:', JSON.stringify(firstErrors));

  await sleep(3000);
  const apiPath = await sideBySide(sideUsers);
  const cold = fromColdStartBench();

  printTable(
    ROUTES.map((route) => ({
      route,
      p50: perRoute[route]!.ms.p50,
      p95: perRoute[route]!.ms.p95,
      max: perRoute[route]!.ms.max,
      statuses: JSON.stringify(perRoute[route]!.statuses),
    })),
  );
  console.log(
    `burst of ${REQUESTS}: ${burst.responses5xx} >= 500, ${burst.timeouts} timeouts, ${burst.throttled429Seen} 429s seen, ` +
      `${burst.served} served in ${burst.lastServedSeconds} s (${burst.servedPerSecond}/s); ` +
      `peak ${burst.peakWorkers} workers, ${burst.peakWorkerRssMiB} MiB RSS, load ${burst.peakLoadAverage1m}`,
  );
  console.log(
    `side by side: complete/whoami ${apiPath.completeOverWhoamiP50}, orders/whoami ${apiPath.ordersOverWhoamiP50}` +
      (cold
        ? `; cold start p50 ${cold.coldStartP50Ms} ms; ${cold.bundlesOver500KiB} bundles over 500 KiB`
        : ''),
  );
  writeResults('burst', {
    unit: 'ms, client-side, from the first send to the final answer (429 retries and waits included)',
    client: `retries 429 with exponential backoff and jitter (Retry-After when given), ${ATTEMPT_TIMEOUT_MS / 1000} s per attempt`,
    burst,
    apiPath,
    coldStartAndBundles: cold ?? 'bundles-and-cold-start did not run in this run',
    totalSeconds: Math.round((Date.now() - started) / 1000),
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
