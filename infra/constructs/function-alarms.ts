import { Duration, type IAspect } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type { IConstruct } from 'constructs';

/**
 * Gives every function of the stack an Errors and a Throttles alarm that notify the alarm topic. An aspect, so a
 * service added later gets them without asking: an uncaught error (a failed route, a consumer batch that threw,
 * a scheduled run) and any throttled invocation reach someone.
 */
export class FunctionAlarms implements IAspect {
  constructor(private readonly alarmTopic: sns.ITopic) {}

  visit(node: IConstruct): void {
    // Every function: the services' ServiceFunctions and the console's page server alike.
    if (!(node instanceof lambda.Function) || node.node.tryFindChild('ErrorsAlarm')) return;
    const period = Duration.minutes(5);
    const name = node.node.path.replace(/\//g, ' ');
    // Two plain alarms, not one on the sum: MiniStack 1.5.33's CloudFormation refuses metric-math alarms.
    const alarms = [
      new cloudwatch.Alarm(node, 'ErrorsAlarm', {
        alarmDescription: `${name} threw: read its logs (npm run trace or its service's log group).`,
        metric: node.metricErrors({ period, statistic: 'Sum' }),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
      new cloudwatch.Alarm(node, 'ThrottlesAlarm', {
        alarmDescription: `${name} was throttled: raise its concurrency or the account's limit.`,
        metric: node.metricThrottles({ period, statistic: 'Sum' }),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
    ];
    for (const alarm of alarms) alarm.addAlarmAction(new actions.SnsAction(this.alarmTopic));
  }
}
