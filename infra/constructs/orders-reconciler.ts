import { Aspects, CfnOutput, Duration, Stack, type StackProps, Validations } from 'aws-cdk-lib';
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
 * The orders' payment reconciler (issue 9): every minute it settles the orders whose payment nobody could confirm
 * (PAYMENT_UNKNOWN) or whose request died while paying: placed if their attempt charged, failed (voided) if not.
 * An orders function in a stack of its own, standing on the platform's stack (the orders table and the payments
 * function, imported by export names of their own, and the alarm topic), so that the platform's stack, near
 * CloudFormation's 500 resources, does not grow.
 */
export class OrdersReconcilerStack extends Stack {
  readonly reconciler: ServiceFunction;

  constructor(
    scope: Construct,
    id: string,
    platform: Platform,
    props: OrdersReconcilerProps,
    stackProps?: StackProps,
  ) {
    super(scope, id, stackProps);
    Aspects.of(this).add(new FunctionAlarms(platform.alarmTopic));
    // Named exports: the rights below name them, and so can the acknowledgments of their wildcards.
    const platformStack = Stack.of(props.ordersTable);
    const tableExport = `${platformStack.stackName}-OrdersTableArn`;
    const paymentsExport = `${platformStack.stackName}-PaymentsFunctionArn`;
    const ordersTable = dynamodb.Table.fromTableAttributes(this, 'OrdersTable', {
      tableArn: platformStack.exportValue(props.ordersTable.tableArn, { name: tableExport }),
      globalIndexes: [UNSETTLED_INDEX],
    });
    const payments = lambda.Function.fromFunctionAttributes(this, 'Payments', {
      functionArn: platformStack.exportValue(props.payments.functionArn, { name: paymentsExport }),
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
        id: `AwsSolutions-IAM5[Resource::${tableExport}/index/*]`,
        reason: 'The indexes of the orders table (it queries the unsettled-payments index); no other table.',
      },
      {
        id: `AwsSolutions-IAM5[Resource::${paymentsExport}:*]`,
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
