#!/usr/bin/env bash
# Stops Kafka and FerretDB side by side; their data stays in .cache/ for the next start.
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

bash "$SCRIPT_DIR/kafka.sh" stop &
kafka_stop=$!
bash "$SCRIPT_DIR/ferretdb.sh" stop &
ferretdb_stop=$!
failed=0
wait "$kafka_stop" || failed=1
wait "$ferretdb_stop" || failed=1
exit "$failed"
