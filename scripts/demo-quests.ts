/* npm run demo:quests: the seeds' acceptance sequence in plain words, through API Gateway with real tokens. */
import { randomUUID } from 'node:crypto';
import { rebuildProgress } from '../functions/quest-progress/use-cases/rebuild-progress';
import { apiClient } from './lib/api-client';
import { eventually } from './lib/eventually';
import { addQuest, myQuest, progressStore, signedIn, streamOfLength, wallet } from './lib/quests';
import { currentTarget } from './lib/target';
import { testClockOf } from './lib/test-clock';
import { demoUser, ensureUser, signInThroughApi } from './lib/users';

const say = (text: string) => console.log(text);
const LABELS: Record<string, string> = {
  signed_up: 'signed up',
  signed_in: 'signed in',
  quest_completed: 'quest completed',
};

(async () => {
  const admin = demoUser('admin');
  const adminApi = apiClient((await signInThroughApi(admin.username, admin.password)).accessToken);

  say('1. The admin adds two quests (POST /admin/quests, which publishes quest.updated):');
  const signIn3 = await addQuest(adminApi, {
    name: 'Sign in 3 times',
    description: 'Sign in three times; you may do it twice.',
    kind: 'count',
    target: 3,
    duplication: 2,
    reward: { currency: 'diamond', amount: 10 },
    autoClaim: false,
  });
  const streak = await addQuest(adminApi, {
    name: 'Three days in a row',
    description: 'Sign in on three consecutive UTC days.',
    kind: 'daily_streak',
    target: 3,
    duplication: 1,
    reward: { currency: 'gold', amount: 50 },
    autoClaim: true,
  });
  say(`   "${signIn3.name}" (${signIn3.questId}): 3 sign-ins, twice at most, 10 diamonds, claimed by hand.`);
  say(`   "${streak.name}" (${streak.questId}): 3 consecutive UTC days, once, 50 gold, credited at once.`);
  await eventually(async () => myQuest(adminApi, signIn3.questId), {
    what: 'the quest reaching the progress service',
  });

  const username = `newcomer-${randomUUID().slice(0, 6)}`;
  const password = `Demo-${randomUUID().slice(0, 8)}-Pw1!`;
  await ensureUser({ username, password, groups: ['players'] });
  say(`\n2. A new user, ${username}, signs in six times (POST /auth/sign-in, each one user.signed_in):`);
  const lengths = [1, 2, 4, 5, 6, 8];
  let api = apiClient();
  for (const [i, length] of lengths.entries()) {
    api = await signedIn(username, password);
    const stream = await streamOfLength(api, signIn3.questId, length);
    const added = stream.slice(i === 0 ? 0 : lengths[i - 1]).map((e) => LABELS[e.type] ?? e.type);
    say(`   sign-in ${i + 1}: the stream adds ${added.join(', then ')}`);
  }
  const stream = await streamOfLength(api, signIn3.questId, 8);
  say(`   Their stream: ${stream.map((e) => LABELS[e.type]).join(', ')}.`);

  say('\n3. A seventh sign-in is recorded and completes nothing: the quest allows two completions.');
  api = await signedIn(username, password);
  const seventh = await streamOfLength(api, signIn3.questId, 9);
  say(`   entry ${seventh.at(-1)?.seq}: ${LABELS[seventh.at(-1)!.type]}.`);
  const mine = await myQuest(api, signIn3.questId);
  say(`   GET /quests/me: ${mine?.completions} completions, status ${mine?.status}.`);

  say('\n4. The user claims (POST /quests/{questId}/claim) three times:');
  await eventually(
    async () => {
      const probe = await api.post(`/quests/${signIn3.questId}/claim`);
      if (probe.status === 201) say('   claim 1: 201, 10 diamonds credited');
      return probe.status === 201;
    },
    { what: 'the first completion claimable' },
  );
  const second = await api.post(`/quests/${signIn3.questId}/claim`);
  say(`   claim 2: ${second.status}, 10 diamonds credited`);
  const third = await api.post<{ code: string }>(`/quests/${signIn3.questId}/claim`);
  say(`   claim 3: ${third.status} ${third.body.code}`);
  const purse = await wallet(api);
  say(
    `   GET /wallet: ${purse.diamond} diamonds, ${purse.gold} gold, ${purse.ledger.length} ledger entries (the sum of the ledger).`,
  );

  say('\n5. The daily streak (3 consecutive UTC days, 50 gold, auto-claimed), lived with the test clock:');
  const today = new Date().toISOString().slice(0, 10);
  const day = (offset: number) => new Date(Date.parse(`${today}T10:00:00.000Z`) + offset * 86_400_000);
  const streakLine = async (label: string) => {
    const q = await myQuest(api, streak.questId);
    say(`   ${label}: progress ${q?.progress}/${streak.target}, status ${q?.status}`);
  };
  await eventually(async () => (await myQuest(api, streak.questId))?.progress === 1, {
    what: "today's sign-in counted for the streak",
  });
  await streakLine(`${today} (today, signed in)`);
  if (currentTarget().kind === 'aws') {
    say('   On AWS there is no test clock: the streak grows one real day at a time.');
  } else {
    const clock = testClockOf();
    try {
      // Day 2 counts; day 3 is skipped, so day 4 starts again; days 5 and 6 complete three in a row.
      const steps = [
        { offset: 1, progress: 2, note: 'the next day' },
        { offset: 3, progress: 1, note: 'a day skipped: the streak starts again' },
        { offset: 4, progress: 2, note: 'the next day' },
      ];
      for (const step of steps) {
        await clock.set(day(step.offset));
        api = await signedIn(username, password);
        await eventually(async () => (await myQuest(api, streak.questId))?.progress === step.progress, {
          what: `the sign-in of ${day(step.offset).toISOString().slice(0, 10)} counted`,
        });
        await streakLine(`${day(step.offset).toISOString().slice(0, 10)}, ${step.note}`);
      }
      await clock.set(day(5));
      api = await signedIn(username, password);
      const gold = await eventually(
        async () => {
          const purse = await wallet(api);
          return purse.gold >= 50 ? purse.gold : undefined;
        },
        { what: 'the 50 gold credited' },
      );
      await streakLine(`${day(5).toISOString().slice(0, 10)}, the third day in a row`);
      say(`   The quest completed and paid itself (auto-claim). GET /wallet: ${gold} gold.`);
    } finally {
      await clock.reset();
      say('   The test clock is back on real time (npm run clock -- reset).');
    }
  }

  say('\n6. npm run quests -- rebuild replays the streams and must give the stored state:');
  const userId = (await api.get<{ userId: string }>('/whoami')).body.userId;
  for (const useSnapshots of [false, true]) {
    const report = await rebuildProgress({ store: progressStore() }, { userId, useSnapshots });
    const ok = report.every((r) => r.matches);
    say(
      `   ${useSnapshots ? 'from the snapshots' : 'from the first entry'}: ${report.length} streams, ${ok ? 'all match' : 'DIFFERENT'}.`,
    );
    if (!ok) process.exitCode = 1;
  }

  for (const quest of [signIn3, streak]) await adminApi.call('DELETE', `/admin/quests/${quest.questId}`);
  say('\nThe demo quests are deactivated again (DELETE /admin/quests/{questId}), so a new run starts clean.');
})().catch((error) => {
  console.error((error as Error).message);
  process.exit(1);
});
