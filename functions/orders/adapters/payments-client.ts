import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { type ChargeRequest, chargeResponse } from '../../payments/domain/payment';
import type { PaymentsClient } from '../ports';

/**
 * The reason of an 'unavailable' answer when Lambda throttled the payments function (TooManyRequestsException:
 * it is at its concurrency limit). Payments never ran, so nothing was charged; the caller may say 429.
 */
export const PAYMENTS_THROTTLED = 'payments throttled (at its concurrency limit); nothing charged';

/**
 * Calls the payments function synchronously and waits at most `timeoutMs`. No retries here (maxAttempts 1): the
 * client decides when to try again, with its Idempotency-Key. Every failure (the function threw, it timed out,
 * Lambda could not be reached, the answer made no sense) is 'unavailable', never an exception. The request
 * carries the moment this client gives up (`notAfter`): payments charges nothing after it, so a payment that
 * finishes after the customer got a 503 does not take their money.
 */
export function createPaymentsClient(
  functionName: string,
  timeoutMs: number,
  client: LambdaClient = new LambdaClient({ maxAttempts: 1 }),
  now: () => Date = () => new Date(),
): PaymentsClient {
  return {
    async charge(charge) {
      const request: ChargeRequest = {
        ...charge,
        notAfter: new Date(now().getTime() + timeoutMs).toISOString(),
      };
      const abort = new AbortController();
      const timer = setTimeout(() => abort.abort(), timeoutMs);
      try {
        const result = await client.send(
          new InvokeCommand({
            FunctionName: functionName,
            InvocationType: 'RequestResponse',
            Payload: Buffer.from(JSON.stringify(request)),
          }),
          { abortSignal: abort.signal },
        );
        const text = Buffer.from(result.Payload ?? new Uint8Array()).toString('utf8');
        if (result.FunctionError) {
          return { outcome: 'unavailable', reason: `payments failed: ${text.slice(0, 300)}` };
        }
        const answer = chargeResponse.safeParse(JSON.parse(text));
        if (!answer.success) return { outcome: 'unavailable', reason: 'payments answered nonsense' };
        switch (answer.data.outcome) {
          case 'paid':
            return { outcome: 'paid', chargeId: answer.data.chargeId };
          case 'declined':
            return { outcome: 'declined', reason: answer.data.reason };
          case 'expired':
            return {
              outcome: 'unavailable',
              reason: 'payments answered after the deadline; nothing charged',
            };
        }
      } catch (error) {
        const { name, $metadata } = error as { name?: string; $metadata?: { httpStatusCode?: number } };
        if (name === 'TooManyRequestsException' || $metadata?.httpStatusCode === 429) {
          return { outcome: 'unavailable', reason: PAYMENTS_THROTTLED, throttled: true };
        }
        const reason = abort.signal.aborted
          ? `no answer within ${timeoutMs} ms`
          : `payments unreachable: ${(error as Error).message}`;
        return { outcome: 'unavailable', reason };
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
