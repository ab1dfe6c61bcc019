import { CloudFormationClient, paginateListStackResources } from '@aws-sdk/client-cloudformation';
import { STACK_NAME } from '../../infra/names';
import { clientConfig } from './target';

/**
 * The deployed stacks of the app: the root and every stack nested in it (their ids, as CloudFormation names
 * them), the root first. What walks the whole platform (its log groups, its routes, its queues) walks these.
 */
export async function deployedStacks(cfn = new CloudFormationClient(clientConfig())): Promise<string[]> {
  const stacks = [STACK_NAME];
  for (let i = 0; i < stacks.length; i++) {
    for (const r of await stackResources(stacks[i]!, cfn))
      if (r.ResourceType === 'AWS::CloudFormation::Stack' && r.PhysicalResourceId)
        stacks.push(r.PhysicalResourceId);
  }
  return stacks;
}

/** Every resource of one stack: ListStackResources pages (DescribeStackResources stops at 100 on AWS). */
export async function stackResources(
  stackName: string,
  cfn = new CloudFormationClient(clientConfig()),
): Promise<{ LogicalResourceId?: string; PhysicalResourceId?: string; ResourceType?: string }[]> {
  const all = [];
  for await (const page of paginateListStackResources({ client: cfn }, { StackName: stackName }))
    all.push(...(page.StackResourceSummaries ?? []));
  return all;
}
