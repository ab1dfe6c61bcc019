import type { DynamoDBStreamEvent } from 'aws-lambda';
import { relayOutbox } from '../../../shared/messaging/outbox-relay';
import { insertedOutboxItems } from '../adapters/stream-records';
import { relayDeps } from '../wiring';

/**
 * The outbox relay: every service table's stream, filtered to inserted outbox items, lands here. A publish that
 * fails throws, so the stream delivers the batch again; after the mapping's maximum record age the sweeper
 * publishes what is left.
 */
export const handler = async (event: DynamoDBStreamEvent) => {
  const entries = insertedOutboxItems(event.Records);
  if (entries.length === 0) return { published: 0, refused: 0 };
  return relayOutbox(entries, relayDeps());
};
