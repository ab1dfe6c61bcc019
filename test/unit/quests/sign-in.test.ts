import { userSignedIn, userSignedUp } from '../../../events/quests';
import { attemptWindow, throttled } from '../../../functions/auth/domain/throttle';
import { signIn } from '../../../functions/auth/use-cases/sign-in';
import { FakeIdentityProvider, InMemoryAuthStore } from './in-memory';

const NOW = new Date('2026-12-03T10:00:30.000Z');
const policy = { maxAttempts: 3, windowSeconds: 60 };

function setup() {
  const store = new InMemoryAuthStore();
  const identity = new FakeIdentityProvider({ alice: { password: 'right', userId: 'u-alice' } });
  let ids = 0;
  const deps = { store, identity, now: () => NOW, newId: () => `sign-in-${++ids}`, throttle: policy };
  const attempt = (username: string, password: string) =>
    signIn(deps, { username, password, correlationId: 'corr' });
  return { store, identity, attempt };
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

  test('more attempts than allowed in the window are refused before the pool is asked', async () => {
    const { identity, attempt } = setup();
    for (let i = 0; i < 3; i++) await attempt('alice', 'wrong');

    const fourth = await attempt('ALICE', 'right');

    expect(fourth).toEqual({ outcome: 'throttled', retryAfterSeconds: 30 });
    expect(identity.calls).toBe(3);
  });

  test('the throttle counts per fixed window and tells when the window ends', () => {
    const window = attemptWindow(new Date('2026-12-03T10:00:59.500Z'), policy);

    expect(throttled(4, window, new Date('2026-12-03T10:00:59.500Z'), policy)).toBe(1);
    expect(throttled(3, window, new Date('2026-12-03T10:00:59.500Z'), policy)).toBeUndefined();
  });
});
