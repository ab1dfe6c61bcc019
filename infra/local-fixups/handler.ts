/*
 * The custom resource of infra/constructs/local-fixups.ts (local stage only). CloudFormation's protocol: the
 * answer is PUT to the ResponseURL, SUCCESS or FAILED with the reason, so a fix-up that fails fails the deploy.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { LambdaClient } from '@aws-sdk/client-lambda';
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { applyFixups, type FixupRequest } from './fixups';

const clients = { dynamodb: new DynamoDBClient({}), lambda: new LambdaClient({}) };

export async function handler(event: CloudFormationCustomResourceEvent): Promise<void> {
  const physicalId = `${event.LogicalResourceId}-local-fixups`;
  let answer: { Status: 'SUCCESS' | 'FAILED'; Reason?: string };
  try {
    // Nothing to undo on delete: the settings go with their resources.
    const done =
      event.RequestType === 'Delete'
        ? []
        : await applyFixups(event.ResourceProperties as unknown as FixupRequest, clients);
    console.log(JSON.stringify({ message: 'local fix-ups', stack: event.StackId, done }));
    answer = { Status: 'SUCCESS' };
  } catch (error) {
    console.error(error);
    answer = { Status: 'FAILED', Reason: `local fix-ups: ${(error as Error).message}` };
  }
  const response = await fetch(event.ResponseURL, {
    method: 'PUT',
    headers: { 'content-type': '' },
    body: JSON.stringify({
      ...answer,
      PhysicalResourceId: physicalId,
      StackId: event.StackId,
      RequestId: event.RequestId,
      LogicalResourceId: event.LogicalResourceId,
    }),
  });
  if (!response.ok) throw new Error(`the ResponseURL answered ${response.status}`);
}
