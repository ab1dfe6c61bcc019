import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { App, Stack } from 'aws-cdk-lib';
import { ServiceFunction } from '../../../infra/constructs/service-function';
import { httpEvent } from '../shared/http/http-event';

/**
 * The schemas as the deployed functions run them: two handlers bundled by ServiceFunction itself (the esbuild
 * settings every function is deployed with), loaded by a plain `node` as Lambda loads them, and called with a
 * request their schema refuses and one it accepts. Jest runs the sources against zod from node_modules; only
 * this test runs what the bundler made of them, so a bundle that lost a zod function (to an alias, a stand-in
 * or tree-shaking) fails here, not at a cold start.
 */
const HANDLERS = {
  renameMyPet: { service: 'pets', handler: 'rename-my-pet' },
  listOrders: { service: 'orders', handler: 'list-orders' },
} as const;
type Handler = keyof typeof HANDLERS;

interface Answer {
  statusCode: number;
  body: string;
}

/** Loads the bundle's index.mjs once (one cold start), calls its handler with each event, writes the answers. */
const RUNNER = `
const [bundle, eventsFile, answersFile] = process.argv.slice(2);
const { handler } = await import(bundle);
const context = {
  functionName: 'bundled-schemas', functionVersion: '$LATEST', memoryLimitInMB: '256',
  invokedFunctionArn: 'arn:aws:lambda:eu-west-1:111111111111:function:bundled-schemas',
  awsRequestId: 'request-1', getRemainingTimeInMillis: () => 10000,
};
const answers = [];
for (const event of JSON.parse((await import('node:fs')).readFileSync(eventsFile, 'utf8'))) {
  answers.push(await handler(event, context));
}
(await import('node:fs')).writeFileSync(answersFile, JSON.stringify(answers));
`;

