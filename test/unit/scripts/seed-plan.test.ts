import { parseSeedArgs, randomPassword, seedPlan } from '../../../scripts/lib/seed-plan';
import { DEMO_USERS } from '../../../scripts/lib/users';
import { GROUPS } from '../../../shared/identity';

const none = { admins: [], staff: [], organizers: [] };
let n = 0;
const drawn = () => `Random-${++n}-Passw0rd!`;
const fixed = new Set(DEMO_USERS.map((u) => u.password));

describe('seed-users', () => {
  test('on AWS no user gets a published password and no admin or staff is created unasked', () => {
    const plan = seedPlan('aws', none, drawn);

    expect(plan.randomPasswords).toBe(true);
    expect(plan.users.map((u) => u.username).sort()).toEqual(['alice', 'bob']);
    expect(plan.users.every((u) => !fixed.has(u.password))).toBe(true);
    expect(plan.users.flatMap((u) => u.groups)).not.toContain(GROUPS.admins);
  });

  test('on AWS an admin named on the command line is created with a random password', () => {
    const plan = seedPlan('aws', parseSeedArgs(['--admin', 'root-ops', '--staff', 'kitchen']), drawn);

    const admin = plan.users.find((u) => u.username === 'root-ops');
    const staff = plan.users.find((u) => u.username === 'kitchen');
    expect(admin?.groups).toEqual([GROUPS.players, GROUPS.admins]);
    expect(staff?.groups).toEqual([GROUPS.staff]);
    expect(fixed.has(admin?.password ?? '')).toBe(false);
    expect(plan.users.some((u) => u.username === 'admin')).toBe(false);
  });

  test('on an emulator the demo users keep the README passwords', () => {
    const plan = seedPlan('ministack', none, drawn);

    expect(plan.randomPasswords).toBe(false);
    expect(plan.users).toEqual([...DEMO_USERS]);
  });

  test('a random password satisfies the pool policy (10+, upper, lower, digit, symbol)', () => {
    const password = randomPassword();

    expect(password).toMatch(/^(?=.*[a-z])(?=.*[A-Z])(?=.*\d)(?=.*[^A-Za-z0-9]).{10,}$/);
    expect(randomPassword()).not.toBe(password);
  });

  test('the names may follow a -- separator', () => {
    expect(parseSeedArgs(['--', '--staff', 'kitchen'])).toEqual({
      admins: [],
      staff: ['kitchen'],
      organizers: [],
    });
  });

  test('an unknown flag or a flag without a name is refused', () => {
    expect(() => parseSeedArgs(['--root', 'x'])).toThrow(/usage/);
    expect(() => parseSeedArgs(['--admin'])).toThrow(/usage/);
  });
});
