import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { CloudWatchLogsClient, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { deployedStacks, stackResources } from './stacks';
import { clientConfig } from './target';

export interface TraceLine {
  at: string;
  service: string;
  message: string;
  correlationId?: string;
  fields: Record<string, unknown>;
}

/** The log groups of every stack of the app (the root's and each nested stack's). */
export async function stackLogGroups(): Promise<string[]> {
  const cfn = new CloudFormationClient(clientConfig());
  const groups: string[] = [];
  for (const StackName of await deployedStacks(cfn)) {
    for (const r of await stackResources(StackName, cfn))
      if (r.ResourceType === 'AWS::Logs::LogGroup') groups.push(r.PhysicalResourceId!);
  }
  return groups;
}

async function linesContaining(groups: string[], text: string): Promise<TraceLine[]> {
  const logs = new CloudWatchLogsClient(clientConfig());
  const lines: TraceLine[] = [];
  for (const logGroupName of groups) {
    let nextToken: string | undefined;
    do {
      const page = await logs.send(
        new FilterLogEventsCommand({ logGroupName, filterPattern: `"${text}"`, nextToken }),
      );
      for (const event of page.events ?? []) {
        const raw = event.message?.trim() ?? '';
        if (!raw.startsWith('{')) continue;
        const fields = JSON.parse(raw) as Record<string, unknown>;
        lines.push({
          at: String(fields.timestamp ?? new Date(event.timestamp ?? 0).toISOString()),
          service: String(fields.service ?? logGroupName),
          message: String(fields.message ?? ''),
          correlationId: fields.correlationId === undefined ? undefined : String(fields.correlationId),
          fields,
        });
      }
      nextToken = page.nextToken;
    } while (nextToken);
  }
  return lines;
}

/**
 * A request's path through the services, from the structured logs: the lines that name the id (an order id,
 * an event id, or a correlation id), then every line that carries one of their correlation ids, in time order.
 */
export async function trace(id: string): Promise<TraceLine[]> {
  const groups = await stackLogGroups();
  const direct = await linesContaining(groups, id);
  const correlationIds = new Set(direct.map((l) => l.correlationId).filter((c): c is string => Boolean(c)));
  const related = (
    await Promise.all([...correlationIds].filter((c) => c !== id).map((c) => linesContaining(groups, c)))
  ).flat();
  const seen = new Set<string>();
  return [...direct, ...related]
    .filter((line) => {
      const key = JSON.stringify(line.fields);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => a.at.localeCompare(b.at));
}

const DETAIL_FIELDS = ['routeKey', 'statusCode', 'code', 'detailType', 'eventId', 'receiveCount', 'userId'];

export function formatTraceLine(line: TraceLine): string {
  const details = DETAIL_FIELDS.filter((k) => line.fields[k] !== undefined && k !== 'userId')
    .map((k) => `${k}=${String(line.fields[k])}`)
    .join(' ');
  return `${line.at}  ${line.service.padEnd(14)} ${line.message}${details ? `  (${details})` : ''}`;
}
