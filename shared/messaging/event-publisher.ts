import { EventBridgeClient, PutEventsCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import type { EventDefinition, EventInput } from '../../events/define-event';
import { checkedDetail } from './outbox';

/** PutEvents takes at most ten entries a call. */
const MAX_ENTRIES_PER_CALL = 10;
const MAX_ATTEMPTS = 4;
const CALLS_IN_FLIGHT = 4;

export interface EventPublisher {
  /** Validates every detail against its contract, then puts them on the bus, ten a call, retrying failed entries. */
  publish<D extends EventDefinition>(definition: D, details: EventInput<D> | EventInput<D>[]): Promise<void>;
}

export function toBusEntry<D extends EventDefinition>(
  busName: string,
  definition: D,
  detail: EventInput<D>,
): PutEventsRequestEntry {
  // A producer that breaks its own contract is a bug: fail before anything reaches the bus.
  return {
    EventBusName: busName,
    Source: definition.source,
    DetailType: definition.detailType,
    Detail: JSON.stringify(checkedDetail(definition, detail)),
  };
}

/**
 * The outbox relay's side of the bus: puts entries that were checked when they entered the outbox, in their
 * order (one call of ten after the other, so events of one aggregate reach the bus as they were decided).
 */
export interface BusWriter {
  putInOrder(entries: PutEventsRequestEntry[]): Promise<void>;
}

export function createEventPublisher(busName: string, client: EventBridgeClient = new EventBridgeClient({})) {
  const putWithRetries = async (entries: PutEventsRequestEntry[]) => {
    let pending = entries;
    for (let attempt = 1; pending.length > 0; attempt++) {
      const result = await client.send(new PutEventsCommand({ Entries: pending }));
      if (!result.FailedEntryCount) return;
      const failed = pending.filter((_, index) => result.Entries?.[index]?.ErrorCode);
      if (attempt >= MAX_ATTEMPTS) {
        const reasons = result.Entries?.filter((e) => e.ErrorCode).map(
          (e) => `${e.ErrorCode}: ${e.ErrorMessage}`,
        );
        throw new Error(
          `PutEvents failed for ${failed.length} entries after ${attempt} attempts: ${reasons?.join('; ')}`,
        );
      }
      pending = failed;
      await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
    }
  };

  const publisher: EventPublisher & BusWriter = {
    async putInOrder(entries) {
      for (let start = 0; start < entries.length; start += MAX_ENTRIES_PER_CALL) {
        await putWithRetries(entries.slice(start, start + MAX_ENTRIES_PER_CALL));
      }
    },
    async publish(definition, details) {
      const list = Array.isArray(details) ? details : [details];
      const entries = list.map((detail) => toBusEntry(busName, definition, detail));
      const calls: PutEventsRequestEntry[][] = [];
      for (let start = 0; start < entries.length; start += MAX_ENTRIES_PER_CALL) {
        calls.push(entries.slice(start, start + MAX_ENTRIES_PER_CALL));
      }
      // A few calls in flight at once: a job that publishes thousands of events is bound by round trips.
      for (let start = 0; start < calls.length; start += CALLS_IN_FLIGHT) {
        await Promise.all(calls.slice(start, start + CALLS_IN_FLIGHT).map(putWithRetries));
      }
    },
  };
  return publisher;
}
