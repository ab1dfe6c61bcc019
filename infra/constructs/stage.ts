import { RemovalPolicy } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * Where the app is deployed, from the CDK context `stage`: `local` for an emulator (scripts/deploy.sh sets it for
 * MiniStack and LocalStack), anything else, or nothing, for AWS.
 */
export function isLocalStage(scope: IConstruct): boolean {
  return String(scope.node.tryGetContext('stage') ?? '') === 'local';
}

/**
 * What happens to a resource holding state (a table, the user pool, a key) when the stack deletes it: on AWS it is
 * kept (players, orders and accounts outlive a mistaken `cdk destroy`); a local stage is throwaway.
 */
export function statefulRemovalPolicy(scope: IConstruct): RemovalPolicy {
  return isLocalStage(scope) ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN;
}

/** A number from the CDK context (`-c name=value`), or the default. */
export function numberFromContext(scope: IConstruct, name: string, fallback: number): number {
  const raw = scope.node.tryGetContext(name);
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0)
    throw new Error(`context ${name} must be a number ≥ 0, not ${raw}`);
  return value;
}
