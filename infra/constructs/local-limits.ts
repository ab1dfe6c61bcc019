import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type { IConstruct } from 'constructs';
import { isLocalStage } from './stage';

/**
 * Limits that exist only to fit a small local machine. On the local stage (infra/constructs/stage.ts) they are
 * on by default (LOCAL_LIMIT_DEFAULTS), and CDK context raises them (`-c localFunctionConcurrency=8`, what
 * scripts/deploy.sh passes from LOCAL_FUNCTION_CONCURRENCY); on AWS none is set unless asked, so the stack there
 * has neither reserved concurrency nor a mapping maximum and scales the way Lambda does. See docs/under-load.md.
 *
 * - `localFunctionConcurrency`: ReservedConcurrentExecutions of every API-facing function and of payments
 *   (invoked synchronously by orders). The emulator runs one Node process per concurrent invocation and
 *   otherwise spawns without a ceiling; at this ceiling it throttles at once (the HTTP API answers 429).
 * - `localConsumerConcurrency`: MaximumConcurrency of every SQS event source mapping (batches in flight), so
 *   the queue consumers never take the cores the API needs. At least 2 (the AWS minimum).
 */
export const LOCAL_LIMITS = {
  functionConcurrency: 'localFunctionConcurrency',
  consumerConcurrency: 'localConsumerConcurrency',
} as const;

/** What the local stage gets when the context sets nothing: a 2-core machine shared with the tests. */
export const LOCAL_LIMIT_DEFAULTS: Record<(typeof LOCAL_LIMITS)[keyof typeof LOCAL_LIMITS], number> = {
  localFunctionConcurrency: 2,
  localConsumerConcurrency: 2,
};

/** The positive whole number set as CDK context under `key`, the local stage's default, or undefined (AWS, `off`). */
export function localLimit(scope: IConstruct, key: (typeof LOCAL_LIMITS)[keyof typeof LOCAL_LIMITS]) {
  const raw = scope.node.tryGetContext(key) as string | number | undefined;
  if (raw === undefined || raw === '') return isLocalStage(scope) ? LOCAL_LIMIT_DEFAULTS[key] : undefined;
  // `off`: the local stage without this limit (as AWS is), e.g. to measure what it costs.
  if (raw === 'off') return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`CDK context ${key} must be a whole number >= 1 (got ${JSON.stringify(raw)})`);
  }
  return value;
}

/** Applies `localFunctionConcurrency` to the function as its reserved concurrency, when it is set. */
export function reserveLocalConcurrency(fn: lambda.IFunction): void {
  const reserved = localLimit(fn, LOCAL_LIMITS.functionConcurrency);
  if (reserved === undefined) return;
  const cfn = fn.node.defaultChild as lambda.CfnFunction;
  cfn.reservedConcurrentExecutions = Math.max(cfn.reservedConcurrentExecutions ?? 0, reserved);
}
