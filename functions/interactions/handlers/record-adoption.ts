import { petAdopted } from '../../../events/pet-game';
import { eventConsumer, onEvent } from '../../../shared/messaging/event-consumer';
import { config, dynamoDb, interactions, logger, metrics } from '../wiring';

/** Keeps the roster of players with a pet, which the missed-day job walks. */
export const handler = eventConsumer({
  logger,
  metrics,
  idempotency: { tableName: config.TABLE_NAME, client: dynamoDb.client },
  handlers: [
    onEvent(petAdopted, async (detail) => {
      await interactions.addToRoster({ userId: detail.userId, adoptedDay: detail.dayKey });
    }),
  ],
});
