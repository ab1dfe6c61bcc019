import { httpRoute } from '../../../shared/http/http-handler';
import { getWallet } from '../use-cases/get-wallet';
import { logger, metrics, store } from '../wiring';

/** GET /wallet: {gold, diamond, ledger}; the balances are the sum of the ledger. */
export const handler = httpRoute({ logger, metrics }, async ({ caller }) => ({
  statusCode: 200,
  body: await getWallet({ store: store() }, caller.userId),
}));
