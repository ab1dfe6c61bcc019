#!/usr/bin/env bash
# The benchmarks (npm run bench): starts an emulator of their own on a port of its own with fresh state, deploys
# to it, runs the benchmarks in one go and stops the emulator at the end, so a demo on :4566 or a test run on
# :4577 is never touched. Results: bench/results/<UTC date>.json (written down in BENCHMARKS.md).
#   bash bench/run.sh                         # all, in this order (cold starts first: they need a fresh deploy;
#                                             #   the burst next, on a platform that is still nearly idle)
#   bash bench/run.sh api-latency             # just some: bundles-and-cold-start burst api-latency completion-to-pet missed-day-job
#                                             #   pizza-order-to-delivered pizza-kitchen-throughput pizza-kitchen-io-bound pizza-redrive
#                                             #   live-updates track-ingestion console-page quests dev-loop (last: it redeploys)
#   BENCH_EMULATOR_PORT=4588 (default); BENCH_TIMEOUT_S=900 (default) bounds each benchmark
set -uo pipefail
REPO_ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$REPO_ROOT"
export EMULATOR=ministack
export EMULATOR_PORT="${BENCH_EMULATOR_PORT:-4588}"
export EMULATOR_HOME="$REPO_ROOT/.emulator/bench-$EMULATOR_PORT"
# Fresh state every run and nothing to keep: skip saving state on stop.
export EMULATOR_PERSIST=0
source scripts/lib/target-env.sh

ALL=(bundles-and-cold-start burst api-latency completion-to-pet missed-day-job pizza-order-to-delivered pizza-kitchen-throughput pizza-kitchen-io-bound pizza-redrive live-updates track-ingestion console-page quests dev-loop)
if (($# > 0)); then BENCHES=("$@"); else BENCHES=("${ALL[@]}"); fi
for b in "${BENCHES[@]}"; do
  [[ -f "bench/$b.ts" ]] || { echo "no benchmark bench/$b.ts (one of: ${ALL[*]})"; exit 2; }
done

export BENCH_RESULTS_FILE="${BENCH_RESULTS_FILE:-$REPO_ROOT/bench/results/$(date -u +%F).json}"
# What was measured: the commit, and whether the working tree differed from it (outside bench/).
BENCH_COMMIT="${BENCH_COMMIT:-$(git rev-parse --short HEAD 2>/dev/null || echo unknown)}"
if [[ -z "${BENCH_TREE_DIRTY:-}" ]]; then
  if [[ -n "$(git status --porcelain -- . ':!bench' ':!BENCHMARKS.md' 2>/dev/null)" ]]; then BENCH_TREE_DIRTY=1; else BENCH_TREE_DIRTY=0; fi
fi
export BENCH_COMMIT BENCH_TREE_DIRTY
# A full run writes a file of its own: ratios are only compared within one run.
if (($# == 0)); then rm -f "$BENCH_RESULTS_FILE"; fi

bash scripts/install.sh || exit 1
BENCH_MINISTACK_VERSION="$("$REPO_ROOT/.venv/bin/python" -c 'import importlib.metadata as m; print(m.version("ministack"))' 2>/dev/null || echo unknown)"
export BENCH_MINISTACK_VERSION

stop_emulator() { bash scripts/emulator.sh stop >/dev/null 2>&1 || true; }
trap stop_emulator EXIT
trap 'exit 130' INT TERM

started=$SECONDS
echo "== emulator (MiniStack $BENCH_MINISTACK_VERSION) on :$EMULATOR_PORT with fresh state, and deploy"
bash scripts/emulator.sh stop >/dev/null 2>&1 || true
rm -rf "$EMULATOR_HOME/state" "$OUTPUTS_FILE"
if ! bash scripts/emulator.sh start || ! bash scripts/deploy.sh; then
  echo "The emulator or the deploy failed: no benchmark ran."
  exit 1
fi

failed=()
for b in "${BENCHES[@]}"; do
  echo "== $b"
  t0=$SECONDS
  # Each benchmark bounds its own loops; this is the backstop.
  if ! timeout "${BENCH_TIMEOUT_S:-900}" npx tsx "bench/$b.ts"; then failed+=("$b"); fi
  echo "   ($b took $((SECONDS - t0)) s)"
done

echo "== done in $((SECONDS - started)) s; results in ${BENCH_RESULTS_FILE#"$REPO_ROOT"/}"
if ((${#failed[@]} > 0)); then
  echo "failed: ${failed[*]}"
  exit 1
fi
