import { httpRoute } from '../../../shared/http/http-handler';
import { createLogger, createMetrics } from '../../../shared/observability/logger';

const logger = createLogger();
const metrics = createMetrics();

/** GET /whoami: who the verified token says you are. Also the benchmarks' no-op baseline. */
export const handler = httpRoute({ logger, metrics }, async ({ caller }) => ({
  statusCode: 200,
  body: caller,
}));
