import * as fs from 'node:fs';
import * as path from 'node:path';
import { type OUTPUTS, STACK_NAME } from '../../infra/names';

/**
 * Where scripts and tests point: the embedded MiniStack (default), LocalStack (EMULATOR=localstack) or real
 * AWS (EMULATOR=aws, with your own credentials). One variable switches every script.
 */
// The SDK warns on Node 20 that releases after January 2027 need Node 22. Our SDK versions are pinned and the
// functions and, on an older host, the tooling run on the project's Node 24, so the notice says nothing a user can
// act on here (see docs/targets.md).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export type TargetKind = 'ministack' | 'localstack' | 'aws';

export const REPO_ROOT = path.join(__dirname, '..', '..');

export interface Target {
  kind: TargetKind;
  port: number;
  /** The emulator's endpoint; undefined on AWS. */
  endpoint: string | undefined;
  region: string;
  outputsFile: string;
}

export function currentTarget(env: NodeJS.ProcessEnv = process.env): Target {
  const kind = (env.EMULATOR ?? 'ministack') as TargetKind;
  if (!['ministack', 'localstack', 'aws'].includes(kind)) {
    throw new Error(`EMULATOR must be ministack, localstack or aws, not '${kind}'`);
  }
  const port = Number(env.EMULATOR_PORT ?? 4566);
  const home = env.EMULATOR_HOME ?? path.join(REPO_ROOT, '.emulator', String(port));
  return {
    kind,
    port,
    endpoint: kind === 'aws' ? undefined : `http://localhost:${port}`,
    region: env.AWS_REGION ?? env.CDK_DEFAULT_REGION ?? 'us-east-1',
    outputsFile:
      env.OUTPUTS_FILE ??
      (kind === 'aws' ? path.join(REPO_ROOT, 'cdk-outputs.json') : path.join(home, 'outputs.json')),
  };
}

/** SDK client settings for the target: the emulator's endpoint and dummy credentials, or the default chain. */
export function clientConfig(target: Target = currentTarget()) {
  if (!target.endpoint) return { region: target.region };
  return {
    region: target.region,
    endpoint: target.endpoint,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  };
}

export type StackOutputs = Record<(typeof OUTPUTS)[keyof typeof OUTPUTS], string>;

export function loadOutputs(target: Target = currentTarget()): StackOutputs {
  if (!fs.existsSync(target.outputsFile)) {
    throw new Error(`No stack outputs at ${target.outputsFile}: deploy first (npm run deploy).`);
  }
  const all = JSON.parse(fs.readFileSync(target.outputsFile, 'utf8')) as Record<string, StackOutputs>;
  if (!all[STACK_NAME]) throw new Error(`${target.outputsFile} has no outputs for ${STACK_NAME}`);
  // The one stack's: it re-exports its nested stacks' outputs (infra/platform-stack.ts), one set of keys (OUTPUTS).
  return all[STACK_NAME];
}

/**
 * The HTTP API's base URL. Emulators answer on <endpoint>/_aws/execute-api/<apiId>, which needs no DNS for
 * <apiId>.execute-api.localhost; AWS answers on the API's own endpoint.
 */
export function apiBaseUrl(outputs: StackOutputs, target: Target = currentTarget()): string {
  if (process.env.API_URL) return process.env.API_URL.replace(/\/$/, '');
  if (!target.endpoint) return outputs.ApiUrl.replace(/\/$/, '');
  return `${target.endpoint}/_aws/execute-api/${outputs.HttpApiId}`;
}
