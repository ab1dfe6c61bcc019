import { CfnOutput, Duration, Lazy, Stack, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { allEvents } from '../../events';
import { OUTBOX_INDEX, OUTBOX_PK_PREFIX } from '../../shared/messaging/outbox';
import { OUTBOX_REFUSED_METRIC, type OutboxTableSources } from '../../shared/messaging/outbox-relay';
import { METRICS_NAMESPACE } from '../../shared/observability/logger';
import { OUTPUTS } from '../names';
import { AsyncFailures } from './async-failures';
import { FailureQueue } from './failure-queue';
import { ServiceFunction } from './service-function';

/**
 * What the relay and the sweeper write: they delete the outbox items they published (BatchWriteItem, shared/storage/
 * outbox-store.ts), and nothing else. IAM cannot tell a batch's deletes from its puts, so the grant is held to the
 * outbox's partition keys: no other item of a service's table can be written. The table itself only: table.grant
 * would add its indexes (index/*), where nothing is written.
 */
function deleteOutboxItems(table: dynamodb.ITable): iam.PolicyStatement {
  return new iam.PolicyStatement({
    actions: ['dynamodb:BatchWriteItem'],
    resources: [table.tableArn],
    conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [`${OUTBOX_PK_PREFIX}*`] } },
  });
}

export interface OutboxRelayProps {
  bus: events.IEventBus;
  alarmTopic: sns.ITopic;
  /** Where a refused outbox item goes instead of the bus (the platform's undeliverable-events queue, alarmed). */
  undeliverable: sqs.IQueue;
}

/**
 * The one way events reach the bus (ADR 7): every service table's stream, filtered to inserted outbox items,
 * feeds one relay function that publishes them in order and deletes them; a scheduled sweeper publishes what is
 * left after the grace period (a batch the stream gave up on after its maximum record age, or a lost record).
 */
export class OutboxRelay extends Construct {
  readonly relay: ServiceFunction;
  readonly sweeper: ServiceFunction;
  /** Stream batches the relay failed past their maximum age: the sweeper republishes their items. */
  readonly failures: sqs.Queue;
  /** Sweeper runs that failed after Lambda's retries. */
  readonly sweepFailures: AsyncFailures;
  /** Outbox items refused (a source the table's service does not own, or no contract): never on the bus. */
  readonly refusedAlarm: cloudwatch.Alarm;
  /** Each relayed table by name, with the sources its service owns: the relay's and sweeper's OUTBOX_SOURCES. */
  private readonly tables: OutboxTableSources = [];

