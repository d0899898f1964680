#!/usr/bin/env bash
# The project's test command: real Kafka and real ClickHouse, no Docker.
# Tested against ClickHouse 18.16 over HTTP (the Debian server) and against 26.7
# (chDB, in-process) for all SQL (the sql-compat module).
#
# Usage: scripts/test.sh [maven args...]        e.g. scripts/test.sh -pl consumer -am
#
# Starts a Kafka broker (scripts/kafka.sh) and a ClickHouse server
# (scripts/clickhouse.sh) on free ports in a fresh temporary directory, fetches
# chDB's libchdb.so once into a cache outside the repository (scripts/chdb.sh),
# runs
#   ./mvnw -B verify "$@"
# from the repository root with the variables below exported, then stops both
# servers whatever happens (success, failure, Ctrl-C, SIGTERM). Exit status = Maven's.
#
# Exported to the build (and so to Surefire/Failsafe test JVMs):
#   KAFKA_BOOTSTRAP_SERVERS  127.0.0.1:PORT of the broker
#   CLICKHOUSE_URL           http://127.0.0.1:PORT of the ClickHouse server
#   CLICKHOUSE_CTL           absolute path of scripts/clickhouse.sh
#   CLICKHOUSE_DIR           that server's directory: tests may run
#                            "$CLICKHOUSE_CTL stop $CLICKHOUSE_DIR" and later
#                            "$CLICKHOUSE_CTL start $CLICKHOUSE_DIR" (same ports, same data)
#   KAFKA_CTL, KAFKA_DIR     the same for the Kafka broker
#   KAFKA_CLUSTER_ENV        cluster.env of a three-broker SASL_SSL cluster (scripts/kafka-cluster.sh,
#   KAFKA_CLUSTER_CTL        started here too unless KAFKA_CLUSTER_ENV is given) and that script,
#                            for the secured-Kafka tests (SecuredKafkaClusterIT)
#   CHDB_LIBRARY             absolute path of libchdb.so (ClickHouse 26.7 as a library),
#                            which the sql-compat tests load; they fail without it
#   CLUSTER_DIR, CLUSTER_CTL the ClickHouse cluster of scripts/cluster.sh (ZooKeeper,
#                            2 shards x 2 replicas; its cluster.env names every server)
#                            for the cluster ITs (ClickHouseClusterIT)
#
# Environment:
#   KAFKA_BOOTSTRAP_SERVERS / CLICKHOUSE_URL  when set, that server is not started and
#                            the given one is used (both set = nothing is started;
#                            CLICKHOUSE_CTL/CLICKHOUSE_DIR are then not exported)
#   CHDB_LIBRARY             when set, that library is used and nothing is fetched
#   CHDB_CACHE_DIR           where scripts/chdb.sh keeps the library (default
#                            ${XDG_CACHE_HOME:-$HOME/.cache}/queue-analytics/chdb/VERSION)
#   TEST_INFRA_DIR           parent of the temporary directory (default ${TMPDIR:-/tmp})
#   KEEP_TEST_INFRA=1        keep the directory (logs, data) after a successful run;
#                            it is always kept after a failure
#   CLUSTER_DIR              a running scripts/cluster.sh topology to use instead of
#                            starting one; TEST_CLUSTER=0 starts none (the cluster ITs then
#                            fail, naming how to provide it)
set -euo pipefail
# shellcheck source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

KAFKA_CTL="$REPO_ROOT/scripts/kafka.sh"
KAFKA_CLUSTER_CTL="$REPO_ROOT/scripts/kafka-cluster.sh"
STARTED_KAFKA_CLUSTER=false
CLICKHOUSE_CTL="$REPO_ROOT/scripts/clickhouse.sh"
CHDB_CTL="$REPO_ROOT/scripts/chdb.sh"
STATE_DIR=""
STARTED_KAFKA=false
STARTED_CLICKHOUSE=false
MVN_PID=""

