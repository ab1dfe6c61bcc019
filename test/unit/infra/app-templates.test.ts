import { App, NestedStack, Stack } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import { appTemplates } from '../../support/app-templates';

/** A role in one stack, a table in another, and a policy for the role on the table in the table's stack. */
function roleAndTable(app: App, layout: 'siblings' | 'nested') {
  const env = { account: '111111111111', region: 'eu-west-1' };
  const root = new Stack(app, 'Root', { env });
  const [roles, tables]: Stack[] =
    layout === 'siblings'
      ? [root, new Stack(app, 'Tables', { env })]
      : [new NestedStack(root, 'Roles'), new NestedStack(root, 'Tables')];
  const role = new iam.Role(roles!, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
  const table = new dynamodb.Table(tables!, 'Table', {
    partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
  });
  new iam.Policy(tables!, 'Access', {
    roles: [role],
    statements: [new iam.PolicyStatement({ actions: ['dynamodb:PutItem'], resources: [table.tableArn] })],
  });
  return { role: `${roles!.node.path}|${roles!.getLogicalId(role.node.defaultChild as iam.CfnRole)}` };
}

describe('appTemplates: references followed across the stacks of an app', () => {
  test.each(['siblings', 'nested'] as const)(
    'a policy in another stack leads to its role and table (%s)',
    (layout) => {
      const app = new App();
      const { role } = roleAndTable(app, layout);
      const templates = appTemplates(app);
      const [policyKey, policy] = [...templates.resources].find(([, r]) => r.Type === 'AWS::IAM::Policy')!;

      const roles = templates.refsIn(templates.stackOf(policyKey), policy.Properties.Roles);
      const targets = templates.refsIn(templates.stackOf(policyKey), policy.Properties.PolicyDocument);

      expect(templates.stacks.length).toBeGreaterThan(1);
      expect(roles).toEqual([role]);
      expect(targets.map((k) => templates.resources.get(k)?.Type)).toEqual(['AWS::DynamoDB::Table']);
    },
  );
});
