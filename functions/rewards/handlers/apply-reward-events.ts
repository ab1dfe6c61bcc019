import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { questCompleted, questUpdated } from '../../../events/quests';
import { eventConsumer, onEvent } from '../../../shared/messaging/event-consumer';
import { rememberQuest } from '../use-cases/remember-quest';
import { takeCompletion } from '../use-cases/take-completion';
import { clock, config, dynamoDb, logger, metrics, store } from '../wiring';

/** The rewards queue: completions are credited (auto-claim) or kept claimable, once each; quests are remembered. */
export const handler = eventConsumer({
  clock,
  logger,
  metrics,
  idempotency: { tableName: config.TABLE_NAME, client: dynamoDb().client },
  handlers: [
    onEvent(questCompleted, async (detail, { logger: log }) => {
      const outcome = await takeCompletion({ store: store(), now: clock.now }, detail);
      if (outcome === 'credited') metrics.addMetric('RewardsCredited', MetricUnit.Count, 1);
      log.info('quest completion taken', { outcome, questId: detail.questId, completion: detail.completion });
    }),
    onEvent(questUpdated, (detail) => rememberQuest({ store: store() }, detail)),
  ],
});
