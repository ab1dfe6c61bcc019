import * as path from 'node:path';
import { type CfnElement, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import type { BuildOptions } from 'esbuild';
import { allEvents } from '../../events';
import { METRICS_NAMESPACE } from '../../shared/observability/logger';
import { TestClock } from './test-clock';

export type TableAccess = 'read' | 'readWrite';

export const REPO_ROOT = path.join(__dirname, '..', '..');

export interface ServiceFunctionProps {
  /** The service folder under functions/, e.g. 'pets'. */
  service: string;
  /** The handler file under functions/<service>/handlers/, without extension. */
  handler: string;
  /** The service's table: its name as TABLE_NAME (what wiring.ts reads), and the access `tableAccess` says. */
  table?: dynamodb.ITable;
  /**
   * What the handler does with the table: 'read' (GetItem, Query, Scan, BatchGetItem...) for a handler that only
   * reads, 'readWrite' (the default) for one that saves state, outbox items or idempotency records.
   */
  tableAccess?: TableAccess;
  /** The bus the handler publishes to: its name as EVENT_BUS_NAME, and PutEvents for `busSources` only. */
  bus?: events.IEventBus;
  /**
   * The `source`s the handler may put on the bus (an `events:source` condition). By default the registered
   * sources the service owns (`<system>.<service>`), so a service can never forge another's events.
   */
  busSources?: readonly string[];
  environment?: Record<string, string>;
  timeout?: Duration;
  memorySize?: number;
}

/**
 * The one Node runtime of every function. Locally, scripts/emulator.sh runs functions on the Node that .nvmrc pins,
 * of this major (test/unit/infra/node-runtime.test.ts holds them together), and bundles target its syntax.
 */
export const FUNCTION_RUNTIME = lambda.Runtime.NODEJS_24_X;

/** esbuild's target for a Lambda Node runtime: nodejs24.x -> node24. */
export function esbuildTarget(runtime: lambda.Runtime): string {
  const major = /^nodejs(\d+)\.x$/.exec(runtime.name)?.[1];
  if (!major) throw new Error(`not a Lambda Node runtime: ${runtime.name}`);
  return `node${major}`;
}

/** Where the bundler's stand-in for the SDK's credential chain lives (see the file for why). */
const BUNDLING_DIR = path.join(REPO_ROOT, 'infra', 'bundling');

/**
 * How every function is bundled: ES modules (index.mjs) from the packages' ESM builds (`module` before `main`),
 * so esbuild tree-shakes the AWS SDK v3 and Powertools; `require` defined for the CommonJS code left inside;
 * the SDK's credential chain reduced to the environment (infra/bundling/). zod is bundled as it is: every file
 * imports it as `import * as z from 'zod'` (biome.json keeps it so), which lets esbuild keep only the schema
 * functions a bundle calls; `import { z }` would bring all of zod and its 50 locales (about 260 KB).
 * test/unit/infra/bundle-size.test.ts holds every bundle under 500 KB; test/unit/infra/bundled-schemas.test.ts
 * runs two bundles' schemas.
 */
export const BUNDLING = {
  forceDockerBundling: false,
  externalModules: [],
  format: OutputFormat.ESM,
  mainFields: ['module', 'main'],
  target: esbuildTarget(FUNCTION_RUNTIME),
  minify: true,
  sourceMap: false,
  banner: "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);",
  esbuildArgs: {
    '--alias:@aws-sdk/credential-provider-node': path.join(BUNDLING_DIR, 'credentials-from-env.ts'),
  },
};

/** The entry of a service's handler: functions/<service>/handlers/<handler>.ts. */
export function handlerEntry(service: string, handler: string): string {
  return path.join(REPO_ROOT, 'functions', service, 'handlers', `${handler}.ts`);
}

/**
 * BUNDLING as esbuild's own options, for `npm run dev`, which rebuilds a deployed function's bundle without the
 * CDK: the flags the CDK passes to esbuild for BUNDLING, read off it here so the two builds cannot drift
 * (test/unit/infra/dev-bundle.test.ts holds a dev build byte for byte equal to the CDK's asset). An esbuild
 * argument this does not know fails loudly rather than being left out of one of the two.
 */
export function esbuildOptions(entry: string): BuildOptions & { outfile: string } {
  const alias: Record<string, string> = {};
  for (const [flag, value] of Object.entries((BUNDLING.esbuildArgs ?? {}) as Record<string, string>)) {
    const name = /^--alias:(.+)$/.exec(flag)?.[1];
    if (!name) throw new Error(`esbuildOptions: no translation for the bundling argument ${flag}`);
    alias[name] = value;
  }
  return {
    absWorkingDir: REPO_ROOT,
    entryPoints: [path.relative(REPO_ROOT, entry)],
    bundle: true,
    platform: 'node',
    target: BUNDLING.target,
    format: BUNDLING.format === OutputFormat.ESM ? 'esm' : 'cjs',
    // The CDK names an ES module bundle index.mjs, and the functions' handler is index.handler.
    outfile: BUNDLING.format === OutputFormat.ESM ? 'index.mjs' : 'index.js',
    minify: BUNDLING.minify,
    sourcemap: BUNDLING.sourceMap,
    external: BUNDLING.externalModules,
    mainFields: BUNDLING.mainFields,
    banner: { js: BUNDLING.banner },
    alias,
  };
}

/**
 * One log group per service, shared by its functions (Lambda's advanced logging controls allow it): the logs of a
 * service read in one place, and the stack stays within CloudFormation's 500 resources (one group per function
 * was 57 of them). Every line carries the function's `service`, `function_name` and correlation id.
 */
function serviceLogGroup(scope: Construct, service: string): logs.ILogGroup {
  const stack = Stack.of(scope);
  const id = `${service.replace(/[^A-Za-z0-9]/g, '')}ServiceLogs`;
  return (
    (stack.node.tryFindChild(id) as logs.LogGroup | undefined) ??
    new logs.LogGroup(stack, id, {
      retention: logs.RetentionDays.TWO_WEEKS,
      removalPolicy: RemovalPolicy.DESTROY,
    })
  );
}

/**
 * A handler of a service, bundled by the local esbuild (never Docker) with the AWS SDK inside the bundle:
 * FUNCTION_RUNTIME on ARM64 on AWS; the local emulator runs the same bundle on the same Node major.
 */
export class ServiceFunction extends NodejsFunction {
  /** The handler file the function bundles (what `npm run dev` rebuilds it from). */
  readonly entry: string;

  constructor(scope: Construct, id: string, props: ServiceFunctionProps) {
    const logGroup = serviceLogGroup(scope, props.service);
    const entry = handlerEntry(props.service, props.handler);
    super(scope, id, {
      entry,
      handler: 'handler',
      runtime: FUNCTION_RUNTIME,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize ?? 256,
      timeout: props.timeout ?? Duration.seconds(10),
      logGroup,
      depsLockFilePath: path.join(REPO_ROOT, 'package-lock.json'),
      projectRoot: REPO_ROOT,
      bundling: BUNDLING,
      environment: {
        POWERTOOLS_SERVICE_NAME: props.service,
        POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
        LOG_LEVEL: 'INFO',
        ...(props.table ? { TABLE_NAME: props.table.tableName } : {}),
        ...(props.bus ? { EVENT_BUS_NAME: props.bus.eventBusName } : {}),
        ...props.environment,
      },
    });
    this.entry = entry;
    if (props.table) {
      if ((props.tableAccess ?? 'readWrite') === 'read') props.table.grantReadData(this);
      else props.table.grantReadWriteData(this);
      // A table of this stack; one imported from another stack by its exported ARN is acknowledged by its importer.
      const ownTable = props.table.node.defaultChild as CfnElement | undefined;
      if (ownTable) {
        const table = Stack.of(this).getLogicalId(ownTable);
        Validations.of(this).acknowledge({
          id: `AwsSolutions-IAM5[Resource::<${table}.Arn>/index/*]`,
          reason:
            'The indexes of the service’s own table (the outbox index, and any a service adds to query); no other table.',
        });
      }
    }
    Validations.of(this).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason:
        'The AWS managed policy for a function’s own logs (CreateLogStream, PutLogEvents); it grants nothing else.',
    });
    // On a local stack deployed with the test clock, every function reads time through it (shared/clock.ts).
    const testClock = TestClock.of(this);
    if (testClock) {
      this.addEnvironment('TEST_CLOCK_TABLE', testClock.table.tableName);
      testClock.table.grantReadData(this);
    }
    if (props.bus) {
      const sources = [...new Set(props.busSources ?? sourcesOwnedBy(props.service))].sort();
      if (sources.length === 0) throw new Error(`${id}: '${props.service}' owns no registered event source`);
      // Only these sources: a handler cannot forge another service's events (PutEvents on the whole bus could).
      this.addToRolePolicy(
        new iam.PolicyStatement({
          actions: ['events:PutEvents'],
          resources: [props.bus.eventBusArn],
          conditions: { StringEquals: { 'events:source': sources } },
        }),
      );
    }
  }
}

/** The registered event sources a service owns: `<system>.<service>`, e.g. pizza.orders for 'orders'. */
function sourcesOwnedBy(service: string): string[] {
  return allEvents.map((e) => e.source).filter((source) => source.split('.').at(-1) === service);
}
