import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { trackMessage } from '../domain/track';
import { countTrack } from '../use-cases/analytics';
import { logger, metrics, store } from '../wiring';

const processor = new BatchProcessor(EventType.SQS);

/** A track of an event cancelled after it was buffered is dropped, and counted apart from a user's repeats. */
const OUTCOME_METRICS = {
  counted: 'TracksCounted',
  duplicate: 'TrackDuplicates',
  'not-taking-tracks': 'TracksOfEndedEvents',
} as const;

/** Drains the track queue: each track counted once (partial batch failures; the DLQ after three tries). */
const countRecord = async (record: SQSRecord) => {
  const parsed = trackMessage.safeParse(JSON.parse(record.body));
  if (!parsed.success) {
    // Only our own handler writes this queue; a malformed message is a bug: it goes to the DLQ.
    throw new Error(`malformed track: ${parsed.error.message}`);
  }
  const outcome = await countTrack({ store: store() }, parsed.data);
  metrics.addMetric(OUTCOME_METRICS[outcome], MetricUnit.Count, 1);
};

export const handler = middy(
  async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> =>
    processPartialResponse(event, countRecord, processor, { context }),
)
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(logMetrics(metrics));
