/*
 * Runs after every deploy. MiniStack 1.5.33 creates a CloudFormation function without the template's
 * ReservedConcurrentExecutions (its provisioner stores none), so the local ceiling set by `localFunctionConcurrency`
 * (infra/constructs/local-limits.ts) would be lost and a burst would again spawn a Node process per request. For
 * every function the synthesized template gives a ReservedConcurrentExecutions, this compares the deployed
 * function with the template and sets it (PutFunctionConcurrency) only where it is missing or different. On AWS
 * the template has none (the setting is local only), so this changes nothing and says so.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CloudFormationClient, DescribeStackResourcesCommand } from '@aws-sdk/client-cloudformation';
import {
  GetFunctionConcurrencyCommand,
  LambdaClient,
  PutFunctionConcurrencyCommand,
} from '@aws-sdk/client-lambda';
import { STACK_NAME, STACK_NAMES } from '../../infra/names';
import { clientConfig, currentTarget, REPO_ROOT } from '../lib/target';

interface TemplateFunction {
  Type: string;
  Properties?: { ReservedConcurrentExecutions?: number | string };
}

export interface ConcurrencyCheck {
  function: string;
  reserved: number;
  status: 'ok' | 'fixed';
}

export async function ensureReservedConcurrency(
  templateFile: string,
  stackName: string = STACK_NAME,
): Promise<ConcurrencyCheck[]> {
  const template = JSON.parse(fs.readFileSync(templateFile, 'utf8')) as {
    Resources: Record<string, TemplateFunction>;
  };
  const wanted = Object.entries(template.Resources).filter(
    ([, r]) => r.Type === 'AWS::Lambda::Function' && r.Properties?.ReservedConcurrentExecutions !== undefined,
  );
  if (wanted.length === 0) return [];
  const cfn = new CloudFormationClient(clientConfig());
  const lambda = new LambdaClient(clientConfig());
  const resources =
    (await cfn.send(new DescribeStackResourcesCommand({ StackName: stackName }))).StackResources ?? [];
  const checks: ConcurrencyCheck[] = [];
  for (const [logicalId, resource] of wanted) {
    const reserved = Number(resource.Properties!.ReservedConcurrentExecutions);
    const FunctionName = resources.find((r) => r.LogicalResourceId === logicalId)?.PhysicalResourceId;
    if (!FunctionName) throw new Error(`${logicalId} is in the template but not in the deployed stack`);
    const current = (await lambda.send(new GetFunctionConcurrencyCommand({ FunctionName })))
      .ReservedConcurrentExecutions;
    if (current === reserved) {
      checks.push({ function: logicalId, reserved, status: 'ok' });
      continue;
    }
    await lambda.send(
      new PutFunctionConcurrencyCommand({ FunctionName, ReservedConcurrentExecutions: reserved }),
    );
    checks.push({ function: logicalId, reserved, status: 'fixed' });
  }
  return checks;
}

if (require.main === module) {
  const outDir = process.env.CDK_OUT_DIR ?? path.join(REPO_ROOT, 'cdk.out');
  const target = currentTarget();
  Promise.all(
    STACK_NAMES.map((name) => ensureReservedConcurrency(path.join(outDir, `${name}.template.json`), name)),
  )
    .then((perStack) => perStack.flat())
    .then((checks) => {
      const fixed = checks.filter((c) => c.status === 'fixed');
      const levels = [...new Set(checks.map((c) => c.reserved))].join(', ');
      console.log(
        checks.length === 0
          ? 'Reserved concurrency: none in the template'
          : `Reserved concurrency (${levels}): ${checks.length} functions checked, ${fixed.length} set` +
              (fixed.length > 0 ? ` (${target.kind} had dropped it from the template)` : ''),
      );
    })
    .catch((error) => {
      console.error(error);
      process.exit(1);
    });
}
