import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import {
  type ChargeRequest,
  chargeResponse,
  type PaymentsRequest,
  type SettleRequest,
} from '../../payments/domain/payment';
import type { PaymentResult } from '../domain/order';
import type { PaymentsClient } from '../ports';

/**
 * The reason of an 'unavailable' answer when Lambda throttled the payments function (TooManyRequestsException:
 * it is at its concurrency limit). Payments never ran, so nothing was charged; the caller may say 429.
 */
export const PAYMENTS_THROTTLED = 'payments throttled (at its concurrency limit); nothing charged';

export interface PaymentsClientOptions {
  /** How long a charge is waited for; payments are told it (`notAfter`). */
  timeoutMs: number;
  /** How long one settle call is waited for: a settle is one conditional write, much quicker than a charge. */
  settleTimeoutMs?: number;
  /** How often a settle is tried (it is safe to repeat), with `settleBackoffMs` between tries. */
  settleTries?: number;
  settleBackoffMs?: number;
  client?: LambdaClient;
  /**
   * The orders service's clock (the test clock on a local stack): payments check `notAfter` against the same
   * clock, so a deadline read from another one would be hours in their past once the test clock moved.
   */
  now: () => Date;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Calls the payments function synchronously. A charge is waited for at most `timeoutMs`, once (maxAttempts 1):
 * the request carries that moment (`notAfter`) so payments need not charge after it, but what settles an attempt
 * whose charge gave no answer is `settle`: payments answer the attempt's charge, or void the attempt so that no
 * charge of it can land later. A settle is tried a few times (it changes nothing the second time). Every failure
 * (the function threw, it timed out, Lambda could not be reached, the answer made no sense) is 'unavailable',
 * never an exception.
 */
export function createPaymentsClient(functionName: string, options: PaymentsClientOptions): PaymentsClient {
  const {
    timeoutMs,
    settleTimeoutMs = 1_000,
    settleTries = 3,
    settleBackoffMs = 200,
    client = new LambdaClient({ maxAttempts: 1 }),
    now,
    sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
  } = options;

  async function invoke(request: PaymentsRequest, waitMs: number): Promise<PaymentResult> {
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), waitMs);
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
        case 'voided':
          return { outcome: 'voided' };
        case 'expired':
          // Nothing recorded, but the attempt is still open: the caller settles it like any missing answer.
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
        ? `no answer within ${waitMs} ms`
        : `payments unreachable: ${(error as Error).message}`;
      return { outcome: 'unavailable', reason };
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    async charge(charge) {
      const request: ChargeRequest = {
        operation: 'charge',
        ...charge,
        notAfter: new Date(now().getTime() + timeoutMs).toISOString(),
      };
      return invoke(request, timeoutMs);
    },

    async settle(attempt) {
      const request: SettleRequest = { operation: 'settle', ...attempt };
      let answer: PaymentResult = { outcome: 'unavailable', reason: 'not tried' };
      for (let tried = 0; tried < settleTries; tried++) {
        if (tried > 0) await sleep(settleBackoffMs * tried);
        answer = await invoke(request, settleTimeoutMs);
        if (answer.outcome !== 'unavailable') return answer;
      }
      return answer;
    },
  };
}
