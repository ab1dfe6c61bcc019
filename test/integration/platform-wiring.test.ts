import {
  CloudFormationClient,
  DescribeStackResourcesCommand,
  GetTemplateCommand,
} from '@aws-sdk/client-cloudformation';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { DescribeTimeToLiveCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeRuleCommand,
  EventBridgeClient,
  ListTargetsByRuleCommand,
} from '@aws-sdk/client-eventbridge';
import {
  GetFunctionConcurrencyCommand,
  LambdaClient,
  ListEventSourceMappingsCommand,
} from '@aws-sdk/client-lambda';
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { readAlarmStates } from '../../scripts/lib/alarms';
import { deployedStacks } from '../../scripts/lib/stacks';
import { clientConfig } from '../../scripts/lib/target';
import { MAX_RECEIVE_COUNT } from '../../shared/messaging/retry-delay';
import { outputs, sqs } from '../support/platform';

jest.setTimeout(60_000);

const cfn = new CloudFormationClient(clientConfig());

interface Declared {
  Type: string;
  Properties?: {
    TimeToLiveSpecification?: { AttributeName: string; Enabled: boolean };
    ReservedConcurrentExecutions?: number;
  };
}

/** Every resource of every stack of the app (the root and its nested stacks): what the template declares, what was made. */
async function stackResources() {
  const all = [];
  for (const StackName of await deployedStacks(cfn)) {
    const body = (await cfn.send(new GetTemplateCommand({ StackName }))).TemplateBody ?? '{}';
    const declared = (JSON.parse(body) as { Resources: Record<string, Declared> }).Resources;
    const made = (await cfn.send(new DescribeStackResourcesCommand({ StackName }))).StackResources ?? [];
    for (const r of made) {
      all.push({
        logicalId: r.LogicalResourceId!,
        type: r.ResourceType!,
        physicalId: r.PhysicalResourceId!,
        declared: declared[r.LogicalResourceId!],
      });
    }
  }
  return all;
}

async function stackQueues() {
  const queues = [];
  for (const r of (await stackResources()).filter((r) => r.type === 'AWS::SQS::Queue')) {
    const attributes =
      (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: r.physicalId, AttributeNames: ['All'] })))
        .Attributes ?? {};
    queues.push({ logicalId: r.logicalId, url: r.physicalId, attributes });
  }
  return queues;
}

