import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { EMULATOR_ACCOUNT } from '../../../infra/constructs/stage';
import { STACK_NAME } from '../../../infra/names';
import { PlatformStack } from '../../../infra/platform-stack';

// Skipping esbuild keeps this a unit test; the emulator tests run the real bundles.
const synth = (context: Record<string, string>) => {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [], ...context } });
  return new PlatformStack(app, STACK_NAME, {
    env: { account: context.stage === 'local' ? EMULATOR_ACCOUNT : '111111111111', region: 'eu-west-1' },
  });
};

describe('the test clock at synth', () => {
  test('-c testClock=on without the local stage is refused: a real account never gets a movable clock', () => {
    expect(() => synth({ testClock: 'on' })).toThrow(/testClock=on is for the local stage only/);
  });

  test('-c testClock=on on the local stage gives every service function the clock table', () => {
    const stack = synth({ testClock: 'on', stage: 'local' });

    const functions = Object.values(
      Template.fromStack(stack).findResources('AWS::Lambda::Function') as Record<
        string,
        { Properties: { Environment?: { Variables?: Record<string, unknown> } } }
      >,
    );
    const services = functions.filter((fn) => fn.Properties.Environment?.Variables?.TABLE_NAME);
    expect(services.length).toBeGreaterThan(0);
    for (const fn of services)
      expect(fn.Properties.Environment?.Variables).toHaveProperty('TEST_CLOCK_TABLE');
  });
});
