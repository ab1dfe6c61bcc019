import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { missedDayPageDue, missedDayPlanDue } from '../../../events/missed-day';
import { eventConsumer, onEvent, PoisonMessageError } from '../../../shared/messaging/event-consumer';
import { judgeRosterPage } from '../use-cases/judge-roster-page';
import { planMissedDayRun } from '../use-cases/plan-missed-day-run';
import { clock, config, dynamoDb, logger, metrics, runs, store, work } from '../wiring';

/** The missed-day run's queue: plan a run (cut the roster into pages), then judge each page on its own. */
export const handler = eventConsumer({
  clock,
  logger,
  metrics,
  idempotency: { tableName: config.TABLE_NAME, client: dynamoDb().client },
  handlers: [
    onEvent(missedDayPlanDue, async ({ runId }, { logger: log }) => {
      const result = await planMissedDayRun(
        { store: store(), runs: runs(), work: work(), now: clock.now },
        { runId },
      );
      if (result.outcome === 'unknown-run') throw new PoisonMessageError(`no missed-day run ${runId}`);
      log.info('missed-day run planned', { ...result });
    }),
    onEvent(missedDayPageDue, async (detail, { logger: log }) => {
      const result = await judgeRosterPage({ store: store(), runs: runs(), now: clock.now }, detail);
      if (result.outcome === 'unknown-page') {
        throw new PoisonMessageError(`no page ${detail.page} in missed-day run ${detail.runId}`);
      }
      if (result.outcome === 'judged') {
        metrics.addMetric('MissedDaysPublished', MetricUnit.Count, result.result.missedPublished);
      }
      log.info('missed-day page', { ...result });
    }),
  ],
});
