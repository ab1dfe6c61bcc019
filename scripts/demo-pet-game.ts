/*
 * The pet game, told in words (npm run demo). Two players sign in with real tokens; Alice looks after her pet,
 * Bob does nothing; the missed-day job judges the day; it runs again and changes nothing; the histories say why.
 * Everything goes through API Gateway and the real bus and queues of the target.
 */
import type { PetHistoryView as HistoryView, PetView } from '../functions/pets/handlers/pet-view';
import { addDays, dayKeyOf } from '../shared/time';
import { apiClient } from './lib/api-client';
import { eventually } from './lib/eventually';
import { runMissedDay } from './lib/missed-day';
import { queuesSettled } from './lib/queues-settled';
import { isOnRoster } from './lib/roster';
import { loadOutputs } from './lib/target';
import { testClockOf } from './lib/test-clock';
import { demoUser, signIn } from './lib/users';

const say = (line = '') => console.log(line);
const petLine = (who: string, pet: PetView) =>
  `${who}'s ${pet.name}: HP ${pet.hp}, XP ${pet.xp}, level ${pet.level}, mood ${pet.mood}/5, streak ${pet.streak}`;

async function main() {
  const today = dayKeyOf(new Date());
  say('The pet game on the local platform');
  say('==================================');
  const alice = apiClient((await signIn('alice', demoUser('alice').password)).accessToken);
  const bob = apiClient((await signIn('bob', demoUser('bob').password)).accessToken);
  say('Alice and Bob signed in with the identity provider and hold real tokens.');

  const aliceMe = await alice.get<{ userId: string }>('/whoami');
  const bobMe = await bob.get<{ userId: string }>('/whoami');
  const alicePet = (await alice.get<PetView>('/pets/me')).body;
  const bobPet = (await bob.get<PetView>('/pets/me')).body;
  say(
    `\n1. Both open the app and meet their pets.\n   ${petLine('Alice', alicePet)}\n   ${petLine('Bob', bobPet)}`,
  );

  const templates = (
    await alice.get<{ templates: { id: string; hpReward: number; xpReward: number }[] }>(
      '/interactions/templates',
    )
  ).body.templates;
  say(`\n2. Today (${today}, UTC) the daily interactions are: ${templates.map((t) => t.id).join(', ')}.`);
  for (const templateId of ['drink_water', 'exercise_15m', 'study_25m']) {
    const result = await alice.post<{ code?: string }>('/interactions/complete', { templateId });
    say(
      result.status === 201
        ? `   Alice completes ${templateId}: recorded (201).`
        : `   Alice completes ${templateId}: ${result.status} ${result.body.code ?? ''} (already done today; the demo ran before).`,
    );
  }
  const again = await alice.post<{ code: string }>('/interactions/complete', { templateId: 'drink_water' });
  say(
    `   Alice tries drink_water a second time: ${again.status} ${again.body.code}. Once a day is the rule.`,
  );
  say('   Bob does nothing all day.');

  const aliceNow = await eventually(
    async () => {
      const pet = (await alice.get<PetView>('/pets/me')).body;
      return pet.xp >= alicePet.xp + 30 || pet.xp >= 30 ? pet : undefined;
    },
    { what: "Alice's pet to take in her interactions" },
  );
  say(`\n3. The pets service took the events from its queue.\n   ${petLine('Alice', aliceNow)}`);

  await eventually(
    async () => (await isOnRoster(aliceMe.body.userId)) && (await isOnRoster(bobMe.body.userId)),
    {
      what: 'both players on the roster',
    },
  );
  // A day can be judged only once it is over. Locally the test clock ends it; the job normally runs at 00:05 UTC.
  const clock = testClockOf();
  const tomorrow = addDays(today, 1);
  await clock.set(new Date(`${tomorrow}T00:05:00.000Z`));
  say(
    `\n4. The test clock moves to ${tomorrow} 00:05 UTC (npm run clock), so ${today} is over, and the missed-day ` +
      `job judges it, as its schedule does every night.`,
  );
  const first = await runMissedDay(today);
  say(
    `   It checked ${first.playersChecked} players with a pet: ${first.activePlayers} active today, ` +
      `${first.missedPublished} interaction.missed published.`,
  );
  const bobMissedId = `missed#${bobMe.body.userId}#${today}`;
  await eventually(
    async () =>
      (await bob.get<HistoryView>('/pets/me/history')).body.history.some(
        (entry) => entry.eventId === bobMissedId,
      ),
    { what: "Bob's pet to take in the missed day", timeoutMs: 20_000 },
  );
  const bobAfter = (await bob.get<PetView>('/pets/me')).body;
  say(`   ${petLine('Bob', bobAfter)}`);
  say(`   ${petLine('Alice', (await alice.get<PetView>('/pets/me')).body)} (she was active: no penalty)`);

  say('\n5. The job runs a second time for the same day.');
  const second = await runMissedDay(today);
  say(`   It published ${second.missedPublished} events again, with the same ids (missed#<user>#${today}).`);
  await queuesSettled([loadOutputs().PetsQueueUrl]);
  const bobFinal = (await bob.get<PetView>('/pets/me')).body;
  const unchanged = bobFinal.hp === bobAfter.hp && bobFinal.mood === bobAfter.mood;
  say(
    `   ${petLine('Bob', bobFinal)}: ${unchanged ? 'unchanged, a day is penalised once' : 'CHANGED (a bug!)'}`,
  );

  await clock.reset();
  say('   The test clock is back on real time (npm run clock -- reset).');

  say('\n6. The histories explain it, newest first.');
  for (const [who, api] of [
    ['Alice', alice],
    ['Bob', bob],
  ] as const) {
    const history = (await api.get<HistoryView>('/pets/me/history')).body.history;
    say(`   ${who}:`);
    for (const entry of history.slice(0, 5)) say(`     - ${entry.summary}`);
  }
  say(
    '\nDone. Try it yourself: TOKEN=$(npm run -s token -- alice); curl -H "authorization: Bearer $TOKEN" ...',
  );
  if (!unchanged) process.exit(1);
}

main().catch((error) => {
  console.error(`The demo failed: ${(error as Error).message}`);
  process.exit(1);
});
