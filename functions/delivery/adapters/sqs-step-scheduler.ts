import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { deliveryStepDue } from '../../../events/delivery-steps';
import type { StepScheduler } from '../ports';

export function createStepScheduler(queueUrl: string, sqs: SQSClient = new SQSClient({})): StepScheduler {
  return {
    async schedule(step, delaySeconds) {
      const detail = deliveryStepDue.schema.parse({ ...step, schemaVersion: deliveryStepDue.version });
      await sqs.send(
        new SendMessageCommand({
          QueueUrl: queueUrl,
          DelaySeconds: delaySeconds,
          // The bus's envelope, so that the shared event consumer reads it like any event.
          MessageBody: JSON.stringify({
            source: deliveryStepDue.source,
            'detail-type': deliveryStepDue.detailType,
            time: new Date().toISOString(),
            detail,
          }),
        }),
      );
    },
  };
}
