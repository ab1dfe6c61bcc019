import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { questUpdated, rewardCredited, userSignedIn } from '../../../events/quests';
import { eventConsumer, onEvent } from '../../../shared/messaging/event-consumer';
import { factFromSignIn } from '../domain/triggers';
import { applyQuestUpdate } from '../use-cases/apply-quest-update';
import { recordCredit } from '../use-cases/record-credit';
import { recordFact } from '../use-cases/record-fact';
import { catalog, clock, config, dynamoDb, logger, metrics, projection, store } from '../wiring';

/**
 * The progress queue: sign-ins progress the quests they trigger (each fact once per quest, whatever the
 * deliveries), quest.updated keeps the catalog copy and clears this worker's cache, reward.credited marks
 * completions as credited.
 */
export const handler = eventConsumer({
  clock,
  logger,
  metrics,
  idempotency: { tableName: config.TABLE_NAME, client: dynamoDb().client },
  handlers: [
    onEvent(userSignedIn, async (detail, { logger: log }) => {
      const outcomes = await recordFact(
        { store: store(), catalog: catalog(), now: clock.now, snapshotEvery: config.SNAPSHOT_EVERY },
        'user.signed_in',
        factFromSignIn(detail),
      );
      const completed = outcomes.filter((o) => o.completed).length;
      if (completed > 0) metrics.addMetric('QuestsCompleted', MetricUnit.Count, completed);
      log.info('sign-in applied to quests', { outcomes, cache: catalog().stats });
    }),
    onEvent(questUpdated, async (detail) => {
      await applyQuestUpdate({ projection: projection(), catalog: catalog() }, detail);
    }),
    onEvent(rewardCredited, (detail) => recordCredit({ store: store() }, detail)),
  ],
});
