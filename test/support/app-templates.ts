import { type App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';

export type Resource = { Type: string; Properties: Record<string, unknown> };
interface StackTemplate {
  Resources?: Record<string, Resource>;
  Parameters?: Record<string, unknown>;
  Outputs?: Record<string, { Value: unknown; Export?: { Name?: unknown } }>;
}

/**
 * Every stack of the app (nested stacks included), each resource known by `<stack path>|<logical id>`, and the
 * references between them followed through CloudFormation's cross-stack plumbing: a sibling's export
 * (Fn::ImportValue), a nested stack's parameter (its parent passes the value) or output (Fn::GetAtt Outputs.X).
 * So the assertions hold for the stacks side by side and for one root stack with nested stacks alike.
 */
export function appTemplates(app: App) {
  const stacks = app.node.findAll().filter(Stack.isStack);
  const templates = new Map(
    stacks.map((s) => [s.node.path, Template.fromStack(s).toJSON() as StackTemplate]),
  );
  const parentOf = new Map(stacks.map((s) => [s.node.path, s.nestedStackParent?.node.path]));
  const resources = new Map<string, Resource>();
  for (const [path, template] of templates) {
    for (const [id, resource] of Object.entries(template.Resources ?? {}))
      resources.set(`${path}|${id}`, resource);
  }

  /** The resource a reference leads to, in whichever stack it is defined. */
  function target(path: string, node: Record<string, unknown>, seen = 0): string | undefined {
    if (seen > 10) return undefined;
    const template = templates.get(path)!;
    if (typeof node.Ref === 'string') {
      if (template.Resources?.[node.Ref]) return `${path}|${node.Ref}`;
      const parent = parentOf.get(path);
      if (template.Parameters?.[node.Ref] && parent) {
        // Any nested-stack resource of the parent passing this parameter: the value is the same one.
        for (const resource of Object.values(templates.get(parent)!.Resources ?? {})) {
          const passed = (resource.Properties?.Parameters as Record<string, unknown> | undefined)?.[node.Ref];
          if (resource.Type === 'AWS::CloudFormation::Stack' && passed)
            return refOf(parent, passed, seen + 1);
        }
      }
      return undefined;
    }
    if (Array.isArray(node['Fn::GetAtt'])) {
      const [id, attribute] = node['Fn::GetAtt'] as [string, string];
      if (
        template.Resources?.[id]?.Type === 'AWS::CloudFormation::Stack' &&
        attribute.startsWith('Outputs.')
      ) {
        const name = attribute.slice('Outputs.'.length);
        for (const [child, parent] of parentOf) {
          const output = parent === path ? templates.get(child)!.Outputs?.[name] : undefined;
          if (output) return refOf(child, output.Value, seen + 1);
        }
      }
      return template.Resources?.[id] ? `${path}|${id}` : undefined;
    }
    if (node['Fn::ImportValue'] !== undefined) {
      const name = JSON.stringify(node['Fn::ImportValue']);
      for (const [other, t] of templates) {
        for (const output of Object.values(t.Outputs ?? {})) {
          if (JSON.stringify(output.Export?.Name) === name) return refOf(other, output.Value, seen + 1);
        }
      }
    }
    return undefined;
  }

  function refOf(path: string, value: unknown, seen = 0): string | undefined {
    return value && typeof value === 'object' && !Array.isArray(value)
      ? target(path, value as Record<string, unknown>, seen)
      : undefined;
  }

  /** Every resource a piece of a template in `path` refers to, however deep (Fn::Join, Fn::Sub lists, ...). */
  function refsIn(path: string, value: unknown): string[] {
    if (Array.isArray(value)) return value.flatMap((v) => refsIn(path, v));
    if (!value || typeof value !== 'object') return [];
    const direct = target(path, value as Record<string, unknown>);
    if (direct) return [direct];
    return Object.values(value).flatMap((v) => refsIn(path, v));
  }

  return { stacks, resources, refsIn, stackOf: (key: string) => key.split('|')[0]! };
}
