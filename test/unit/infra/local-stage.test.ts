import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { EMULATOR_ACCOUNT } from '../../../infra/constructs/stage';
import { STACK_NAME } from '../../../infra/names';
import { PlatformStack, stacksOf } from '../../../infra/platform-stack';

type Resource = { Type: string; Properties: Record<string, unknown>; DeletionPolicy?: string };

/** Every stack's resources, synthesized for `account` with the given context; esbuild skipped (templates only). */
function synth(account: string, context: Record<string, unknown> = {}) {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [], ...context } });
  const root = new PlatformStack(app, STACK_NAME, { env: { account, region: 'us-east-1' } });
  const stacks = stacksOf(root).map((stack) => ({
    path: stack.node.path,
    resources: Object.values(Template.fromStack(stack).toJSON().Resources as Record<string, Resource>),
  }));
  return { stacks, all: stacks.flatMap((s) => s.resources) };
}

const ofType = (resources: Resource[], type: string) => resources.filter((r) => r.Type === type);

describe('the local stage, told by the account a bare cdklocal deploy resolves', () => {
  test('on the emulator account, with no context, the stack gets the test clock, the local limits and throwaway tables', () => {
    const { all } = synth(EMULATOR_ACCOUNT);
    expect(
      ofType(all, 'AWS::Lambda::Function').some((f) => f.Properties.ReservedConcurrentExecutions === 2),
    ).toBe(true);
    const envs = ofType(all, 'AWS::Lambda::Function').map((f) =>
      JSON.stringify(f.Properties.Environment ?? {}),
    );
    expect(envs.some((e) => e.includes('TEST_CLOCK'))).toBe(true);
    for (const table of ofType(all, 'AWS::DynamoDB::Table')) expect(table.DeletionPolicy).toBe('Delete');
  });

  test('on a real account, with no context, none of it: no test clock, no limits, no fix-ups, tables kept', () => {
    const { all } = synth('111111111111');
    for (const fn of ofType(all, 'AWS::Lambda::Function')) {
      expect(fn.Properties.ReservedConcurrentExecutions).toBeUndefined();
      expect(JSON.stringify(fn.Properties.Environment ?? {})).not.toContain('TEST_CLOCK');
    }
    expect(all.filter((r) => r.Type === 'Custom::LocalFixups')).toEqual([]);
    for (const table of ofType(all, 'AWS::DynamoDB::Table')) expect(table.DeletionPolicy).toBe('Retain');
  });

  test('-c stage=local on a real account is refused at synth: no test header, clock or throwaway tables there', () => {
    expect(() => synth('111111111111', { stage: 'local' })).toThrow(/stage=local is for an emulator/);
  });

  test('an explicit stage wins over the account', () => {
    const { all } = synth(EMULATOR_ACCOUNT, { stage: 'aws' });
    expect(all.filter((r) => r.Type === 'Custom::LocalFixups')).toEqual([]);
    for (const fn of ofType(all, 'AWS::Lambda::Function'))
      expect(fn.Properties.ReservedConcurrentExecutions).toBeUndefined();
  });

  test('`off` drops a local limit, and testClock=off the clock, on the local stage', () => {
    const { all } = synth(EMULATOR_ACCOUNT, { localFunctionConcurrency: 'off', testClock: 'off' });
    for (const fn of ofType(all, 'AWS::Lambda::Function')) {
      expect(fn.Properties.ReservedConcurrentExecutions).toBeUndefined();
      expect(JSON.stringify(fn.Properties.Environment ?? {})).not.toContain('TEST_CLOCK');
    }
  });

  test('every stack with a TTL table or a reserved function gets a fix-up that lists exactly those', () => {
    const { stacks } = synth(EMULATOR_ACCOUNT);
    for (const { path, resources } of stacks) {
      const ttlTables = ofType(resources, 'AWS::DynamoDB::Table').filter(
        (t) => t.Properties.TimeToLiveSpecification,
      );
      const reserved = ofType(resources, 'AWS::Lambda::Function').filter(
        (f) => f.Properties.ReservedConcurrentExecutions !== undefined,
      );
      const fixups = resources.filter((r) => r.Type === 'Custom::LocalFixups');
      if (ttlTables.length + reserved.length === 0) continue;
      expect({ path, fixups: fixups.length }).toEqual({ path, fixups: 1 });
      const props = fixups[0]!.Properties as { tables: unknown[]; functions: unknown[] };
      expect({ path, tables: props.tables.length, functions: props.functions.length }).toEqual({
        path,
        tables: ttlTables.length,
        functions: reserved.length,
      });
    }
    const root = stacks[0]!.resources.find((r) => r.Type === 'Custom::LocalFixups')!;
    expect((root.Properties.warm as { functionName: { Ref: string } }[])[0]!.functionName.Ref).toMatch(
      /^PaymentsChargeFunction/,
    );
  });
});
