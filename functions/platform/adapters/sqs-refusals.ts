import type { Metrics } from '@aws-lambda-powertools/metrics';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { OUTBOX_REFUSED_METRIC, type RefusedSink } from '../../../shared/messaging/outbox-relay';

/** SendMessageBatch takes at most ten messages a call. */
const MAX_BATCH = 10;

/** A message's room, kept well under SQS's 256 KiB for a batch of ten: a bigger item is cut, its table and reason kept. */
const MAX_ITEM_CHARS = 20_000;

function refusalBody(item: unknown, tableName: string, reason: string): string {
  const whole = JSON.stringify(item);
  const refusedOutboxItem =
    whole.length <= MAX_ITEM_CHARS ? item : { truncated: true, start: whole.slice(0, MAX_ITEM_CHARS) };
  return JSON.stringify({ refusedOutboxItem, tableName, reason });
}

/**
 * Refused outbox items into the undeliverable-events queue, one message each: the item as its table held it, the
 * table and the reason; counted in OUTBOX_REFUSED_METRIC once they are there (the alarm's metric).
 */
export function sqsRefusals(sqs: SQSClient, queueUrl: string, metrics: Metrics): RefusedSink {
  return {
    async put(refused) {
      for (let start = 0; start < refused.length; start += MAX_BATCH) {
        const chunk = refused.slice(start, start + MAX_BATCH);
        const result = await sqs.send(
          new SendMessageBatchCommand({
            QueueUrl: queueUrl,
            Entries: chunk.map(({ entry, reason }, index) => ({
              Id: String(index),
              MessageBody: refusalBody(entry.item, entry.tableName, reason),
              MessageAttributes: {
                deadLetterReason: { DataType: 'String', StringValue: reason.slice(0, 1000) },
                // A forged item may lack an id: SQS refuses an attribute without a value.
                ...(typeof entry.item.eventId === 'string' && entry.item.eventId !== ''
                  ? { eventId: { DataType: 'String', StringValue: entry.item.eventId.slice(0, 1000) } }
                  : {}),
              },
            })),
          }),
        );
        if (result.Failed?.length) {
          throw new Error(
            `the undeliverable queue refused ${result.Failed.length} items: ${result.Failed.map((f) => f.Message).join('; ')}`,
          );
        }
      }
      metrics.addMetric(OUTBOX_REFUSED_METRIC, MetricUnit.Count, refused.length);
      metrics.publishStoredMetrics();
    },
  };
}
