#!/usr/bin/env bash
# Local AWS emulator for development and tests: MiniStack (default, no Docker) or LocalStack (Docker).
#   scripts/emulator.sh install | start | stop | reset | status | url
# `start` also makes the CDK bootstrap stack, so that a bare `npx cdklocal deploy` works next.
# Environment:
#   EMULATOR=ministack|localstack   (default ministack)
#   EMULATOR_PORT=4566              (gateway port)
#   EMULATOR_HOME=<repo>/.emulator/<port>   (state/, logs/ministack.log, ministack.pid; git-ignored)
#   EMULATOR_PERSIST=1              (MiniStack: save state to EMULATOR_HOME/state on a clean stop; 0 = in memory only)
#   EMULATOR_START_TIMEOUT=60       (seconds to wait for health)
# `status` exits 0 when running, 3 when not running, 1 when the recorded process is alive but not answering.
# MiniStack runs functions on the first `node` on its PATH: it starts with the project's Node first (the version
# .nvmrc pins, the stack's runtime major; scripts/lib/node-runtime.sh), so functions never run on the host's Node.
# Facts about the pinned MiniStack version: docs/emulator-facts.md
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$REPO_ROOT/scripts/lib/node-runtime.sh"
EMULATOR="${EMULATOR:-ministack}"
EMULATOR_PORT="${EMULATOR_PORT:-4566}"
EMULATOR_HOME="${EMULATOR_HOME:-$REPO_ROOT/.emulator/$EMULATOR_PORT}"
EMULATOR_PERSIST="${EMULATOR_PERSIST:-1}"
EMULATOR_START_TIMEOUT="${EMULATOR_START_TIMEOUT:-60}"
VENV="$REPO_ROOT/.venv"
REQUIREMENTS="$REPO_ROOT/emulator/requirements.txt"
STAMP="$VENV/.emulator-requirements.sha256"
PID_FILE="$EMULATOR_HOME/ministack.pid"
FUNCTIONS_NODE_FILE="$EMULATOR_HOME/functions-node"
LOG_FILE="$EMULATOR_HOME/logs/ministack.log"
STATE_DIR="$EMULATOR_HOME/state"
COMPOSE_FILE="$REPO_ROOT/docker-compose.localstack.yml"
URL="http://localhost:$EMULATOR_PORT"
HEALTH_URL="http://127.0.0.1:$EMULATOR_PORT/_localstack/health"

say() { echo "emulator: $*"; }
die() { echo "emulator: error: $*" >&2; exit 1; }

