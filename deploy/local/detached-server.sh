# shellcheck shell=bash
# Sourced by kafka.sh and ferretdb.sh: runs one server as a detached process on loopback, with a
# pid file, a log file and a lock, so that start, stop, status and restart are idempotent and safe
# to call from several shells or test runs at once.
#
# The sourcing script sets
#   SERVER_NAME           short name for messages and files (kafka, ferretdb)
#   STATE_DIR             its directory under .cache/: data, log, pid file, lock
#   SERVER_PORTS          the loopback ports it listens on; the first one is where clients connect
#   START_TIMEOUT_SECONDS how long a start may take before it counts as failed
# and defines
#   prepare_server        fetch or build what is missing, write configuration (runs under the lock)
#   launch_server         `launch_detached <command...>`
#   server_answers        exit 0 when the server answers a real request, not only a TCP connect
# then calls `run_server_command "$@"`.
#
# Progress goes to stderr, so stdout carries only what callers may parse (status lines).
# libs/testing/global-setup.ts reads the pid file to tell whether its start launched the server.

PID_FILE="$STATE_DIR/$SERVER_NAME.pid"
LOG_FILE="$STATE_DIR/$SERVER_NAME.log"
STOP_TIMEOUT_SECONDS=30
# A first start may wait behind another caller that is still downloading and building.
LOCK_TIMEOUT_SECONDS=900

say() { printf '%s: %s\n' "$SERVER_NAME" "$*" >&2; }

fail_with_log() {
  say "$1; last lines of $LOG_FILE:"
  tail -n 40 "$LOG_FILE" >&2 || true
  exit 1
}

# Serialises start, stop and restart between callers until this script exits.
hold_lock() {
  mkdir -p "$STATE_DIR"
  exec 9>"$STATE_DIR/lock"
  flock -w "$LOCK_TIMEOUT_SECONDS" 9 || { say "another start or stop still holds $STATE_DIR/lock"; exit 1; }
}

# A zombie counts as gone: `kill -0` would still find it, and this machine's init may not reap it.
is_running() {
  local state
  state=$(ps -p "$1" -o stat= 2>/dev/null) || return 1
  [[ $state != Z* ]]
}

# The pid in the pid file, if that process is still our server: its command line must name
# STATE_DIR, which rules out a pid recycled by an unrelated process. (The arguments are captured
# rather than piped into `grep -q`, which under pipefail could fail the match through SIGPIPE.)
running_pid() {
  local pid args
  pid=$(cat "$PID_FILE" 2>/dev/null) || return 0
  if [[ -z $pid ]] || ! is_running "$pid"; then return 0; fi
  args=$(ps -ww -p "$pid" -o args= 2>/dev/null) || return 0
  if [[ $args == *"$STATE_DIR"* ]]; then echo "$pid"; fi
}

port_accepts() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

client_port() { echo "${SERVER_PORTS%% *}"; }

# Starts the command in its own session, so that a Ctrl-C or a closing terminal does not reach it,
# with every standard descriptor on the log file: a caller reading our output through a pipe (CI,
# `$(...)`) would otherwise wait for the server to exit. Descriptor 9 is closed too, or the server
# would hold the lock for its whole life.
launch_detached() {
  : >"$LOG_FILE"
  setsid "$@" </dev/null >>"$LOG_FILE" 2>&1 9>&- &
  # A background job of a script shares the script's process group, so setsid calls setsid()
  # itself instead of forking, and $! is the server's own pid.
  echo $! >"$PID_FILE"
}

# The pid is known to be our server here, so only its liveness is checked: right after the launch
# its command line is still the one of this script, until setsid and then the server are exec'ed.
wait_until_answers() {
  local pid=$1 deadline=$((SECONDS + START_TIMEOUT_SECONDS))
  until port_accepts "$(client_port)" && server_answers; do
    if ! is_running "$pid"; then
      rm -f "$PID_FILE"
      fail_with_log "exited while starting"
    fi
    ((SECONDS < deadline)) || return 1
    sleep 0.5
  done
}

wait_until_gone() {
  local pid=$1 deadline=$((SECONDS + $2))
  while is_running "$pid"; do
    ((SECONDS < deadline)) || return 1
    sleep 0.2
  done
}

start_server() {
  local pid
  pid=$(running_pid)
  if [[ -n $pid ]]; then
    wait_until_answers "$pid" || fail_with_log "pid $pid runs but does not answer"
    say "already running (pid $pid)"
    return
  fi
  local port
  for port in $SERVER_PORTS; do
    if port_accepts "$port"; then
      say "port $port is taken by a process not started from $STATE_DIR; stop it or choose other ports"
      exit 1
    fi
  done
  prepare_server
  launch_server
  pid=$(<"$PID_FILE")
  if ! wait_until_answers "$pid"; then
    stop_server >/dev/null 2>&1
    fail_with_log "did not answer within ${START_TIMEOUT_SECONDS}s, stopped it"
  fi
  say "ready on 127.0.0.1:$(client_port) (pid $pid)"
}

# SIGTERM lets the server close its data cleanly; SIGKILL only if it hangs.
stop_server() {
  local pid
  pid=$(running_pid)
  if [[ -z $pid ]]; then
    rm -f "$PID_FILE"
    say "not running"
    return
  fi
  say "stopping (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  if ! wait_until_gone "$pid" "$STOP_TIMEOUT_SECONDS"; then
    say "still running after ${STOP_TIMEOUT_SECONDS}s, killing it"
    kill -KILL "$pid" 2>/dev/null || true
    wait_until_gone "$pid" 10 || { say "pid $pid survived SIGKILL"; exit 1; }
  fi
  rm -f "$PID_FILE"
  say "stopped"
}

# Exit status 0: running and answering; 1: running but not answering; 3: stopped.
report_status() {
  local pid
  pid=$(running_pid)
  if [[ -z $pid ]]; then
    echo "$SERVER_NAME: stopped"
    return 3
  fi
  if port_accepts "$(client_port)" && server_answers; then
    echo "$SERVER_NAME: running (pid $pid) on 127.0.0.1:$(client_port)"
    return 0
  fi
  echo "$SERVER_NAME: pid $pid runs but does not answer on 127.0.0.1:$(client_port)"
  return 1
}

run_server_command() {
  case "${1:-}" in
    start)
      hold_lock
      start_server
      ;;
    stop)
      hold_lock
      stop_server
      ;;
    restart)
      hold_lock
      stop_server
      start_server
      ;;
    status) report_status ;;
    *)
      echo "usage: $0 {start|stop|status|restart}" >&2
      exit 2
      ;;
  esac
}
