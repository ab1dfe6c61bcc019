# Sourced by the shell scripts: points the AWS CLI tools (cdklocal, cdk, SDK) at the chosen target.
#   EMULATOR=ministack (default) | localstack | aws        EMULATOR_PORT=4566 (default)
# The endpoint variables are set here, for these scripts only, never in the user's shell.
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export EMULATOR="${EMULATOR:-ministack}"
export EMULATOR_PORT="${EMULATOR_PORT:-4566}"
export CDK_DISABLE_CLI_TELEMETRY=true
export NODE_NO_WARNINGS=1
if [[ "$EMULATOR" != "aws" ]]; then
  export EMULATOR_HOME="${EMULATOR_HOME:-$REPO_ROOT/.emulator/$EMULATOR_PORT}"
  export OUTPUTS_FILE="${OUTPUTS_FILE:-$EMULATOR_HOME/outputs.json}"
  export CDK_OUT_DIR="$EMULATOR_HOME/cdk.out"
  # cdklocal's default host (localhost.localstack.cloud) needs public DNS; S3 must be an IP for path-style URLs.
  export AWS_ENDPOINT_URL="http://localhost:$EMULATOR_PORT"
  export AWS_ENDPOINT_URL_S3="http://127.0.0.1:$EMULATOR_PORT"
  export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test
  export AWS_REGION="${AWS_REGION:-us-east-1}" AWS_DEFAULT_REGION="${AWS_REGION:-us-east-1}"
  export CDK_DEFAULT_ACCOUNT=000000000000 CDK_DEFAULT_REGION="$AWS_REGION"
else
  export OUTPUTS_FILE="${OUTPUTS_FILE:-$REPO_ROOT/cdk-outputs.json}"
  export CDK_OUT_DIR="$REPO_ROOT/cdk.out"
fi
mkdir -p "$CDK_OUT_DIR"
