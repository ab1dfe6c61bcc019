#!/usr/bin/env bash
# Deploys the app's one stack (its nested stacks with it) to the target: the same bare `cdklocal deploy` a user
# can type after `npm run emulator -- start` (which bootstraps), plus the outputs file the scripts and tests read.
# What the local stage needs (test clock, local limits, the emulator's fix-ups) is in the app, not here.
#   npm run deploy                      # MiniStack on :4566 (start it first: npm run emulator -- start)
#   EMULATOR=localstack npm run deploy  # LocalStack (docker-compose.localstack.yml)
#   EMULATOR=aws npm run deploy         # real AWS, with your credentials (cdk bootstrap once per account/region)
# Local options, passed on as CDK context only when set: TEST_CLOCK=off deploys without the test clock, as AWS
# always is; LOCAL_FUNCTION_CONCURRENCY / LOCAL_CONSUMER_CONCURRENCY raise the local limits (default 2, docs/under-load.md)
# on a bigger machine.
set -euo pipefail
source "$(dirname "$0")/lib/target-env.sh"
cd "$REPO_ROOT"
log="$(dirname "$CDK_OUT_DIR")/deploy.log"
if [[ "$EMULATOR" == "aws" ]]; then
  npx cdk deploy --outputs-file "$OUTPUTS_FILE" --output "$CDK_OUT_DIR" "$@"
  exit 0
fi
context=()
[[ -n "${TEST_CLOCK:-}" ]] && context+=(-c "testClock=$TEST_CLOCK")
[[ -n "${LOCAL_FUNCTION_CONCURRENCY:-}" ]] && context+=(-c "localFunctionConcurrency=$LOCAL_FUNCTION_CONCURRENCY")
[[ -n "${LOCAL_CONSUMER_CONCURRENCY:-}" ]] && context+=(-c "localConsumerConcurrency=$LOCAL_CONSUMER_CONCURRENCY")
echo "Deploying to $EMULATOR at $AWS_ENDPOINT_URL (log: ${log#$REPO_ROOT/})"
started=$(date +%s)
if ! npx cdklocal deploy "${context[@]}" --outputs-file "$OUTPUTS_FILE" --output "$CDK_OUT_DIR" "$@" >"$log" 2>&1 \
  || grep -qE "CREATE_FAILED|UPDATE_FAILED" "$log"; then
  grep -E "FAILED|Error|❌" "$log" | head -20; echo "deploy failed (see $log)"; exit 1
fi
echo "Deployed in $(( $(date +%s) - started )) s; outputs in ${OUTPUTS_FILE#$REPO_ROOT/}"