# --- the ClickHouse cluster (scripts/cluster.sh) for the cluster ITs -------------------
CLUSTER_CTL="$REPO_ROOT/scripts/cluster.sh"
STARTED_CLUSTER_DIR=""
start_cluster() {
  if [[ -n "${CLUSTER_DIR:-}" ]]; then
    log "using the given CLUSTER_DIR=$CLUSTER_DIR"
  elif [[ "${TEST_CLUSTER:-1}" == 0 ]]; then
    log "TEST_CLUSTER=0: no ClickHouse cluster started"
    return 0
  else
    STARTED_CLUSTER_DIR="$(mktemp -d "${TEST_INFRA_DIR:-${TMPDIR:-/tmp}}/queue-analytics-cluster.XXXXXX")"
    # the secured Kafka brokers are started apart (start_kafka_cluster): none here
    CLUSTER_KAFKA=0 bash "$CLUSTER_CTL" up "$STARTED_CLUSTER_DIR" >/dev/null
    CLUSTER_DIR="$STARTED_CLUSTER_DIR"
  fi
  export CLUSTER_DIR CLUSTER_CTL
}
stop_cluster() { # RC: the run's exit status (the directory is kept after a failure)
  [[ -n "$STARTED_CLUSTER_DIR" ]] || return 0
  bash "$CLUSTER_CTL" down "$STARTED_CLUSTER_DIR"
  if (( $1 == 0 )) && [[ "${KEEP_TEST_INFRA:-}" != 1 ]]; then rm -rf "$STARTED_CLUSTER_DIR"
  else log "cluster logs and data kept in $STARTED_CLUSTER_DIR"; fi
}
# ----------------------------------------------------------------------------------------

# shellcheck disable=SC2317 # invoked by the EXIT trap
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  set +e
  if [[ -n "$MVN_PID" ]] && pid_alive "$MVN_PID"; then
    log "stopping Maven (PID $MVN_PID)"
    kill -TERM "$MVN_PID" 2>/dev/null
    local deadline=$(( $(date +%s) + 30 ))
    while pid_alive "$MVN_PID" && (( $(date +%s) < deadline )); do sleep 0.2; done
    pid_alive "$MVN_PID" && kill -KILL "$MVN_PID" 2>/dev/null
  fi
  $STARTED_CLICKHOUSE && bash "$CLICKHOUSE_CTL" stop "$STATE_DIR/clickhouse"
  $STARTED_KAFKA && bash "$KAFKA_CTL" stop "$STATE_DIR/kafka"
  $STARTED_KAFKA_CLUSTER && bash "$KAFKA_CLUSTER_CTL" down "$STATE_DIR/kafka-cluster"
  stop_cluster "$rc"
  if [[ -n "$STATE_DIR" ]]; then
    if (( rc == 0 )) && [[ "${KEEP_TEST_INFRA:-}" != 1 ]]; then
      rm -rf "$STATE_DIR"
    else
      log "server logs and data kept in $STATE_DIR"
    fi
  fi
  exit "$rc"
}

start_servers() {
  start_kafka_cluster
  if [[ -n "${KAFKA_BOOTSTRAP_SERVERS:-}" && -n "${CLICKHOUSE_URL:-}" ]]; then
    log "using the given KAFKA_BOOTSTRAP_SERVERS=$KAFKA_BOOTSTRAP_SERVERS and CLICKHOUSE_URL=$CLICKHOUSE_URL; starting no server"
    return 0
  fi
  start_unless_given CLICKHOUSE_URL CLICKHOUSE clickhouse
  start_unless_given KAFKA_BOOTSTRAP_SERVERS KAFKA kafka
}

