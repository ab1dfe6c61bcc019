/*
 * Scenario 1, payment offline, told in words (npm run scenario:payment-offline). Alice orders while the payment
 * processor is switched off: she gets a friendly 503 and her order is kept. Payments come back, her app sends the
 * same request with the same Idempotency-Key, and the order goes through, charged exactly once. Then the processor
 * stalls and writes a charge after the orders service gave up: the orders service settled the attempt first, so
 * the late charge takes nothing. Everything goes through API Gateway with a real token; the switch and the charges
 * are read from the payments table.
 */
import { randomUUID } from 'node:crypto';
import type { OrderListView, OrderView } from '../../functions/orders/domain/order-view';
import { apiClient } from '../lib/api-client';
import { eventually } from '../lib/eventually';
import { loadOutputs } from '../lib/target';
import { demoUser, signIn } from '../lib/users';
import { paymentsRepository } from '../payments';

const say = (line = '') => console.log(line);

async function main(): Promise<boolean> {
  const payments = paymentsRepository(loadOutputs());
  say('Scenario 1: the payment system goes offline');
  say('===========================================');
  const alice = apiClient((await signIn('alice', demoUser('alice').password)).accessToken);
  say('Alice signed in with the identity provider and holds a real token.');

  const order = { pizza: 'margherita', quantity: 2, address: 'Hauptstrasse 1, 10115 Berlin' };
  const key = `scenario-${randomUUID()}`;
  const headers = { headers: { 'idempotency-key': key } };

  await payments.setMode('off', new Date());
  say(
    `\n1. The operator switches payments off (npm run payments -- off). Mode now: ${await payments.mode()}.`,
  );

  say(`\n2. Alice orders ${order.quantity} × ${order.pizza}; her app sends Idempotency-Key ${key}.`);
  const failed = await alice.post<{ code: string; message: string; orderId: string }>(
    '/orders',
    order,
    headers,
  );
  say(`   The answer: ${failed.status} after ${Math.round(failed.ms)} ms`);
  say(`   ${JSON.stringify({ code: failed.body.code, message: failed.body.message })}`);
  if (failed.status !== 503) throw new Error(`expected 503, got ${failed.status}`);

  const kept = (await alice.get<OrderListView>('/orders')).body.orders.find(
    (o) => o.orderId === failed.body.orderId,
  );
  say(`\n3. Nothing she sent is lost: GET /orders shows ${kept?.orderId} with status ${kept?.status}.`);
  const noCharge = await payments.chargeFor(failed.body.orderId);
  say(`   Charges for it in the payments table: ${noCharge ? 1 : 0}. No order.placed went to the kitchen.`);
  if (kept?.status !== 'PAYMENT_FAILED' || noCharge)
    throw new Error('the failed order was not kept as it should be');

  await payments.setMode('on', new Date());
  say(`\n4. The operator switches payments back on. Mode now: ${await payments.mode()}.`);

  say('\n5. Alice taps "try again": the same request with the same Idempotency-Key.');
  const retried = await alice.post<OrderView>('/orders', order, headers);
  say(`   The answer: ${retried.status}, order ${retried.body.orderId}, status ${retried.body.status}.`);
  if (retried.status !== 201 || retried.body.orderId !== failed.body.orderId) {
    throw new Error(`expected 201 for the same order, got ${retried.status} ${JSON.stringify(retried.body)}`);
  }
  say('   Its timeline:');
  for (const entry of retried.body.timeline)
    say(`     ${entry.at}  ${entry.status.padEnd(16)} ${entry.note}`);

  const again = await alice.post<OrderView>('/orders', order, headers);
  say(`\n6. Her app sends it once more by mistake: ${again.status}, the same order ${again.body.orderId}.`);
  const charge = await payments.chargeFor(failed.body.orderId);
  const charges = (await payments.chargesOfUser(charge?.userId ?? '')).filter(
    (c) => c.orderId === failed.body.orderId,
  );
  say(
    `   Charges for the order in the payments table: ${charges.length} (${charge?.outcome}, ${charge?.amountCents} cents, ` +
      `${charge?.requests} charge request${charge?.requests === 1 ? '' : 's'} reached the processor).`,
  );

  await eventually(
    async () =>
      (await alice.get<OrderView>(`/orders/${failed.body.orderId}`)).body.timeline.some(
        (e) => e.status === 'PLACED',
      ),
    { what: 'order.placed on the timeline' },
  );
  say(
    '\n7. order.placed went out once the payment succeeded: the timeline now says PLACED (sent to the kitchen).',
  );
  await payments.setMode('late', new Date());
  say(
    `\n8. The processor stalls (npm run payments -- late): it checks the deadline in time, then writes the charge 3 s later.`,
  );
  const late = await alice.post<{ code: string; message: string; orderId: string }>('/orders', order);
  await payments.setMode('on', new Date());
  say(
    `   Alice orders again without a key: ${late.status} after ${Math.round(late.ms)} ms (${late.body.code}).`,
  );
  say(
    '   Before answering, the orders service settled the attempt with payments: no charge yet, so it was voided.',
  );
  const attempts = await eventually(
    async () => {
      const found = await payments.attemptsOf(late.body.orderId);
      return found[0] && found[0].requests >= 2 ? found : undefined;
    },
    { what: 'the late charge to reach the payments table', timeoutMs: 15_000 },
  );
  say(
    `   The late charge arrived and found the void: attempt 1 is ${attempts[0]?.outcome}; charges for the order: ` +
      `${(await payments.chargeFor(late.body.orderId)) ? 1 : 0}. Charged-and-failed never happens.`,
  );
  say('\nDone. Try it yourself: npm run payments -- on|off|slow|late|mute|partition|status');
  return (
    charges.length === 1 &&
    again.body.orderId === failed.body.orderId &&
    late.status === 503 &&
    attempts[0]?.outcome === 'voided' &&
    !(await payments.chargeFor(late.body.orderId))
  );
}

main()
  .then(async (ok) => {
    if (!ok) {
      console.error('The scenario did not end as it should (see above).');
      process.exitCode = 1;
    }
  })
  .catch((error) => {
    console.error(`The scenario failed: ${(error as Error).message}`);
    process.exitCode = 1;
  })
  .finally(async () => {
    // Whatever happened, leave the payment system on.
    await paymentsRepository(loadOutputs()).setMode('on', new Date());
  });
