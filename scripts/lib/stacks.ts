import { CloudFormationClient, DescribeStackResourcesCommand } from '@aws-sdk/client-cloudformation';
import { STACK_NAME } from '../../infra/names';
import { clientConfig } from './target';

/**
 * The deployed stacks of the app: the root and every stack nested in it (their ids, as CloudFormation names
 * them), the root first. What walks the whole platform (its log groups, its routes, its queues) walks these.
 */
export async function deployedStacks(cfn = new CloudFormationClient(clientConfig())): Promise<string[]> {
  const stacks = [STACK_NAME];
  for (let i = 0; i < stacks.length; i++) {
    const resources =
      (await cfn.send(new DescribeStackResourcesCommand({ StackName: stacks[i] }))).StackResources ?? [];
    for (const r of resources)
      if (r.ResourceType === 'AWS::CloudFormation::Stack' && r.PhysicalResourceId)
        stacks.push(r.PhysicalResourceId);
  }
  return stacks;
}
