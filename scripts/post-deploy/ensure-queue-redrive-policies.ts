/*
 * Runs after every deploy. Some emulators have dropped `RedrivePolicy` from CloudFormation queues (MiniStack up to
 * 1.4.x), which leaves a queue without its DLQ: a failing message would then be retried forever instead of being
 * dead-lettered. For every queue that the synthesized template gives a RedrivePolicy, this compares the deployed
 * queue with the template and sets the policy only where it is missing or different. On a target that is
 * already right (real AWS, LocalStack, MiniStack 1.5) it changes nothing and says so.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CloudFormationClient, DescribeStackResourcesCommand } from '@aws-sdk/client-cloudformation';
import { GetQueueAttributesCommand, SetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { STACK_NAME, STACK_NAMES } from '../../infra/names';
import { clientConfig, currentTarget, REPO_ROOT } from '../lib/target';

interface TemplateQueue {
  Type: string;
  Properties?: { RedrivePolicy?: { deadLetterTargetArn: unknown; maxReceiveCount: number | string } };
}

export interface RedriveCheck {
  queue: string;
  status: 'ok' | 'fixed';
}

export async function ensureQueueRedrivePolicies(
  templateFile: string,
  stackName: string = STACK_NAME,
): Promise<RedriveCheck[]> {
  const template = JSON.parse(fs.readFileSync(templateFile, 'utf8')) as {
    Resources: Record<string, TemplateQueue>;
  };
  const cfn = new CloudFormationClient(clientConfig());
  const sqs = new SQSClient(clientConfig());
  const resources =
    (await cfn.send(new DescribeStackResourcesCommand({ StackName: stackName }))).StackResources ?? [];
  const physicalId = (logicalId: string) => {
    const id = resources.find((r) => r.LogicalResourceId === logicalId)?.PhysicalResourceId;
    if (!id) throw new Error(`${logicalId} is in the template but not in the deployed stack`);
    return id;
  };
  const attributes = async (queueUrl: string) =>
    (
      await sqs.send(
        new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn', 'RedrivePolicy'] }),
      )
    ).Attributes ?? {};

  const checks: RedriveCheck[] = [];
  for (const [logicalId, resource] of Object.entries(template.Resources)) {
    const wanted = resource.Type === 'AWS::SQS::Queue' ? resource.Properties?.RedrivePolicy : undefined;
    if (!wanted) continue;
    const target = wanted.deadLetterTargetArn as { 'Fn::GetAtt'?: [string, string] } | string;
    const dlqArn =
      typeof target === 'string' ? target : (await attributes(physicalId(target['Fn::GetAtt']![0]))).QueueArn;
    const queueUrl = physicalId(logicalId);
    const current = (await attributes(queueUrl)).RedrivePolicy;
    const parsed = current
      ? (JSON.parse(current) as { deadLetterTargetArn?: string; maxReceiveCount?: unknown })
      : {};
    const right =
      parsed.deadLetterTargetArn === dlqArn &&
      Number(parsed.maxReceiveCount) === Number(wanted.maxReceiveCount);
    if (right) {
      checks.push({ queue: logicalId, status: 'ok' });
      continue;
    }
    const policy = JSON.stringify({
      deadLetterTargetArn: dlqArn,
      maxReceiveCount: Number(wanted.maxReceiveCount),
    });
    await sqs.send(
      new SetQueueAttributesCommand({ QueueUrl: queueUrl, Attributes: { RedrivePolicy: policy } }),
    );
    checks.push({ queue: logicalId, status: 'fixed' });
  }
  return checks;
}

if (require.main === module) {
  const outDir = process.env.CDK_OUT_DIR ?? path.join(REPO_ROOT, 'cdk.out');
  const target = currentTarget();
  Promise.all(
    STACK_NAMES.map((name) => ensureQueueRedrivePolicies(path.join(outDir, `${name}.template.json`), name)),
  )
    .then((perStack) => perStack.flat())
    .then((checks) => {
      const fixed = checks.filter((c) => c.status === 'fixed');
      for (const c of fixed)
        console.log(`  ${c.queue}: the DLQ was not wired on ${target.kind}; RedrivePolicy set`);
      console.log(
        `Queue DLQs: ${checks.length} checked, ${fixed.length} fixed${fixed.length === 0 ? ' (the target already had them)' : ''}`,
      );
    })
    .catch((error) => {
      console.error(error);
      process.exit(1);
    });
}
