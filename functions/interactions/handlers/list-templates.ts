import { httpRoute } from '../../../shared/http/http-handler';
import { createLogger, createMetrics } from '../../../shared/observability/logger';
import { INTERACTION_TEMPLATES } from '../domain/templates';

// No table or bus here: not importing ../wiring keeps the SDK clients out of this bundle (faster cold start).
const logger = createLogger();
const metrics = createMetrics();

/** GET /interactions/templates: the daily interactions and what each one gives the pet. */
export const handler = httpRoute({ logger, metrics }, async () => ({
  statusCode: 200,
  body: { templates: INTERACTION_TEMPLATES },
}));
