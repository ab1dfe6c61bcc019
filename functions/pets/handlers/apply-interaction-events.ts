import { interactionCompleted, interactionMissed } from '../../../events/pet-game';
import { eventConsumer, onEvent } from '../../../shared/messaging/event-consumer';
import { applyToPet } from '../apply-to-pet';
import { fromCompleted, fromMissed } from '../domain/pet-events';
import { clock, config, dynamoDb, logger, metrics, pets, publisher } from '../wiring';

/** The pets service's queue consumer: completed and missed days change the pet, each event once. */
export const handler = eventConsumer({
  logger,
  metrics,
  idempotency: { tableName: config.TABLE_NAME, client: dynamoDb.client },
  handlers: [
    onEvent(interactionCompleted, async (detail, { logger: log, correlationId }) => {
      await applyToPet(
        { pets, publisher, logger: log, now: clock.now },
        detail.userId,
        fromCompleted(detail),
        correlationId,
      );
    }),
    onEvent(interactionMissed, async (detail, { logger: log, correlationId }) => {
      await applyToPet(
        { pets, publisher, logger: log, now: clock.now },
        detail.userId,
        fromMissed(detail),
        correlationId,
      );
    }),
  ],
});
