/*
 * The payment processor's operator switch (npm run payments -- on|off|slow|late|mute|partition|status).
 *   on         normal: pays, or declines an amount over the credit limit
 *   off        every charge fails: orders settle the attempt (voided), answer 503 PAYMENT_UNAVAILABLE and keep the
 *              order as PAYMENT_FAILED, nothing charged
 *   slow       every charge answers after 5 s, past the orders service's ~2 s timeout: settled as voided, a 503
 *   late       every charge is written 3 s after its deadline check, after orders gave up: orders' settle voids the
 *              attempt first, so the late write charges nothing: a 503, nothing charged
 *   mute       every charge is written at once but answered 3 s late: orders' settle finds it: a 201, paid once
 *   partition  as mute, and settles fail too: a 202 PAYMENT_UNCONFIRMED, the order PAYMENT_UNKNOWN until the
 *              orders reconciler (every minute) finds the charge once payments are back on, and places it
 *   status     prints the current mode
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoPaymentsRepository } from '../functions/payments/adapters/dynamodb-payments-repository';
import { isPaymentMode, PAYMENT_MODES } from '../functions/payments/domain/payment';
import type { PaymentsRepository } from '../functions/payments/ports';
import { clientConfig, loadOutputs, type StackOutputs } from './lib/target';

/** The deployed payments table, as the operator reaches it. */
export function paymentsRepository(outputs: StackOutputs = loadOutputs()): PaymentsRepository {
  const doc = DynamoDBDocumentClient.from(new DynamoDBClient(clientConfig()));
  return new DynamoPaymentsRepository(doc, outputs.PaymentsTableName);
}

async function main(argument: string | undefined) {
  const payments = paymentsRepository();
  if (argument === 'status') {
    console.log(`payments: ${await payments.mode()}`);
    return;
  }
  if (!argument || !isPaymentMode(argument)) {
    console.error(`usage: npm run payments -- ${PAYMENT_MODES.join('|')}|status`);
    process.exit(2);
  }
  await payments.setMode(argument, new Date());
  console.log(`payments: ${await payments.mode()}`);
}

if (require.main === module) {
  main(process.argv[2]).catch((error) => {
    console.error(`Could not reach the payments table: ${(error as Error).message}`);
    process.exit(1);
  });
}
