import { Duration } from 'aws-cdk-lib';
import type * as events from 'aws-cdk-lib/aws-events';
import * as eventsRule from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { type EventDefinition, eventPattern } from '../../events/define-event';
import { QueueWithDlq } from './queue-with-dlq';

export interface EventSubscriptionProps {
  bus: events.IEventBus;
  /** The events this consumer takes, straight from the contracts in events/. */
  events: EventDefinition[];
  consumer: lambda.Function;
  alarmTopic: sns.ITopic;
  batchSize?: number;
}

/** bus → rule (pattern from the contracts) → the consumer's own queue with a DLQ → the consumer, batch by batch. */
export class EventSubscription extends Construct {
  readonly queues: QueueWithDlq;
  readonly rule: events.Rule;

  constructor(scope: Construct, id: string, props: EventSubscriptionProps) {
    super(scope, id);
    this.queues = new QueueWithDlq(this, 'Queues', {
      consumerTimeout: props.consumer.timeout ?? Duration.seconds(10),
      alarmTopic: props.alarmTopic,
    });
    this.rule = new eventsRule.Rule(this, 'Rule', {
      eventBus: props.bus,
      description: `${props.events.map((e) => e.detailType).join(', ')} → ${id}`,
      eventPattern: eventPattern(...props.events),
      targets: [new targets.SqsQueue(this.queues.queue)],
    });
    props.consumer.addEventSource(
      new SqsEventSource(this.queues.queue, {
        batchSize: props.batchSize ?? 10,
        reportBatchItemFailures: true,
      }),
    );
  }
}
