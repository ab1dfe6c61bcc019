import { CfnOutput, Duration } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import { Construct } from 'constructs';
import { DELIVERY_SOURCE, orderReady } from '../../events/pizza';
import { SWEEP_INPUT } from '../../functions/delivery/domain/sweep';
import { OUTPUTS } from '../names';
import { EventSubscription } from './event-subscription';
import type { Platform } from './platform';
import { QueueWithDlq } from './queue-with-dlq';
import { ServiceFunction } from './service-function';
import { ServiceTable } from './service-table';

/**
 * Delivery: order.ready → its queue → a driver from the pool, or the waiting list. The legs of a delivery are
 * timed by a second queue of its own: each step message is sent with the leg's travel time as DelaySeconds, and
 * its consumer moves the order on, so no function waits while a driver drives. A scheduled sweep takes a step whose
 * message never came once the leg's lease has run out.
 */
export class DeliveryService extends Construct {
  readonly table: ServiceTable;

  constructor(scope: Construct, id: string, platform: Platform) {
    super(scope, id);
    this.table = new ServiceTable(this, 'Table', { outbox: platform.outbox, sources: [DELIVERY_SOURCE] });
    const timeout = Duration.seconds(20);
    const stepsQueues = new QueueWithDlq(this, 'StepsQueues', {
      consumerTimeout: timeout,
      alarmTopic: platform.alarmTopic,
      // A step is due after at most one leg (15 minutes at most, SQS's longest delay).
      maxMessageAge: Duration.minutes(20),
    });
    const fn = (name: string, handler: string) => {
      const f = new ServiceFunction(this, name, {
        service: 'delivery',
        handler,
        table: this.table,
        timeout,
        environment: { STEPS_QUEUE_URL: stepsQueues.queue.queueUrl },
      });
      stepsQueues.queue.grantSendMessages(f);
      return f;
    };

    const receive = fn('ReceiveReadyOrderFunction', 'receive-ready-order');
    const subscription = new EventSubscription(this, 'OrderReadySubscription', {
      bus: platform.bus,
      events: [orderReady],
      consumers: [receive],
      alarmTopic: platform.alarmTopic,
      undeliverable: platform.undeliverableEvents,
    });
    const advance = fn('AdvanceDeliveryFunction', 'advance-delivery');
    stepsQueues.consumeWith(advance);
    // The sweeper: a driver whose leg's step message never came (lost after the commit, or dead-lettered) is not
    // kept forever. It runs in the step function (same table, queue and code), so the stack gains a rule and a
    // permission, not a function with its role and alarms.
    new events.Rule(this, 'SweepSchedule', {
      description:
        'Moves on deliveries whose leg ran past its lease without its step, and frees their drivers.',
      schedule: events.Schedule.rate(Duration.minutes(1)),
      targets: [
        new targets.LambdaFunction(advance, {
          event: events.RuleTargetInput.fromObject(SWEEP_INPUT),
          // The next run comes within a minute.
          retryAttempts: 0,
        }),
      ],
    });

    platform.watchQueue('Delivery', subscription.queues);
    platform.watchQueue('Delivery steps', stepsQueues);
    platform.watchFunctions('Delivery', [receive, advance]);
    subscription.queues.outputUrls({ queue: OUTPUTS.deliveryQueueUrl, dlq: OUTPUTS.deliveryDlqUrl });
    stepsQueues.outputUrls({ queue: OUTPUTS.deliveryStepsQueueUrl, dlq: OUTPUTS.deliveryStepsDlqUrl });
    new CfnOutput(this, 'TableOutput', { key: OUTPUTS.deliveryTable, value: this.table.tableName });
    new CfnOutput(this, 'AdvanceFunctionOutput', {
      key: OUTPUTS.deliveryAdvanceFunction,
      value: advance.functionName,
    });
  }
}
