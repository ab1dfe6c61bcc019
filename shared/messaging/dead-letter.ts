import type { Logger } from '@aws-lambda-powertools/logger';
import { type Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import {
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  SendMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { SQSRecord } from 'aws-lambda';
import { AppError } from '../errors';

/** A message no retry can mend (not JSON, not a bus event, no handler, a broken contract): it goes to its DLQ. */
export class PoisonMessageError extends AppError {
  constructor(message: string) {
    super('POISON_MESSAGE', message);
  }
}

/** A record's body as JSON. A body that is not JSON fails the same way on every receive: it is poison. */
export function jsonBody(record: SQSRecord): unknown {
  try {
    return JSON.parse(record.body);
  } catch {
    throw new PoisonMessageError(`message ${record.messageId} is not JSON`);
  }
}

export interface DeadLetters {
  /** The URL of the queue a record came from (by its ARN), looked up once. */
  queueUrlOf(arn: string): Promise<string | undefined>;
  /** Forgets the lookups of a queue after a call with them failed: the next call looks again. */
  forget(arn: string): void;
  /**
   * Sends a poison record to its queue's DLQ now, with the reason and the receive it failed on; true when sent, so
   * the caller reports it done and the mapping deletes it. False (no DLQ, or the send failed): it takes the retry
   * path, and SQS dead-letters it after maxReceiveCount.
   */
  deadLetterNow(record: SQSRecord, reason: PoisonMessageError): Promise<boolean>;
}

/** How every SQS consumer puts a poison message in its DLQ at once, instead of retrying it for minutes. */
export function deadLetters(sqs: SQSClient, logger: Logger, metrics: Metrics): DeadLetters {
  const queueUrls = new Map<string, Promise<string | undefined>>();
  const queueUrlOf = (arn: string) => {
    // arn:aws:sqs:<region>:<account>:<name>
    const [, , , , account, name] = arn.split(':');
    if (!queueUrls.has(arn)) {
      const lookup = sqs.send(new GetQueueUrlCommand({ QueueName: name, QueueOwnerAWSAccountId: account }));
      queueUrls.set(
        arn,
        lookup.then((r) => r.QueueUrl),
      );
    }
    return queueUrls.get(arn)!;
  };

  const deadLetterUrls = new Map<string, Promise<string | undefined>>();
  /** The source queue's DLQ, from its redrive policy (the event source mapping may read the queue's attributes). */
  const deadLetterUrlOf = (arn: string) => {
    if (!deadLetterUrls.has(arn)) {
      const lookup = queueUrlOf(arn).then(async (QueueUrl) => {
        const attributes = await sqs.send(
          new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['RedrivePolicy'] }),
        );
        const policy = attributes.Attributes?.RedrivePolicy;
        const dlqArn = policy
          ? (JSON.parse(policy) as { deadLetterTargetArn?: string }).deadLetterTargetArn
          : undefined;
        return dlqArn ? queueUrlOf(dlqArn) : undefined;
      });
      deadLetterUrls.set(arn, lookup);
    }
    return deadLetterUrls.get(arn)!;
  };

  return {
    queueUrlOf,
    forget(arn) {
      queueUrls.delete(arn);
      deadLetterUrls.delete(arn);
    },
    async deadLetterNow(record, reason) {
      try {
        const QueueUrl = await deadLetterUrlOf(record.eventSourceARN);
        if (!QueueUrl) return false;
        await sqs.send(
          new SendMessageCommand({
            QueueUrl,
            MessageBody: record.body,
            MessageAttributes: {
              deadLetterReason: { DataType: 'String', StringValue: reason.message.slice(0, 1000) },
              sourceMessageId: { DataType: 'String', StringValue: record.messageId },
              // The receive it was dead-lettered on: 1 when the poison path worked as meant.
              receiveCount: {
                DataType: 'Number',
                StringValue: String(record.attributes?.ApproximateReceiveCount ?? 1),
              },
            },
          }),
        );
        logger.warn('poison message dead-lettered at once', {
          messageId: record.messageId,
          reason: reason.message,
        });
        metrics.addMetric('PoisonDeadLettered', MetricUnit.Count, 1);
        return true;
      } catch (sendError) {
        deadLetterUrls.delete(record.eventSourceARN);
        logger.warn('could not dead-letter a poison message; it takes the retry path', {
          error: sendError as Error,
        });
        return false;
      }
    },
  };
}
