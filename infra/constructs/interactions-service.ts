import { CfnOutput, Duration } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import { Construct } from 'constructs';
import { interactions as routes } from '../../api/routes';
import { INTERACTIONS_SOURCE, petAdopted } from '../../events/pet-game';
import { OUTPUTS } from '../names';
import { AsyncFailures } from './async-failures';
import { EventSubscription } from './event-subscription';
import type { Platform } from './platform';
import { QueueWithDlq } from './queue-with-dlq';
import { ServiceFunction, type TableAccess } from './service-function';
import { ServiceTable } from './service-table';

/** Daily interactions: templates, completions, the roster of players with a pet, and the missed-day job. */
export class InteractionsService extends Construct {
  readonly table: ServiceTable;
  readonly missedDayJob: ServiceFunction;

  constructor(scope: Construct, id: string, platform: Platform) {
    super(scope, id);
    this.table = new ServiceTable(this, 'Table', { outbox: platform.outbox, sources: [INTERACTIONS_SOURCE] });
    // The missed-day run's own work queue: one message plans a run, one per roster page judges it (ADR 8).
    const workTimeout = Duration.minutes(2);
    const missedDayQueues = new QueueWithDlq(this, 'MissedDayQueues', {
      consumerTimeout: workTimeout,
      alarmTopic: platform.alarmTopic,
    });
    // Events leave through the table's outbox only: no function here has the bus.
    const fn = (
      name: string,
      handler: string,
      extra: { timeout?: Duration; memorySize?: number; tableAccess?: TableAccess } = {},
    ) =>
      new ServiceFunction(this, name, {
        service: 'interactions',
        handler,
        table: this.table,
        environment: { MISSED_DAY_QUEUE_URL: missedDayQueues.queue.queueUrl },
        ...extra,
      });
    const reader = { tableAccess: 'read' } as const;

    const complete = fn('CompleteInteractionFunction', 'complete-interaction');
    platform.addRoute(routes.listTemplates, fn('ListTemplatesFunction', 'list-templates', reader));
    platform.addRoute(routes.completeInteraction, complete);
    platform.addRoute(routes.listTodaysCompletions, fn('ListTodayFunction', 'list-today', reader));
    const startRun = fn('StartMissedDayRunFunction', 'start-missed-day-run');
    platform.addRoute(routes.startMissedDayRun, startRun);
    platform.addRoute(routes.getMissedDayRun, fn('GetMissedDayRunFunction', 'get-missed-day-run', reader));

    const recordAdoption = fn('RecordAdoptionFunction', 'record-adoption');
    const roster = new EventSubscription(this, 'RosterSubscription', {
      bus: platform.bus,
      events: [petAdopted],
      consumers: [recordAdoption],
      alarmTopic: platform.alarmTopic,
      undeliverable: platform.undeliverableEvents,
    });

    this.missedDayJob = fn('MissedDayJobFunction', 'run-missed-day-job', { timeout: Duration.seconds(60) });
    const runWorker = fn('MissedDayWorkerFunction', 'work-missed-day-run', {
      timeout: workTimeout,
      memorySize: 512,
    });
    // One page per invocation: a failing page is retried alone, and progress moves page by page.
    missedDayQueues.consumeWith(runWorker, { batchSize: 1 });
    for (const sender of [startRun, this.missedDayJob, runWorker])
      missedDayQueues.queue.grantSendMessages(sender);
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
    platform.watchQueue('Missed-day runs', missedDayQueues);
    platform.watchFunctions('Interactions', [complete, recordAdoption, this.missedDayJob, runWorker]);
    missedDayQueues.outputUrls({ queue: OUTPUTS.missedDayQueueUrl, dlq: OUTPUTS.missedDayDlqUrl });
    roster.queues.outputUrls({ queue: OUTPUTS.rosterQueueUrl, dlq: OUTPUTS.rosterDlqUrl });
    new CfnOutput(this, 'TableOutput', { key: OUTPUTS.interactionsTable, value: this.table.tableName });
    new CfnOutput(this, 'MissedDayJobOutput', {
      key: OUTPUTS.missedDayJobFunction,
      value: this.missedDayJob.functionName,
    });
    new CfnOutput(this, 'MissedDayRuleOutput', { key: OUTPUTS.missedDayRuleName, value: schedule.ruleName });
  }
}
