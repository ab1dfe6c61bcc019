import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { TooManyRequestsError, UnauthorizedError } from '../../../shared/http/errors';
import { publicHttpRoute } from '../../../shared/http/http-handler';
import { signIn } from '../use-cases/sign-in';
import { clock, config, identity, logger, metrics, newId, store, throttle } from '../wiring';
import { SIGN_IN_MAX_BODY_BYTES, signInBody } from './input';

/**
 * POST /auth/sign-in {username, password}: no token needed (the route has no JWT authorizer), JSON only (415 for
 * a form post). Answers the pool's tokens (200), one 401 for a wrong password and an unknown user alike, 429 with
 * Retry-After while the username from this address (or the address) must wait, or while the pool itself
 * rate-limits us. The body is never logged.
 */
export const handler = publicHttpRoute(
  { logger, metrics, clock, body: signInBody, maxBodyBytes: SIGN_IN_MAX_BODY_BYTES, jsonOnly: true },
  async ({ body, correlationId, headers, sourceIp }) => {
    const sourceAddress =
      (config.SOURCE_ADDRESS_HEADER && headers[config.SOURCE_ADDRESS_HEADER]?.trim()) || sourceIp;
    const result = await signIn(
      { store: store(), identity: identity(), now: clock.now, newId, throttle },
      { username: body.username, password: body.password, sourceAddress, correlationId },
    );
    switch (result.outcome) {
      case 'throttled':
        metrics.addMetric('SignInsThrottled', MetricUnit.Count, 1);
        throw new TooManyRequestsError(
          'TOO_MANY_ATTEMPTS',
          `Too many failed sign-ins for this username from your address; try again in ${result.retryAfterSeconds} s.`,
          result.retryAfterSeconds,
        );
      case 'busy':
        metrics.addMetric('SignInsPoolBusy', MetricUnit.Count, 1);
        throw new TooManyRequestsError('SIGN_IN_BUSY', undefined, result.retryAfterSeconds);
      case 'rejected':
        metrics.addMetric('SignInsRejected', MetricUnit.Count, 1);
        throw new UnauthorizedError('The username or password is wrong.');
      case 'signed-in':
        metrics.addMetric('SignIns', MetricUnit.Count, 1);
        logger.info('signed in', { userId: result.userId, firstSignIn: result.firstSignIn });
        return { statusCode: 200, body: result.tokens, headers: { 'cache-control': 'no-store' } };
    }
  },
);
