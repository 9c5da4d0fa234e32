#!/usr/bin/env bash
# FerretDB (MongoDB wire protocol over SQLite) on 127.0.0.1, for tests and local runs without
# Docker or MongoDB. The binary is built with Go from ferretdb/ (see main.go for why it is our own
# main); binary, data and log live in .cache/ferretdb/, and the data survives stop and start.
#
#   deploy/local/ferretdb.sh {start|stop|status|restart}
#   FERRETDB_PORT (default 37017).
#   FERRETDB_STATE_DIR (default .cache/ferretdb) for data, log and pid file: a second server beside
#   the first (the fault suite's, which it restarts). The binary stays in .cache/ferretdb/bin.
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$SCRIPT_DIR/../.." && pwd)

FERRETDB_PORT=${FERRETDB_PORT:-37017}

SERVER_NAME=ferretdb
STATE_DIR="${FERRETDB_STATE_DIR:-$REPO_ROOT/.cache/ferretdb}"
SERVER_PORTS="$FERRETDB_PORT"
START_TIMEOUT_SECONDS=30

SOURCE_DIR="$SCRIPT_DIR/ferretdb"
BIN_DIR="$REPO_ROOT/.cache/ferretdb/bin"
BINARY="$BIN_DIR/ferretdb"
DATA_DIR="$STATE_DIR/data"

# Builds again only when the Go sources changed. go.sum is committed, so no `go mod tidy` here; VCS
# stamping is off because a fresh clone or a copied tree may have no usable git metadata.
build_binary() {
  local source_digest stamp="$BIN_DIR/source.sha256"
  source_digest=$(cat "$SOURCE_DIR/main.go" "$SOURCE_DIR/go.mod" "$SOURCE_DIR/go.sum" "$SOURCE_DIR/patch-id-lookups.sh" | sha256sum)
  if [[ -x $BINARY && -f $stamp && $(<"$stamp") == "$source_digest" ]]; then return; fi
  say "building $BINARY with Go (takes a few minutes without Go's caches)"
  mkdir -p "$BIN_DIR"
  # FerretDB's `_id` lookups, made to use its `_id` index (see patch-id-lookups.sh): the build
  # uses a patched copy of the module through a build-only go.mod, leaving go.mod untouched.
  local module_dir patched_dir="$BIN_DIR/ferretdb-module" build_mod="$BIN_DIR/go.build.mod"
  module_dir=$(cd "$SOURCE_DIR" && go mod download github.com/FerretDB/FerretDB && go list -m -f '{{.Dir}}' github.com/FerretDB/FerretDB)
  "$SOURCE_DIR/patch-id-lookups.sh" "$module_dir" "$patched_dir"
  cp "$SOURCE_DIR/go.mod" "$build_mod"
  cp "$SOURCE_DIR/go.sum" "${build_mod%.mod}.sum"
  (cd "$SOURCE_DIR" && go mod edit -modfile="$build_mod" -replace "github.com/FerretDB/FerretDB=$patched_dir")
  (cd "$SOURCE_DIR" && go build -buildvcs=false -modfile="$build_mod" -o "$BINARY.partial" .) >&2
  mv "$BINARY.partial" "$BINARY"
  echo "$source_digest" >"$stamp"
}

prepare_server() { build_binary; }

launch_server() { launch_detached "$BINARY" -listen "127.0.0.1:$FERRETDB_PORT" -data "$DATA_DIR"; }

# A `ping` command, not only a TCP connect, so that callers can use the server right away.
server_answers() { node "$SOURCE_DIR/probe.js" "mongodb://127.0.0.1:$FERRETDB_PORT/"; }

# shellcheck source=deploy/local/detached-server.sh
source "$SCRIPT_DIR/detached-server.sh"
run_server_command "$@"
