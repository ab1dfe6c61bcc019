/**
 * The preflight (npm run doctor, and the first step of npm run up): what the platform needs on this machine, each
 * failing check with its fix on one line, before anything waits for an emulator that cannot start.
 *
 * It runs on the project's own Node (scripts/doctor.sh installs it first) with Node's built-in type stripping,
 * before node_modules exist: node: built-ins only, no imports from the project, erasable TypeScript only.
 * scripts/doctor/package.json makes it an ES module for Node; the unit tests import its pure parts.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';

export type Status = 'ok' | 'note' | 'fail';
export interface Check {
  name: string;
  status: Status;
  detail: string;
  /** One line: what to do about a failure (or a note). */
  fix?: string;
}

export const MIN_PYTHON: readonly [number, number] = [3, 10];

/** The first `major.minor[.patch]` in a version string: 'v20.20.2', 'Python 3.11.7', 'pip 24.0 from ...'. */
export function parseVersion(text: string): number[] | undefined {
  const match = /(\d+)\.(\d+)(?:\.(\d+))?/.exec(text);
  return match
    ? match
        .slice(1)
        .filter((p) => p !== undefined)
        .map(Number)
    : undefined;
}

/** a >= b, component by component (a missing component is 0). */
export function atLeast(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x > y;
  }
  return true;
}

/** The lowest Node major that package.json's `engines.node` (">=N") allows. */
export function enginesMinMajor(packageJson: string): number {
  const range = (JSON.parse(packageJson) as { engines?: { node?: string } }).engines?.node ?? '';
  const min = /^>=\s*(\d+)/.exec(range.trim());
  if (!min) throw new Error(`package.json engines.node must read ">=N", not "${range}"`);
  return Number(min[1]);
}

/**
 * The host's Node is only a note when it is older than the tooling needs: the scripts then run the tooling on the
 * project's own Node, so nothing fails; `npx` commands typed by hand still use the host's.
 */
export function hostNodeCheck(hostVersion: string | undefined, minMajor: number, projectNode: string): Check {
  const name = 'node (host)';
  const version = hostVersion ? parseVersion(hostVersion) : undefined;
  if (!version) {
    return {
      name,
      status: 'note',
      detail: `no node on PATH; the scripts run the tooling on the project's Node ${projectNode}`,
      fix: `to run npx commands by hand, install Node >= ${minMajor} (e.g. nvm install)`,
    };
  }
  if (version[0]! >= minMajor) return { name, status: 'ok', detail: `${hostVersion} (>= ${minMajor})` };
  return {
    name,
    status: 'note',
    detail: `${hostVersion} is older than ${minMajor} (package.json engines): npm run up, npm run test:all and .ci/run run the tooling on the project's Node ${projectNode}`,
    fix: `to run npx commands by hand, install Node >= ${minMajor} (nvm install; .nvmrc pins the project's)`,
  };
}

/** The functions' Node (the one running this script): the version .nvmrc pins, or at least its major. */
export function functionsNodeCheck(running: string, pinned: string, override: string | undefined): Check {
  const name = 'node (functions)';
  const pinnedMajor = parseVersion(pinned)?.[0];
  const runningMajor = parseVersion(running)?.[0];
  const wanted = override
    ? runningMajor === pinnedMajor
    : running.replace(/^v/, '') === pinned.replace(/^v/, '');
  if (wanted)
    return { name, status: 'ok', detail: `${running}${override ? ` (EMULATOR_NODE=${override})` : ''}` };
  return {
    name,
    status: 'fail',
    detail: `${running}, but .nvmrc pins ${pinned}`,
    fix: 'rm -rf .tools and run npm run doctor again (it installs the pinned Node), or unset EMULATOR_NODE',
  };
}

export function pythonCheck(versionOutput: string | undefined): Check {
  const name = 'python3';
  const fix = `install Python >= ${MIN_PYTHON.join('.')} (apt-get install python3, brew install python) so python3 is on PATH`;
  if (versionOutput === undefined) return { name, status: 'fail', detail: 'not on PATH', fix };
  const version = parseVersion(versionOutput);
  if (!version || !atLeast(version, MIN_PYTHON)) {
    return {
      name,
      status: 'fail',
      detail: `${versionOutput.trim()} is older than ${MIN_PYTHON.join('.')}`,
      fix,
    };
  }
  return { name, status: 'ok', detail: versionOutput.trim() };
}

/** venv and ensurepip: `python3 -m venv` needs both (Debian ships them apart, as python3-venv). */
export function venvCheck(hasVenvModule: boolean, venvExists: boolean): Check {
  if (venvExists) return { name: 'python venv', status: 'ok', detail: '.venv exists' };
  if (hasVenvModule) return { name: 'python venv', status: 'ok', detail: 'python3 -m venv is available' };
  return {
    name: 'python venv',
    status: 'fail',
    detail: 'python3 has no venv/ensurepip module',
    fix: 'apt-get install python3-venv (the emulator is installed into a venv, .venv)',
  };
}

/** pip: the venv's own, or the ensurepip that gives a new venv its pip. */
export function pipCheck(venvPip: string | undefined, hasEnsurepip: boolean): Check {
  if (venvPip) return { name: 'pip', status: 'ok', detail: venvPip.split(' from ')[0]!.trim() + ' (.venv)' };
  if (hasEnsurepip) return { name: 'pip', status: 'ok', detail: 'ensurepip will give .venv its pip' };
  return {
    name: 'pip',
    status: 'fail',
    detail: 'no pip in .venv and no ensurepip to install one',
    fix: 'apt-get install python3-venv python3-pip, then rm -rf .venv and run again',
  };
}

