import { Duration } from 'aws-cdk-lib';
import type * as events from 'aws-cdk-lib/aws-events';
import * as eventsRule from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { type EventDefinition, eventPattern } from '../../events/define-event';
import { QueueWithDlq } from './queue-with-dlq';

export interface EventSubscriptionProps {
  bus: events.IEventBus;
  /** The events this consumer takes, straight from the contracts in events/. */
  events: EventDefinition[];
  /** One consumer, or several that compete for the queue's messages. */
  consumers: lambda.Function[];
  alarmTopic: sns.ITopic;
  /** Where the bus puts an event it could not deliver to the queue after its retries (Platform.undeliverableEvents). */
  undeliverable: sqs.IQueue;
  batchSize?: number;
}

/** bus → rule (pattern from the contracts) → the consumer's own queue with a DLQ → the consumer(s). */
export class EventSubscription extends Construct {
  readonly queues: QueueWithDlq;
  readonly rule: events.Rule;

  constructor(scope: Construct, id: string, props: EventSubscriptionProps) {
    super(scope, id);
    const longest = Math.max(...props.consumers.map((c) => (c.timeout ?? Duration.seconds(10)).toSeconds()));
    this.queues = new QueueWithDlq(this, 'Queues', {
      consumerTimeout: Duration.seconds(longest),
      alarmTopic: props.alarmTopic,
    });
    this.rule = new eventsRule.Rule(this, 'Rule', {
      eventBus: props.bus,
      description: `${props.events.map((e) => e.detailType).join(', ')} → ${id}`,
      eventPattern: eventPattern(...props.events),
      targets: [new targets.SqsQueue(this.queues.queue, { deadLetterQueue: props.undeliverable })],
    });
    for (const consumer of props.consumers) this.queues.consumeWith(consumer, { batchSize: props.batchSize });
  }
}
