import { userSignedIn, userSignedUp } from '../../../events/quests';
import { signIn } from '../../../functions/auth/use-cases/sign-in';
import { FakeIdentityProvider, InMemoryAuthStore } from './in-memory';

const START = new Date('2026-12-03T10:00:30.000Z').getTime();
const backoff = { freeFailures: 3, baseDelaySeconds: 2, maxDelaySeconds: 60, forgetAfterSeconds: 600 };
const policy = { perUsernameAndAddress: backoff, perAddress: { ...backoff, freeFailures: 10 } };

function setup() {
  const store = new InMemoryAuthStore();
  const identity = new FakeIdentityProvider({
    alice: { password: 'right', userId: 'u-alice' },
    ALICE: { password: 'right', userId: 'u-alice' },
  });
  let ids = 0;
  let now = START;
  const deps = {
    store,
    identity,
    now: () => new Date(now),
    newId: () => `sign-in-${++ids}`,
    throttle: policy,
  };
  const attempt = (username: string, password: string, sourceAddress = '198.51.100.7') =>
    signIn(deps, { username, password, sourceAddress, correlationId: 'corr' });
  const later = (seconds: number) => {
    now += seconds * 1000;
  };
  return { store, identity, attempt, later };
}

describe('signing in', () => {
  test('the first sign-in gives user.signed_up and user.signed_in (firstSignIn) with the tokens', async () => {
    const { store, attempt } = setup();

    const result = await attempt('alice', 'right');

    expect(result).toEqual(
      expect.objectContaining({ outcome: 'signed-in', userId: 'u-alice', firstSignIn: true }),
    );
    expect(store.outbox.map((e) => [e.definition, e.detail])).toEqual([
      [userSignedUp, expect.objectContaining({ eventId: 'signed-up#u-alice' })],
      [userSignedIn, expect.objectContaining({ eventId: 'signed-in#u-alice#sign-in-1', firstSignIn: true })],
    ]);
  });

  test('a later sign-in gives exactly one user.signed_in of its own', async () => {
    const { store, attempt } = setup();
    await attempt('alice', 'right');

    await attempt('alice', 'right');

    expect(store.outbox.slice(2).map((e) => [e.definition, e.detail.eventId])).toEqual([
      [userSignedIn, 'signed-in#u-alice#sign-in-2'],
    ]);
  });

  test('a wrong password and an unknown user get the same answer and publish nothing', async () => {
    const { store, attempt } = setup();

    const answers = [await attempt('alice', 'wrong'), await attempt('mallory', 'right')];

    expect(answers).toEqual([{ outcome: 'rejected' }, { outcome: 'rejected' }]);
    expect(store.outbox).toEqual([]);
  });

  test('a sign-in racing another of the same user is recorded after it, with its own event', async () => {
    const { store, attempt } = setup();
    await attempt('alice', 'right');
    store.beforeNextSave = () => {
      const account = store.accounts.get('u-alice')!;
      store.accounts.set('u-alice', { ...account, signIns: account.signIns + 1 });
    };

    await attempt('alice', 'right');

    expect(store.accounts.get('u-alice')?.signIns).toBe(3);
    expect(store.outbox.filter((e) => e.definition === userSignedIn)).toHaveLength(2);
  });

  test('past the free failures the username from that address must wait, and the pool is not asked', async () => {
    const { identity, attempt } = setup();
    for (let i = 0; i < 4; i++) await attempt('alice', 'wrong');

    const fifth = await attempt('ALICE', 'right');

    expect(fifth).toEqual({ outcome: 'throttled', retryAfterSeconds: 2 });
    expect(identity.calls).toBe(4);
  });

  test('each further failure doubles the wait', async () => {
    const { attempt, later } = setup();
    for (let i = 0; i < 4; i++) await attempt('alice', 'wrong');
    later(2);
    await attempt('alice', 'wrong');

    expect(await attempt('alice', 'right')).toEqual({ outcome: 'throttled', retryAfterSeconds: 4 });
  });

  test('an attacker failing from one address does not keep the user signing in from another address out', async () => {
    const { attempt, later } = setup();
    for (let i = 0; i < 30; i++) {
      await attempt('alice', `guess-${i}`, '203.0.113.66');
      later(1);
    }

    const victim = await attempt('alice', 'right', '198.51.100.7');
    const attacker = await attempt('alice', 'right', '203.0.113.66');

    expect(victim).toEqual(expect.objectContaining({ outcome: 'signed-in' }));
    expect(attacker).toEqual(expect.objectContaining({ outcome: 'throttled' }));
  });

  test('once the wait is over the right password signs in and clears that username’s failures', async () => {
    const { store, attempt, later } = setup();
    for (let i = 0; i < 4; i++) await attempt('alice', 'wrong');
    later(2);

    const signedIn = await attempt('alice', 'right');

    expect(signedIn).toEqual(expect.objectContaining({ outcome: 'signed-in' }));
    expect(
      await store.failures({ kind: 'username-from-address', username: 'alice', address: '198.51.100.7' }),
    ).toBe(undefined);
  });

  test('one address trying many usernames waits too, once past its own free failures', async () => {
    const { attempt } = setup();
    for (let i = 0; i < 11; i++) await attempt(`user-${i}`, 'Password1!');

    expect(await attempt('alice', 'right')).toEqual({ outcome: 'throttled', retryAfterSeconds: 2 });
    expect(await attempt('alice', 'right', '192.0.2.1')).toEqual(
      expect.objectContaining({ outcome: 'signed-in' }),
    );
  });

  test('an attempt that lost the race to a parallel one is judged on the record that one left', async () => {
    const { store, identity, attempt } = setup();
    for (let i = 0; i < 3; i++) await attempt('alice', 'wrong');
    // A parallel attempt counts the 4th failure between this attempt's read and its write.
    store.beforeNextFailureSave = () => {
      const key = InMemoryAuthStore.keyOf({
        kind: 'username-from-address',
        username: 'alice',
        address: '198.51.100.7',
      });
      const record = store.failureRecords.get(key)!;
      store.failureRecords.set(key, { ...record, failures: 4 });
    };

    expect(await attempt('alice', 'right')).toEqual({ outcome: 'throttled', retryAfterSeconds: 2 });
    expect(identity.calls).toBe(3);
  });

  test('failures are forgotten once the key had none for a while', async () => {
    const { attempt, later } = setup();
    for (let i = 0; i < 6; i++) {
      await attempt('alice', 'wrong');
      later(60);
    }
    later(600);

    for (let i = 0; i < 3; i++) await attempt('alice', 'wrong');
    expect(await attempt('alice', 'right')).toEqual(expect.objectContaining({ outcome: 'signed-in' }));
  });

  test('the pool rate-limiting us answers busy and counts no failure', async () => {
    const { store, identity, attempt } = setup();
    identity.busyNext = true;

    const busy = await attempt('alice', 'right');

    expect(busy).toEqual({ outcome: 'busy', retryAfterSeconds: 5 });
    expect(
      (await store.failures({ kind: 'username-from-address', username: 'alice', address: '198.51.100.7' }))
        ?.failures,
    ).toBe(0);
    expect(store.outbox).toEqual([]);
  });
});
