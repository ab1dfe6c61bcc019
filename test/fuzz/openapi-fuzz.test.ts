import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { OPENAPI_FILE } from '../../api/openapi';
import { ROUTES } from '../../api/routes';
import { apiBaseUrl, REPO_ROOT } from '../../scripts/lib/target';
import { ensureUser, signIn } from '../../scripts/lib/users';
import { GROUPS } from '../../shared/identity';
import { outputs, target } from '../support/platform';

/**
 * Schema fuzzing of every route: schemathesis, a maintained property-based fuzzer (hypothesis), reads
 * docs/openapi.json and sends what it generates from it, valid and invalid, to the deployed API with a real access
 * token. Every answer must be below 500, with a status the document lists for the operation, its headers and a body
 * its schema for that status accepts; a schema-valid request must be accepted, an invalid one refused, a token
 * required where the document says so, and a created resource found (the rules a schema cannot state excepted,
 * as the document lists them). test:all runs this last: the fuzzer creates calendar events, quests and missed-day runs
 * and places orders, as a user of its own in every group.
 *   FUZZ_MAX_EXAMPLES (default 25) per operation and phase, FUZZ_SEED (default 20261202) for the generator,
 *   FUZZ_SCHEMATHESIS (default .venv/bin/schemathesis) the fuzzer to run.
 */
const SCHEMATHESIS = process.env.FUZZ_SCHEMATHESIS ?? path.join(REPO_ROOT, '.venv', 'bin', 'schemathesis');
const MAX_EXAMPLES = process.env.FUZZ_MAX_EXAMPLES ?? '25';
const SEED = process.env.FUZZ_SEED ?? '20261202';
/**
 * Every check schemathesis has, but `unsupported_method`: API Gateway answers an undeclared method with 404 (no
 * such route), not 405 with Allow, and no route of ours can change that. Three run as hooks.py's versions of
 * themselves, which also accept what the document declares and nothing else: the refusals an operation lists in
 * `x-rules` (a start in the past, a cursor never given out), and a soft delete's resource staying readable
 * (`x-soft-delete`). Nothing excuses an answer >= 500.
 */
const EXCLUDED_CHECKS = [
  'unsupported_method',
  'positive_data_acceptance',
  'ensure_resource_availability',
  'use_after_free',
];
const HOOKS = path.join(__dirname, 'hooks.py');

interface FuzzRun {
  exitCode: number;
  output: string;
  /** Operation ("GET /menu") → its failures as the JUnit report gives them (none: it passed). */
  operations: Map<string, string[]>;
}

const unescapeXml = (text: string) =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#10;/g, '\n')
    .replace(/&amp;/g, '&');

/** The JUnit report's test cases: one per operation, with a <failure> or <error> for each problem found. */
function junitCases(xml: string): Map<string, string[]> {
  const cases = new Map<string, string[]>();
  for (const match of xml.matchAll(/<testcase name="([^"]*)"[^>]*?(?:\/>|>([\s\S]*?)<\/testcase>)/g)) {
    const problems = [...(match[2] ?? '').matchAll(/<(failure|error)\b[^>]*>([\s\S]*?)<\/\1>/g)].map((m) =>
      unescapeXml(m[2]!).trim(),
    );
    cases.set(unescapeXml(match[1]!), [...(cases.get(unescapeXml(match[1]!)) ?? []), ...problems]);
  }
  return cases;
}

async function fuzz(token: string, workDir: string): Promise<FuzzRun> {
  const report = path.join(workDir, 'junit.xml');
  fs.rmSync(report, { force: true });
  const args = [
    'run',
    OPENAPI_FILE,
    '--url',
    apiBaseUrl(outputs, target),
    '--header',
    `Authorization: Bearer ${token}`,
    '--checks',
    'all',
    '--exclude-checks',
    EXCLUDED_CHECKS.join(','),
    '--max-examples',
    MAX_EXAMPLES,
    '--seed',
    SEED,
    '--workers',
    '2',
    '--generation-database',
    'none',
    '--request-timeout',
    '30',
    '--report',
    'junit',
    '--report-junit-path',
    report,
    '--no-color',
  ];
  const { exitCode, output } = await new Promise<{ exitCode: number; output: string }>((resolve) => {
    execFile(
      SCHEMATHESIS,
      args,
      {
        cwd: workDir,
        maxBuffer: 64 * 1024 * 1024,
        env: { ...process.env, NO_COLOR: '1', SCHEMATHESIS_HOOKS: HOOKS },
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ exitCode: code, output: `${stdout}${stderr}` });
      },
    );
  });
  fs.writeFileSync(path.join(workDir, 'output.txt'), output);
  const operations = fs.existsSync(report) ? junitCases(fs.readFileSync(report, 'utf8')) : new Map();
  return { exitCode, output, operations };
}

describe('fuzzing every route of docs/openapi.json against the deployed API (schemathesis)', () => {
  let run: FuzzRun;

  beforeAll(async () => {
    if (!fs.existsSync(SCHEMATHESIS))
      throw new Error(`${SCHEMATHESIS} is missing: bash scripts/install-fuzzer.sh`);
    const workDir = path.join(process.env.EMULATOR_HOME ?? path.join(REPO_ROOT, '.emulator'), 'fuzz');
    fs.mkdirSync(workDir, { recursive: true });
    // A user of its own, in every group, so that the admin, staff and organizer routes are fuzzed past their 403.
    const user = {
      username: `fuzz-${randomUUID().slice(0, 8)}`,
      password: `Fuzz-${randomUUID().slice(0, 8)}-Pw1!`,
      groups: [GROUPS.players, GROUPS.admins, GROUPS.staff, GROUPS.organizers],
    };
    await ensureUser(user, outputs);
    const { accessToken } = await signIn(user.username, user.password, outputs);
    run = await fuzz(accessToken, workDir);
    console.log(run.output.split('\n').slice(-40).join('\n'));
  }, 20 * 60_000);

  test('the fuzzer ran to its end and tested every operation of the document', () => {
    // 0: nothing found; 1: failures (each shows in its operation's test below); anything else: it could not run.
    expect({ exitCode: [0, 1].includes(run.exitCode) ? 'ran' : run.exitCode, output: '' }).toEqual({
      exitCode: 'ran',
      output: '',
    });
    const tested = [...run.operations.keys()].filter((name) => /^[A-Z]+ \//.test(name));
    expect(tested.sort()).toEqual(ROUTES.map((r) => `${r.method} ${r.path}`).sort());
  });

  test.each(ROUTES.map((r) => `${r.method} ${r.path}`))(
    '%s: no answer >= 500, and every answer with a documented status and body',
    (operation) => {
      expect({ operation, failures: run.operations.get(operation) ?? ['(not tested)'] }).toEqual({
        operation,
        failures: [],
      });
    },
  );

  test('the stateful phase (a request after another, along the document’s links) found nothing', () => {
    const others = [...run.operations.entries()].filter(([name]) => !/^[A-Z]+ \//.test(name));
    expect(others.filter(([, failures]) => failures.length > 0)).toEqual([]);
  });
});
