import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { eventConsumer, onEvent } from '../../../shared/messaging/event-consumer';
import { broadcastEvents, pushFor } from '../domain/topics';
import { broadcast } from '../use-cases/broadcast';
import { clock, config, dynamoDb, logger, metrics, pusher, store } from '../wiring';

/** Every change the topics carry, from the broadcaster's own queue, pushed to the subscribed connections. */
export const handler = eventConsumer({
  logger,
  metrics,
  idempotency: { tableName: config.TABLE_NAME, client: dynamoDb().client },
  handlers: broadcastEvents.map((definition) =>
    onEvent(definition, async (detail) => {
      const push = pushFor(definition.detailType, detail as Record<string, unknown>, clock.now());
      const report = await broadcast(
        {
          store: store(),
          pusher: pusher(),
          now: clock.now,
          timeoutMs: config.POST_TIMEOUT_MS,
          concurrency: config.POST_CONCURRENCY,
        },
        push,
      );
      metrics.addMetric('PushesSent', MetricUnit.Count, report.sent);
      metrics.addMetric('ConnectionsGone', MetricUnit.Count, report.gone);
      logger.info('broadcast', { type: push.message.type, topic: push.topic, ...report });
    }),
  ),
});