# start_unless_given ADDRESS_VAR SERVER NAME: use the server ADDRESS_VAR names when given; else
# start one with ${SERVER}_CTL in $STATE_DIR/NAME, set STARTED_${SERVER}=true and export
# ADDRESS_VAR, ${SERVER}_DIR and ${SERVER}_CTL.
start_unless_given() {
  local address_var="$1" server="$2" name="$3" ctl_var="${2}_CTL" address
  if [[ -n "${!address_var:-}" ]]; then
    log "using the given $address_var=${!address_var}"
    return 0
  fi
  printf -v "STARTED_$server" true
  address="$(bash "${!ctl_var}" start "$STATE_DIR/$name")"
  printf -v "$address_var" '%s' "$address"
  printf -v "${server}_DIR" '%s' "$STATE_DIR/$name"
  export "${address_var?}" "${server}_DIR" "${ctl_var?}"
}

# The three-broker SASL_SSL Kafka cluster of the secured-Kafka tests (~1.1 GB RSS, ~20 s).
start_kafka_cluster() {
  mkdir -p "${TEST_INFRA_DIR:-${TMPDIR:-/tmp}}"
  [[ -n "$STATE_DIR" ]] || STATE_DIR="$(mktemp -d "${TEST_INFRA_DIR:-${TMPDIR:-/tmp}}/queue-analytics-test.XXXXXX")"
  if [[ -n "${KAFKA_CLUSTER_ENV:-}" ]]; then
    log "using the given KAFKA_CLUSTER_ENV=$KAFKA_CLUSTER_ENV"
  else
    STARTED_KAFKA_CLUSTER=true
    bash "$KAFKA_CLUSTER_CTL" up "$STATE_DIR/kafka-cluster" >/dev/null
    KAFKA_CLUSTER_ENV="$STATE_DIR/kafka-cluster/cluster.env"
  fi
  export KAFKA_CLUSTER_ENV KAFKA_CLUSTER_CTL
}

fetch_chdb() {
  if [[ -n "${CHDB_LIBRARY:-}" ]]; then
    log "using the given CHDB_LIBRARY=$CHDB_LIBRARY"
  else
    CHDB_LIBRARY="$(bash "$CHDB_CTL" fetch)"
  fi
  export CHDB_LIBRARY
}

print_versions() {
  local ch_version kafka_version
  if $STARTED_CLICKHOUSE; then
    ch_version="$(clickhouse-client --version 2>&1 | head -n1)"
  else
    ch_version="server $(curl -sS --max-time 5 "${CLICKHOUSE_URL%/}/?query=SELECT%20version()" 2>/dev/null || echo unknown) (external)"
  fi
  if $STARTED_KAFKA; then
    kafka_version="Apache Kafka $(env_get "$STATE_DIR/kafka/kafka.env" KAFKA_VERSION) broker (KRaft, scripts/kafka-broker/pom.xml)"
  else
    kafka_version="external broker"
  fi
  log "ClickHouse: $ch_version at $CLICKHOUSE_URL"
  log "Kafka:      $kafka_version at $KAFKA_BOOTSTRAP_SERVERS"
  log "chDB:       $CHDB_LIBRARY (ClickHouse 26.7 in process, for the sql-compat tests)"
}

run_maven() {
  local mvn rc=0
  mvn="$(mvn_cmd)"
  log "running: $mvn -B verify $*"
  cd "$REPO_ROOT"
  # In the background so that SIGTERM/SIGINT reach our trap at once (bash defers
  # traps while a foreground child runs); the trap stops Maven, then the servers.
  "$mvn" -B verify "$@" &
  MVN_PID=$!
  wait "$MVN_PID" || rc=$?
  MVN_PID=""
  return "$rc"
}

main() {
  trap cleanup EXIT
  trap 'log "interrupted"; exit 130' INT
  trap 'log "terminated"; exit 143' TERM
  local started rc=0
  started="$(now_ms)"
  start_servers
  start_cluster
  log "servers ready in $(( $(now_ms) - started )) ms"
  fetch_chdb
  print_versions
  run_maven "$@" || rc=$?
  log "maven finished with exit status $rc after $(( ($(now_ms) - started) / 1000 )) s"
  exit "$rc"
}

main "$@"