describe('the schemas inside the deployed bundles', () => {
  let workdir: string;
  const bundles = {} as Record<Handler, string>;
  /** What reached "DynamoDB" (a local server that refuses every call): the proof a request got past its schema. */
  const tableCalls: { target: string; table: string }[] = [];
  let dynamoDb: http.Server;

  beforeAll(async () => {
    workdir = fs.mkdtempSync(path.join(os.tmpdir(), 'bundled-schemas-'));
    // Asset metadata, as the CDK CLI sets it: each function's bundle folder in its template.
    const app = new App({
      outdir: path.join(workdir, 'cdk.out'),
      context: { 'aws:cdk:enable-asset-metadata': true },
    });
    const stack = new Stack(app, 'BundledSchemas', { env: { account: '111111111111', region: 'eu-west-1' } });
    const functions = Object.fromEntries(
      Object.entries(HANDLERS).map(([name, props]) => [name, new ServiceFunction(stack, name, props)]),
    );
    const assembly = app.synth();
    const template = assembly.getStackByName('BundledSchemas').template as {
      Resources: Record<string, { Type: string; Metadata?: Record<string, unknown> }>;
    };
    for (const [name, fn] of Object.entries(functions)) {
      const logicalId = stack.getLogicalId(fn.node.defaultChild as never);
      const assetPath = String(template.Resources[logicalId]?.Metadata?.['aws:asset:path']);
      bundles[name as Handler] = path.join(assembly.directory, assetPath, 'index.mjs');
    }

    dynamoDb = http.createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        tableCalls.push({
          target: String(request.headers['x-amz-target']),
          table: String((JSON.parse(body || '{}') as { TableName?: string }).TableName),
        });
        response.writeHead(400, { 'content-type': 'application/x-amz-json-1.0' });
        response.end(
          JSON.stringify({
            __type: 'com.amazonaws.dynamodb.v20120810#ResourceNotFoundException',
            message: 'Requested resource not found',
          }),
        );
      });
    });
    await new Promise<void>((resolve) => dynamoDb.listen(0, '127.0.0.1', resolve));
  }, 120_000);

  afterAll(async () => {
    await new Promise((resolve) => dynamoDb?.close(resolve));
    fs.rmSync(workdir, { recursive: true, force: true });
  });

  beforeEach(() => {
    tableCalls.length = 0;
  });

  /** Runs the bundle in its own `node`, with the environment a deployed function has (and a table that refuses). */
  async function invoke(name: Handler, events: unknown[]): Promise<Answer[]> {
    const runner = path.join(workdir, 'run.mjs');
    const eventsFile = path.join(workdir, `${name}-events.json`);
    const answersFile = path.join(workdir, `${name}-answers.json`);
    fs.writeFileSync(runner, RUNNER);
    fs.writeFileSync(eventsFile, JSON.stringify(events));
    const { port } = dynamoDb.address() as AddressInfo;
    const run = promisify(execFile)(process.execPath, [runner, bundles[name], eventsFile, answersFile], {
      env: {
        PATH: process.env.PATH,
        AWS_REGION: 'eu-west-1',
        AWS_ACCESS_KEY_ID: 'test',
        AWS_SECRET_ACCESS_KEY: 'test',
        AWS_ENDPOINT_URL_DYNAMODB: `http://127.0.0.1:${port}`,
        AWS_MAX_ATTEMPTS: '1',
        TABLE_NAME: `${name}-table`,
        PAYMENTS_FUNCTION_NAME: 'payments-charge',
        POWERTOOLS_SERVICE_NAME: HANDLERS[name].service,
        POWERTOOLS_METRICS_NAMESPACE: 'BundledSchemas',
        POWERTOOLS_LOG_LEVEL: 'CRITICAL',
      },
    });
    // A bundle that fails to load prints its minified source; its last lines say what failed.
    await run.catch((error: { stderr?: string }) => {
      const lines = String(error.stderr)
        .split('\n')
        .filter((line) => line.length < 400);
      throw new Error(`${name}'s bundle failed:\n${lines.slice(-12).join('\n')}`);
    });
    return JSON.parse(fs.readFileSync(answersFile, 'utf8')) as Answer[];
  }

  const problemsOf = (answer: Answer) => {
    const body = JSON.parse(answer.body) as { code: string; details?: { field: string }[] };
    return { status: answer.statusCode, code: body.code, fields: body.details?.map((d) => d.field) };
  };

  test('PATCH /pets/me: a body its schema refuses is a 400 naming the field; one it accepts reaches the table', async () => {
    const rename = (body: unknown) => httpEvent({ method: 'PATCH', path: '/pets/me', body });

    const [badName, unknownField, accepted] = await invoke('renameMyPet', [
      rename({ name: 'Rex!' }),
      rename({ name: 'Rex', colour: 'green' }),
      rename({ name: 'Rex' }),
    ]);

    expect(problemsOf(badName!)).toEqual({ status: 400, code: 'VALIDATION_FAILED', fields: ['name'] });
    expect(problemsOf(unknownField!)).toEqual({ status: 400, code: 'VALIDATION_FAILED', fields: ['colour'] });
    // Past its schema the handler went to its table (which this test does not provide), and only that one did.
    expect(accepted!.statusCode).not.toBe(400);
    expect(tableCalls.length).toBeGreaterThan(0);
    expect(new Set(tableCalls.map((c) => c.table))).toEqual(new Set(['renameMyPet-table']));
  }, 60_000);

  test('GET /orders: a query its schema refuses is a 400 naming the parameters; one it accepts reaches the table', async () => {
    const list = (query: Record<string, string>) => ({
      ...httpEvent({ method: 'GET', path: '/orders' }),
      queryStringParameters: query,
    });

    const [refused, accepted] = await invoke('listOrders', [
      list({ limit: 'many', all: 'maybe' }),
      list({ limit: '5' }),
    ]);

    expect(problemsOf(refused!)).toEqual({
      status: 400,
      code: 'VALIDATION_FAILED',
      fields: ['all', 'limit'],
    });
    expect(accepted!.statusCode).not.toBe(400);
    expect(tableCalls.map((c) => c.target)).toEqual(['DynamoDB_20120810.Query']);
    expect(tableCalls[0]!.table).toBe('listOrders-table');
  }, 60_000);
});
