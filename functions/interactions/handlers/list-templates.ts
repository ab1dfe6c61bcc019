import { httpRoute } from '../../../shared/http/http-handler';
import { INTERACTION_TEMPLATES } from '../domain/templates';
import { logger, metrics } from '../wiring';

/** GET /interactions/templates: the daily interactions and what each one gives the pet. */
export const handler = httpRoute({ logger, metrics }, async () => ({
  statusCode: 200,
  body: { templates: INTERACTION_TEMPLATES },
}));
