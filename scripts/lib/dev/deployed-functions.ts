import * as path from 'node:path';
import { CloudFormationClient, DescribeStackResourcesCommand } from '@aws-sdk/client-cloudformation';
import { App, type CfnElement, Stack } from 'aws-cdk-lib';
import { ServiceFunction } from '../../../infra/constructs/service-function';
import { EMULATOR_ACCOUNT } from '../../../infra/constructs/stage';
import { STACK_NAME } from '../../../infra/names';
import { PlatformStack } from '../../../infra/platform-stack';
import { clientConfig, currentTarget, REPO_ROOT } from '../target';

/** A deployed function and the handler it was bundled from. */
export interface DeployedFunction {
  /** The construct's path, e.g. ServerlessPlatform/Platform/WhoAmIFunction. */
  path: string;
  /** Its entry, relative to the repository root. */
  entry: string;
  functionName: string;
}

/**
 * The app's ServiceFunctions as deployed. The construct tree (built without bundling: a second or two) says which
 * entry each function has and its logical id in its stack; CloudFormation, over the root and its nested stacks,
 * says the physical name each logical id got.
 */
export async function deployedServiceFunctions(
  cfn = new CloudFormationClient(clientConfig()),
): Promise<DeployedFunction[]> {
  const target = currentTarget();
  // Only which functions exist and their ids matter here; skipping every stack's bundling keeps it fast.
  const app = new App({
    context: {
      'aws:cdk:bundling-stacks': [],
      ...(process.env.TEST_CLOCK ? { testClock: process.env.TEST_CLOCK } : {}),
    },
  });
  new PlatformStack(app, STACK_NAME, {
    env: {
      account: target.kind === 'aws' ? process.env.CDK_DEFAULT_ACCOUNT : EMULATOR_ACCOUNT,
      region: target.region,
    },
  });
  const physical = new Map<string, Promise<Map<string, string>>>();
  const resourcesOf = (stackName: string) => {
    if (!physical.has(stackName))
      physical.set(
        stackName,
        cfn
          .send(new DescribeStackResourcesCommand({ StackName: stackName }))
          .then(
            (r) =>
              new Map((r.StackResources ?? []).map((x) => [x.LogicalResourceId!, x.PhysicalResourceId!])),
          ),
      );
    return physical.get(stackName)!;
  };
  // A nested stack's name as CloudFormation knows it: the physical id of its resource in its parent.
  const deployedName = async (stack: Stack): Promise<string> => {
    const resource = stack.nestedStackResource;
    if (!resource) return stack.stackName;
    const parent = Stack.of(resource);
    const id = await (await resourcesOf(await deployedName(parent))).get(logicalId(parent, resource));
    if (!id)
      throw new Error(`nested stack ${stack.node.path} is not deployed: deploy first (npm run deploy)`);
    return id;
  };
  const functions = app.node.findAll().filter((c): c is ServiceFunction => c instanceof ServiceFunction);
  const deployed = await Promise.all(
    functions.map(async (fn) => {
      const stack = Stack.of(fn);
      const name = (await resourcesOf(await deployedName(stack))).get(
        logicalId(stack, fn.node.defaultChild as CfnElement),
      );
      return name
        ? { path: fn.node.path, entry: path.relative(REPO_ROOT, fn.entry), functionName: name }
        : undefined;
    }),
  );
  return deployed.filter((d): d is DeployedFunction => d !== undefined);
}

function logicalId(stack: Stack, element: CfnElement): string {
  return stack.resolve(stack.getLogicalId(element)) as string;
}
