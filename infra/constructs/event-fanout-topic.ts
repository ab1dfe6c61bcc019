import { Duration, Stack } from 'aws-cdk-lib';
import type * as events from 'aws-cdk-lib/aws-events';
import * as eventsRule from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { type EventDefinition, eventPattern } from '../../events/define-event';
import { QueueWithDlq } from './queue-with-dlq';
import { statefulRemovalPolicy } from './stage';

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
  readonly key: kms.Key;
  /** The one rule that may publish to the topic. */
  readonly rule: eventsRule.Rule;
  private readonly alarmTopic: sns.ITopic;
  private readonly undeliverable: sqs.IQueue;

  constructor(scope: Construct, id: string, props: EventFanoutTopicProps) {
    super(scope, id);
    this.alarmTopic = props.alarmTopic;
    this.undeliverable = props.undeliverable;
    // The messages carry delivery addresses: encrypted at rest with a key of our own (EventBridge may use it to
    // publish, which an AWS managed key would not allow), and only over TLS.
    this.key = new kms.Key(this, 'TopicKey', {
      description: `Encrypts the ${id} topic's messages`,
      enableKeyRotation: true,
      removalPolicy: statefulRemovalPolicy(this),
    });
    this.topic = new sns.Topic(this, 'Topic', { masterKey: this.key, enforceSSL: true });
    this.rule = new eventsRule.Rule(this, 'Rule', {
      eventBus: props.bus,
      description: `${props.events.map((e) => e.detailType).join(', ')} → ${id} topic`,
      eventPattern: eventPattern(...props.events),
      targets: [new TopicTargetOfRule(this.topic, this.key, props.undeliverable)],
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

/**
 * The rule's target: the topic, with a topic policy that lets EventBridge publish only on behalf of this rule
 * (`aws:SourceArn`), unlike targets.SnsTopic, which lets the service publish from any rule of any account. The
 * key policy lets EventBridge encrypt for this account only (naming the rule there would make a cycle: the key is
 * part of the topic that the rule targets).
 */
class TopicTargetOfRule implements eventsRule.IRuleTarget {
  constructor(
    private readonly topic: sns.Topic,
    private readonly key: kms.IKey,
    private readonly deadLetterQueue: sqs.IQueue,
  ) {}

  bind(rule: eventsRule.IRuleRef): eventsRule.RuleTargetConfig {
    const eventBridge = new iam.ServicePrincipal('events.amazonaws.com');
    this.topic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'PublishFromTheRuleOnly',
        principals: [eventBridge],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: { ArnEquals: { 'aws:SourceArn': rule.ruleRef.ruleArn } },
      }),
    );
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [eventBridge],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(rule).account } },
      }),
    );
    targets.addToDeadLetterQueueResourcePolicy(rule, this.deadLetterQueue);
    return {
      ...targets.bindBaseTargetConfig({ deadLetterQueue: this.deadLetterQueue }),
      arn: this.topic.topicArn,
      targetResource: this.topic,
    };
  }
}
