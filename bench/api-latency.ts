/**
 * API latency: POST /interactions/complete and GET /pets/me against the no-op GET /whoami, which has the same
 * JWT authorizer and middleware stack. Measured in one run at a fixed concurrency, interleaved in rounds (one
 * request to each route per round, the order rotating), so whatever drift the machine has hits all routes.
 * The figure to read is the ratio to /whoami: what the route's own work costs on top of the platform's.
 *   npx tsx bench/api-latency.ts     (against the deployed stack of EMULATOR_PORT; bench/run.sh sets it up)
 */
import { INTERACTION_TEMPLATES } from '../functions/interactions/domain/templates';
import type { ApiResponse } from '../scripts/lib/api-client';
import {
  type BenchUser,
  createUsers,
  expectStatus,
  printTable,
  ratio,
  runPool,
  summarize,
  writeResults,
} from './lib';

const CONCURRENCY = 4;
const USERS = Number(process.env.BENCH_API_USERS ?? 60);
/** Warm-up users: their completions warm the completion function (each completion can happen once a day). */
const WARMUP_USERS = CONCURRENCY;
const WARMUP_ROUNDS_PER_USER = INTERACTION_TEMPLATES.length;
const DEADLINE_MS = 240_000;

type Route = 'complete' | 'petsMe' | 'whoami';
const ROUTES: readonly Route[] = ['complete', 'petsMe', 'whoami'];

interface Round {
  user: BenchUser;
  templateId: string;
}

async function hit(route: Route, round: Round): Promise<ApiResponse> {
  switch (route) {
    case 'complete': {
      const r = await round.user.api.post('/interactions/complete', { templateId: round.templateId });
      expectStatus('POST /interactions/complete', r.status, 201, r.body);
      return r;
    }
    case 'petsMe': {
      const r = await round.user.api.get('/pets/me');
      expectStatus('GET /pets/me', r.status, 200, r.body);
      return r;
    }
    case 'whoami': {
      const r = await round.user.api.get('/whoami');
      expectStatus('GET /whoami', r.status, 200, r.body);
      return r;
    }
  }
}

/** Every user's rounds: one per template, users spread so concurrent rounds never share a user. */
function roundsFor(users: readonly BenchUser[]): Round[] {
  const rounds: Round[] = [];
  for (const template of INTERACTION_TEMPLATES) {
    for (const user of users) rounds.push({ user, templateId: template.id });
  }
  return rounds;
}

async function main() {
  const started = Date.now();
  console.log(`api-latency: creating ${USERS + WARMUP_USERS} players`);
  const users = await createUsers(USERS + WARMUP_USERS, 'bench-api');
  const warmupUsers = users.slice(0, WARMUP_USERS);
  const measuredUsers = users.slice(WARMUP_USERS);

  // Every player adopts their pet before anything is measured, so GET /pets/me is measured as the read it is
  // on every later call (the first call of a player also adopts and publishes pet.adopted).
  await runPool(users, CONCURRENCY, async (user) => {
    const r = await user.api.get('/pets/me');
    expectStatus('GET /pets/me (adoption)', r.status, 200, r.body);
  });

  // Warm-up at the same concurrency: spawns the emulator's workers for each function (up to CONCURRENCY each).
  const warmup = roundsFor(warmupUsers).slice(0, WARMUP_USERS * WARMUP_ROUNDS_PER_USER);
  await runPool(warmup, CONCURRENCY, async (round) => {
    for (const route of ROUTES) await hit(route, round);
  });
  console.log(`api-latency: warmed up with ${warmup.length} rounds; measuring`);

  const samples: Record<Route, number[]> = { complete: [], petsMe: [], whoami: [] };
  const rounds = roundsFor(measuredUsers);
  const measureStarted = Date.now();
  const { skipped } = await runPool(
    rounds,
    CONCURRENCY,
    async (round, index) => {
      // Rotate the order inside the round so no route is always first (or always right after a completion).
      for (let k = 0; k < ROUTES.length; k++) {
        const route = ROUTES[(index + k) % ROUTES.length]!;
        samples[route].push((await hit(route, round)).ms);
      }
    },
    { deadlineMs: DEADLINE_MS },
  );
  const measureSeconds = (Date.now() - measureStarted) / 1000;

  const stats = {
    complete: summarize(samples.complete),
    petsMe: summarize(samples.petsMe),
    whoami: summarize(samples.whoami),
  };
  const base = stats.whoami;
  const ratios = {
    complete: { p50: ratio(stats.complete.p50, base.p50), p95: ratio(stats.complete.p95, base.p95) },
    petsMe: { p50: ratio(stats.petsMe.p50, base.p50), p95: ratio(stats.petsMe.p95, base.p95) },
  };
  const requests = samples.complete.length + samples.petsMe.length + samples.whoami.length;
  printTable(
    (
      [
        ['POST /interactions/complete', stats.complete, ratios.complete],
        ['GET /pets/me', stats.petsMe, ratios.petsMe],
        ['GET /whoami (baseline)', stats.whoami, { p50: 1, p95: 1 }],
      ] as const
    ).map(([route, s, r]) => ({
      route,
      n: s.n,
      'p50 ms': s.p50,
      'p95 ms': s.p95,
      'max ms': s.max,
      'p50/whoami': r.p50,
      'p95/whoami': r.p95,
    })),
  );
  console.log(
    `api-latency: ${requests} requests in ${measureSeconds.toFixed(1)} s (${(requests / measureSeconds).toFixed(1)} req/s), ${skipped} rounds skipped by the time bound`,
  );
  writeResults('apiLatency', {
    concurrency: CONCURRENCY,
    users: measuredUsers.length,
    warmupRounds: warmup.length,
    rounds: rounds.length - skipped,
    skippedRounds: skipped,
    requests,
    measureSeconds: Number(measureSeconds.toFixed(1)),
    throughputPerSecond: Number((requests / measureSeconds).toFixed(1)),
    unit: 'ms, client-side, loopback',
    routes: {
      'POST /interactions/complete': stats.complete,
      'GET /pets/me': stats.petsMe,
      'GET /whoami': stats.whoami,
    },
    ratiosToWhoami: { 'POST /interactions/complete': ratios.complete, 'GET /pets/me': ratios.petsMe },
    totalSeconds: Math.round((Date.now() - started) / 1000),
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
