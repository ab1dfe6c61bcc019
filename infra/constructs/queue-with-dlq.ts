import { CfnOutput, Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { MAX_RECEIVE_COUNT } from '../../shared/messaging/retry-delay';
import { LOCAL_LIMITS, localLimit } from './local-limits';

export interface QueueWithDlqProps {
  /** How long one delivery may take before SQS shows the message again: six times the consumer's timeout. */
  consumerTimeout: Duration;
  /** Deliveries before a message is dead-lettered: 10 by default, with the consumer's backoff about 7–14 minutes. */
  maxReceiveCount?: number;
  /** Age of the oldest waiting message that raises the alarm. */
  maxMessageAge?: Duration;
  alarmTopic: sns.ITopic;
}

/**
 * A work queue with its dead-letter queue, and the two alarms every queue has: something is in the DLQ, and
 * the oldest waiting message is too old (the consumer is stuck or off).
 */
export class QueueWithDlq extends Construct {
  readonly queue: sqs.Queue;
  readonly deadLetterQueue: sqs.Queue;
  readonly maxReceiveCount: number;
  readonly dlqDepthAlarm: cloudwatch.Alarm;
  readonly oldestMessageAlarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: QueueWithDlqProps) {
    super(scope, id);
    this.maxReceiveCount = props.maxReceiveCount ?? MAX_RECEIVE_COUNT;
    this.deadLetterQueue = new sqs.Queue(this, 'Dlq', {
      retentionPeriod: Duration.days(14),
      enforceSSL: true,
    });
    this.queue = new sqs.Queue(this, 'Queue', {
      visibilityTimeout: Duration.seconds(props.consumerTimeout.toSeconds() * 6),
      retentionPeriod: Duration.days(4),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: this.maxReceiveCount },
      enforceSSL: true,
    });

    const period = Duration.minutes(1);
    this.dlqDepthAlarm = new cloudwatch.Alarm(this, 'DlqDepthAlarm', {
      alarmDescription: `Messages in ${id}'s dead-letter queue: inspect them, fix the cause, then redrive.`,
      metric: this.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period, statistic: 'Maximum' }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    this.oldestMessageAlarm = new cloudwatch.Alarm(this, 'OldestMessageAlarm', {
      alarmDescription: `${id}'s oldest message is waiting too long: is its consumer failing or switched off?`,
      metric: this.queue.metricApproximateAgeOfOldestMessage({ period, statistic: 'Maximum' }),
      threshold: (props.maxMessageAge ?? Duration.minutes(5)).toSeconds(),
      evaluationPeriods: 3,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    for (const alarm of [this.dlqDepthAlarm, this.oldestMessageAlarm]) {
      alarm.addAlarmAction(new actions.SnsAction(props.alarmTopic));
    }
  }

  /**
   * Feeds the queue to a consumer, batch by batch, with partial batch failures. Several consumers on one queue
   * compete for its messages (batch size 1 makes each message its own invocation).
   */
  consumeWith(consumer: lambda.IFunction, options: { batchSize?: number } = {}): void {
    // The consumer puts a poison message (one no retry can mend) straight into the DLQ.
    this.deadLetterQueue.grantSendMessages(consumer);
    const maxConcurrency = localLimit(this, LOCAL_LIMITS.consumerConcurrency);
    consumer.addEventSource(
      new SqsEventSource(this.queue, {
        batchSize: options.batchSize ?? 10,
        reportBatchItemFailures: true,
        // Local only (see local-limits.ts): batches in flight per mapping; the AWS minimum is 2.
        ...(maxConcurrency === undefined ? {} : { maxConcurrency: Math.max(2, maxConcurrency) }),
      }),
    );
  }

  /** Stack outputs for the two URLs, so scripts and tests find the queues (redrive, DLQ checks). */
  outputUrls(keys: { queue: string; dlq: string }): void {
    new CfnOutput(this, 'QueueUrlOutput', { key: keys.queue, value: this.queue.queueUrl });
    new CfnOutput(this, 'DlqUrlOutput', { key: keys.dlq, value: this.deadLetterQueue.queueUrl });
  }
}
