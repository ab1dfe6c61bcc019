/**
 * Bundles and cold starts. Each function's bundle size (the esbuild output CDK staged under cdk.out, mapped to
 * the function through the synthesized template), then its first invocation right after deploy (cold: the
 * emulator spawns a Node worker that loads the bundle) and five more (warm), through its API route with a
 * player's token, or through Lambda Invoke with a harmless payload for the queue consumers and the job. Also the
 * pure module-load cost of a bundle: `node -e "import(bundle)"` against `node -e ""`.
 * Run it first after a fresh deploy (bench/run.sh does): a function invoked before is no longer cold.
 *   npx tsx bench/bundles-and-cold-start.ts
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as zlib from 'node:zlib';
import { CloudFormationClient, DescribeStackResourcesCommand } from '@aws-sdk/client-cloudformation';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { DEFAULT_PET_NAME, NEW_PET_STATS } from '../functions/pets/domain/pet';
import { STACK_NAME } from '../infra/names';
import { clientConfig, currentTarget, loadOutputs, REPO_ROOT } from '../scripts/lib/target';
import {
  type BenchUser,
  createUsers,
  expectStatus,
  printTable,
  ratio,
  round,
  type Summary,
  summarize,
  writeResults,
} from './lib';

const WARM_CALLS = 5;
const REQUIRE_RUNS = 10;
const outputs = loadOutputs();
const target = currentTarget();
const emulatorHome = process.env.EMULATOR_HOME ?? path.join(REPO_ROOT, '.emulator', String(target.port));
const cdkOut = process.env.CDK_OUT_DIR ?? path.join(emulatorHome, 'cdk.out');
const templateFile = path.join(cdkOut, `${STACK_NAME}.template.json`);

interface TemplateFunction {
  Type: string;
  Properties: {
    Code?: { S3Key?: unknown };
    Environment?: { Variables?: Record<string, unknown> };
    MemorySize?: number;
    Runtime?: string;
    Architectures?: string[];
  };
  Metadata?: Record<string, unknown>;
}

interface FunctionInfo {
  logicalId: string;
  /** The construct path without the stack and /Resource, e.g. Pets/GetMyPetFunction. */
  name: string;
  physicalName: string;
  bundle: string;
  bytes: number;
  gzipBytes: number;
  environment: Record<string, string>;
}

/** How each function is invoked harmlessly: an API route and the status it answers, or a Lambda payload. */
type Call =
  | { kind: 'http'; method: 'GET' | 'POST' | 'PATCH'; path: string; body?: unknown; status: number }
  | { kind: 'invoke'; payload: unknown };

const CALLS: Record<string, Call> = {
  'Platform/WhoAmIFunction': { kind: 'http', method: 'GET', path: '/whoami', status: 200 },
  'Interactions/ListTemplatesFunction': {
    kind: 'http',
    method: 'GET',
    path: '/interactions/templates',
    status: 200,
  },
  // An unknown template: the whole stack runs, nothing is written, the same 404 every time.
  'Interactions/CompleteInteractionFunction': {
    kind: 'http',
    method: 'POST',
    path: '/interactions/complete',
    body: { templateId: 'bench-no-such-template' },
    status: 404,
  },
  'Interactions/ListTodayFunction': { kind: 'http', method: 'GET', path: '/interactions/today', status: 200 },
  // A player is refused: the body is parsed and checked, then 403.
  'Interactions/StartMissedDayRunFunction': {
    kind: 'http',
    method: 'POST',
    path: '/admin/missed-day-runs',
    body: { day: '1999-01-01' },
    status: 403,
  },
  'Pets/GetMyPetFunction': { kind: 'http', method: 'GET', path: '/pets/me', status: 200 },
  'Pets/RenameMyPetFunction': {
    kind: 'http',
    method: 'PATCH',
    path: '/pets/me',
    body: { name: 'Bench' },
    status: 200,
  },
  'Pets/GetMyPetHistoryFunction': { kind: 'http', method: 'GET', path: '/pets/me/history', status: 200 },
  'Interactions/RecordAdoptionFunction': { kind: 'invoke', payload: { Records: [] } },
  'Pets/ApplyInteractionEventsFunction': { kind: 'invoke', payload: { Records: [] } },
  // A day before any player adopted: the roster is walked, nothing is published.
  'Interactions/MissedDayJobFunction': { kind: 'invoke', payload: { day: '1999-01-01' } },
};