export function curlCheck(versionOutput: string | undefined): Check {
  if (versionOutput === undefined) {
    return {
      name: 'curl',
      status: 'fail',
      detail: 'not on PATH (the scripts poll the emulator with it)',
      fix: 'apt-get install curl (brew install curl)',
    };
  }
  return { name: 'curl', status: 'ok', detail: versionOutput.split('\n')[0]!.split(' (')[0]!.trim() };
}

/** Whether something already holds the port: a listener on `host:port` fails with EADDRINUSE. */
export function portTaken(port: number, host: string): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE' || error.code === 'EACCES') resolve(true);
      else reject(error);
    });
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(false)));
  });
}

/**
 * The emulator's port must be free, unless the emulator holding it is this project's own (npm run up runs again
 * against a running one): a live pid in its pid file (MiniStack), or 0 for LocalStack answering its health check. MiniStack needs no other port: scripts/emulator.sh turns its IoT (8883) and SFTP
 * listeners off.
 */
export function portCheck(port: number, taken: boolean, ownEmulatorPid: number | undefined): Check {
  const name = `port ${port}`;
  if (!taken) return { name, status: 'ok', detail: 'free (the emulator’s gateway)' };
  if (ownEmulatorPid !== undefined) {
    const pid = ownEmulatorPid > 0 ? ` (pid ${ownEmulatorPid})` : '';
    return { name, status: 'ok', detail: `held by this project's emulator${pid}, already running` };
  }
  return {
    name,
    status: 'fail',
    detail: 'in use by another process',
    fix: `stop it (lsof -i :${port} shows it) or use another port: EMULATOR_PORT=${port + 1} npm run up`,
  };
}

export function report(checks: readonly Check[]): { text: string; ok: boolean } {
  const mark: Record<Status, string> = { ok: '✓', note: '!', fail: '✗' };
  const lines = checks.flatMap((c) => [
    `${mark[c.status]} ${c.name}: ${c.detail}`,
    ...(c.fix && c.status !== 'ok' ? [`    fix: ${c.fix}`] : []),
  ]);
  const failed = checks.filter((c) => c.status === 'fail').length;
  lines.push(
    failed === 0 ? 'doctor: ready' : `doctor: ${failed} check(s) failed; fix them and run npm run doctor`,
  );
  return { text: lines.join('\n'), ok: failed === 0 };
}

// ---------- probes (the machine) ----------

function output(command: string, args: string[], cwd?: string): string | undefined {
  try {
    return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch {
    return undefined;
  }
}

function alivePid(pidFile: string): number | undefined {
  try {
    const pid = Number(readFileSync(pidFile, 'utf8').trim());
    if (!Number.isInteger(pid) || pid <= 0) return undefined;
    process.kill(pid, 0);
    return pid;
  } catch {
    return undefined;
  }
}

/** LocalStack runs in a container (no pid of ours): the port is its own when its health answers there. */
async function localStackAnswers(port: number): Promise<number | undefined> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/_localstack/health`, {
      signal: AbortSignal.timeout(2000),
    });
    return response.ok ? 0 : undefined;
  } catch {
    return undefined;
  }
}

export async function runChecks(root: string, env: NodeJS.ProcessEnv): Promise<Check[]> {
  const pinned = readFileSync(path.join(root, '.nvmrc'), 'utf8').trim();
  const checks: Check[] = [
    hostNodeCheck(
      env.HOST_NODE_VERSION,
      enginesMinMajor(readFileSync(path.join(root, 'package.json'), 'utf8')),
      process.version,
    ),
    functionsNodeCheck(process.version, pinned, env.EMULATOR_NODE),
  ];
  const emulator = env.EMULATOR ?? 'ministack';
  if (emulator === 'ministack') {
    const python = output('python3', ['--version']);
    checks.push(pythonCheck(python));
    if (python !== undefined) {
      const venvPython = path.join(root, '.venv', 'bin', 'python');
      const venvExists = existsSync(venvPython);
      checks.push(venvCheck(output('python3', ['-c', 'import venv, ensurepip']) !== undefined, venvExists));
      checks.push(
        pipCheck(
          venvExists ? output(venvPython, ['-m', 'pip', '--version']) : undefined,
          output('python3', ['-c', 'import ensurepip']) !== undefined,
        ),
      );
    }
  } else if (emulator === 'localstack') {
    const docker = output('docker', ['info', '--format', '{{.ServerVersion}}']);
    checks.push(
      docker === undefined
        ? {
            name: 'docker',
            status: 'fail',
            detail: 'no reachable Docker engine (LocalStack runs in Docker)',
            fix: 'start Docker, or use the default emulator: unset EMULATOR',
          }
        : { name: 'docker', status: 'ok', detail: `engine ${docker.trim()}` },
    );
  }
  checks.push(curlCheck(output('curl', ['--version'])));
  if (emulator !== 'aws') {
    const port = Number(env.EMULATOR_PORT ?? '4566');
    const home = env.EMULATOR_HOME ?? path.join(root, '.emulator', String(port));
    const taken = await portTaken(port, env.EMULATOR_BIND_HOST ?? '127.0.0.1');
    const own = !taken
      ? undefined
      : emulator === 'ministack'
        ? alivePid(path.join(home, 'ministack.pid'))
        : await localStackAnswers(port);
    checks.push(portCheck(port, taken, own));
  }
  return checks;
}

// Node runs this file as an ES module, where there is no __filename; the unit tests import it through Jest's
// CommonJS transform, and then it checks nothing by itself. scripts/doctor.sh runs it from the repository's root.
if (typeof __filename === 'undefined') {
  runChecks(process.cwd(), process.env).then(
    (checks) => {
      const { text, ok } = report(checks);
      console.log(text);
      process.exitCode = ok ? 0 : 1;
    },
    (error: unknown) => {
      console.error('doctor: could not run its checks:', error);
      process.exitCode = 1;
    },
  );
}
