import { RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/** The account an emulator answers for (MiniStack and LocalStack alike); no AWS account has this id. */
export const EMULATOR_ACCOUNT = '000000000000';

/**
 * Where the app is deployed. The CDK context `stage` decides when it is given (`-c stage=local` for an emulator,
 * any other value for AWS); without it, the account the CLI resolved does: a bare `cdklocal deploy` resolves the
 * emulator's, a `cdk deploy` with real credentials a real one. An app synthesized without any account (no
 * credentials) is not local. The one place that tells; the local defaults (test clock, local limits) follow it.
 */
export function isLocalStage(scope: IConstruct): boolean {
  const stage = String(scope.node.tryGetContext('stage') ?? '');
  const account = Stack.of(scope).account;
  const known = !Token.isUnresolved(account);
  // The local stage trusts a test header for the caller's address, deploys a movable clock and throwaway tables:
  // on a real account that would be a hole, so `-c stage=local` there is refused at synth.
  if (stage === 'local' && known && account !== EMULATOR_ACCOUNT) {
    throw new Error(
      `-c stage=local is for an emulator (account ${EMULATOR_ACCOUNT}), not the real account ${account}: drop it`,
    );
  }
  if (stage !== '') return stage === 'local';
  return known && account === EMULATOR_ACCOUNT;
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