  constructor(scope: Construct, id: string, props: OutboxRelayProps) {
    super(scope, id);
    // The relay and the sweeper publish every service's events, and only the registered ones (events/index.ts).
    const registeredSources = allEvents.map((e) => e.source);
    const environment = {
      // Read at cold start (functions/platform/wiring.ts); names of the platform's own tables resolve at deploy.
      OUTBOX_SOURCES: Lazy.string({ produce: () => Stack.of(this).toJsonString(this.tables) }),
      UNDELIVERABLE_QUEUE_URL: props.undeliverable.queueUrl,
    };
    this.relay = new ServiceFunction(this, 'RelayFunction', {
      service: 'platform',
      handler: 'relay-outbox',
      bus: props.bus,
      busSources: registeredSources,
      timeout: Duration.seconds(30),
      environment,
    });
    Validations.of(this.relay).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'dynamodb:ListStreams, which every DynamoDB stream event source needs, has no resource-level permissions.',
    });
    this.sweeper = new ServiceFunction(this, 'SweepFunction', {
      service: 'platform',
      handler: 'sweep-outbox',
      bus: props.bus,
      busSources: registeredSources,
      timeout: Duration.minutes(5),
      environment,
    });
    for (const fn of [this.relay, this.sweeper]) props.undeliverable.grantSendMessages(fn);
    // The undeliverable queue alarms on its first message too; this one says which kind of failure it is.
    this.refusedAlarm = new cloudwatch.Alarm(this, 'RefusedAlarm', {
      alarmDescription:
        'The outbox relay refused outbox items (a source their table’s service does not own, or no contract): they are in the undeliverable-events queue, never on the bus. Find the function that wrote them.',
      metric: new cloudwatch.Metric({
        namespace: METRICS_NAMESPACE,
        metricName: OUTBOX_REFUSED_METRIC,
        dimensionsMap: { service: 'platform' },
        period: Duration.minutes(1),
        statistic: 'Sum',
      }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    this.refusedAlarm.addAlarmAction(new actions.SnsAction(props.alarmTopic));
    new events.Rule(this, 'SweepSchedule', {
      description: 'Publishes outbox items that the stream relay has not removed after two minutes.',
      schedule: events.Schedule.rate(Duration.minutes(5)),
      targets: [new targets.LambdaFunction(this.sweeper, { retryAttempts: 2 })],
    });

    this.sweepFailures = new AsyncFailures(this, 'SweepFailures', {
      fn: this.sweeper,
      alarmTopic: props.alarmTopic,
      outputKey: OUTPUTS.outboxSweepFailuresQueueUrl,
    });

    this.failures = new FailureQueue(this, 'RelayFailures', {
      alarmDescription:
        'The outbox relay failed a stream batch until it aged out: is the bus reachable? The sweeper republishes.',
      alarmTopic: props.alarmTopic,
    }).queue;
    new CfnOutput(this, 'RelayFunctionOutput', {
      key: OUTPUTS.outboxRelayFunction,
      value: this.relay.functionName,
    });
    new CfnOutput(this, 'SweepFunctionOutput', {
      key: OUTPUTS.outboxSweepFunction,
      value: this.sweeper.functionName,
    });
  }

  /**
   * Relays a service table's outbox: its stream to the relay, its pending index to the sweeper; only events of
   * `sources` (the ones its service owns) leave it for the bus.
   */
  addTable(table: dynamodb.Table, sources: readonly string[]): void {
    const unregistered = sources.filter((source) => !allEvents.some((e) => e.source === source));
    if (unregistered.length > 0) {
      throw new Error(`${table.node.path}: no registered event has the source ${unregistered.join(', ')}`);
    }
    if (Stack.of(table) !== Stack.of(this)) {
      this.addTableOfAnotherStack(table, sources);
      return;
    }
    this.tables.push({ table: table.tableName, sources: [...sources] });
    this.relay.addEventSource(new DynamoEventSource(table, this.streamOptions()));
    for (const fn of [this.relay, this.sweeper]) fn.addToRolePolicy(deleteOutboxItems(table));
    this.sweeper.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['dynamodb:Query'],
        resources: [`${table.tableArn}/index/${OUTBOX_INDEX}`],
      }),
    );
  }

  /**
   * A table of a system stack (the app's stacks each hold at most 500 resources). Its mapping and the relay's and
   * sweeper's rights on it live in the table's stack, so that stack depends on the platform's and never the
   * reverse; the sweeper knows it by its name, which such a table is given at synth (ServiceTable).
   */
  private addTableOfAnotherStack(table: dynamodb.Table, sources: readonly string[]): void {
    const name = (table.node.defaultChild as dynamodb.CfnTable).tableName;
    if (!name) throw new Error(`${table.node.path}: a table outside the platform's stack needs a name`);
    this.tables.push({ table: name, sources: [...sources] });
    const relayAccess = new iam.Policy(table, 'OutboxRelayAccess', {
      roles: [this.relay.role!],
      statements: [
        new iam.PolicyStatement({
          actions: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'],
          resources: [table.tableStreamArn!],
        }),
        deleteOutboxItems(table),
      ],
    });
    new iam.Policy(table, 'OutboxSweepAccess', {
      roles: [this.sweeper.role!],
      statements: [
        deleteOutboxItems(table),
        new iam.PolicyStatement({
          actions: ['dynamodb:Query'],
          resources: [`${table.tableArn}/index/${OUTBOX_INDEX}`],
        }),
      ],
    });
    const mapping = new lambda.EventSourceMapping(table, 'OutboxRelayMapping', {
      target: this.relay,
      eventSourceArn: table.tableStreamArn!,
      ...this.streamOptions(),
    });
    mapping.node.addDependency(relayAccess);
  }

  /** How every table's stream feeds the relay: inserted outbox items only, in order, retried until they age out. */
  private streamOptions() {
    return {
      startingPosition: lambda.StartingPosition.TRIM_HORIZON,
      batchSize: 100,
      bisectBatchOnError: true,
      maxRecordAge: Duration.hours(1),
      retryAttempts: -1,
      onFailure: new SqsDlq(this.failures),
      filters: [
        lambda.FilterCriteria.filter({
          eventName: lambda.FilterRule.isEqual('INSERT'),
          dynamodb: { Keys: { pk: { S: [{ prefix: OUTBOX_PK_PREFIX }] } } },
        }),
      ],
    };
  }
}
