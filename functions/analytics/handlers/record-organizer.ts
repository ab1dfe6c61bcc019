import { calendarEventCreated } from '../../../events/calendar';
import { eventConsumer, onEvent } from '../../../shared/messaging/event-consumer';
import { recordOrganizer } from '../use-cases/analytics';
import { config, dynamoDb, logger, metrics, store } from '../wiring';

/** Who organizes which calendar event (from event.created): who may read its counts. */
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
  ],
});
