import { httpRoute } from '../../../shared/http/http-handler';
import { dayKeyOf } from '../../../shared/time';
import { clock, interactions, logger, metrics } from '../wiring';

/** GET /interactions/today: what the caller has completed on the current UTC day. */
export const handler = httpRoute({ logger, metrics }, async ({ caller }) => {
  const dayKey = dayKeyOf(clock.now());
  const completions = await interactions.completionsOn(caller.userId, dayKey);
  return {
    statusCode: 200,
    body: {
      dayKey,
      completions: completions.map(({ publishedAt: _p, ...c }) => c),
    },
  };
});
