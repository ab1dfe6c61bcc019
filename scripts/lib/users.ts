import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminInitiateAuthCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { GROUPS, type GroupName } from '../../shared/identity';
import { apiBaseUrl, clientConfig, loadOutputs, type StackOutputs } from './target';

export interface UserSpec {
  username: string;
  password: string;
  groups: GroupName[];
}

/** The demo's users. These passwords are for the local emulator's throwaway pool only. */
export const DEMO_USERS: readonly UserSpec[] = [
  { username: 'alice', password: 'Alice-Passw0rd!', groups: [GROUPS.players] },
  { username: 'bob', password: 'Bob-Passw0rd!!', groups: [GROUPS.players] },
  { username: 'admin', password: 'Admin-Passw0rd!', groups: [GROUPS.players, GROUPS.admins] },
  { username: 'staff', password: 'Staff-Passw0rd!', groups: [GROUPS.staff] },
  { username: 'organizer', password: 'Organizer-Passw0rd!', groups: [GROUPS.players, GROUPS.organizers] },
];

export interface Tokens {
  accessToken: string;
  idToken: string;
}

export function identityClient() {
  return new CognitoIdentityProviderClient(clientConfig());
}

/** Creates the user with a permanent password and its groups; running it again changes nothing. */
export async function ensureUser(user: UserSpec, outputs: StackOutputs = loadOutputs()): Promise<void> {
  const idp = identityClient();
  const UserPoolId = outputs.UserPoolId;
  try {
    await idp.send(
      new AdminCreateUserCommand({
        UserPoolId,
        Username: user.username,
        MessageAction: 'SUPPRESS',
        TemporaryPassword: `${user.password}-tmp1A`,
      }),
    );
  } catch (error) {
    if ((error as Error).name !== 'UsernameExistsException') throw error;
  }
  await idp.send(
    new AdminSetUserPasswordCommand({
      UserPoolId,
      Username: user.username,
      Password: user.password,
      Permanent: true,
    }),
  );
  for (const GroupName of user.groups) {
    await idp.send(new AdminAddUserToGroupCommand({ UserPoolId, Username: user.username, GroupName }));
  }
}

/**
 * Signs in at the pool with the operator's own credentials (ADMIN_USER_PASSWORD_AUTH, IAM-signed, as the sign-in
 * route's function does): the app client allows no unsigned password flow.
 */
export async function signIn(
  username: string,
  password: string,
  outputs: StackOutputs = loadOutputs(),
): Promise<Tokens> {
  const result = await identityClient().send(
    new AdminInitiateAuthCommand({
      AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
      UserPoolId: outputs.UserPoolId,
      ClientId: outputs.UserPoolClientId,
      AuthParameters: { USERNAME: username, PASSWORD: password },
    }),
  );
  const auth = result.AuthenticationResult;
  if (!auth?.AccessToken || !auth.IdToken) throw new Error(`No tokens for ${username}`);
  return { accessToken: auth.AccessToken, idToken: auth.IdToken };
}

/** A demo user; `PASSWORD_<NAME>` (e.g. PASSWORD_ALICE) replaces the fixed password, as on AWS, where seed-users draws one. */
export function demoUser(username: string, env: NodeJS.ProcessEnv = process.env): UserSpec {
  const user = DEMO_USERS.find((u) => u.username === username);
  if (!user)
    throw new Error(
      `Unknown demo user '${username}': one of ${DEMO_USERS.map((u) => u.username).join(', ')}`,
    );
  return { ...user, password: env[`PASSWORD_${username.toUpperCase()}`] ?? user.password };
}

/**
 * Signs in the way users do: POST /auth/sign-in on the platform's API, which records the sign-in (user.signed_in)
 * and answers the pool's tokens. `signIn` above goes to the pool directly and records nothing; the other tests'
 * fixtures keep it, so that their users' sign-ins neither progress quests nor count against the route's throttle.
 */
export async function signInThroughApi(
  username: string,
  password: string,
  outputs: StackOutputs = loadOutputs(),
): Promise<Tokens> {
  const response = await fetch(`${apiBaseUrl(outputs)}/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const body = (await response.json().catch(() => ({}))) as Record<string, string>;
  if (response.status !== 200 || !body.accessToken || !body.idToken) {
    throw new Error(
      `Sign-in of ${username} answered ${response.status}: ${body.message ?? JSON.stringify(body)}`,
    );
  }
  return { accessToken: body.accessToken, idToken: body.idToken };
}
