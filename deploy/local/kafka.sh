#!/usr/bin/env bash
# Single-node Kafka 3.9 broker (KRaft, broker and controller in one process) on 127.0.0.1, for
# tests and local runs without Docker. Its jars come from Maven Central through kafka/pom.xml;
# jars, data and log live in .cache/kafka/, and the data survives stop, start and restart.
#
#   deploy/local/kafka.sh {start|stop|status|restart}
#   KAFKA_PORT (default 39092) for clients, KAFKA_CONTROLLER_PORT (default 39093) for KRaft.
#   KAFKA_STATE_DIR (default .cache/kafka) for data, log and pid file: a second broker beside the
#   first (the fault suite's, which it stops and restarts). The jars stay in .cache/kafka/lib.
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$SCRIPT_DIR/../.." && pwd)

KAFKA_PORT=${KAFKA_PORT:-39092}
KAFKA_CONTROLLER_PORT=${KAFKA_CONTROLLER_PORT:-39093}

SERVER_NAME=kafka
STATE_DIR="${KAFKA_STATE_DIR:-$REPO_ROOT/.cache/kafka}"
SERVER_PORTS="$KAFKA_PORT $KAFKA_CONTROLLER_PORT"
START_TIMEOUT_SECONDS=90

POM="$SCRIPT_DIR/kafka/pom.xml"
LIB_DIR="$REPO_ROOT/.cache/kafka/lib"
DATA_DIR="$STATE_DIR/data"
CONFIG_FILE="$STATE_DIR/server.properties"
# The classpath wildcard is quoted on purpose: java expands it, not the shell.
KAFKA_JAVA=(java -Dlog4j.configuration="file:$SCRIPT_DIR/kafka/log4j.properties" -cp "$LIB_DIR/*")

# Fetches the jars again only when pom.xml changed. They are copied to a staging directory first,
# so that an interrupted download never looks complete.
fetch_broker_jars() {
  local pom_digest stamp="$LIB_DIR/pom.sha256"
  pom_digest=$(sha256sum <"$POM")
  if [[ -f $stamp && $(<"$stamp") == "$pom_digest" ]]; then return; fi
  say "fetching the broker's jars with Maven into $LIB_DIR"
  local staging="$LIB_DIR.partial"
  rm -rf "$staging"
  # Maven writes errors to stdout, mixed with colour codes even in batch mode: keep them in a file.
  local maven_log="$STATE_DIR/maven.log"
  if ! mvn -q -B -f "$POM" dependency:copy-dependencies -DincludeScope=runtime \
    -DoutputDirectory="$staging" >"$maven_log" 2>&1; then
    say "Maven failed; last lines of $maven_log:"
    tail -n 40 "$maven_log" >&2
    exit 1
  fi
  echo "$pom_digest" >"$staging/pom.sha256"
  rm -rf "$LIB_DIR"
  mv "$staging" "$LIB_DIR"
}

# Written at every start, so that changed ports take effect; the data directory stays as it is.
write_server_properties() {
  cat >"$CONFIG_FILE" <<EOF
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
log.dirs=$DATA_DIR
# One broker: every internal topic has a single replica.
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
min.insync.replicas=1
default.replication.factor=1
# Tests join consumer groups all the time; the default 3 s delay would slow every one of them.
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=true
num.partitions=3
# The platform gives its topics a retention of their own (unlimited for events, a set time for
# dead letters); a topic made otherwise keeps everything too instead of Kafka's default 7 days.
log.retention.ms=-1
EOF
}

# KRaft needs its storage formatted once with a cluster id; formatting again would be refused.
format_storage_once() {
  if [[ -f $DATA_DIR/meta.properties ]]; then return; fi
  local cluster_id
  cluster_id=$("${KAFKA_JAVA[@]}" kafka.tools.StorageTool random-uuid)
  say "formatting $DATA_DIR (cluster $cluster_id)"
  "${KAFKA_JAVA[@]}" kafka.tools.StorageTool format -t "$cluster_id" -c "$CONFIG_FILE" -g >&2
}

prepare_server() {
  fetch_broker_jars
  write_server_properties
  format_storage_once
}

launch_server() {
  launch_detached "${KAFKA_JAVA[@]}" -Xmx512m kafka.Kafka "$CONFIG_FILE"
}

# Real requests, not only a TCP connect: the port opens before the broker can serve clients.
server_answers() { node "$SCRIPT_DIR/kafka/probe.js" "127.0.0.1:$KAFKA_PORT"; }

# shellcheck source=deploy/local/detached-server.sh
source "$SCRIPT_DIR/detached-server.sh"
run_server_command "$@"
