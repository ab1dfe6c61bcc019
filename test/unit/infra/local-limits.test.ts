import { App } from 'aws-cdk-lib';
import { STACK_NAME } from '../../../infra/names';
import { PlatformStack } from '../../../infra/platform-stack';

type Resources = Record<string, { Type: string; Properties: Record<string, unknown> }>;

/** The stack as synthesized with the given CDK context; esbuild skipped (this is about the template). */
function resources(context: Record<string, unknown>): Resources {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [], ...context } });
  const stack = new PlatformStack(app, STACK_NAME, { env: { account: '111111111111', region: 'eu-west-1' } });
  return app.synth().getStackByName(stack.stackName).template.Resources as Resources;
}

const ofType = (all: Resources, type: string) => Object.entries(all).filter(([, r]) => r.Type === type);

describe('the local-only limits', () => {
  test('without them (a deploy to AWS) no function has reserved concurrency and no mapping a maximum', () => {
    const all = resources({});
    for (const [id, fn] of ofType(all, 'AWS::Lambda::Function')) {
      expect({ id, reserved: fn.Properties.ReservedConcurrentExecutions }).toEqual({
        id,
        reserved: undefined,
      });
    }
    for (const [id, mapping] of ofType(all, 'AWS::Lambda::EventSourceMapping')) {
      expect({ id, scaling: mapping.Properties.ScalingConfig }).toEqual({ id, scaling: undefined });
    }
  });

  test('with them, every function behind a route and payments are reserved, and every mapping bounded', () => {
    const all = resources({ localFunctionConcurrency: '3', localConsumerConcurrency: '4' });
    const routed = new Set(
      ofType(all, 'AWS::ApiGatewayV2::Integration')
        // The HTTP API's Lambda proxy integrations (the WebSocket API's run one at a time on MiniStack anyway).
        .map(
          ([, i]) => (i.Properties.IntegrationUri as { 'Fn::GetAtt'?: [string, string] })['Fn::GetAtt']?.[0],
        )
        .filter((id): id is string => id !== undefined),
    );
    expect(routed.size).toBeGreaterThanOrEqual(10);
    for (const [id, fn] of ofType(all, 'AWS::Lambda::Function')) {
      const expected = routed.has(id) || id.startsWith('PaymentsChargeFunction') ? 3 : undefined;
      expect({ id, reserved: fn.Properties.ReservedConcurrentExecutions }).toEqual({
        id,
        reserved: expected,
      });
    }
    // SQS mappings: a stream mapping (the outbox relay) has no MaximumConcurrency; MiniStack runs it in its poller.
    const mappings = ofType(all, 'AWS::Lambda::EventSourceMapping').filter(
      ([, m]) => !JSON.stringify(m.Properties.EventSourceArn).includes('StreamArn'),
    );
    expect(mappings.length).toBeGreaterThanOrEqual(7);
    for (const [id, mapping] of mappings) {
      expect({ id, scaling: mapping.Properties.ScalingConfig }).toEqual({
        id,
        scaling: { MaximumConcurrency: 4 },
      });
    }
  });

  test('a limit that is not a whole number >= 1 fails the synth', () => {
    expect(() => resources({ localFunctionConcurrency: '0' })).toThrow(/localFunctionConcurrency/);
  });
});
