#!/usr/bin/env bash
# Deploys the stack to the target and makes the queues right where the target needs it.
#   npm run deploy                      # MiniStack on :4566 (start it first: npm run emulator -- start)
#   EMULATOR=localstack npm run deploy  # LocalStack (docker-compose.localstack.yml)
#   EMULATOR=aws npm run deploy         # real AWS, with your credentials (cdk bootstrap once per account/region)
set -euo pipefail
source "$(dirname "$0")/lib/target-env.sh"
cd "$REPO_ROOT"
log="$(dirname "$CDK_OUT_DIR")/deploy.log"
if [[ "$EMULATOR" == "aws" ]]; then
  npx cdk deploy --all --require-approval never --outputs-file "$OUTPUTS_FILE" --output "$CDK_OUT_DIR" "$@"
  exit 0
fi
echo "Deploying to $EMULATOR at $AWS_ENDPOINT_URL (log: ${log#$REPO_ROOT/})"
started=$(date +%s)
if ! npx cdklocal bootstrap "aws://000000000000/$AWS_REGION" --output "$CDK_OUT_DIR" >"$log" 2>&1; then
  tail -30 "$log"; echo "bootstrap failed"; exit 1
fi
# Local targets get the test clock (npm run clock); TEST_CLOCK=off deploys without it, as AWS always is.
# Local-only limits that fit the stack to a small machine (infra/constructs/local-limits.ts, README "Under load").
# A deploy to AWS (above) passes none. Raise them on a bigger machine, e.g. LOCAL_FUNCTION_CONCURRENCY=8.
# stage=local: a throwaway stack whose tables and user pool go with it (AWS, without it, retains them).
local_limits=(--context "localFunctionConcurrency=${LOCAL_FUNCTION_CONCURRENCY:-2}"
  --context "localConsumerConcurrency=${LOCAL_CONSUMER_CONCURRENCY:-2}")
if ! npx cdklocal deploy --all --require-approval never -c stage=local -c testClock="${TEST_CLOCK:-on}" "${local_limits[@]}" --outputs-file "$OUTPUTS_FILE" --output "$CDK_OUT_DIR" >>"$log" 2>&1 \
  || grep -qE "CREATE_FAILED|UPDATE_FAILED" "$log"; then
  grep -E "FAILED|Error|❌" "$log" | head -20; echo "deploy failed (see $log)"; exit 1
fi
echo "Deployed in $(( $(date +%s) - started )) s; outputs in ${OUTPUTS_FILE#$REPO_ROOT/}"
npx tsx scripts/post-deploy/ensure-queue-redrive-policies.ts
npx tsx scripts/post-deploy/ensure-table-ttl.ts
npx tsx scripts/post-deploy/ensure-reserved-concurrency.ts
npx tsx scripts/post-deploy/warm-payments.ts
