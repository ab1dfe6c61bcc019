import { Duration, type IAspect } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type { IConstruct } from 'constructs';

/**
 * Gives every function of the stack an alarm on its errors and throttles that notifies the alarm topic. An aspect, so a
 * service added later gets them without asking: an uncaught error (a failed route, a consumer batch that threw,
 * a scheduled run) and any throttled invocation reach someone.
 */
export class FunctionAlarms implements IAspect {
  constructor(private readonly alarmTopic: sns.ITopic) {}

  visit(node: IConstruct): void {
    // Every function: the services' ServiceFunctions and the console's page server alike.
    if (!(node instanceof lambda.Function) || node.node.tryFindChild('ErrorsOrThrottlesAlarm')) return;
    const period = Duration.minutes(5);
    const name = node.node.path.replace(/\//g, ' ');
    // One alarm a function on errors plus throttles (each has its own line on the dashboard): two alarms a
    // function would take 110 of the stack's 500 CloudFormation resources.
    const alarm = new cloudwatch.Alarm(node, 'ErrorsOrThrottlesAlarm', {
      alarmDescription: `${name} threw or was throttled: read its logs (npm run trace or its service's log group); if throttled, raise its concurrency or the account's limit.`,
      metric: new cloudwatch.MathExpression({
        expression: 'errors + throttles',
        usingMetrics: {
          errors: node.metricErrors({ period, statistic: 'Sum' }),
          throttles: node.metricThrottles({ period, statistic: 'Sum' }),
        },
        period,
      }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(new actions.SnsAction(this.alarmTopic));
  }
}
