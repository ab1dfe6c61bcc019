import { interactionCompleted, interactionMissed } from '../../../events/pet-game';
import { eventConsumer, onEvent } from '../../../shared/messaging/event-consumer';
import { fromCompleted, fromMissed } from '../domain/pet-events';
import { applyInteractionEvent } from '../use-cases/apply-interaction-event';
import { clock, config, dynamoDb, logger, metrics, pets } from '../wiring';

/** The pets service's queue consumer: completed and missed days change the pet, each event once. */
export const handler = eventConsumer({
  clock,
  logger,
  metrics,
  idempotency: { tableName: config.TABLE_NAME, client: dynamoDb().client },
  handlers: [
    onEvent(interactionCompleted, async (detail, { logger: log, correlationId }) => {
      await applyInteractionEvent(
        { pets: pets(), logger: log, now: clock.now },
        { userId: detail.userId, event: fromCompleted(detail), correlationId },
      );
    }),
    onEvent(interactionMissed, async (detail, { logger: log, correlationId }) => {
      await applyInteractionEvent(
        { pets: pets(), logger: log, now: clock.now },
        { userId: detail.userId, event: fromMissed(detail), correlationId },
      );
    }),
  ],
});
