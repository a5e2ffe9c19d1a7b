#!/usr/bin/env bash
# Two builds of the renderer under the stream bench, in alternating rounds (A B A B …), so that the
# shared machine's slow and quiet spells fall on both: compare the CPU per run first, fps second.
#   npx vite build --config renderer/vite.config.ts --outDir /tmp/a   (on the one version)
#   npx vite build --config renderer/vite.config.ts --outDir /tmp/b   (on the other)
#   bench/compare-renderers.sh /tmp/a /tmp/b [rounds=3]
# dist/renderer is put back as it was at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
a=${1:?usage: bench/compare-renderers.sh BUILD_A BUILD_B [ROUNDS]}
b=${2:?usage: bench/compare-renderers.sh BUILD_A BUILD_B [ROUNDS]}
rounds=${3:-3}
for build in "$a" "$b"; do
  [[ -f "$build/index.html" ]] || { echo "compare-renderers: $build holds no renderer build (no index.html)" >&2; exit 2; }
done
kept=$(mktemp -d)
[[ -d dist/renderer ]] && cp -r dist/renderer "$kept/renderer"
restore() { rm -rf dist/renderer; [[ -d "$kept/renderer" ]] && mv "$kept/renderer" dist/renderer; rm -rf "$kept"; }
trap restore EXIT
for round in $(seq 1 "$rounds"); do
  for side in A B; do
    build=$([[ $side == A ]] && echo "$a" || echo "$b")
    rm -rf dist/renderer && mkdir -p dist && cp -r "$build" dist/renderer
    FLOWLOOP_BENCH_NO_BUILD=1 FLOWLOOP_BENCH_UNBATCHED=0 npx tsx bench/renderer-stream.ts 2>/dev/null |
      awk -F'|' -v tag="$side$round" '/^\| host frames/ { printf "%s  timeline %-6s  fps %5s  browser CPU/run %s\n", tag, $3, $7, $11 }'
  done
done
