import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { ConflictError, NotFoundError } from '../../../shared/http/errors';
import { httpRoute } from '../../../shared/http/http-handler';
import { completeInteraction } from '../use-cases/complete-interaction';
import { clock, logger, metrics, store } from '../wiring';
import { completeInteractionBody } from './input';

/** POST /interactions/complete {templateId}: records today's completion for the caller (201), once a UTC day. */
export const handler = httpRoute(
  { logger, metrics, clock, body: completeInteractionBody },
  async ({ caller, body, correlationId }) => {
    const result = await completeInteraction(
      { store: store(), now: clock.now },
      { userId: caller.userId, templateId: body.templateId, correlationId },
    );
    switch (result.outcome) {
      case 'unknown-template':
        throw new NotFoundError(
          'UNKNOWN_TEMPLATE',
          `There is no interaction template '${result.templateId}'.`,
        );
      case 'already-completed':
        throw new ConflictError(
          'ALREADY_COMPLETED',
          `'${body.templateId}' was already completed today (${result.dayKey}, UTC).`,
          result.existing
            ? { completedAt: result.existing.completedAt, dayKey: result.existing.dayKey }
            : undefined,
        );
      case 'completed':
        metrics.addMetric('InteractionsCompleted', MetricUnit.Count, 1);
        return { statusCode: 201, body: result.completion };
    }
  },
);
