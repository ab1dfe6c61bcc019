import type { Metrics } from '@aws-lambda-powertools/metrics';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { OUTBOX_REFUSED_METRIC, type RefusedSink } from '../../../shared/messaging/outbox-relay';

/** SendMessageBatch takes at most ten messages a call. */
const MAX_BATCH = 10;

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
              MessageBody: JSON.stringify({
                refusedOutboxItem: entry.item,
                tableName: entry.tableName,
                reason,
              }),
              MessageAttributes: {
                deadLetterReason: { DataType: 'String', StringValue: reason.slice(0, 1000) },
                eventId: { DataType: 'String', StringValue: entry.item.eventId },
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
