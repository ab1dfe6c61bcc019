import { randomBytes } from 'node:crypto';
import { GROUPS } from '../../shared/identity';
import type { TargetKind } from './target';
import { DEMO_USERS, type UserSpec } from './users';

/** Who `npm run seed-users` creates besides the demo players: only the names asked for, one role each. */
export interface SeedRequest {
  admins: string[];
  staff: string[];
  organizers: string[];
}

export interface SeedPlan {
  users: UserSpec[];
  /** True when the passwords were drawn at random: the script prints them once, they are stored nowhere. */
  randomPasswords: boolean;
}

/**
 * The fixed demo passwords are published in the README, so they are only for the emulators' throwaway pools.
 * On AWS the demo players get random passwords, and an admin, staff or organizer account exists only when asked
 * for by name: anyone who reads the README could otherwise sign in as admin on a real pool.
 */
export function seedPlan(target: TargetKind, request: SeedRequest, randomPassword: () => string): SeedPlan {
  const named: UserSpec[] = [
    ...request.admins.map((username) => ({ username, groups: [GROUPS.players, GROUPS.admins] })),
    ...request.staff.map((username) => ({ username, groups: [GROUPS.staff] })),
    ...request.organizers.map((username) => ({ username, groups: [GROUPS.players, GROUPS.organizers] })),
  ].map((user) => ({ ...user, password: randomPassword() }));
  if (target !== 'aws') return { users: [...DEMO_USERS, ...named], randomPasswords: false };
  const players = DEMO_USERS.filter((user) => user.groups.join() === GROUPS.players).map((user) => ({
    ...user,
    password: randomPassword(),
  }));
  return { users: [...players, ...named], randomPasswords: true };
}

/** `--admin NAME`, `--staff NAME`, `--organizer NAME`, each as often as needed. */
export function parseSeedArgs(args: readonly string[]): SeedRequest {
  const request: SeedRequest = { admins: [], staff: [], organizers: [] };
  const lists = { '--admin': request.admins, '--staff': request.staff, '--organizer': request.organizers };
  for (let i = 0; i < args.length; i++) {
    // `tsx scripts/seed-users.ts -- --admin x` passes the separator on (npm run strips it).
    if (args[i] === '--') continue;
    const list = lists[args[i] as keyof typeof lists];
    const name = args[i + 1];
    if (!list || !name || name.startsWith('--')) {
      throw new Error(
        `usage: npm run seed-users -- [--admin NAME] [--staff NAME] [--organizer NAME] (got '${args[i]}')`,
      );
    }
    list.push(name);
    i++;
  }
  return request;
}

/** 24 random characters plus one of each class the pool's password policy requires. */
export function randomPassword(): string {
  return `${randomBytes(18).toString('base64url')}aA1!`;
}
