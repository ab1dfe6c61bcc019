import { httpRoute } from '../../../shared/http/http-handler';
import { CURRENCY, MAX_QUANTITY, MENU, MIN_QUANTITY } from '../domain/menu';
import { logger, metrics } from '../wiring';

/** GET /menu: the pizzas and their prices in cents, for any signed-in user. */
export const handler = httpRoute({ logger, metrics }, async () => ({
  statusCode: 200,
  body: { currency: CURRENCY, minQuantity: MIN_QUANTITY, maxQuantity: MAX_QUANTITY, pizzas: MENU },
}));
