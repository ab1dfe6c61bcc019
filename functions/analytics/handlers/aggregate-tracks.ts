import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { jsonBody, PoisonMessageError } from '../../../shared/messaging/dead-letter';
import { trackMessage } from '../domain/track';
import { countTrack } from '../use-cases/analytics';
import { logger, metrics, poison, store } from '../wiring';

const processor = new BatchProcessor(EventType.SQS);

/** A track of an event cancelled after it was buffered is dropped, and counted apart from a user's repeats. */
const OUTCOME_METRICS = {
  counted: 'TracksCounted',
  duplicate: 'TrackDuplicates',
  'not-taking-tracks': 'TracksOfEndedEvents',
} as const;

/**
 * Drains the track queue: each track counted once (partial batch failures). Only our own handler writes this
 * queue, so a body that is not a track is a bug no retry mends: it goes to the DLQ on its first receive.
 */
const countRecord = async (record: SQSRecord) => {
  const parsed = trackMessage.safeParse(jsonBody(record));
  if (!parsed.success) throw new PoisonMessageError(`malformed track: ${parsed.error.message}`);
  const outcome = await countTrack({ store: store() }, parsed.data);
  metrics.addMetric(OUTCOME_METRICS[outcome], MetricUnit.Count, 1);
};

const countOrDeadLetter = async (record: SQSRecord) => {
  try {
    await countRecord(record);
  } catch (error) {
    if (error instanceof PoisonMessageError && (await poison().deadLetterNow(record, error))) return;
    throw error;
  }
};

export const handler = middy(
  async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> =>
    processPartialResponse(event, countOrDeadLetter, processor, { context }),
)
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(logMetrics(metrics));
