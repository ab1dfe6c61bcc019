/**
 * The web console's page: GET /console (no token, the page with its configuration, ~25 KB) against the no-op
 * GET /whoami (JWT authorizer), interleaved in rounds at a fixed concurrency so drift hits both. The figure to
 * read is the ratio: what serving the page costs next to the platform's cheapest authenticated route.
 *   npx tsx bench/console-page.ts     (against the deployed stack of EMULATOR_PORT; bench/run.sh sets it up)
 */
import { CONSOLE_PATH } from '../infra/constructs/console-site';
import { apiBaseUrl, loadOutputs } from '../scripts/lib/target';
import { createUsers, expectStatus, printTable, ratio, runPool, summarize, writeResults } from './lib';

const ROUNDS = Number(process.env.BENCH_CONSOLE_ROUNDS ?? 150);
const CONCURRENCY = 2;

async function main() {
  const base = apiBaseUrl(loadOutputs());
  const [user] = await createUsers(1, 'bench-console');
  const timed = async (route: 'console' | 'whoami') => {
    const started = performance.now();
    if (route === 'console') {
      const r = await fetch(`${base}${CONSOLE_PATH}`);
      const body = await r.text();
      expectStatus('GET /console', r.status, 200, body.slice(0, 200));
      return { ms: performance.now() - started, bytes: body.length };
    }
    const r = await user!.api.get('/whoami');
    expectStatus('GET /whoami', r.status, 200, r.body);
    return { ms: performance.now() - started, bytes: 0 };
  };
  // Warm both functions first.
  for (let i = 0; i < 4; i++) await Promise.all([timed('console'), timed('whoami')]);
  const samples = { console: [] as number[], whoami: [] as number[] };
  let pageBytes = 0;
  await runPool(
    Array.from({ length: ROUNDS }, (_, i) => i),
    CONCURRENCY,
    async (i) => {
      const order: ('console' | 'whoami')[] = i % 2 ? ['console', 'whoami'] : ['whoami', 'console'];
      for (const route of order) {
        const { ms, bytes } = await timed(route);
        samples[route].push(ms);
        if (bytes) pageBytes = bytes;
      }
    },
  );
  const consoleSummary = summarize(samples.console);
  const whoamiSummary = summarize(samples.whoami);
  const result = {
    rounds: ROUNDS,
    concurrency: CONCURRENCY,
    pageBytes,
    consoleMs: consoleSummary,
    whoamiMs: whoamiSummary,
    p50RatioToWhoami: ratio(consoleSummary.p50, whoamiSummary.p50),
    p95RatioToWhoami: ratio(consoleSummary.p95, whoamiSummary.p95),
  };
  printTable([
    { route: 'GET /console', ...consoleSummary },
    { route: 'GET /whoami', ...whoamiSummary },
  ]);
  console.log(
    `p50 ratio ${result.p50RatioToWhoami}, p95 ratio ${result.p95RatioToWhoami}, page ${pageBytes} bytes`,
  );
  writeResults('console-page', result);
}

void main().catch((error) => {
  console.error(error);
  process.exit(1);
});
