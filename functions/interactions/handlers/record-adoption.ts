import { petAdopted } from '../../../events/pet-game';
import { eventConsumer, onEvent } from '../../../shared/messaging/event-consumer';
import { recordAdoption } from '../use-cases/record-adoption';
import { config, dynamoDb, logger, metrics, store } from '../wiring';

/** Keeps the roster of players with a pet, which the missed-day job walks. */
export const handler = eventConsumer({
  logger,
  metrics,
  idempotency: { tableName: config.TABLE_NAME, client: dynamoDb().client },
  handlers: [onEvent(petAdopted, (detail) => recordAdoption({ store: store() }, detail))],
});
