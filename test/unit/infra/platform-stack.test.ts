import { App, type NestedStack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { allEvents } from '../../../events';
import { STACK_NAME } from '../../../infra/names';
import { PlatformStack, stacksOf } from '../../../infra/platform-stack';
import { MAX_RECEIVE_COUNT } from '../../../shared/messaging/retry-delay';

type Resources = Record<string, { Type: string; Properties: Record<string, unknown> }>;

/** The value with every `{ Ref: parameter }` replaced by what the parent passes for it. */
function withParameters<T>(value: T, passed: Record<string, unknown>): T {
  if (Array.isArray(value)) return value.map((v) => withParameters(v, passed)) as T;
  if (value === null || typeof value !== 'object') return value;
  const ref = (value as { Ref?: unknown }).Ref;
  if (Object.keys(value).length === 1 && typeof ref === 'string' && ref in passed) return passed[ref] as T;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withParameters(v, passed)])) as T;
}

describe('the synthesized stacks', () => {
  let template: Template;
  let resources: Resources;
  let rootResourceCount: number;

  beforeAll(() => {
    // Skipping esbuild keeps this a unit test; the emulator tests run the real bundles.
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    const stack = new PlatformStack(app, STACK_NAME, {
      env: { account: '111111111111', region: 'eu-west-1' },
    });
    // Every stack of the app, read as one: the root and its nested stacks, whose parameters are replaced by what
    // the root passes them (a nested stack's route then names the root's API as the root's own routes do).
    const root = Template.fromStack(stack).toJSON();
    rootResourceCount = Object.keys(root.Resources).length;
    const others = stacksOf(stack)
      .slice(1)
      .map((nested) => {
        const resource = stack.getLogicalId((nested as NestedStack).nestedStackResource!);
        const passed = (root.Resources[resource].Properties.Parameters ?? {}) as Record<string, unknown>;
        return withParameters(Template.fromStack(nested).toJSON().Resources, passed);
      });
    template = Template.fromJSON({ ...root, Resources: Object.assign({}, root.Resources, ...others) });
    resources = template.toJSON().Resources as Resources;
  });

  const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);

  test('every function runs on nodejs24.x (the latest Lambda Node runtime) on ARM64 with structured logs and a service name', () => {
    const functions = ofType('AWS::Lambda::Function');
    expect(functions.length).toBeGreaterThanOrEqual(10);
    for (const [id, fn] of functions) {
      expect({ id, runtime: fn.Properties.Runtime, arch: fn.Properties.Architectures }).toEqual({
        id,
        runtime: 'nodejs24.x',
        arch: ['arm64'],
      });
      const env = (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
      expect(env.POWERTOOLS_SERVICE_NAME).toEqual(expect.any(String));
    }
  });

  test('every route of the HTTP API needs a JWT whose issuer is the pool and whose audience is the app client', () => {
    const httpApiId = Object.entries(resources).find(
      ([, r]) => r.Type === 'AWS::ApiGatewayV2::Api' && r.Properties.ProtocolType === 'HTTP',
    )?.[0];
    // Its own routes, and a nested stack's (its parameter replaced by the API's id).
    const routes = ofType('AWS::ApiGatewayV2::Route').filter(([, r]) =>
      JSON.stringify(r.Properties.ApiId).includes(`${httpApiId}`),
    );
    expect(routes.length).toBeGreaterThanOrEqual(8);
    // The routes without a token: the web console's page and the API's OpenAPI document,
    // which hold no data, and the one that hands tokens out.
    const PUBLIC_ROUTES = ['GET /console', 'GET /openapi.json', 'POST /auth/sign-in'];
    for (const [id, route] of routes) {
      const expected = PUBLIC_ROUTES.includes(String(route.Properties.RouteKey)) ? 'NONE' : 'JWT';
      expect({ id, auth: route.Properties.AuthorizationType }).toEqual({ id, auth: expected });
    }
    expect(routes.filter(([, r]) => r.Properties.AuthorizationType === 'NONE').length).toBe(
      PUBLIC_ROUTES.length,
    );
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      JwtConfiguration: {
        Audience: [{ Ref: Match.stringLikeRegexp('UserPoolAppClient') }],
        Issuer: { 'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp('cognito-idp')])] },
      },
    });
  });

  test("the WebSocket API's $connect needs the access-token authorizer, and its stage deploys itself", () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
      RouteKey: '$connect',
      AuthorizationType: 'CUSTOM',
    });
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'REQUEST',
      IdentitySource: ['route.request.querystring.token'],
    });
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', { StageName: 'live', AutoDeploy: true });
    expect(ofType('AWS::ApiGatewayV2::Deployment')).toEqual([]);
  });

  test('every work queue has a DLQ after ten tries, and every DLQ and failure queue an alarm on its depth', () => {
    const queues = ofType('AWS::SQS::Queue').filter(([id]) => !id.includes('AlarmInbox'));
    const work = queues.filter(([, q]) => q.Properties.RedrivePolicy);
    const dlqs = queues.filter(([, q]) => !q.Properties.RedrivePolicy);
    // One DLQ per work queue, plus each stack's DLQ for events the bus or SNS could not deliver (the platform's
    // and the quests stack's), the outbox relay's failure queue for stream batches that aged out, and the failed
    // runs of the two scheduled functions.
    expect(dlqs.length).toBe(work.length + 5);
    for (const [, queue] of work) {
      expect((queue.Properties.RedrivePolicy as { maxReceiveCount: number }).maxReceiveCount).toBe(
        MAX_RECEIVE_COUNT,
      );
    }
    const depthAlarms = ofType('AWS::CloudWatch::Alarm').filter(
      ([, a]) => a.Properties.MetricName === 'ApproximateNumberOfMessagesVisible',
    );
    expect(depthAlarms.length).toBe(dlqs.length);
  });

  test('every rule target and every SNS subscription has a DLQ for what it cannot deliver', () => {
    // Each stack has its own: a DLQ's policy names the rules that may send to it, so it lives beside them.
    const undeliverable = Object.keys(resources).filter(
      (id) => id.includes('UndeliverableEvents') && resources[id]!.Type === 'AWS::SQS::Queue',
    );
    expect(undeliverable.length).toBe(2);
    const isUndeliverable = (arn: unknown) => undeliverable.some((id) => JSON.stringify(arn).includes(id));
    const rules = ofType('AWS::Events::Rule').filter(([, r]) => !r.Properties.ScheduleExpression);
    expect(rules.length).toBeGreaterThanOrEqual(5);
    for (const [id, rule] of rules) {
      for (const target of rule.Properties.Targets as { DeadLetterConfig?: { Arn: unknown } }[]) {
        expect({ id, dlq: isUndeliverable(target.DeadLetterConfig?.Arn) }).toEqual({ id, dlq: true });
      }
    }
    const subscriptions = ofType('AWS::SNS::Subscription').filter(([, s]) => s.Properties.Protocol === 'sqs');
    expect(subscriptions.length).toBeGreaterThanOrEqual(2);
    for (const [id, subscription] of subscriptions) {
      expect({ id, dlq: isUndeliverable(subscription.Properties.RedrivePolicy) }).toEqual({ id, dlq: true });
    }
  });

  test('every queue consumer reports partial batch failures', () => {
    const mappings = ofType('AWS::Lambda::EventSourceMapping').filter(
      ([, m]) => !JSON.stringify(m.Properties.EventSourceArn).includes('StreamArn'),
    );
    const workQueues = ofType('AWS::SQS::Queue').filter(([, q]) => q.Properties.RedrivePolicy);
    const consumed = new Set(
      mappings.map(([, m]) => (m.Properties.EventSourceArn as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0]),
    );
    // Every work queue has a consumer, and every consumer reads a work queue (one with a DLQ).
    expect([...consumed].sort()).toEqual(workQueues.map(([id]) => id).sort());
    for (const [, mapping] of mappings) {
      expect(mapping.Properties.FunctionResponseTypes).toEqual(['ReportBatchItemFailures']);
    }
  });

  test('every service table has an outbox: a stream of new images relayed to the bus, filtered to outbox inserts', () => {
    const tables = ofType('AWS::DynamoDB::Table');
    const streams = ofType('AWS::Lambda::EventSourceMapping').filter(([, m]) =>
      JSON.stringify(m.Properties.EventSourceArn).includes('StreamArn'),
    );
    expect(tables.length).toBe(14);
    expect(streams.length).toBe(tables.length);
    for (const [, table] of tables) {
      expect(table.Properties.StreamSpecification).toEqual({ StreamViewType: 'NEW_IMAGE' });
      expect(table.Properties.TimeToLiveSpecification).toEqual({
        AttributeName: 'expiration',
        Enabled: true,
      });
    }
    for (const [, mapping] of streams) {
      expect(JSON.stringify(mapping.Properties.FunctionName)).toContain('OutboxRelayFunction');
      expect(mapping.Properties.FilterCriteria).toEqual({
        Filters: [
          {
            Pattern: JSON.stringify({
              eventName: ['INSERT'],
              dynamodb: { Keys: { pk: { S: [{ prefix: 'OUTBOX#' }] } } },
            }),
          },
        ],
      });
      expect(mapping.Properties.DestinationConfig).toBeDefined();
      expect(mapping.Properties.MaximumRecordAgeInSeconds).toBe(3600);
    }
  });

  /** The relay's OUTBOX_SOURCES as it will read it, a table of the platform's stack named by its logical id. */
  const outboxSourcesOf = (functionId: string) => {
    const [, fn] = ofType('AWS::Lambda::Function').find(([id]) => id.includes(functionId))!;
    const value = (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables
      .OUTBOX_SOURCES;
    const parts = (value as { 'Fn::Join'?: [string, unknown[]] })['Fn::Join']?.[1] ?? [value];
    const text = parts
      .map((part) => (typeof part === 'string' ? part : (part as { Ref: string }).Ref))
      .join('');
    return JSON.parse(text) as { table: string; sources: string[] }[];
  };

  test('the relay and the sweeper know every service table with the event sources its service owns, and no more', () => {
    const tables = ofType('AWS::DynamoDB::Table').map(([id, t]) => String(t.Properties.TableName ?? id));
    const registered = new Set(allEvents.map((e) => e.source));
    const declared = outboxSourcesOf('OutboxRelayFunction');

    expect(outboxSourcesOf('OutboxSweepFunction')).toEqual(declared);
    expect(declared.map((d) => d.table).sort()).toEqual(tables.sort());
    for (const { sources } of declared)
      for (const source of sources) expect(registered.has(source)).toBe(true);
    // Each registered source is owned by exactly one table: no two services may publish the same events.
    const owned = declared.flatMap((d) => d.sources).sort();
    expect(owned).toEqual([...registered].sort());
    const ownerOf = (source: string) => declared.find((d) => d.sources.includes(source))!.table;
    expect(ownerOf('pizza.orders')).toMatch(/^OrdersTable/);
    expect(ownerOf('platform.auth')).toMatch(/SignIn/);
  });

  test('a refused outbox item goes to the undeliverable queue and raises an alarm on the relay’s refusal metric', () => {
    const [queue] = ofType('AWS::SQS::Queue').find(([id]) => id.startsWith('PlatformUndeliverableEvents'))!;
    for (const fn of ['OutboxRelayFunction', 'OutboxSweepFunction']) {
      const [, relay] = ofType('AWS::Lambda::Function').find(([id]) => id.includes(fn))!;
      const env = (relay.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
      expect({ fn, url: env.UNDELIVERABLE_QUEUE_URL }).toEqual({ fn, url: { Ref: queue } });
    }
    const sends = ofType('AWS::IAM::Policy').filter(([id, p]) => {
      const text = JSON.stringify(p.Properties.PolicyDocument);
      return id.includes('Outbox') && text.includes('sqs:SendMessage') && text.includes(queue);
    });
    expect(sends.length).toBe(2);
    const topic = ofType('AWS::SNS::Topic').find(([id]) => id.includes('AlarmTopic'))![0];
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'ServerlessPlatform',
      MetricName: 'OutboxItemsRefused',
      Dimensions: [{ Name: 'service', Value: 'platform' }],
      Statistic: 'Sum',
      Period: 60,
      Threshold: 1,
      EvaluationPeriods: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
      AlarmActions: [{ Ref: topic }],
    });
  });

  test('the rules route each event to the consumers that declared it, from the contracts', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        source: ['petgame.interactions'],
        'detail-type': ['interaction.completed', 'interaction.missed'],
      },
    });
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: { source: ['petgame.pets'], 'detail-type': ['pet.adopted'] },
    });
    template.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'cron(5 0 * * ? *)' });
  });

  test('each service owns one table', () => {
    const servicesByTable = new Map<string, Set<string>>();
    for (const [, fn] of ofType('AWS::Lambda::Function')) {
      const env = (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
      const table = (env.TABLE_NAME as { Ref?: string } | undefined)?.Ref;
      if (!table) continue;
      const services = servicesByTable.get(table) ?? new Set<string>();
      services.add(String(env.POWERTOOLS_SERVICE_NAME));
      servicesByTable.set(table, services);
    }
    const tables = ofType('AWS::DynamoDB::Table').map(([id]) => id);
    // Every table is used, by the functions of one service only, and no service has two tables.
    expect([...servicesByTable.keys()].sort()).toEqual(tables.sort());
    const owners = [...servicesByTable.values()].map((services) => [...services]);
    for (const services of owners) expect(services).toHaveLength(1);
    expect(new Set(owners.flat()).size).toBe(tables.length);
    expect(tables.length).toBeGreaterThanOrEqual(2);
  });

  test('every function has an Errors and a Throttles alarm, and every alarm notifies the alarm topic', () => {
    const alarms = ofType('AWS::CloudWatch::Alarm');
    const functions = ofType('AWS::Lambda::Function').map(([id]) => id);
    for (const metric of ['Errors', 'Throttles']) {
      const watched = alarms
        .filter(([, a]) => a.Properties.MetricName === metric && a.Properties.Namespace === 'AWS/Lambda')
        .map(([, a]) => (a.Properties.Dimensions as { Value: { Ref: string } }[])[0]!.Value.Ref);
      expect({ metric, watched: watched.sort() }).toEqual({ metric, watched: [...functions].sort() });
    }
    const topic = ofType('AWS::SNS::Topic').find(([id]) => id.includes('AlarmTopic'))![0];
    for (const [id, alarm] of alarms) {
      // The root's alarms and a nested stack's alike (its parameter is replaced by the root's topic).
      const actions = JSON.stringify(alarm.Properties.AlarmActions);
      expect({
        id,
        toTopic: actions === JSON.stringify([{ Ref: topic }]),
      }).toEqual({
        id,
        toTopic: true,
      });
    }
  });

  test('the alarm topic e-mails the AlarmEmail parameter when one is given, and always feeds the alarm inbox', () => {
    const json = template.toJSON() as { Parameters: Record<string, { Default?: string }> };
    const parameter = Object.keys(json.Parameters).find((name) => name.includes('AlarmEmail'))!;
    expect(json.Parameters[parameter]?.Default).toBe('');
    const email = ofType('AWS::SNS::Subscription').find(([, s]) => s.Properties.Protocol === 'email')!;
    expect(email[1].Properties.Endpoint).toEqual({ Ref: parameter });
    expect((resources[email[0]] as { Condition?: string }).Condition).toMatch(/HasAlarmEmail/);
    const inbox = ofType('AWS::SQS::Queue').find(([id]) => id.includes('AlarmInbox'))![0];
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'sqs',
      Endpoint: { 'Fn::GetAtt': [inbox, 'Arn'] },
    });
  });

  test('the missed-day job and the outbox sweeper send a run that failed its retries to an alarmed queue', () => {
    const configs = ofType('AWS::Lambda::EventInvokeConfig');
    const byFunction = Object.fromEntries(
      configs.map(([, c]) => [(c.Properties.FunctionName as { Ref: string }).Ref, c.Properties]),
    );
    for (const name of ['MissedDayJobFunction', 'SweepFunction']) {
      const fn = Object.keys(byFunction).find((id) => id.includes(name));
      expect({ name, config: fn && byFunction[fn] }).toEqual({
        name,
        config: expect.objectContaining({
          MaximumRetryAttempts: 2,
          DestinationConfig: { OnFailure: { Destination: expect.anything() } },
        }),
      });
    }
  });

  test('the platform’s stack stays within CloudFormation’s 500 resources', () => {
    expect(rootResourceCount).toBeLessThanOrEqual(500);
  });

  test('the orders’ payment reconciler runs every minute, may invoke payments, and reads the unsettled index', () => {
    const reconciler = ofType('AWS::Lambda::Function').find(([id]) =>
      id.startsWith('ReconcilePaymentsFunction'),
    );
    expect(reconciler).toBeDefined();
    const [reconcilerId] = reconciler!;
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(1 minute)',
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [reconcilerId, 'Arn'] } })],
    });
    const policies = ofType('AWS::IAM::Policy').filter(([id]) => id.startsWith('ReconcilePaymentsFunction'));
    const actions = JSON.stringify(policies.map(([, p]) => p.Properties.PolicyDocument));
    expect(actions).toContain('lambda:InvokeFunction');
    expect(actions).toContain('dynamodb:Query');
    expect(actions).toContain('/index/*');
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      GlobalSecondaryIndexes: Match.arrayWith([Match.objectLike({ IndexName: 'payment-unsettled' })]),
    });
  });

  test('the staff list reads a sharded, keys-only index: an order writes to it once, and no shard takes every order', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      GlobalSecondaryIndexes: Match.arrayWith([
        Match.objectLike({
          IndexName: 'all-orders',
          KeySchema: [
            { AttributeName: 'orderListShard', KeyType: 'HASH' },
            { AttributeName: 'orderListAt', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'KEYS_ONLY' },
        }),
      ]),
    });
  });
});
