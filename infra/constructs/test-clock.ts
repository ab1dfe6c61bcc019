import { CfnOutput, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { OUTPUTS, STACK_NAME } from '../names';
import { isLocalStage } from './stage';

const ID = 'TestClock';

/**
 * The test clock of a local stack: one item holding the offset every function adds to the system time. It exists
 * on the local stage (infra/constructs/stage.ts) unless `-c testClock=off`; `-c testClock=on` outside the local
 * stage is refused at synth, so on AWS functions read the system clock and have no such table.
 */
export class TestClock extends Construct {
  readonly table: dynamodb.Table;

  static enabled(scope: Construct): boolean {
    const asked = String(scope.node.tryGetContext('testClock') ?? '');
    const on = asked === '' ? isLocalStage(scope) : asked === 'on';
    // Anyone who can write the clock's table would move the time of every function of a real account (payment
    // deadlines, days that end, quests that expire): the clock is refused at synth rather than deployed there.
    if (on && !isLocalStage(scope)) {
      throw new Error(
        '-c testClock=on is for the local stage only: add -c stage=local, or drop the test clock',
      );
    }
    return on;
  }

  /** The stack's test clock, made on first use; undefined when the stack has none. */
  static of(scope: Construct): TestClock | undefined {
    if (!TestClock.enabled(scope)) return undefined;
    // The platform's stack holds the one test clock; a system stack's functions read the same one.
    const stack = (scope.node.root.node.tryFindChild(STACK_NAME) as Stack | undefined) ?? Stack.of(scope);
    return (stack.node.tryFindChild(ID) as TestClock | undefined) ?? new TestClock(stack, ID);
  }

  private constructor(scope: Construct, id: string) {
    super(scope, id);
    this.table = new dynamodb.Table(this, 'Table', {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'sk', type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    new CfnOutput(this, 'TableOutput', { key: OUTPUTS.testClockTable, value: this.table.tableName });
  }
}
