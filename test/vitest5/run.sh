#!/usr/bin/env bash
# Runs the end-to-end suite against Vitest 5 on Node 22 (both installed into this folder).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
packs="$(mktemp -d)"
trap 'rm -rf "$packs"' EXIT

npm ci --prefix "$here" --no-audit --no-fund
(cd "$repo" && npm pack --silent --pack-destination "$packs" >/dev/null)
npm install --prefix "$here" --no-save --no-audit --no-fund "$packs"/vitest-wandb-*.tgz

node22="$here/node_modules/node/bin/node"
echo "Vitest $("$node22" "$here/node_modules/vitest/vitest.mjs" --version) on Node $("$node22" --version)"
cd "$repo"
VITEST_WANDB_E2E_ROOT="$here" VITEST_WANDB_E2E_NODE="$node22" npx vitest run test/e2e
