import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * A real document client whose calls never leave the process: each answers what `answer` returns for it (or
 * throws what it throws), and every command sent is kept on `sent`, in order.
 */
export function fakeDocumentClient(answer: (command: unknown) => unknown) {
  const db = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-west-1' }));
  const sent: unknown[] = [];
  jest.spyOn(db, 'send').mockImplementation(async (command: unknown) => {
    sent.push(command);
    return answer(command);
  });
  return { db, sent };
}
