import { randomUUID } from 'node:crypto';
import {
  DeleteRuleCommand,
  EventBridgeClient,
  PutRuleCommand,
  PutTargetsCommand,
  RemoveTargetsCommand,
} from '@aws-sdk/client-eventbridge';
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SetQueueAttributesCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { allEvents, type EventDefinition, type EventDetail } from '../../events';
import { clientConfig } from '../../scripts/lib/target';
import { outputs } from './platform';

/** One event as the bus delivered it to the spy's queue (EventBridge's envelope, with the detail not yet checked). */
interface Delivered {
  source: string;
  detailType: string;
  detail: unknown;
}

export interface EventSpy {
  /**
   * Polls until an event of this contract that satisfies `predicate` has reached the bus, and returns its detail,
   * checked against the contract. Fails when the deadline passes, or at once when such an event breaks its contract.
   */
  waitFor<D extends EventDefinition>(
    definition: D,
    predicate?: (detail: EventDetail<D>) => boolean,
    timeoutMs?: number,
  ): Promise<EventDetail<D>>;
  /** Every event of this contract that has arrived so far, in arrival order, each checked against the contract. */
  published<D extends EventDefinition>(definition: D): Promise<EventDetail<D>[]>;
  /** Removes the rule, its target and the queue. */
  dispose(): Promise<void>;
}

const TARGET_ID = 'event-spy-queue';

/**
 * Listens to the project's bus like one more subscriber would: a queue of its own behind a rule that matches every
 * source in the events registry. Integration tests use it to assert what was published, not only its effects.
 * Create it before the action under test: the rule sees only what is put on the bus after it exists.
 */
export async function eventSpy(): Promise<EventSpy> {
  const name = `event-spy-${randomUUID().slice(0, 8)}`;
  const sqs = new SQSClient(clientConfig());
  const bus = new EventBridgeClient(clientConfig());

  const { QueueUrl: queueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: name }));
  if (!queueUrl) throw new Error(`the spy queue ${name} has no URL`);
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }),
  );
  const queueArn = Attributes?.QueueArn;
  if (!queueArn) throw new Error(`the spy queue ${name} has no ARN`);

  const sources = [...new Set(allEvents.map((definition) => definition.source))];
  const { RuleArn: ruleArn } = await bus.send(
    new PutRuleCommand({
      Name: name,
      EventBusName: outputs.EventBusName,
      EventPattern: JSON.stringify({ source: sources }),
      State: 'ENABLED',
      Description: 'A test listening to what the services publish; deleted by the test.',
    }),
  );
  await sqs.send(
    new SetQueueAttributesCommand({
      QueueUrl: queueUrl,
      Attributes: {
        Policy: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Service: 'events.amazonaws.com' },
              Action: 'sqs:SendMessage',
              Resource: queueArn,
              Condition: { ArnEquals: { 'aws:SourceArn': ruleArn } },
            },
          ],
        }),
      },
    }),
  );
  const targets = await bus.send(
    new PutTargetsCommand({
      Rule: name,
      EventBusName: outputs.EventBusName,
      Targets: [{ Id: TARGET_ID, Arn: queueArn }],
    }),
  );
  if (targets.FailedEntryCount) throw new Error(`the spy rule has no target: ${JSON.stringify(targets)}`);

  const arrived: Delivered[] = [];

  /** Moves what is waiting in the queue into `arrived`; the spy is the queue's only reader. */
  const collect = async () => {
    for (;;) {
      const { Messages = [] } = await sqs.send(
        new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }),
      );
      if (Messages.length === 0) return;
      for (const message of Messages) {
        const envelope = JSON.parse(message.Body ?? '{}') as Record<string, unknown>;
        arrived.push({
          source: String(envelope.source),
          detailType: String(envelope['detail-type']),
          detail: envelope.detail,
        });
      }
      await sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: queueUrl,
          Entries: Messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })),
        }),
      );
    }
  };

  const checked = <D extends EventDefinition>(definition: D): EventDetail<D>[] =>
    arrived
      .filter((e) => e.source === definition.source && e.detailType === definition.detailType)
      .map((e) => {
        const result = definition.schema.safeParse(e.detail);
        if (!result.success) {
          throw new ContractBrokenError(
            `${definition.detailType} on the bus breaks its contract: ${result.error.message}`,
          );
        }
        return result.data as EventDetail<D>;
      });

  return {
    async waitFor(definition, predicate = () => true, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        await collect();
        const match = checked(definition).find(predicate);
        if (match) return match;
        if (Date.now() > deadline) {
          throw new Error(
            `Timed out after ${timeoutMs} ms waiting for a matching ${definition.detailType}; ` +
              `${checked(definition).length} of that type arrived`,
          );
        }
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    },
    async published(definition) {
      await collect();
      return checked(definition);
    },
    async dispose() {
      await bus.send(
        new RemoveTargetsCommand({ Rule: name, EventBusName: outputs.EventBusName, Ids: [TARGET_ID] }),
      );
      await bus.send(new DeleteRuleCommand({ Name: name, EventBusName: outputs.EventBusName }));
      await sqs.send(new DeleteQueueCommand({ QueueUrl: queueUrl }));
      sqs.destroy();
      bus.destroy();
    },
  };
}

export class ContractBrokenError extends Error {
  override name = 'ContractBrokenError';
}
