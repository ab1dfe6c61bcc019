import { calendarEventCancelled, calendarEventCreated } from '../../../events/calendar';
import { eventConsumer, onEvent } from '../../../shared/messaging/event-consumer';
import { endCounts, recordOrganizer } from '../use-cases/analytics';
import { config, dynamoDb, logger, metrics, store } from '../wiring';

/**
 * What analytics learns of calendar events from the bus: event.created (it exists; who may read its counts) and
 * event.cancelled (no more counting; its counts expire).
 */
export const handler = eventConsumer({
  logger,
  metrics,
  idempotency: { tableName: config.TABLE_NAME, client: dynamoDb().client },
  handlers: [
    onEvent(calendarEventCreated, (detail) =>
      recordOrganizer(
        { store: store() },
        { calendarEventId: detail.calendarEventId, organizerId: detail.organizerId },
      ),
    ),
    onEvent(calendarEventCancelled, (detail) =>
      endCounts(
        { store: store() },
        { calendarEventId: detail.calendarEventId, cancelledAt: detail.cancelledAt },
      ),
    ),
  ],
});
