import {
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  ListMessageMoveTasksCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  type SQSClient,
  StartMessageMoveTaskCommand,
} from '@aws-sdk/client-sqs';

export interface RedriveResult {
  method: 'StartMessageMoveTask' | 'receive-send-delete';
  moved: number;
  /** Messages in the DLQ when the redrive started: the most it moves, so a message that fails again is not looped. */
  found: number;
}

const NOT_SUPPORTED = new Set([
  'InvalidAction',
  'UnsupportedOperation',
  'UnknownOperationException',
  'NotImplemented',
]);

async function queueAttributes(sqs: SQSClient, queueUrl: string) {
  const attributes =
    (
      await sqs.send(
        new GetQueueAttributesCommand({
          QueueUrl: queueUrl,
          AttributeNames: ['QueueArn', 'ApproximateNumberOfMessages'],
        }),
      )
    ).Attributes ?? {};
  return { arn: attributes.QueueArn!, depth: Number(attributes.ApproximateNumberOfMessages ?? 0) };
}

/** Asks the target whether it runs message move tasks (a read-only call), instead of guessing from its name. */
export async function supportsMoveTasks(sqs: SQSClient, dlqArn: string): Promise<boolean> {
  try {
    await sqs.send(new ListMessageMoveTasksCommand({ SourceArn: dlqArn }));
    return true;
  } catch (error) {
    const name = (error as { name?: string; Code?: string }).name ?? '';
    if (NOT_SUPPORTED.has(name) || /not (valid|supported|implemented)/i.test((error as Error).message))
      return false;
    throw error;
  }
}

async function moveWithTask(
  sqs: SQSClient,
  dlqArn: string,
  queueArn: string,
  found: number,
): Promise<number> {
  await sqs.send(new StartMessageMoveTaskCommand({ SourceArn: dlqArn, DestinationArn: queueArn }));
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const task = (await sqs.send(new ListMessageMoveTasksCommand({ SourceArn: dlqArn, MaxResults: 1 })))
      .Results?.[0];
    if (task?.Status === 'COMPLETED') return Number(task.ApproximateNumberOfMessagesMoved ?? found);
    if (task?.Status === 'FAILED' || task?.Status === 'CANCELLED') {
      throw new Error(`The move task ended ${task.Status}: ${task.FailureReason ?? 'no reason given'}`);
    }
  }
}

/**
 * Where the target has no move tasks: receive from the DLQ, send to the work queue, and delete from the DLQ
 * only what was sent. A crash in between can send a message twice, never lose one; consumers are idempotent.
 */
async function moveByHand(sqs: SQSClient, dlqUrl: string, queueUrl: string, found: number): Promise<number> {
  let moved = 0;
  let emptyReceives = 0;
  while (moved < found && emptyReceives < 3) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: dlqUrl,
        MaxNumberOfMessages: Math.min(10, found - moved),
        WaitTimeSeconds: 1,
        VisibilityTimeout: 60,
        MessageAttributeNames: ['All'],
      }),
    );
    if (Messages.length === 0) {
      emptyReceives++;
      continue;
    }
    emptyReceives = 0;
    const sent = await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: Messages.map((m, i) => ({
          Id: String(i),
          MessageBody: m.Body!,
          MessageAttributes: m.MessageAttributes,
        })),
      }),
    );
    const sentIds = new Set((sent.Successful ?? []).map((s) => s.Id));
    const toDelete = Messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })).filter(
      (e) => sentIds.has(e.Id),
    );
    if (toDelete.length > 0) {
      await sqs.send(new DeleteMessageBatchCommand({ QueueUrl: dlqUrl, Entries: toDelete }));
    }
    moved += toDelete.length;
  }
  return moved;
}

/** Moves what is in a DLQ back to its work queue, with the best method the target offers. */
export async function redrive(
  sqs: SQSClient,
  queues: { dlqUrl: string; queueUrl: string },
): Promise<RedriveResult> {
  const dlq = await queueAttributes(sqs, queues.dlqUrl);
  const queue = await queueAttributes(sqs, queues.queueUrl);
  if (dlq.depth === 0) return { method: 'receive-send-delete', moved: 0, found: 0 };
  if (await supportsMoveTasks(sqs, dlq.arn)) {
    return {
      method: 'StartMessageMoveTask',
      moved: await moveWithTask(sqs, dlq.arn, queue.arn, dlq.depth),
      found: dlq.depth,
    };
  }
  return {
    method: 'receive-send-delete',
    moved: await moveByHand(sqs, queues.dlqUrl, queues.queueUrl, dlq.depth),
    found: dlq.depth,
  };
}
