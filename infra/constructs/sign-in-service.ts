import { CfnOutput } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { platform as routes } from '../../api/routes';
import { AUTH_SOURCE } from '../../events/quests';
import { TEST_SOURCE_ADDRESS_HEADER } from '../../functions/auth/handlers/input';
import { OUTPUTS } from '../names';
import type { Platform } from './platform';
import { ServiceFunction } from './service-function';
import { ServiceTable } from './service-table';
import { isLocalStage } from './stage';

/**
 * Sign-ins: POST /auth/sign-in checks the password with the user pool and records the sign-in with its
 * user.signed_in (and the first time user.signed_up) through the outbox. Its table holds the accounts and the
 * attempt counters that throttle the route.
 */
export class SignInService extends Construct {
  readonly table: ServiceTable;

  constructor(scope: Construct, id: string, platform: Platform) {
    super(scope, id);
    this.table = new ServiceTable(this, 'Table', { outbox: platform.outbox, sources: [AUTH_SOURCE] });
    const signIn = new ServiceFunction(this, 'SignInFunction', {
      service: 'auth',
      handler: 'sign-in',
      table: this.table,
      environment: {
        USER_POOL_ID: platform.userPool.userPoolId,
        USER_POOL_CLIENT_ID: platform.userPoolClient.userPoolClientId,
        // MiniStack gives every caller the address 127.0.0.1: the tests name theirs in a header, and the one
        // address every other test and the fuzzer share gets no address-wide budget (docs/emulator-facts.md).
        ...(isLocalStage(this)
          ? { SOURCE_ADDRESS_HEADER: TEST_SOURCE_ADDRESS_HEADER, SIGN_IN_ADDRESS_FREE_FAILURES: '100000' }
          : {}),
      },
    });
    // AdminInitiateAuth: the app client allows no password flow without IAM credentials (platform.ts).
    platform.userPool.grant(signIn, 'cognito-idp:AdminInitiateAuth');
    platform.addRoute(routes.signIn, signIn);
    platform.watchFunctions('Sign-in', [signIn]);
    new CfnOutput(this, 'TableOutput', { key: OUTPUTS.signInTable, value: this.table.tableName });
    new CfnOutput(this, 'FunctionOutput', { key: OUTPUTS.signInFunction, value: signIn.functionName });
  }
}