healthy() { curl -sf -m 2 -o /dev/null "$HEALTH_URL"; }
port_in_use() {
  # true if something accepts TCP connections on the port
  (exec 3<>"/dev/tcp/127.0.0.1/$EMULATOR_PORT") 2>/dev/null
}
our_pid() {
  # prints the recorded pid if that process is alive
  [[ -f "$PID_FILE" ]] || return 1
  local pid; pid="$(cat "$PID_FILE" 2>/dev/null || true)"
  [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null && echo "$pid"
}
wait_healthy() {
  local what="$1" pid="${2:-}" deadline=$((SECONDS + EMULATOR_START_TIMEOUT))
  while ((SECONDS < deadline)); do
    if healthy; then return 0; fi
    if [[ -n "$pid" ]] && ! kill -0 "$pid" 2>/dev/null; then
      say "$what exited during start-up; last log lines ($LOG_FILE):"
      tail -n 30 "$LOG_FILE" >&2 || true
      return 1
    fi
    sleep 0.3
  done
  say "$what did not answer $HEALTH_URL within ${EMULATOR_START_TIMEOUT}s"
  [[ -n "$pid" ]] && tail -n 30 "$LOG_FILE" >&2 || true
  return 1
}

requirements_hash() {
  { cat "$REQUIREMENTS"; python_bin --version 2>&1; } | sha256sum | cut -d' ' -f1
}
python_bin() { "$VENV/bin/python" "$@"; }

cmd_install() {
  node_runtime_install || die "the functions' Node $NODE_RUNTIME_MAJOR could not be installed (see above)"
  command -v python3 >/dev/null || die "python3 is not on PATH (need Python >= 3.10)"
  if [[ ! -x "$VENV/bin/python" ]]; then
    say "creating $VENV"
    python3 -m venv "$VENV"
  fi
  local want; want="$(requirements_hash)"
  if [[ -f "$STAMP" && "$(cat "$STAMP")" == "$want" && -x "$VENV/bin/ministack" ]]; then
    say "MiniStack $(ministack_version) already installed in ${VENV#"$REPO_ROOT"/}"
    return 0
  fi
  say "installing emulator/requirements.txt into ${VENV#"$REPO_ROOT"/}"
  python_bin -m pip install --quiet --disable-pip-version-check --no-input -r "$REQUIREMENTS"
  echo "$want" >"$STAMP"
  say "installed MiniStack $(ministack_version)"
}
ministack_version() {
  python_bin -c 'import importlib.metadata as m; print(m.version("ministack"))' 2>/dev/null || echo "?"
}

# The CDK bootstrap stack (asset bucket, roles) that a bare `cdklocal deploy` needs: made on every start, since
# an emulator's state can be fresh; on a running one it is a no-op. A deploy to AWS bootstraps once, by hand.
cdk_bootstrap() {
  local log="$EMULATOR_HOME/logs/bootstrap.log"
  mkdir -p "$(dirname "$log")"
  if ! (source "$REPO_ROOT/scripts/lib/target-env.sh" && cd "$REPO_ROOT" \
    && npx cdklocal bootstrap "aws://000000000000/$AWS_REGION" --output "$CDK_OUT_DIR") >"$log" 2>&1; then
    tail -n 20 "$log" >&2
    die "CDK bootstrap failed (log: ${log#"$REPO_ROOT"/})"
  fi
  say "CDK bootstrap stack ready (a bare \`npx cdklocal deploy\` now deploys the app)"
}

# ---------- MiniStack ----------
ministack_start() {
  local pid
  if pid="$(our_pid)"; then
    if healthy; then
      say "MiniStack already running (pid $pid) at $URL"
      local running; running="$(cat "$FUNCTIONS_NODE_FILE" 2>/dev/null || echo "the host's")"
      [[ "$running" == "v$NODE_RUNTIME_VERSION" ]] \
        || say "its functions run on Node $running, not v$NODE_RUNTIME_VERSION (.nvmrc): restart it (stop, start)"
      return 0
    fi
    say "MiniStack (pid $pid) is running but not healthy yet; waiting"
    wait_healthy MiniStack "$pid" || die "MiniStack (pid $pid) is not healthy; try: scripts/emulator.sh reset"
    say "MiniStack running (pid $pid) at $URL"
    return 0
  fi
  rm -f "$PID_FILE"
  if port_in_use; then
    die "port $EMULATOR_PORT is already in use by another process (not the MiniStack recorded in $PID_FILE). Stop it or choose another port: EMULATOR_PORT=4567 scripts/emulator.sh start"
  fi
  cmd_install >/dev/null
  mkdir -p "$STATE_DIR" "$(dirname "$LOG_FILE")"
  local functions_node; functions_node="$(node_runtime_bin)"
  say "starting MiniStack $(ministack_version) on port $EMULATOR_PORT, functions on Node $("$functions_node/node" -v) (log: ${LOG_FILE#"$REPO_ROOT"/})"
  "$functions_node/node" -v >"$FUNCTIONS_NODE_FILE"
  # setsid: MiniStack and the node/python worker processes it spawns for Lambdas share one process group,
  # so `stop` can end them all. The pid recorded is the group leader.
  (
    cd "$EMULATOR_HOME"
    export GATEWAY_PORT="$EMULATOR_PORT" \
      BIND_HOST="${EMULATOR_BIND_HOST:-127.0.0.1}" \
      MINISTACK_HOST=localhost \
      MINISTACK_REGION=us-east-1 \
      LAMBDA_EXECUTOR=local \
      STATE_DIR="$STATE_DIR" \
      PERSIST_STATE="$EMULATOR_PERSIST" \
      S3_PERSIST="$EMULATOR_PERSIST" \
      S3_DATA_DIR="$STATE_DIR/s3" \
      IOT_MTLS_ENABLED=0 \
      SFTP_ENABLED=0 \
      TMPDIR="$EMULATOR_HOME/tmp" \
      AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=us-east-1 AWS_REGION=us-east-1 \
      LOG_LEVEL="${EMULATOR_LOG_LEVEL:-INFO}" \
      PYTHONUNBUFFERED=1 \
      PATH="$functions_node:$PATH"
    # Lambda workers inherit this environment: a caller's AWS_ENDPOINT_URL* (e.g. from scripts/lib/target-env.sh)
    # must not leak in; MiniStack then injects AWS_ENDPOINT_URL=http://127.0.0.1:<port> into every function.
    unset AWS_PROFILE AWS_SESSION_TOKEN
    while read -r v; do unset "$v"; done < <(compgen -e | grep '^AWS_ENDPOINT_URL' || true)
    mkdir -p "$TMPDIR"
    exec setsid "$VENV/bin/ministack" </dev/null >>"$LOG_FILE" 2>&1
  ) &
  pid=$!
  echo "$pid" >"$PID_FILE"
  local t0=$SECONDS
  if ! wait_healthy MiniStack "$pid"; then
    ministack_stop >/dev/null 2>&1 || true
    die "MiniStack failed to start"
  fi
  say "MiniStack running (pid $pid) at $URL after $((SECONDS - t0))s"
  cdk_bootstrap
}

process_tree() {
  # pid and all its descendants (for workers that left the process group)
  local p="$1" c
  echo "$p"
  for c in $(pgrep -P "$p" 2>/dev/null || true); do process_tree "$c"; done
}

ministack_stop() {
  local pid
  if ! pid="$(our_pid)"; then
    rm -f "$PID_FILE"
    say "MiniStack not running (port $EMULATOR_PORT)"
    return 0
  fi
  local pids; pids="$(process_tree "$pid" | tr '\n' ' ')"
  say "stopping MiniStack (pid $pid)"
  # TERM the leader first: MiniStack saves state (PERSIST_STATE) on a clean shutdown
  kill -TERM "$pid" 2>/dev/null || true
  local i
  for ((i = 0; i < 100; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then
    say "MiniStack did not exit within 10s; killing it"
  fi
  # whatever is left: the whole process group (Lambda workers) and any descendant seen before
  kill -KILL -- "-$pid" 2>/dev/null || true
  # shellcheck disable=SC2086
  kill -KILL $pids 2>/dev/null || true
  rm -f "$PID_FILE"
  say "MiniStack stopped"
}

ministack_status() {
  local pid
  if pid="$(our_pid)" && healthy; then
    say "MiniStack running (pid $pid) at $URL"
  elif pid="$(our_pid)"; then
    say "MiniStack process $pid alive but not answering at $URL"
    return 1
  elif port_in_use; then
    say "not running (port $EMULATOR_PORT is used by another process) - $URL"
    return 3
  else
    say "MiniStack not running - $URL"
    return 3
  fi
}

# ---------- LocalStack ----------
require_docker() {
  command -v docker >/dev/null || die "docker is not installed; LocalStack needs Docker (or use EMULATOR=ministack)"
  docker info >/dev/null 2>&1 || die "the Docker engine is not reachable (docker info failed); LocalStack needs it (or use EMULATOR=ministack)"
}
compose() {
  EMULATOR_PORT="$EMULATOR_PORT" docker compose -f "$COMPOSE_FILE" -p "localstack-$EMULATOR_PORT" "$@"
}
localstack_start() {
  [[ -n "${LOCALSTACK_AUTH_TOKEN:-}" ]] || die "LOCALSTACK_AUTH_TOKEN is not set (LocalStack Pro image); export it or use EMULATOR=ministack"
  require_docker
  if healthy; then say "LocalStack already answering at $URL"; return 0; fi
  port_in_use && die "port $EMULATOR_PORT is already in use by another process"
  say "starting LocalStack on port $EMULATOR_PORT (docker compose)"
  compose up -d
  wait_healthy LocalStack || { compose logs --tail 30 || true; die "LocalStack failed to start"; }
  say "LocalStack running at $URL"
  cdk_bootstrap
}
localstack_stop() {
  if ! command -v docker >/dev/null || ! docker info >/dev/null 2>&1; then
    say "LocalStack not running (no Docker engine)"; return 0
  fi
  compose down
  say "LocalStack stopped"
}
localstack_status() {
  if healthy; then say "LocalStack running at $URL"; else say "LocalStack not running - $URL"; return 3; fi
}

# ---------- dispatch ----------
usage() {
  echo "usage: scripts/emulator.sh install|start|stop|reset|status|url   (EMULATOR=$EMULATOR EMULATOR_PORT=$EMULATOR_PORT)" >&2
  exit 2
}
case "$EMULATOR" in
  ministack | localstack) ;;
  *) die "EMULATOR must be ministack or localstack (got '$EMULATOR')" ;;
esac
cmd="${1:-}"
case "$cmd" in
  install) cmd_install ;;
  start) "${EMULATOR}_start" ;;
  stop) "${EMULATOR}_stop" ;;
  reset)
    "${EMULATOR}_stop"
    if [[ "$EMULATOR" == ministack ]]; then
      rm -rf "$STATE_DIR"
      say "deleted ${STATE_DIR#"$REPO_ROOT"/}"
    fi
    "${EMULATOR}_start"
    ;;
  status) "${EMULATOR}_status" ;;
  url) echo "$URL" ;;
  *) usage ;;
esac