async function functions(): Promise<FunctionInfo[]> {
  const template = JSON.parse(fs.readFileSync(templateFile, 'utf8')) as {
    Resources: Record<string, TemplateFunction>;
  };
  const cfn = new CloudFormationClient(clientConfig());
  const resources =
    (await cfn.send(new DescribeStackResourcesCommand({ StackName: STACK_NAME }))).StackResources ?? [];
  const list: FunctionInfo[] = [];
  for (const [logicalId, resource] of Object.entries(template.Resources)) {
    if (resource.Type !== 'AWS::Lambda::Function') continue;
    const key = resource.Properties.Code?.S3Key;
    const hash = typeof key === 'string' ? key.replace(/\.zip$/, '') : undefined;
    const assetPath = resource.Metadata?.['aws:asset:path'];
    const dir = path.join(cdkOut, typeof assetPath === 'string' ? assetPath : `asset.${hash}`);
    // index.mjs since the bundles are ES modules; index.js before.
    const bundle = ['index.mjs', 'index.js'].map((f) => path.join(dir, f)).find((f) => fs.existsSync(f));
    if (!bundle) continue;
    const content = fs.readFileSync(bundle);
    const cdkPath = String(resource.Metadata?.['aws:cdk:path'] ?? logicalId);
    const environment: Record<string, string> = {};
    for (const [k, v] of Object.entries(resource.Properties.Environment?.Variables ?? {})) {
      environment[k] = typeof v === 'string' ? v : `bench-placeholder-${k.toLowerCase()}`;
    }
    list.push({
      logicalId,
      name: cdkPath.replace(`${STACK_NAME}/`, '').replace(/\/Resource$/, ''),
      physicalName: resources.find((r) => r.LogicalResourceId === logicalId)?.PhysicalResourceId ?? logicalId,
      bundle,
      bytes: content.length,
      gzipBytes: zlib.gzipSync(content).length,
      environment,
    });
  }
  return list.sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Worker processes the emulator runs for a function: MiniStack is started with setsid, so its Lambda workers
 * are in its process group, and each one's command line names its function's folder.
 */
function workersOf(physicalName: string): number | undefined {
  const pidFile = path.join(emulatorHome, 'ministack.pid');
  if (!fs.existsSync(pidFile) || !fs.existsSync('/proc')) return undefined;
  const group = fs.readFileSync(pidFile, 'utf8').trim();
  let count = 0;
  for (const pid of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const pgrp = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2];
      if (pgrp !== group) continue;
      const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (cmdline.includes(`ministack-lambda-${physicalName}`)) count++;
    } catch {
      // the process ended while we looked
    }
  }
  return count;
}

async function callOnce(
  fn: FunctionInfo,
  call: Call,
  user: BenchUser,
  lambda: LambdaClient,
): Promise<number> {
  if (call.kind === 'http') {
    const r = await user.api.call(call.method, call.path, call.body);
    expectStatus(`${call.method} ${call.path}`, r.status, call.status, r.body);
    return r.ms;
  }
  const started = performance.now();
  const result = await lambda.send(
    new InvokeCommand({
      FunctionName: fn.physicalName,
      InvocationType: 'RequestResponse',
      Payload: Buffer.from(JSON.stringify(call.payload)),
    }),
  );
  const ms = performance.now() - started;
  if (result.FunctionError) {
    throw new Error(`${fn.name} failed: ${Buffer.from(result.Payload ?? new Uint8Array()).toString('utf8')}`);
  }
  return ms;
}

/** Wall time of `node -e <script>`, REQUIRE_RUNS times. */
function timeNode(script: string, env: Record<string, string>): number[] {
  const times: number[] = [];
  for (let i = 0; i < REQUIRE_RUNS; i++) {
    const started = performance.now();
    const result = spawnSync(process.execPath, ['-e', script], {
      env: { PATH: process.env.PATH ?? '', AWS_REGION: 'us-east-1', ...env },
      timeout: 30_000,
      encoding: 'utf8',
    });
    if (result.status !== 0) throw new Error(`node -e ${script} failed: ${result.stderr}`);
    times.push(performance.now() - started);
  }
  return times;
}

interface Row {
  function: string;
  via?: string;
  bytes: number;
  gzipBytes: number;
  workersBeforeCold?: number;
  workersAfter?: number;
  coldMs?: number;
  warmMs?: Summary;
  coldOverWarmP50?: number;
  coldMinusWarmP50Ms?: number;
  measured: boolean;
}

