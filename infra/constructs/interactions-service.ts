import { CfnOutput, Duration } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import { Construct } from 'constructs';
import { petAdopted } from '../../events/pet-game';
import { OUTPUTS } from '../names';
import { AsyncFailures } from './async-failures';
import { EventSubscription } from './event-subscription';
import type { Platform } from './platform';
import { ServiceFunction, type TableAccess } from './service-function';
import { ServiceTable } from './service-table';

/** Daily interactions: templates, completions, the roster of players with a pet, and the missed-day job. */
export class InteractionsService extends Construct {
  readonly table: ServiceTable;
  readonly missedDayJob: ServiceFunction;

  constructor(scope: Construct, id: string, platform: Platform) {
    super(scope, id);
    this.table = new ServiceTable(this, 'Table', { outbox: platform.outbox });
    // Events leave through the table's outbox only: no function here has the bus.
    const fn = (
      name: string,
      handler: string,
      extra: { timeout?: Duration; memorySize?: number; tableAccess?: TableAccess } = {},
    ) => new ServiceFunction(this, name, { service: 'interactions', handler, table: this.table, ...extra });
    const reader = { tableAccess: 'read' } as const;

    const complete = fn('CompleteInteractionFunction', 'complete-interaction');
    platform.addRoute(
      'GET',
      '/interactions/templates',
      fn('ListTemplatesFunction', 'list-templates', reader),
    );
    platform.addRoute('POST', '/interactions/complete', complete);
    platform.addRoute('GET', '/interactions/today', fn('ListTodayFunction', 'list-today', reader));
    platform.addRoute(
      'POST',
      '/admin/missed-day-runs',
      fn('StartMissedDayRunFunction', 'start-missed-day-run', { timeout: Duration.seconds(29) }),
    );

    const recordAdoption = fn('RecordAdoptionFunction', 'record-adoption');
    const roster = new EventSubscription(this, 'RosterSubscription', {
      bus: platform.bus,
      events: [petAdopted],
      consumers: [recordAdoption],
      alarmTopic: platform.alarmTopic,
      undeliverable: platform.undeliverableEvents,
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

    new AsyncFailures(this, 'MissedDayFailures', {
      fn: this.missedDayJob,
      alarmTopic: platform.alarmTopic,
      outputKey: OUTPUTS.missedDayFailuresQueueUrl,
    });

    platform.watchQueue('Roster', roster.queues);
    platform.watchFunctions('Interactions', [complete, recordAdoption, this.missedDayJob]);
    roster.queues.outputUrls({ queue: OUTPUTS.rosterQueueUrl, dlq: OUTPUTS.rosterDlqUrl });
    new CfnOutput(this, 'TableOutput', { key: OUTPUTS.interactionsTable, value: this.table.tableName });
    new CfnOutput(this, 'MissedDayJobOutput', {
      key: OUTPUTS.missedDayJobFunction,
      value: this.missedDayJob.functionName,
    });
    new CfnOutput(this, 'MissedDayRuleOutput', { key: OUTPUTS.missedDayRuleName, value: schedule.ruleName });
  }
}
