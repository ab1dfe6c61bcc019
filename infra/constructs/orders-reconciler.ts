import { Aspects, CfnOutput, CfnParameter, Duration, NestedStack, Validations } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import { UNSETTLED_INDEX } from '../../functions/orders/adapters/unsettled-index';
import { OUTPUTS } from '../names';
import { FunctionAlarms } from './function-alarms';
import type { Platform } from './platform';
import { ServiceFunction } from './service-function';

export interface OrdersReconcilerProps {
  /** The orders table (the platform's stack): the reconciler reads its unsettled index and records answers. */
  ordersTable: dynamodb.Table;
  /** The payments function, asked to settle each attempt. */
  payments: lambda.IFunction;
}

/**
 * The orders' payment reconciler: every minute it settles the orders whose payment nobody could confirm
 * (PAYMENT_UNKNOWN) or whose request died while paying: placed if their attempt charged, failed (voided) if not.
 * An orders function in a nested stack, standing on the platform (the orders table and the payments function,
 * passed in as parameters of their own, and the alarm topic), so that the root stack, near CloudFormation's 500
 * resources, does not grow.
 */
export class OrdersReconcilerStack extends NestedStack {
  readonly reconciler: ServiceFunction;

  constructor(scope: Construct, id: string, platform: Platform, props: OrdersReconcilerProps) {
    super(scope, id, { description: "The orders' payment reconciler, every minute." });
    Aspects.of(this).add(new FunctionAlarms(platform.alarmTopic));
    // Named parameters: the rights below name them, and so can the acknowledgments of their wildcards.
    const tableParameter = 'OrdersTableArn';
    const paymentsParameter = 'PaymentsFunctionArn';
    this.setParameter(tableParameter, props.ordersTable.tableArn);
    this.setParameter(paymentsParameter, props.payments.functionArn);
    const ordersTable = dynamodb.Table.fromTableAttributes(this, 'OrdersTable', {
      tableArn: new CfnParameter(this, tableParameter, { type: 'String' }).valueAsString,
      globalIndexes: [UNSETTLED_INDEX],
    });
    const payments = lambda.Function.fromFunctionAttributes(this, 'Payments', {
      functionArn: new CfnParameter(this, paymentsParameter, { type: 'String' }).valueAsString,
      sameEnvironment: true,
    });

    this.reconciler = new ServiceFunction(this, 'ReconcilePaymentsFunction', {
      service: 'orders',
      handler: 'reconcile-payments',
      table: ordersTable,
      timeout: Duration.seconds(60),
      environment: { PAYMENTS_FUNCTION_NAME: payments.functionName },
    });
    payments.grantInvoke(this.reconciler);
    Validations.of(this.reconciler).acknowledge(
      {
        id: `AwsSolutions-IAM5[Resource::<${tableParameter}>/index/*]`,
        reason: 'The indexes of the orders table (it queries the unsettled-payments index); no other table.',
      },
      {
        id: `AwsSolutions-IAM5[Resource::<${paymentsParameter}>:*]`,
        reason:
          'Invoking the payments function, any of its versions or aliases (grantInvoke); no other function.',
      },
    );
    // A failed run needs no retry or failure queue: the next one, a minute later, is the retry; its errors alarm.
    new events.Rule(this, 'ReconcileSchedule', {
      description:
        'Settles orders whose payment is not confirmed: placed if charged, failed (voided) if not.',
      schedule: events.Schedule.rate(Duration.minutes(1)),
      targets: [new targets.LambdaFunction(this.reconciler, { retryAttempts: 0 })],
    });
    platform.watchFunctions('Orders payment reconciler', [this.reconciler]);
    new CfnOutput(this, 'ReconcilerOutput', {
      key: OUTPUTS.paymentsReconcilerFunction,
      value: this.reconciler.functionName,
    });
  }
}
