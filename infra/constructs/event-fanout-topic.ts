import { Duration } from 'aws-cdk-lib';
import type * as events from 'aws-cdk-lib/aws-events';
import * as eventsRule from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { type EventDefinition, eventPattern } from '../../events/define-event';
import { QueueWithDlq } from './queue-with-dlq';

export interface EventFanoutTopicProps {
  bus: events.IEventBus;
  /** The events the topic carries, from the contracts in events/. */
  events: EventDefinition[];
  alarmTopic: sns.ITopic;
  /** Where the bus and SNS put what they could not deliver after their retries (Platform.undeliverableEvents). */
  undeliverable: sqs.IQueue;
}

/**
 * bus → rule → one SNS topic → an SQS queue (with a DLQ) per subscriber. Raw delivery keeps the message body the
 * bus's event envelope, so a subscriber reads it exactly as it would from a bus rule (shared eventConsumer).
 */
export class EventFanoutTopic extends Construct {
  readonly topic: sns.Topic;
  private readonly alarmTopic: sns.ITopic;
  private readonly undeliverable: sqs.IQueue;

  constructor(scope: Construct, id: string, props: EventFanoutTopicProps) {
    super(scope, id);
    this.alarmTopic = props.alarmTopic;
    this.undeliverable = props.undeliverable;
    this.topic = new sns.Topic(this, 'Topic');
    new eventsRule.Rule(this, 'Rule', {
      eventBus: props.bus,
      description: `${props.events.map((e) => e.detailType).join(', ')} → ${id} topic`,
      eventPattern: eventPattern(...props.events),
      targets: [new targets.SnsTopic(this.topic, { deadLetterQueue: props.undeliverable })],
    });
  }

  /** A subscriber: its own queue with a DLQ, fed to its consumer. */
  subscribe(scope: Construct, id: string, consumer: lambda.Function): QueueWithDlq {
    const queues = new QueueWithDlq(scope, id, {
      consumerTimeout: consumer.timeout ?? Duration.seconds(10),
      alarmTopic: this.alarmTopic,
    });
    this.topic.addSubscription(
      new subscriptions.SqsSubscription(queues.queue, {
        rawMessageDelivery: true,
        deadLetterQueue: this.undeliverable,
      }),
    );
    queues.consumeWith(consumer);
    return queues;
  }
}
