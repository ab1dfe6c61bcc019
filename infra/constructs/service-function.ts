import * as path from 'node:path';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as events from 'aws-cdk-lib/aws-events';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { METRICS_NAMESPACE } from '../../shared/observability/logger';
import { TestClock } from './test-clock';

export const REPO_ROOT = path.join(__dirname, '..', '..');

export interface ServiceFunctionProps {
  /** The service folder under functions/, e.g. 'pets'. */
  service: string;
  /** The handler file under functions/<service>/handlers/, without extension. */
  handler: string;
  /** The service's table: read/write access, and its name as TABLE_NAME (what wiring.ts reads). */
  table?: dynamodb.ITable;
  /** The bus the handler publishes to: put access, and its name as EVENT_BUS_NAME. */
  bus?: events.IEventBus;
  environment?: Record<string, string>;
  timeout?: Duration;
  memorySize?: number;
}

/** Where the bundler's stand-ins for heavy modules live (see each file for why). */
const BUNDLING_DIR = path.join(REPO_ROOT, 'infra', 'bundling');

/**
 * How every function is bundled: ES modules (index.mjs) from the packages' ESM builds (`module` before `main`),
 * so esbuild tree-shakes the AWS SDK v3 and Powertools; `require` defined for the CommonJS code left inside;
 * zod reduced to what the functions use and the SDK's credential chain to the environment (infra/bundling/).
 * The test in test/unit/infra/bundle-size.test.ts holds every bundle under 500 KB.
 */
export const BUNDLING = {
  forceDockerBundling: false,
  externalModules: [],
  format: OutputFormat.ESM,
  mainFields: ['module', 'main'],
  target: 'node20',
  minify: true,
  sourceMap: false,
  banner: "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);",
  esbuildArgs: {
    '--alias:zod': path.join(BUNDLING_DIR, 'zod-runtime.ts'),
    '--alias:@aws-sdk/credential-provider-node': path.join(BUNDLING_DIR, 'credentials-from-env.ts'),
  },
};

/**
 * A handler of a service, bundled by the local esbuild (never Docker) with the AWS SDK inside the bundle:
 * runtime nodejs22.x on ARM64 on AWS; emulators that run functions on the host's Node 20 run the same bundle,
 * which is why it targets node20 syntax.
 */
export class ServiceFunction extends NodejsFunction {
  constructor(scope: Construct, id: string, props: ServiceFunctionProps) {
    const logGroup = new logs.LogGroup(scope, `${id}Logs`, {
      retention: logs.RetentionDays.TWO_WEEKS,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    super(scope, id, {
      entry: path.join(REPO_ROOT, 'functions', props.service, 'handlers', `${props.handler}.ts`),
      handler: 'handler',
      runtime: lambda.Runtime.NODEJS_22_X,
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
    props.table?.grantReadWriteData(this);
    // On a local stack deployed with the test clock, every function reads time through it (shared/clock.ts).
    const testClock = TestClock.of(this);
    if (testClock) {
      this.addEnvironment('TEST_CLOCK_TABLE', testClock.table.tableName);
      testClock.table.grantReadData(this);
    }
    props.bus?.grantPutEventsTo(this);
  }
}
