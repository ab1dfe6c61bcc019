import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { allEvents } from '../../events';
import { functionClock } from '../../shared/clock';
import { loadConfig } from '../../shared/config';
import { lazy } from '../../shared/lazy';
import { createEventPublisher } from '../../shared/messaging/event-publisher';
import type { RelayDeps } from '../../shared/messaging/outbox-relay';
import { createLogger } from '../../shared/observability/logger';
import { dynamoOutboxStore } from '../../shared/storage/outbox-store';

/** The outbox relay's and sweeper's adapters, built on first use once per execution environment. */
export const relayConfig = lazy(() =>
  loadConfig({
    EVENT_BUS_NAME: z.string().min(1),
    /** The sweeper's tables, comma-separated (the relay learns its table from each stream record). */
    OUTBOX_TABLES: z.string().default(''),
    OUTBOX_SWEEP_GRACE_SECONDS: z.coerce.number().int().min(0).default(120),
  }),
);
export const logger = lazy(() => createLogger());

const dynamoDb = lazy(() => new DynamoDBClient({}));
/** Outbox items are stamped with the services' clock, so the sweeper judges their age by the same clock. */
export const clock = functionClock(dynamoDb);

export const relayDeps = lazy((): RelayDeps => {
  const log = logger();
  return {
    bus: createEventPublisher(relayConfig().EVENT_BUS_NAME),
    store: dynamoOutboxStore(
      DynamoDBDocumentClient.from(dynamoDb(), {
        marshallOptions: { removeUndefinedValues: true },
      }),
    ),
    busName: relayConfig().EVENT_BUS_NAME,
    contracts: new Map(allEvents.map((d) => [d.detailType, d])),
    log: { info: (m, e) => log.info(m, e ?? {}), error: (m, e) => log.error(m, e ?? {}) },
  };
});