describe('after deploy, every queue is wired as the design asks', () => {
  test('every work queue has a DLQ that exists, after the ten tries the consumers back off over', async () => {
    const queues = await stackQueues();
    const arns = new Set(queues.map((q) => q.attributes.QueueArn));
    // DLQs, failure destinations and the alarm inbox are where things end, not work queues.
    const work = queues.filter((q) => !/Dlq|Failures|AlarmInbox/.test(q.logicalId));
    expect(work.length).toBeGreaterThanOrEqual(2);
    for (const queue of work) {
      const policy = JSON.parse(queue.attributes.RedrivePolicy ?? 'null') as {
        deadLetterTargetArn: string;
        maxReceiveCount: number | string;
      } | null;
      expect({ queue: queue.logicalId, hasPolicy: policy !== null }).toEqual({
        queue: queue.logicalId,
        hasPolicy: true,
      });
      expect(arns.has(policy!.deadLetterTargetArn)).toBe(true);
      expect(Number(policy!.maxReceiveCount)).toBe(MAX_RECEIVE_COUNT);
    }
  });

  test('every DLQ has a depth alarm and every work queue an oldest-message-age alarm', async () => {
    const queues = await stackQueues();
    const cloudwatch = new CloudWatchClient(clientConfig());
    const alarms = await readAlarmStates(cloudwatch);
    const alarmOn = (metric: string, queueName: string) =>
      alarms.find(
        (a) =>
          a.MetricName === metric &&
          a.Namespace === 'AWS/SQS' &&
          a.Dimensions?.some((d) => d.Value === queueName),
      );
    // The alarm inbox is where alarms go: nothing watches it.
    for (const queue of queues.filter((q) => !/AlarmInbox/.test(q.logicalId))) {
      const name = queue.attributes.QueueArn!.split(':').pop()!;
      const metric = /Dlq|Failures/.test(queue.logicalId)
        ? 'ApproximateNumberOfMessagesVisible'
        : 'ApproximateAgeOfOldestMessage';
      const alarm = alarmOn(metric, name);
      expect({ queue: queue.logicalId, metric, alarm: Boolean(alarm) }).toEqual({
        queue: queue.logicalId,
        metric,
        alarm: true,
      });
      if (metric === 'ApproximateNumberOfMessagesVisible') expect(alarm!.Threshold).toBe(1);
      expect(alarm!.AlarmActions?.length).toBeGreaterThanOrEqual(1);
    }
  });

  test('every consumer reports partial batch failures', async () => {
    const lambda = new LambdaClient(clientConfig());
    const mappings = (await lambda.send(new ListEventSourceMappingsCommand({}))).EventSourceMappings ?? [];
    const queues = (await stackQueues()).filter((q) => !/Dlq|Failures|AlarmInbox/.test(q.logicalId));
    for (const queue of queues) {
      const mapping = mappings.find((m) => m.EventSourceArn === queue.attributes.QueueArn);
      expect({ queue: queue.logicalId, types: mapping?.FunctionResponseTypes }).toEqual({
        queue: queue.logicalId,
        types: ['ReportBatchItemFailures'],
      });
    }
  });

  test('the missed-day job is scheduled daily at 00:05 UTC', async () => {
    const events = new EventBridgeClient(clientConfig());
    const rule = await events.send(new DescribeRuleCommand({ Name: outputs.MissedDayRuleName }));
    expect(rule.ScheduleExpression).toBe('cron(5 0 * * ? *)');
    const targets =
      (await events.send(new ListTargetsByRuleCommand({ Rule: outputs.MissedDayRuleName }))).Targets ?? [];
    expect(targets.map((t) => t.Arn?.split(':').pop())).toEqual([outputs.MissedDayJobFunctionName]);
  });

  // MiniStack 1.5.33's CloudFormation drops these two; the deploy sets them again (infra/constructs/local-fixups.ts).
  test('every table whose template asks for a TTL has it, in every stack', async () => {
    const dynamodb = new DynamoDBClient(clientConfig());
    const tables = (await stackResources()).filter(
      (r) => r.type === 'AWS::DynamoDB::Table' && r.declared?.Properties?.TimeToLiveSpecification?.Enabled,
    );
    expect(tables.length).toBeGreaterThanOrEqual(10);
    for (const table of tables) {
      const ttl = (await dynamodb.send(new DescribeTimeToLiveCommand({ TableName: table.physicalId })))
        .TimeToLiveDescription;
      expect({
        table: table.logicalId,
        status: ttl?.TimeToLiveStatus,
        attribute: ttl?.AttributeName,
      }).toEqual({
        table: table.logicalId,
        status: 'ENABLED',
        attribute: table.declared!.Properties!.TimeToLiveSpecification!.AttributeName,
      });
    }
  });

  test('every function whose template reserves concurrency has it, in every stack', async () => {
    const lambda = new LambdaClient(clientConfig());
    const functions = (await stackResources()).filter(
      (r) =>
        r.type === 'AWS::Lambda::Function' &&
        r.declared?.Properties?.ReservedConcurrentExecutions !== undefined,
    );
    // The local stage reserves it for every API-facing function and payments (infra/constructs/local-limits.ts).
    expect(functions.length).toBeGreaterThanOrEqual(10);
    for (const fn of functions) {
      const reserved = (await lambda.send(new GetFunctionConcurrencyCommand({ FunctionName: fn.physicalId })))
        .ReservedConcurrentExecutions;
      expect({ function: fn.logicalId, reserved }).toEqual({
        function: fn.logicalId,
        reserved: Number(fn.declared!.Properties!.ReservedConcurrentExecutions),
      });
    }
  });
});
