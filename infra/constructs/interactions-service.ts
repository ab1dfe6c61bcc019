import { CfnOutput, Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import { Construct } from 'constructs';
import { petAdopted } from '../../events/pet-game';
import { OUTPUTS } from '../names';
import { EventSubscription } from './event-subscription';
import type { Platform } from './platform';
import { ServiceFunction } from './service-function';

/** Daily interactions: templates, completions, the roster of players with a pet, and the missed-day job. */
export class InteractionsService extends Construct {
  readonly table: dynamodb.Table;
  readonly missedDayJob: ServiceFunction;

  constructor(scope: Construct, id: string, platform: Platform) {
    super(scope, id);
    this.table = new dynamodb.Table(this, 'Table', {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'sk', type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const environment = { TABLE_NAME: this.table.tableName, EVENT_BUS_NAME: platform.bus.eventBusName };
    const fn = (name: string, handler: string, extra: { timeout?: Duration; memorySize?: number } = {}) => {
      const f = new ServiceFunction(this, name, { service: 'interactions', handler, environment, ...extra });
      this.table.grantReadWriteData(f);
      platform.bus.grantPutEventsTo(f);
      return f;
    };

    const listTemplates = fn('ListTemplatesFunction', 'list-templates');
    const complete = fn('CompleteInteractionFunction', 'complete-interaction');
    const listToday = fn('ListTodayFunction', 'list-today');
    const startRun = fn('StartMissedDayRunFunction', 'start-missed-day-run', {
      timeout: Duration.seconds(29),
    });
    platform.addRoute('GET', '/interactions/templates', listTemplates);
    platform.addRoute('POST', '/interactions/complete', complete);
    platform.addRoute('GET', '/interactions/today', listToday);
    platform.addRoute('POST', '/admin/missed-day-runs', startRun);

    const recordAdoption = fn('RecordAdoptionFunction', 'record-adoption');
    const roster = new EventSubscription(this, 'RosterSubscription', {
      bus: platform.bus,
      events: [petAdopted],
      consumer: recordAdoption,
      alarmTopic: platform.alarmTopic,
    });

    this.missedDayJob = fn('MissedDayJobFunction', 'run-missed-day-job', {
      timeout: Duration.minutes(5),
      memorySize: 512,
    });
    const schedule = new events.Rule(this, 'MissedDaySchedule', {
      description: 'Judges yesterday (UTC) for every player with a pet, five minutes after midnight.',
      schedule: events.Schedule.cron({ minute: '5', hour: '0' }),
      targets: [new targets.LambdaFunction(this.missedDayJob, { retryAttempts: 2 })],
    });

    platform.watchQueue('Roster', roster.queues);
    platform.watchFunctions('Interactions', [complete, recordAdoption, this.missedDayJob]);
    new CfnOutput(this, 'TableOutput', { key: OUTPUTS.interactionsTable, value: this.table.tableName });
    new CfnOutput(this, 'RosterQueueOutput', {
      key: OUTPUTS.rosterQueueUrl,
      value: roster.queues.queue.queueUrl,
    });
    new CfnOutput(this, 'RosterDlqOutput', {
      key: OUTPUTS.rosterDlqUrl,
      value: roster.queues.deadLetterQueue.queueUrl,
    });
    new CfnOutput(this, 'MissedDayJobOutput', {
      key: OUTPUTS.missedDayJobFunction,
      value: this.missedDayJob.functionName,
    });
    new CfnOutput(this, 'MissedDayRuleOutput', { key: OUTPUTS.missedDayRuleName, value: schedule.ruleName });
  }
}
