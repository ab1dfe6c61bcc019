import { httpRoute } from '../../../shared/http/http-handler';
import { createLogger, createMetrics } from '../../../shared/observability/logger';
import { CURRENCY, MAX_QUANTITY, MENU, MIN_QUANTITY } from '../domain/menu';

// Its own logger and metrics, not ../wiring: a static read needs no table, no SDK client and no config.
const logger = createLogger();
const metrics = createMetrics();

/** GET /menu: the pizzas and their prices in cents, for any signed-in user. */
export const handler = httpRoute({ logger, metrics }, async () => ({
  statusCode: 200,
  body: { currency: CURRENCY, minQuantity: MIN_QUANTITY, maxQuantity: MAX_QUANTITY, pizzas: MENU },
}));
