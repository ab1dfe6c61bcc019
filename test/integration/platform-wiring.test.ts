import * as path from 'node:path';
import { CloudFormationClient, DescribeStackResourcesCommand } from '@aws-sdk/client-cloudformation';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import {
  DescribeRuleCommand,
  EventBridgeClient,
  ListTargetsByRuleCommand,
} from '@aws-sdk/client-eventbridge';
import { LambdaClient, ListEventSourceMappingsCommand } from '@aws-sdk/client-lambda';
import { GetQueueAttributesCommand, SetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { STACK_NAME } from '../../infra/names';
import { readAlarmStates } from '../../scripts/lib/alarms';
import { clientConfig, REPO_ROOT } from '../../scripts/lib/target';
import { ensureQueueRedrivePolicies } from '../../scripts/post-deploy/ensure-queue-redrive-policies';
import { MAX_RECEIVE_COUNT } from '../../shared/messaging/retry-delay';
import { outputs, sqs } from '../support/platform';

jest.setTimeout(60_000);

const templateFile = path.join(
  process.env.CDK_OUT_DIR ?? path.join(REPO_ROOT, 'cdk.out'),
  `${STACK_NAME}.template.json`,
);

async function stackQueues() {
  const cfn = new CloudFormationClient(clientConfig());
  const resources =
    (await cfn.send(new DescribeStackResourcesCommand({ StackName: STACK_NAME }))).StackResources ?? [];
  const queues = [];
  for (const r of resources.filter((r) => r.ResourceType === 'AWS::SQS::Queue')) {
    const attributes =
      (
        await sqs.send(
          new GetQueueAttributesCommand({ QueueUrl: r.PhysicalResourceId!, AttributeNames: ['All'] }),
        )
      ).Attributes ?? {};
    queues.push({ logicalId: r.LogicalResourceId!, url: r.PhysicalResourceId!, attributes });
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

  test('the post-deploy check restores a DLQ wiring the target dropped, and leaves right queues alone', async () => {
    const rosterQueue = outputs.RosterQueueUrl;
    const before = (await ensureQueueRedrivePolicies(templateFile)).map((c) => c.status);
    expect(before.every((status) => status === 'ok')).toBe(true);

    await sqs.send(
      new SetQueueAttributesCommand({ QueueUrl: rosterQueue, Attributes: { RedrivePolicy: '' } }),
    );
    const dropped = (
      await sqs.send(
        new GetQueueAttributesCommand({ QueueUrl: rosterQueue, AttributeNames: ['RedrivePolicy'] }),
      )
    ).Attributes?.RedrivePolicy;
    expect(dropped ?? '').toBe('');

    const repaired = await ensureQueueRedrivePolicies(templateFile);
    expect(repaired.filter((c) => c.status === 'fixed').map((c) => c.queue)).toEqual([
      expect.stringMatching(/^InteractionsRosterSubscriptionQueuesQueue/),
    ]);
    const restored = (
      await sqs.send(
        new GetQueueAttributesCommand({ QueueUrl: rosterQueue, AttributeNames: ['RedrivePolicy'] }),
      )
    ).Attributes?.RedrivePolicy;
    expect(JSON.parse(restored!).maxReceiveCount).toBe(MAX_RECEIVE_COUNT);
    expect((await ensureQueueRedrivePolicies(templateFile)).every((c) => c.status === 'ok')).toBe(true);
  });
});
