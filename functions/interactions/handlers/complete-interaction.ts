import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { z } from 'zod';
import { interactionCompleted } from '../../../events/pet-game';
import { ConflictError, NotFoundError } from '../../../shared/http/errors';
import { httpRoute } from '../../../shared/http/http-handler';
import type { Completion } from '../domain/completion';
import { decideCompletion } from '../domain/completion';
import { clock, interactions, logger, metrics, publisher } from '../wiring';

export const completeInteractionBody = z.object({ templateId: z.string().min(1).max(64) }).strict();

/**
 * POST /interactions/complete {templateId}: records today's completion for the caller and announces it.
 * The event is marked published only after the bus took it; a retry of an unpublished completion publishes it
 * again under the same event id, so a bus failure never leaves the pet without its reward.
 */
export const handler = httpRoute(
  { logger, metrics, body: completeInteractionBody },
  async ({ caller, body, correlationId }) => {
    const now = clock.now();
    const decision = decideCompletion({
      userId: caller.userId,
      templateId: body.templateId,
      now,
      correlationId,
    });
    if (decision.outcome === 'unknown-template') {
      throw new NotFoundError(
        'UNKNOWN_TEMPLATE',
        `There is no interaction template '${decision.templateId}'.`,
      );
    }
    const publish = async (completion: Completion) => {
      await publisher.publish(interactionCompleted, {
        ...decision.event,
        completedAt: completion.completedAt,
      });
      await interactions.markPublished(completion, clock.now());
    };

    const recorded = await interactions.recordCompletion(decision.completion);
    if (recorded === 'duplicate') {
      const existing = await interactions.getCompletion(
        caller.userId,
        decision.completion.dayKey,
        body.templateId,
      );
      if (existing && !existing.publishedAt) await publish(existing);
      throw new ConflictError(
        'ALREADY_COMPLETED',
        `'${body.templateId}' was already completed today (${decision.completion.dayKey}, UTC).`,
        existing ? { completedAt: existing.completedAt, dayKey: existing.dayKey } : undefined,
      );
    }
    await publish(decision.completion);
    metrics.addMetric('InteractionsCompleted', MetricUnit.Count, 1);
    return { statusCode: 201, body: decision.completion };
  },
);
