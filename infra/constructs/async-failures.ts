import { CfnOutput, Duration } from 'aws-cdk-lib';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { FailureQueue } from './failure-queue';

export interface AsyncFailuresProps {
  /** A function invoked asynchronously (a schedule's target): its failed runs land here. */
  fn: lambda.Function;
  alarmTopic: sns.ITopic;
  /** Stack output key for the queue's URL (OUTPUTS). */
  outputKey: string;
}

/**
 * Where an asynchronous invocation goes once Lambda's own retries (2, spaced by minutes on AWS) have failed: a
 * queue with an alarm on its depth, instead of silence. Each message holds the request (the schedule's event)
 * and the error, so a run can be inspected and started again by hand.
 */
export class AsyncFailures extends Construct {
  readonly queue: sqs.Queue;
  readonly alarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: AsyncFailuresProps) {
    super(scope, id);
    const failures = new FailureQueue(this, 'Failures', {
      alarmDescription: `${props.fn.node.id} failed a scheduled run after its retries: read the failure queue, fix, run it again.`,
      alarmTopic: props.alarmTopic,
    });
    this.queue = failures.queue;
    this.alarm = failures.alarm;
    props.fn.configureAsyncInvoke({
      onFailure: new SqsDestination(this.queue),
      retryAttempts: 2,
      maxEventAge: Duration.hours(6),
    });
    new CfnOutput(this, 'QueueUrlOutput', { key: props.outputKey, value: this.queue.queueUrl });
  }
}
