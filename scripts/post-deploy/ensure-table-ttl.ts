/*
 * Runs after every deploy. MiniStack 1.5.33 drops `TimeToLiveSpecification` from CloudFormation tables, which
 * would keep outbox items that failed to be removed and consumers' idempotency records for ever. For every table
 * that the synthesized template gives a TTL attribute, this compares the deployed table and enables TTL only
 * where it is missing. On a target that is already right (real AWS) it changes nothing and says so.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CloudFormationClient, DescribeStackResourcesCommand } from '@aws-sdk/client-cloudformation';
import { DescribeTimeToLiveCommand, DynamoDBClient, UpdateTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { STACK_NAME, STACK_NAMES } from '../../infra/names';
import { clientConfig, currentTarget, REPO_ROOT } from '../lib/target';

interface TemplateTable {
  Type: string;
  Properties?: { TimeToLiveSpecification?: { AttributeName: string; Enabled: boolean } };
}

export interface TtlCheck {
  table: string;
  status: 'ok' | 'fixed';
}

export async function ensureTableTtl(
  templateFile: string,
  stackName: string = STACK_NAME,
): Promise<TtlCheck[]> {
  const template = JSON.parse(fs.readFileSync(templateFile, 'utf8')) as {
    Resources: Record<string, TemplateTable>;
  };
  const cfn = new CloudFormationClient(clientConfig());
  const dynamodb = new DynamoDBClient(clientConfig());
  const resources =
    (await cfn.send(new DescribeStackResourcesCommand({ StackName: stackName }))).StackResources ?? [];
  const checks: TtlCheck[] = [];
  for (const [logicalId, resource] of Object.entries(template.Resources)) {
    const wanted =
      resource.Type === 'AWS::DynamoDB::Table' ? resource.Properties?.TimeToLiveSpecification : undefined;
    if (!wanted?.Enabled) continue;
    const tableName = resources.find((r) => r.LogicalResourceId === logicalId)?.PhysicalResourceId;
    if (!tableName) throw new Error(`${logicalId} is in the template but not in the deployed stack`);
    const current = (await dynamodb.send(new DescribeTimeToLiveCommand({ TableName: tableName })))
      .TimeToLiveDescription;
    const enabled = current?.TimeToLiveStatus === 'ENABLED' || current?.TimeToLiveStatus === 'ENABLING';
    if (enabled && current?.AttributeName === wanted.AttributeName) {
      checks.push({ table: logicalId, status: 'ok' });
      continue;
    }
    await dynamodb.send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { AttributeName: wanted.AttributeName, Enabled: true },
      }),
    );
    checks.push({ table: logicalId, status: 'fixed' });
  }
  return checks;
}

if (require.main === module) {
  const outDir = process.env.CDK_OUT_DIR ?? path.join(REPO_ROOT, 'cdk.out');
  const target = currentTarget();
  Promise.all(STACK_NAMES.map((name) => ensureTableTtl(path.join(outDir, `${name}.template.json`), name)))
    .then((perStack) => perStack.flat())
    .then((checks) => {
      const fixed = checks.filter((c) => c.status === 'fixed');
      console.log(
        `Table TTLs: ${checks.length} checked, ${fixed.length} set${fixed.length === 0 ? '' : ` (${target.kind} had dropped them)`}`,
      );
    })
    .catch((error) => {
      console.error(error);
      process.exit(1);
    });
}