async function main() {
  const started = Date.now();
  const fns = await functions();
  if (fns.length === 0) throw new Error(`No function bundles found next to ${templateFile}`);

  // A player whose pet exists already (written straight to the table, adoption marked published), so that
  // GET /pets/me is the same read on its cold call as on its warm ones and no event wakes a consumer early.
  const [user] = await createUsers(1, 'bench-cold');
  if (!user) throw new Error('no benchmark user');
  const now = new Date().toISOString();
  await DynamoDBDocumentClient.from(new DynamoDBClient(clientConfig())).send(
    new PutCommand({
      TableName: outputs.PetsTableName,
      Item: {
        pk: `PET#${user.userId}`,
        sk: 'STATE',
        userId: user.userId,
        name: DEFAULT_PET_NAME,
        ...NEW_PET_STATS,
        adoptedAt: now,
        adoptionPublished: true,
        lastOrderKey: null,
        version: 0,
        updatedAt: now,
      },
    }),
  );

  const lambda = new LambdaClient(clientConfig());
  // Invoked functions first: nothing here publishes an event, but this way a consumer is surely not woken early.
  const ordered = [
    ...fns.filter((f) => CALLS[f.name]?.kind === 'invoke'),
    ...fns.filter((f) => CALLS[f.name]?.kind !== 'invoke'),
  ];
  const rows: Row[] = [];
  for (const fn of ordered) {
    const call = CALLS[fn.name];
    if (!call) {
      rows.push({ function: fn.name, bytes: fn.bytes, gzipBytes: fn.gzipBytes, measured: false });
      continue;
    }
    const workersBefore = workersOf(fn.physicalName);
    const cold = await callOnce(fn, call, user, lambda);
    const warm: number[] = [];
    for (let i = 0; i < WARM_CALLS; i++) warm.push(await callOnce(fn, call, user, lambda));
    const warmSummary = summarize(warm);
    rows.push({
      function: fn.name,
      via: call.kind === 'http' ? `${call.method} ${call.path} -> ${call.status}` : 'Lambda Invoke',
      bytes: fn.bytes,
      gzipBytes: fn.gzipBytes,
      workersBeforeCold: workersBefore,
      workersAfter: workersOf(fn.physicalName),
      coldMs: round(cold),
      warmMs: warmSummary,
      coldOverWarmP50: ratio(cold, warmSummary.p50),
      coldMinusWarmP50Ms: round(cold - warmSummary.p50),
      measured: true,
    });
  }

  // Pure module load: the largest bundle and the smallest, against an empty node start.
  const bySize = [...fns].sort((a, b) => b.bytes - a.bytes);
  const largest = bySize[0]!;
  const smallest = bySize[bySize.length - 1]!;
  const empty = summarize(timeNode('', {}));
  const load = (fn: FunctionInfo) => {
    const s = summarize(timeNode(`import(${JSON.stringify(pathToFileURL(fn.bundle).href)})`, fn.environment));
    return {
      function: fn.name,
      bytes: fn.bytes,
      nodeWithRequireMs: s,
      moduleLoadP50Ms: round(s.p50 - empty.p50),
    };
  };
  const moduleLoad = {
    emptyNodeMs: empty,
    runs: REQUIRE_RUNS,
    largest: load(largest),
    smallest: load(smallest),
  };

  printTable(
    rows.map((r) =>
      r.measured && r.warmMs
        ? {
            function: r.function,
            KiB: round(r.bytes / 1024),
            'gzip KiB': round(r.gzipBytes / 1024),
            'workers before': r.workersBeforeCold ?? '?',
            'cold ms': r.coldMs,
            'warm p50': r.warmMs.p50,
            'cold/warm': r.coldOverWarmP50,
          }
        : {
            function: r.function,
            KiB: round(r.bytes / 1024),
            'gzip KiB': round(r.gzipBytes / 1024),
            'workers before': '-',
            'cold ms': '-',
            'warm p50': '-',
            'cold/warm': '-',
          },
    ),
  );
  console.log(
    `module load (node -e import(), p50 of ${REQUIRE_RUNS}, minus empty node ${empty.p50} ms): ` +
      `${moduleLoad.largest.function} ${moduleLoad.largest.moduleLoadP50Ms} ms, ` +
      `${moduleLoad.smallest.function} ${moduleLoad.smallest.moduleLoadP50Ms} ms`,
  );
  const measured = rows.filter((r) => r.measured);
  writeResults('bundlesAndColdStart', {
    warmCalls: WARM_CALLS,
    unit: 'ms, client-side (HTTP through the API with its JWT authorizer, or Lambda Invoke)',
    functions: rows,
    medianColdOverWarm: summarize(measured.map((r) => r.coldOverWarmP50 ?? Number.NaN)).p50,
    medianColdMinusWarmMs: summarize(measured.map((r) => r.coldMinusWarmP50Ms ?? Number.NaN)).p50,
    totalBundleBytes: fns.reduce((a, f) => a + f.bytes, 0),
    moduleLoad,
    totalSeconds: Math.round((Date.now() - started) / 1000),
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
