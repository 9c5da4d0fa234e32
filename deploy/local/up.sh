#!/usr/bin/env bash
# Starts Kafka and FerretDB side by side (each start is a no-op when already running), then prints,
# alone on stdout, the settings that point services and tests at them:
#   export $(bash deploy/local/up.sh)
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

bash "$SCRIPT_DIR/kafka.sh" start &
kafka_start=$!
bash "$SCRIPT_DIR/ferretdb.sh" start &
ferretdb_start=$!
# Wait for both even when the first fails, so that no start is left running behind our back.
failed=0
wait "$kafka_start" || failed=1
wait "$ferretdb_start" || failed=1
((failed == 0)) || exit 1

echo "KAFKA_BROKERS=127.0.0.1:${KAFKA_PORT:-39092} MONGO_URL=mongodb://127.0.0.1:${FERRETDB_PORT:-37017}/"
