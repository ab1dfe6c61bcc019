/**
 * The AWS SDK's default credential chain, as a Lambda function needs it: from the environment. Lambda (and the
 * emulators) put the function's credentials in AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN,
 * so the rest of the chain (SSO, INI files, web identity, STS role assumption, instance metadata) is never
 * reached in a function, yet it is about 90 KB of every bundle (the nested STS/SSO/Signin clients). The bundler
 * aliases `@aws-sdk/credential-provider-node` to this file for the functions only
 * (infra/constructs/service-function.ts); scripts, tests and the CDK app keep the full chain.
 */
import { fromEnv } from '@aws-sdk/credential-provider-env';

type FromEnvInit = Parameters<typeof fromEnv>[0];

export const defaultProvider = (init: FromEnvInit = {}) => fromEnv(init);

/** As in the full chain: credentials with an expiration are refreshed 5 minutes before it. */
export const credentialsWillNeedRefresh = (credentials: { expiration?: Date }) =>
  credentials?.expiration !== undefined;
export const credentialsTreatedAsExpired = (credentials: { expiration?: Date }) =>
  credentials?.expiration !== undefined && credentials.expiration.getTime() - Date.now() < 300_000;
