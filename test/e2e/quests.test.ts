import { randomUUID } from 'node:crypto';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { type EventDefinition, type EventDetail, questCompleted, userSignedIn } from '../../events';
import { rebuildProgress } from '../../functions/quest-progress/use-cases/rebuild-progress';
import { apiClient } from '../../scripts/lib/api-client';
import {
  addQuest,
  myQuest,
  progressStore,
  questEvents,
  signedIn,
  streamOfLength,
  wallet,
} from '../../scripts/lib/quests';
import { redrive } from '../../scripts/lib/redrive';
import { testClockOf } from '../../scripts/lib/test-clock';
import { ensureUser } from '../../scripts/lib/users';
import { GROUPS, type GroupName } from '../../shared/identity';
import { eventSpy } from '../support/event-spy';
import { eventually, outputs, publish, queueDepth, queuesSettled, sqs } from '../support/platform';

jest.setTimeout(180_000);

/** A user of the pool who has never signed in through the route yet. */
async function newUser(groups: GroupName[] = [GROUPS.players]) {
  const username = `q-${randomUUID().slice(0, 12)}`;
  const password = `Quest-${randomUUID().slice(0, 8)}-Pw1!`;
  await ensureUser({ username, password, groups }, outputs);
  return { username, password, signIn: () => signedIn(username, password, outputs) };
}

let admin: ReturnType<typeof apiClient>;

beforeAll(async () => {
  const user = await newUser([GROUPS.players, GROUPS.admins]);
  admin = await user.signIn();
});

const sumOf = (ledger: { currency: string; amount: number }[], currency: string) =>
  ledger.filter((e) => e.currency === currency).reduce((total, e) => total + e.amount, 0);

/** The user's credits for one quest (quests of other tests in the same stack credit the same users too). */
async function creditsFor(api: ReturnType<typeof apiClient>, questId: string) {
  const purse = await wallet(api);
  // Whatever else was credited, the balances are the sum of the whole ledger.
  expect([purse.gold, purse.diamond]).toEqual([sumOf(purse.ledger, 'gold'), sumOf(purse.ledger, 'diamond')]);
  const mine = purse.ledger.filter((e) => e.questId === questId);
  return { entries: mine.length, gold: sumOf(mine, 'gold'), diamond: sumOf(mine, 'diamond') };
}

/** Each test's quests are deactivated after it, so they do not progress on the next tests' sign-ins. */
const created: string[] = [];
afterEach(async () => {
  for (const questId of created.splice(0)) await admin.call('DELETE', `/admin/quests/${questId}`);
});
/** A new quest, once the progress service has heard of it (through quest.updated; GET /quests/me lists it then). */
async function questFor(spec: Parameters<typeof addQuest>[1]) {
  const quest = await addQuest(admin, spec);
  created.push(quest.questId);
  await eventually(async () => myQuest(admin, quest.questId), { what: 'the quest in the progress catalog' });
  return quest;
}

describe("the seeds' acceptance sequence", () => {
  test('six sign-ins complete "Sign in 3 times" twice; a seventh completes nothing; two claims credit 20 diamonds, a third is 409', async () => {
    const quest = await questFor({
      name: 'Sign in 3 times',
      kind: 'count',
      target: 3,
      duplication: 2,
      reward: { currency: 'diamond', amount: 10 },
      autoClaim: false,
    });
    const user = await newUser();

    // Sign in six times, each once the one before is in the stream (a user signs in now and then).
    let api = await user.signIn();
    const expectedLengths = [1, 2, 4, 5, 6, 8];
    for (let i = 1; i < 6; i++) {
      await streamOfLength(api, quest.questId, expectedLengths[i - 1]!);
      api = await user.signIn();
    }
    const stream = await streamOfLength(api, quest.questId, 8);

    expect(stream.map((e) => e.type)).toEqual([
      'signed_up',
      'signed_in',
      'signed_in',
      'quest_completed',
      'signed_in',
      'signed_in',
      'signed_in',
      'quest_completed',
    ]);
    api = await user.signIn();
    const afterSeventh = await streamOfLength(api, quest.questId, 9);
    expect(afterSeventh.at(-1)?.type).toBe('signed_in');
    expect(await myQuest(api, quest.questId)).toEqual(
      expect.objectContaining({ completions: 2, status: 'claimable' }),
    );

    // Both completions reach the rewards service as claimable; then two claims, and a third.
    await eventually(
      async () => {
        const probe = await api.post(`/quests/${quest.questId}/claim`);
        return probe.status === 201 ? probe : undefined;
      },
      { what: 'a claimable completion' },
    );
    const second = await api.post(`/quests/${quest.questId}/claim`);
    const third = await api.post<{ code: string }>(`/quests/${quest.questId}/claim`);

    expect(second.status).toBe(201);
    expect([third.status, third.body.code]).toEqual([409, 'NOTHING_TO_CLAIM']);
    expect(await creditsFor(api, quest.questId)).toEqual({ entries: 2, gold: 0, diamond: 20 });
    await eventually(async () => (await myQuest(api, quest.questId))?.status === 'exhausted', {
      what: 'the quest exhausted once both completions are credited',
    });

    // The stored states are what the streams fold to, with and without snapshots.
    const userId = (await api.get<{ userId: string }>('/whoami')).body.userId;
    for (const useSnapshots of [false, true]) {
      const report = await rebuildProgress({ store: progressStore(outputs) }, { userId, useSnapshots });
      expect(report.find((r) => r.questId === quest.questId)).toEqual(
        expect.objectContaining({ matches: true }),
      );
      expect(report.every((r) => r.matches)).toBe(true);
    }
  });
});

