import { CfnOutput } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { platform as routes } from '../../api/routes';
import { AUTH_SOURCE } from '../../events/quests';
import { OUTPUTS } from '../names';
import type { Platform } from './platform';
import { ServiceFunction } from './service-function';
import { ServiceTable } from './service-table';

/**
 * Sign-ins (issue 10): POST /auth/sign-in checks the password with the user pool and records the sign-in with its
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
      environment: { USER_POOL_CLIENT_ID: platform.userPoolClient.userPoolClientId },
    });
    platform.addRoute(routes.signIn, signIn);
    platform.watchFunctions('Sign-in', [signIn]);
    new CfnOutput(this, 'TableOutput', { key: OUTPUTS.signInTable, value: this.table.tableName });
    new CfnOutput(this, 'FunctionOutput', { key: OUTPUTS.signInFunction, value: signIn.functionName });
  }
}
