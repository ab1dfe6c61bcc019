import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import {
  IdempotencyAlreadyInProgressError,
  IdempotencyConfig,
  makeIdempotent,
} from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import type { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { type Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ChangeMessageVisibilityCommand, GetQueueUrlCommand, SQSClient } from '@aws-sdk/client-sqs';
import middy from '@middy/core';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { z } from 'zod';
import type { EventDefinition, EventDetail } from '../../events/define-event';
import type { Clock } from '../clock';
import { AppError } from '../errors';
import { retryDelaySeconds } from './retry-delay';

/** What EventBridge puts in the SQS message body when a rule targets a queue. */
const busEnvelope = z.object({
  id: z.string().optional(),
  source: z.string(),
  'detail-type': z.string(),
  time: z.string().optional(),
  detail: z.unknown(),
});

export interface EventHandlerContext {
  logger: Logger;
  correlationId: string;
  receiveCount: number;
}

export interface EventHandler<D extends EventDefinition = EventDefinition> {
  definition: D;
  handle(detail: EventDetail<D>, context: EventHandlerContext): Promise<void>;
}

/** Keeps the handler's type tied to its definition when handlers of several events share one array. */
export function onEvent<D extends EventDefinition>(
  definition: D,
  handle: (detail: EventDetail<D>, context: EventHandlerContext) => Promise<void>,
): EventHandler {
  return { definition, handle } as unknown as EventHandler;
}

export interface EventConsumerOptions {
  handlers: EventHandler[];
  logger: Logger;
  metrics: Metrics;
  /** Deduplicates on the event id with a conditional write to this table (pk/sk); the handlers stay idempotent too. */
  idempotency: { tableName: string; client: DynamoDBClient; expiresAfterSeconds?: number };
  /** Shortens a failed record's retry delay; a consumer builds its own unless given one (as a unit test does). */
  sqs?: SQSClient;
  /** The handlers read time: the clock is brought up to date before each batch (the test clock, locally). */
  clock?: Clock;
}

/** A message no retry can mend (not a bus event, no handler, a broken contract): it fails until its DLQ. */
export class PoisonMessageError extends AppError {
  constructor(message: string) {
    super('POISON_MESSAGE', message);
  }
}

/**
 * An SQS batch consumer for events from the bus: each record is parsed, checked against its contract, handled
 * once per event id, and reported back on its own, so one bad record fails alone and reaches the DLQ after the
 * queue's maxReceiveCount instead of holding back or losing the rest of the batch.
 */
export function eventConsumer(options: EventConsumerOptions) {
  const { logger, metrics } = options;
  const byDetailType = new Map(options.handlers.map((h) => [h.definition.detailType, h]));
  const persistenceStore = new DynamoDBPersistenceLayer({
    tableName: options.idempotency.tableName,
    keyAttr: 'pk',
    sortKeyAttr: 'sk',
    awsSdkV3Client: options.idempotency.client,
  });
  const idempotencyConfig = new IdempotencyConfig({
    eventKeyJmesPath: 'eventId',
    expiresAfterSeconds: options.idempotency.expiresAfterSeconds ?? 7 * 24 * 3600,
  });
  const handleOnce = makeIdempotent(
    async (detail: { eventId: string }, handler: EventHandler, context: EventHandlerContext) => {
      await handler.handle(detail as EventDetail<EventDefinition>, context);
      return { handled: detail.eventId };
    },
    { persistenceStore, config: idempotencyConfig },
  );

  const processor = new BatchProcessor(EventType.SQS);

  const handleRecordOnce = async (record: SQSRecord) => {
    const envelope = busEnvelope.safeParse(JSON.parse(record.body));
    if (!envelope.success) throw new PoisonMessageError(`message ${record.messageId} is not a bus event`);
    const detailType = envelope.data['detail-type'];
    const handler = byDetailType.get(detailType);
    if (!handler) throw new PoisonMessageError(`no handler for ${detailType}`);
    const parsed = handler.definition.schema.safeParse(envelope.data.detail);
    if (!parsed.success) {
      throw new PoisonMessageError(`${detailType} breaks its contract: ${parsed.error.message}`);
    }
    const detail = parsed.data as { eventId: string; correlationId: string };
    const correlationId = detail.correlationId;
    const receiveCount = Number(record.attributes?.ApproximateReceiveCount ?? 1);
    const child = logger.createChild({
      persistentKeys: { correlationId, eventId: detail.eventId, detailType },
    });
    try {
      await handleOnce(detail, handler, { logger: child, correlationId, receiveCount });
      child.info('event handled', { receiveCount });
      metrics.addMetric('EventsHandled', MetricUnit.Count, 1);
    } catch (error) {
      if (error instanceof IdempotencyAlreadyInProgressError) {
        // Another copy of this event is being handled right now. Its own message stays in the queue until that
        // succeeds, so this copy can go: keeping it would only bring it back after the visibility timeout, and
        // after maxReceiveCount such collisions into the DLQ, although nothing is wrong with it.
        child.info('duplicate of an event being handled elsewhere; dropped', { receiveCount });
        metrics.addMetric('DuplicatesDropped', MetricUnit.Count, 1);
        return;
      }
      child.warn('event failed; it will be retried, then dead-lettered', {
        receiveCount,
        error: error as Error,
      });
      metrics.addMetric('EventsFailed', MetricUnit.Count, 1);
      throw error;
    }
  };

  const sqs = options.sqs ?? new SQSClient({});
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

  /**
   * A record that failed (for any reason, a broken contract included) comes back after a short, growing delay
   * instead of the queue's long visibility timeout, so its tries are bounded in time as well as in number.
   */
  const handleRecord = async (record: SQSRecord) => {
    try {
      await handleRecordOnce(record);
    } catch (error) {
      const receiveCount = Number(record.attributes?.ApproximateReceiveCount ?? 1);
      const retryInSeconds = retryDelaySeconds(receiveCount);
      try {
        const QueueUrl = await queueUrlOf(record.eventSourceARN);
        await sqs.send(
          new ChangeMessageVisibilityCommand({
            QueueUrl,
            ReceiptHandle: record.receiptHandle,
            VisibilityTimeout: retryInSeconds,
          }),
        );
        logger.info('retry scheduled', { messageId: record.messageId, receiveCount, retryInSeconds });
      } catch (visibilityError) {
        // Best effort: without it the message comes back after the visibility timeout; nothing is lost.
        queueUrls.delete(record.eventSourceARN);
        logger.warn('could not shorten the retry delay', { error: visibilityError as Error });
      }
      throw error;
    }
  };

  const base = async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
    idempotencyConfig.registerLambdaContext(context);
    await options.clock?.sync();
    return processPartialResponse(event, handleRecord, processor, {
      context,
      throwOnFullBatchFailure: false,
    });
  };
  return middy<SQSEvent, SQSBatchResponse>(base)
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics));
}