describe('sign-ins', () => {
  test('each sign-in through the route puts exactly one user.signed_in on the bus; the first also user.signed_up', async () => {
    const spy = await eventSpy();
    try {
      const user = await newUser();
      const first = await user.signIn();
      await user.signIn();
      const userId = (await first.get<{ userId: string }>('/whoami')).body.userId;

      const signIns = await eventually(
        async () => {
          const all = (await spy.published(userSignedIn)).filter((e) => e.userId === userId);
          return all.length >= 2 ? all : undefined;
        },
        { what: 'two user.signed_in' },
      );
      await queuesSettled([outputs.QuestProgressQueueUrl]);

      expect((await spy.published(userSignedIn)).filter((e) => e.userId === userId)).toHaveLength(2);
      expect(signIns.map((e) => e.firstSignIn)).toEqual([true, false]);
    } finally {
      await spy.dispose();
    }
  });

  test('a wrong password and an unknown user get the same 401, and too many attempts get 429 with Retry-After', async () => {
    const user = await newUser();
    const anonymous = apiClient(undefined);

    const wrong = await anonymous.post('/auth/sign-in', {
      username: user.username,
      password: 'Wrong-Passw0rd!',
    });
    const unknown = await anonymous.post('/auth/sign-in', {
      username: `nobody-${randomUUID()}`,
      password: 'x',
    });
    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    expect(wrong.body).toEqual(unknown.body);

    // Past the free failures each one makes this username wait longer from this address (2 s, 4 s, 8 s...):
    // failures go on until a wait of 8 s, so the right password sent next is surely inside it. The client would
    // wait out a 429 and send again; this test wants to see the 429 itself.
    const answers: { status: number; retryAfter: number }[] = [];
    while (!answers.some((a) => a.retryAfter >= 5) && answers.length < 200) {
      const answer = await anonymous.post(
        '/auth/sign-in',
        { username: user.username, password: 'Wrong-1!' },
        { retry: false },
      );
      answers.push({ status: answer.status, retryAfter: Number(answer.headers.get('retry-after') ?? 0) });
    }
    const statuses = answers.map((a) => a.status);
    const rightPassword = await anonymous.post<{ code: string }>(
      '/auth/sign-in',
      { username: user.username, password: user.password },
      { retry: false },
    );

    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses).toContain(429);
    expect(rightPassword.status).toBe(429);
    expect(rightPassword.body.code).toBe('TOO_MANY_ATTEMPTS');
    expect(Number(rightPassword.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });

  test('a malformed sign-in body is a 400 naming the fields', async () => {
    const response = await apiClient(undefined).post<{ details: { field: string }[] }>('/auth/sign-in', {
      username: 'alice',
      pass: 'x',
    });

    expect(response.status).toBe(400);
    expect(response.body.details.map((d) => d.field).sort()).toEqual(['pass', 'password']);
  });
});

describe('faults: duplicates, reordering, concurrency, redrive', () => {
  /** A user.signed_in as the sign-in service would publish it, for a user and a UTC day of the test's choosing. */
  function signInEvent(userId: string, dayKey: string, n: number): EventDetail<typeof userSignedIn> {
    return userSignedIn.schema.parse({
      eventId: `signed-in#${userId}#test-${n}`,
      correlationId: `test-${randomUUID()}`,
      userId,
      username: 'test',
      signInId: `test-${n}`,
      signedInAt: `${dayKey}T12:00:00.000Z`,
      dayKey,
      firstSignIn: false,
      schemaVersion: 1,
    });
  }

  test('duplicate and reordered sign-ins of three days complete a daily streak once and credit 50 gold once', async () => {
    const quest = await questFor({
      name: 'Three days in a row',
      kind: 'daily_streak',
      target: 3,
      duplication: 1,
      reward: { currency: 'gold', amount: 50 },
      autoClaim: true,
    });
    const user = await newUser();
    const api = await user.signIn();
    const userId = (await api.get<{ userId: string }>('/whoami')).body.userId;
    await streamOfLength(api, quest.questId, 1);

    // Days 2026-11-01, 03, 02 out of order, each delivered twice: (the route's own sign-in is today's, not adjacent).
    const days = ['2026-11-01', '2026-11-03', '2026-11-02'];
    for (const [i, day] of days.entries())
      await publish(userSignedIn, [signInEvent(userId, day, i), signInEvent(userId, day, i)]);

    await eventually(async () => (await creditsFor(api, quest.questId)).gold === 50, { what: '50 gold' });
    await queuesSettled([outputs.QuestProgressQueueUrl, outputs.RewardsQueueUrl]);
    const stream = await questEvents(api, quest.questId);
    expect(stream.map((e) => e.type)).toEqual([
      'signed_up',
      'signed_in',
      'signed_in',
      'signed_in',
      'quest_completed',
    ]);
    expect(await creditsFor(api, quest.questId)).toEqual({ entries: 1, gold: 50, diamond: 0 });
  });

  test('with the test clock: three consecutive UTC days of sign-ins pay 50 gold; a skipped day starts the streak again', async () => {
    const quest = await questFor({
      name: 'Three days in a row (clock)',
      kind: 'daily_streak',
      target: 3,
      duplication: 1,
      reward: { currency: 'gold', amount: 50 },
      autoClaim: true,
    });
    const user = await newUser();
    const clock = testClockOf();
    const today = new Date().toISOString().slice(0, 10);
    const day = (offset: number) => new Date(Date.parse(`${today}T10:00:00.000Z`) + offset * 86_400_000);
    const progressAfterSignInOn = async (offset: number) => {
      await clock.set(day(offset));
      return user.signIn();
    };
    try {
      let api = await progressAfterSignInOn(0);
      await eventually(async () => (await myQuest(api, quest.questId))?.progress === 1, { what: 'day 1' });
      api = await progressAfterSignInOn(1);
      await eventually(async () => (await myQuest(api, quest.questId))?.progress === 2, { what: 'day 2' });
      api = await progressAfterSignInOn(3); // day 3 skipped
      await eventually(async () => (await myQuest(api, quest.questId))?.progress === 1, {
        what: 'a new start',
      });
      expect((await creditsFor(api, quest.questId)).gold).toBe(0);
      api = await progressAfterSignInOn(4);
      await eventually(async () => (await myQuest(api, quest.questId))?.progress === 2, {
        what: 'day 2 again',
      });
      api = await progressAfterSignInOn(5);
      await eventually(async () => (await creditsFor(api, quest.questId)).gold === 50, { what: '50 gold' });
      expect(await creditsFor(api, quest.questId)).toEqual({ entries: 1, gold: 50, diamond: 0 });
    } finally {
      await clock.reset();
    }
  });

  test('two concurrent claims of one completion: one 201, one 409', async () => {
    const quest = await questFor({
      name: 'Sign in once',
      kind: 'count',
      target: 1,
      duplication: 1,
      reward: { currency: 'diamond', amount: 5 },
      autoClaim: false,
    });
    // Two warm workers of the claim function (the admin has nothing to claim): the pair below then really races,
    // instead of one of them waiting for a cold start while the other finishes.
    const warm = await Promise.all([
      admin.post(`/quests/${quest.questId}/claim`),
      admin.post(`/quests/${quest.questId}/claim`),
    ]);
    expect(warm.map((w) => w.status)).toEqual([409, 409]);
    const user = await newUser();
    const api = await user.signIn();
    await eventually(async () => (await myQuest(api, quest.questId))?.status === 'claimable', {
      what: 'claimable',
    });
    // The rewards service may take the completion a moment after progress shows it: wait until a claim could work.
    await queuesSettled([outputs.RewardsQueueUrl]);

    const answers = await Promise.all([
      api.post(`/quests/${quest.questId}/claim`),
      api.post(`/quests/${quest.questId}/claim`),
    ]);

    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
    expect(await creditsFor(api, quest.questId)).toEqual({ entries: 1, gold: 0, diamond: 5 });
  });

  test('a redrive of the progress DLQ and of the rewards DLQ progresses and credits nothing twice', async () => {
    const quest = await questFor({
      name: 'Sign in twice, auto',
      kind: 'count',
      target: 2,
      duplication: 3,
      reward: { currency: 'gold', amount: 7 },
      autoClaim: true,
    });
    const user = await newUser();
    const api = await user.signIn();
    const userId = (await api.get<{ userId: string }>('/whoami')).body.userId;
    const spy = await eventSpy();
    let completed: EventDetail<typeof questCompleted>;
    try {
      const second = signInEvent(userId, '2026-11-05', 1);
      await publish(userSignedIn, second);
      completed = await spy.waitFor(
        questCompleted,
        (e) => e.userId === userId && e.questId === quest.questId,
      );
      await eventually(async () => (await creditsFor(api, quest.questId)).gold === 7, { what: '7 gold' });
      await queuesSettled([outputs.QuestProgressQueueUrl, outputs.RewardsQueueUrl]);

      // What the bus delivered before a consumer failed on it, dead-lettered (twice) after it had been handled.
      const envelope = (definition: EventDefinition, detail: unknown) =>
        JSON.stringify({
          version: '0',
          id: randomUUID(),
          source: definition.source,
          'detail-type': definition.detailType,
          time: new Date().toISOString(),
          detail,
        });
      for (let copy = 0; copy < 2; copy++) {
        await sqs.send(
          new SendMessageCommand({
            QueueUrl: outputs.QuestProgressDlqUrl,
            MessageBody: envelope(userSignedIn, second),
          }),
        );
        await sqs.send(
          new SendMessageCommand({
            QueueUrl: outputs.RewardsDlqUrl,
            MessageBody: envelope(questCompleted, completed),
          }),
        );
      }

      const progressRedrive = await redrive(sqs, {
        dlqUrl: outputs.QuestProgressDlqUrl,
        queueUrl: outputs.QuestProgressQueueUrl,
      });
      const rewardsRedrive = await redrive(sqs, {
        dlqUrl: outputs.RewardsDlqUrl,
        queueUrl: outputs.RewardsQueueUrl,
      });

      expect(progressRedrive.moved).toBeGreaterThanOrEqual(2);
      expect(rewardsRedrive.moved).toBeGreaterThanOrEqual(2);
      await queuesSettled([outputs.QuestProgressQueueUrl, outputs.RewardsQueueUrl]);
      expect((await queueDepth(outputs.QuestProgressDlqUrl)).visible).toBe(0);
      const stream = await questEvents(api, quest.questId);
      expect(stream.map((e) => e.type)).toEqual(['signed_up', 'signed_in', 'quest_completed']);
      expect(await creditsFor(api, quest.questId)).toEqual({ entries: 1, gold: 7, diamond: 0 });
      expect((await spy.published(questCompleted)).filter((e) => e.questId === quest.questId)).toHaveLength(
        1,
      );
    } finally {
      await spy.dispose();
    }
  });
});

describe('the catalog and its rules', () => {
  test('players get 403 on the admin routes; a bad quest is a 400 naming the fields; an unknown quest is 404', async () => {
    const player = await (await newUser()).signIn();

    const forbidden = await player.post('/admin/quests', { questId: 'nope-nope', name: 'x' });
    const patchForbidden = await player.call('PATCH', '/admin/quests/nope-nope', { name: 'y' });
    const bad = await admin.post<{ details: { field: string }[] }>('/admin/quests', {
      questId: 'Bad Id',
      name: '',
      kind: 'weekly',
      target: 0,
      reward: { currency: 'euro', amount: 1 },
      extra: true,
    });
    const unknownClaim = await player.post<{ code: string }>('/quests/no-such-quest/claim');
    const unknownPatch = await admin.call('PATCH', '/admin/quests/no-such-quest', { name: 'y' });

    expect([forbidden.status, patchForbidden.status]).toEqual([403, 403]);
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d) => d.field).sort()).toEqual(
      ['extra', 'kind', 'name', 'questId', 'reward.currency', 'target'].sort(),
    );
    expect([unknownClaim.status, unknownClaim.body.code]).toEqual([404, 'UNKNOWN_QUEST']);
    expect(unknownPatch.status).toBe(404);
  });

  test('a deactivated quest leaves GET /quests and GET /quests/me and stops progressing', async () => {
    const quest = await questFor({
      name: 'Soon gone',
      kind: 'count',
      target: 5,
      duplication: 1,
      reward: { currency: 'gold', amount: 1 },
      autoClaim: true,
    });

    const removed = await admin.call<{ active: boolean }>('DELETE', `/admin/quests/${quest.questId}`);

    expect([removed.status, removed.body.active]).toEqual([200, false]);
    const listed = await admin.get<{ quests: { questId: string }[] }>('/quests');
    expect(listed.body.quests.map((q) => q.questId)).not.toContain(quest.questId);
    // Every worker sees it within the cache's TTL (5 s), by the catalog version.
    await eventually(async () => (await myQuest(admin, quest.questId)) === undefined, {
      what: 'the quest gone from /quests/me',
      timeoutMs: 20_000,
    });
    const user = await newUser();
    const api = await user.signIn();
    await queuesSettled([outputs.QuestProgressQueueUrl]);
    expect(await questEvents(api, quest.questId)).toEqual([]);
  });
});
