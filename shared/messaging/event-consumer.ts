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
import type { AttributeValue, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ChangeMessageVisibilityCommand, SQSClient } from '@aws-sdk/client-sqs';
import middy from '@middy/core';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import * as z from 'zod';
import type { EventDefinition, EventDetail } from '../../events/define-event';
import type { Clock } from '../clock';
import { AppError } from '../errors';
import { logRuntimeOnColdStart } from '../observability/logger';
import { deadLetters, jsonBody, PoisonMessageError } from './dead-letter';
import { TTL_ATTRIBUTE } from './outbox';
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

export { PoisonMessageError };

/** The event is being handled by another invocation that may be this message's earlier receive: try later. */
export class EventInProgressError extends AppError {
  constructor(message: string) {
    super('EVENT_IN_PROGRESS', message);
  }
}

/**
 * The handler cannot do its work yet and knows when it can (another worker holds what it needs until then): the
 * message is reported failed and comes back after `afterSeconds` (at least the usual backoff), not logged as a
 * failure.
 */
export class RetryLaterError extends AppError {
  constructor(
    message: string,
    readonly afterSeconds: number,
  ) {
    super('RETRY_LATER', message);
  }
}

/**
 * The handler found this message to be a second copy of an event that another message carries and will see through
 * (that one stays in its queue until it succeeds, and comes back if its holder dies). This copy is acknowledged and
 * deleted, and the event is NOT recorded as handled: the other copy may still come back to this same consumer.
 */
export class DuplicateMessageError extends AppError {
  constructor(message: string) {
    super('DUPLICATE_MESSAGE', message);
  }
}

/** The sort key of every idempotency record: its partition key is the record's own idempotency key. */
export const IDEMPOTENCY_SK = 'IDEMPOTENCY';

/**
 * Powertools keeps all of a consumer's records under one partition key (`idempotency#<function>`) when the table
 * has a sort key: one hot partition per consumer. Each record gets a partition of its own here instead (the key
 * is `<function>#<hash of the event id>`, which no service item uses), so the records spread with the events.
 */
class SpreadIdempotencyRecords extends DynamoDBPersistenceLayer {
  protected override getKey(idempotencyKey: string): Record<string, AttributeValue> {
    return { pk: { S: idempotencyKey }, sk: { S: IDEMPOTENCY_SK } };
  }
}

/**
 * An SQS batch consumer for events from the bus: each record is parsed, checked against its contract, handled
 * once per event id, and reported back on its own, so one bad record fails alone and reaches the DLQ after the
 * queue's maxReceiveCount (a poison record at once) instead of holding back or losing the rest of the batch.
 */
export function eventConsumer(options: EventConsumerOptions) {
  const { logger, metrics } = options;
  const byDetailType = new Map(options.handlers.map((h) => [h.definition.detailType, h]));
  const persistenceStore = new SpreadIdempotencyRecords({
    tableName: options.idempotency.tableName,
    keyAttr: 'pk',
    sortKeyAttr: 'sk',
    // The table's TTL attribute (ServiceTable): the records expire with it, after expiresAfterSeconds.
    expiryAttr: TTL_ATTRIBUTE,
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
    const envelope = busEnvelope.safeParse(jsonBody(record));
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
        // Another invocation holds this event id. What we can prove: a message received for the first time
        // (receive count 1) was never handled before, so the holder is another message with the same event
        // (the bus or SNS delivered it twice); that message stays in the queue until it succeeds, so this copy
        // can go. From the second receive on, the holder may be an earlier receive of this very message (its
        // visibility ran out, or a retry came back early); deleting it now would lose the event if the holder
        // then fails, so it is reported as failed and comes back after the holder's lock has expired.
        if (receiveCount === 1) {
          child.info('duplicate of an event being handled by another message; dropped', { receiveCount });
          metrics.addMetric('DuplicatesDropped', MetricUnit.Count, 1);
          return;
        }
        child.info('event in progress elsewhere, maybe this same message; retried later', { receiveCount });
        metrics.addMetric('InProgressRetried', MetricUnit.Count, 1);
        throw new EventInProgressError('the event is being handled by another invocation');
      }
      if (error instanceof DuplicateMessageError) {
        child.info('duplicate of an event another message carries; dropped', {
          receiveCount,
          reason: error.message,
        });
        metrics.addMetric('DuplicatesDropped', MetricUnit.Count, 1);
        return;
      }
      if (error instanceof RetryLaterError) {
        child.info('event retried later', {
          receiveCount,
          reason: error.message,
          afterSeconds: error.afterSeconds,
        });
        metrics.addMetric('RetriedLater', MetricUnit.Count, 1);
        throw error;
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
  const poison = deadLetters(sqs, logger, metrics);

  /**
   * A record that failed comes back after a growing, jittered delay (retry-delay.ts) instead of the queue's long
   * visibility timeout; an event held by another invocation comes back once that invocation's lock expired.
   */
  const handleRecord = async (record: SQSRecord) => {
    try {
      await handleRecordOnce(record);
    } catch (error) {
      if (error instanceof PoisonMessageError && (await poison.deadLetterNow(record, error))) return;
      const receiveCount = Number(record.attributes?.ApproximateReceiveCount ?? 1);
      // The holder's lock lasts at most its remaining time, at most one timeout of this same function: by then it
      // has finished (the retry finds the record complete) or died (its lock has expired).
      const lockSeconds =
        error instanceof EventInProgressError
          ? invocationSeconds + 1
          : error instanceof RetryLaterError
            ? Math.ceil(error.afterSeconds)
            : 0;
      const retryInSeconds = Math.min(43_200, Math.max(retryDelaySeconds(receiveCount), lockSeconds));
      try {
        const QueueUrl = await poison.queueUrlOf(record.eventSourceARN);
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
        poison.forget(record.eventSourceARN);
        logger.warn('could not shorten the retry delay', { error: visibilityError as Error });
      }
      throw error;
    }
  };

  let invocationSeconds = 0;
  const base = async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
    idempotencyConfig.registerLambdaContext(context);
    invocationSeconds = Math.ceil(context.getRemainingTimeInMillis() / 1000);
    await options.clock?.sync();
    return processPartialResponse(event, handleRecord, processor, {
      context,
      throwOnFullBatchFailure: false,
    });
  };
  return middy<SQSEvent, SQSBatchResponse>(base)
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logRuntimeOnColdStart(logger))
    .use(logMetrics(metrics));
}
