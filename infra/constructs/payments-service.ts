import { CfnOutput, Duration } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { OUTPUTS } from '../names';
import { reserveLocalConcurrency } from './local-limits';
import type { Platform } from './platform';
import { ServiceFunction } from './service-function';
import { ServiceTable } from './service-table';

/**
 * The simulated payment processor: one function that the orders service invokes directly (it has no route),
 * its charges (one per order) and the operator's switch, in its own table.
 */
export class PaymentsService extends Construct {
  readonly table: ServiceTable;
  readonly chargeFunction: ServiceFunction;

  constructor(scope: Construct, id: string, platform: Platform) {
    super(scope, id);
    this.table = new ServiceTable(this, 'Table', { outbox: platform.outbox, sources: [] });
    // 'slow' answers after 5 s; the function's own limit stays above that, the caller's (about 2 s) below.
    this.chargeFunction = new ServiceFunction(this, 'ChargeFunction', {
      service: 'payments',
      handler: 'charge',
      table: this.table,
      timeout: Duration.seconds(10),
    });

    // Orders invokes it synchronously: locally it gets the same ceiling as the API-facing functions.
    reserveLocalConcurrency(this.chargeFunction);
    platform.watchFunctions('Payments', [this.chargeFunction]);
    new CfnOutput(this, 'TableOutput', { key: OUTPUTS.paymentsTable, value: this.table.tableName });
    new CfnOutput(this, 'FunctionOutput', {
      key: OUTPUTS.paymentsFunction,
      value: this.chargeFunction.functionName,
    });
  }
}
