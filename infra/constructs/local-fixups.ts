import * as path from 'node:path';
import { CustomResource, Duration, NestedStack, Stack } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { Construct, type IConstruct } from 'constructs';
import type { FixupRequest } from '../local-fixups/fixups';
import { BUNDLING, FUNCTION_RUNTIME, REPO_ROOT } from './service-function';

export interface LocalFixupsProps {
  /** Functions a burst must not find cold (payments, called synchronously under a deadline): warmed after each deploy. */
  warm: lambda.Function[];
}

/**
 * What MiniStack 1.5.33's CloudFormation drops from the templates (docs/emulator-facts.md): a table's
 * TimeToLiveSpecification and a function's ReservedConcurrentExecutions. On the local stage only, one function
 * sets them again through the APIs, from one custom resource per stack (the root's and each nested one's) that
 * lists what that stack's template asks for, and last warms the functions in `warm`. A deploy fails when it cannot
 * (the custom resource answers FAILED), so a bare `cdklocal deploy` gives the same platform `npm run up` does.
 * On AWS nothing of this is synthesized: CloudFormation there keeps what the template says.
 */
export class LocalFixups extends Construct {
  constructor(root: Stack, id: string, props: LocalFixupsProps) {
    super(root, id);
    const handler = new NodejsFunction(this, 'Function', {
      entry: path.join(REPO_ROOT, 'infra', 'local-fixups', 'handler.ts'),
      runtime: FUNCTION_RUNTIME,
      architecture: lambda.Architecture.ARM_64,
      timeout: Duration.minutes(2),
      memorySize: 256,
      bundling: BUNDLING,
      description: 'Local stage only: sets what the emulator dropped from the template, warms payments.',
    });
    // The local stage only: the emulator checks no IAM, and the names are the stack's own resources.
    handler.addToRolePolicy(
      new iam.PolicyStatement({
        actions: [
          'dynamodb:DescribeTimeToLive',
          'dynamodb:UpdateTimeToLive',
          'lambda:GetFunctionConcurrency',
          'lambda:PutFunctionConcurrency',
          'lambda:InvokeFunction',
        ],
        resources: ['*'],
      }),
    );
    // Made last (infra/platform-stack.ts), when every table and function of every stack is there.
    for (const stack of [root, ...root.node.findAll().filter(NestedStack.isNestedStack)]) {
      const fixups = fixupsOf(stack, stack === root ? props.warm : []);
      if (fixups.tables.length + fixups.functions.length + fixups.warm.length === 0) continue;
      new CustomResource(stack === root ? this : stack, stack === root ? 'Resource' : 'LocalFixups', {
        serviceToken: handler.functionArn,
        resourceType: 'Custom::LocalFixups',
        properties: { ...fixups },
      });
    }
  }
}

/** What the stack's template asks for that the emulator drops. */
function fixupsOf(stack: Stack, warm: lambda.Function[]): FixupRequest {
  const own = stack.node.findAll().filter((c: IConstruct) => Stack.of(c) === stack);
  const tables = own
    .filter((c): c is dynamodb.CfnTable => c instanceof dynamodb.CfnTable)
    .flatMap((table) => {
      const ttl = table.timeToLiveSpecification as
        | dynamodb.CfnTable.TimeToLiveSpecificationProperty
        | undefined;
      return ttl?.enabled && ttl.attributeName
        ? [{ tableName: table.ref, ttlAttribute: ttl.attributeName }]
        : [];
    });
  const functions = own
    .filter((c): c is lambda.CfnFunction => c instanceof lambda.CfnFunction)
    .flatMap((fn) =>
      fn.reservedConcurrentExecutions === undefined
        ? []
        : [{ functionName: fn.ref, reservedConcurrency: fn.reservedConcurrentExecutions }],
    );
  return {
    tables,
    functions,
    warm: warm.map((fn) => {
      const cfn = fn.node.defaultChild as lambda.CfnFunction;
      return {
        functionName: fn.functionName,
        workers: cfn.reservedConcurrentExecutions ?? 1,
        // A new bundle starts cold workers: a changed code key makes CloudFormation call the update again.
        codeKey: (cfn.code as lambda.CfnFunction.CodeProperty).s3Key ?? '',
      };
    }),
  };
}
