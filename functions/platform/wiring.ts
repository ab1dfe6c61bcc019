import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { allEvents } from '../../events';
import { functionClock } from '../../shared/clock';
import { loadConfig } from '../../shared/config';
import { lazy } from '../../shared/lazy';
import { createEventPublisher } from '../../shared/messaging/event-publisher';
import { ownersOf, type RelayDeps } from '../../shared/messaging/outbox-relay';
import { createLogger, createMetrics } from '../../shared/observability/logger';
import { dynamoOutboxStore } from '../../shared/storage/outbox-store';
import { sqsRefusals } from './adapters/sqs-refusals';

/** Every table the relay and the sweeper serve, with the event sources its service owns (OutboxRelay.addTable). */
const outboxSources = z
  .string()
  .transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'not JSON' });
      return undefined;
    }
  })
  .pipe(z.array(z.object({ table: z.string().min(1), sources: z.array(z.string().min(1)) })));

/** The outbox relay's and sweeper's adapters, built on first use once per execution environment. */
export const relayConfig = lazy(() =>
  loadConfig({
    EVENT_BUS_NAME: z.string().min(1),
    OUTBOX_SOURCES: outboxSources,
    /** Where refused outbox items go instead of the bus. */
    UNDELIVERABLE_QUEUE_URL: z.string().min(1),
    OUTBOX_SWEEP_GRACE_SECONDS: z.coerce.number().int().min(0).default(120),
  }),
);
export const logger = lazy(() => createLogger());
const metrics = lazy(() => createMetrics());

const dynamoDb = lazy(() => new DynamoDBClient({}));
/** Outbox items are stamped with the services' clock, so the sweeper judges their age by the same clock. */
export const clock = functionClock(dynamoDb);

export const relayDeps = lazy((): RelayDeps => {
  const log = logger();
  const config = relayConfig();
  return {
    bus: createEventPublisher(config.EVENT_BUS_NAME),
    store: dynamoOutboxStore(
      DynamoDBDocumentClient.from(dynamoDb(), {
        marshallOptions: { removeUndefinedValues: true },
      }),
    ),
    busName: config.EVENT_BUS_NAME,
    contracts: new Map(allEvents.map((d) => [d.detailType, d])),
    owners: ownersOf(config.OUTBOX_SOURCES),
    refusals: sqsRefusals(new SQSClient({}), config.UNDELIVERABLE_QUEUE_URL, metrics()),
    log: { info: (m, e) => log.info(m, e ?? {}), error: (m, e) => log.error(m, e ?? {}) },
  };
});
