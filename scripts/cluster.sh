#!/usr/bin/env bash
# The production-like topology on one machine, no Docker: ZooKeeper, then a ClickHouse
# 18.16 cluster of 2 shards x 2 replicas (ReplicatedReplacingMergeTree, ON CLUSTER DDL,
# Distributed tables), and three Kafka brokers with a SASL_SSL listener
# (scripts/kafka-cluster.sh in DIR/kafka; CLUSTER_KAFKA=0 leaves them out). Each server is a scripts/clickhouse.sh instance with an extra
# config.d/cluster.xml (zookeeper, macros, remote_servers, interserver port, small caches).
#
# Usage: scripts/cluster.sh up|down|status DIR
#
#   up      start ZooKeeper (scripts/zookeeper.sh) and wait for "imok" FIRST (an 18.16
#           server can crash when ON CLUSTER DDL runs while ZooKeeper is unreachable),
#           then the four ClickHouse servers on free ports (recorded in DIR: "down" then
#           "up" brings the same topology back with its data), then check that every
#           server sees the cluster and ZooKeeper. Prints DIR/cluster.env on stdout
#           (KEY=VALUE lines, see below). Idempotent: running parts are left running.
#   down    stop the ClickHouse servers, then ZooKeeper (each exactly by its recorded PID,
#           SIGTERM then SIGKILL). Idempotent.
#   status  one line per component; exit 0 when all run, 3 otherwise.
#
# cluster.env:
#   CLICKHOUSE_CLUSTER          the cluster name in remote_servers (queue_analytics_cluster)
#   CLICKHOUSE_CLUSTER_URLS     every server's HTTP URL, comma-separated (for clickhouse.url)
#   CLICKHOUSE_S<n>R<m>_URL     one server's URL (shard n, replica m), and
#   CLICKHOUSE_S<n>R<m>_DIR     its scripts/clickhouse.sh directory (stop/start/kill it there)
#   ZOOKEEPER_ADDRESS, ZOOKEEPER_DIR   the ZooKeeper server and its scripts/zookeeper.sh directory
#   KAFKA_CLUSTER_DIR and the KAFKA_CLUSTER_* lines of scripts/kafka-cluster.sh's cluster.env
#
# Environment: CLICKHOUSE_SERVER_PASSWORD (every server's "default" user; default none),
# ZOOKEEPER_HEAP_OPTS, CLICKHOUSE_START_TIMEOUT, CLICKHOUSE_STOP_TIMEOUT.
#
# Footprint measured on a 2-core machine (README "Production: ClickHouse cluster"): up in
# 2-7 s with the ZooKeeper classpath cached; after the cluster tests RSS 200-240 MB per
# ClickHouse server and ~175 MB for ZooKeeper (~1.1 GB in all).
set -euo pipefail
# shellcheck source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

CLICKHOUSE_CTL="$REPO_ROOT/scripts/clickhouse.sh"
ZOOKEEPER_CTL="$REPO_ROOT/scripts/zookeeper.sh"
CLUSTER_NAME=queue_analytics_cluster
SHARDS=(1 2)
REPLICAS=(1 2)
# Small caches: four servers share a small machine (defaults of clickhouse.sh are 256 MiB each).
MARK_CACHE_BYTES=$(( 64 * 1024 * 1024 ))
UNCOMPRESSED_CACHE_BYTES=$(( 32 * 1024 * 1024 ))

name_of() { echo "s$1r$2"; }

# --- ports ---------------------------------------------------------------------------

# ports DIR: fill HTTP/TCP/INTERSERVER[name] from DIR/ports.env, or pick free ones and record them.
declare -A HTTP TCP INTERSERVER
load_or_pick_ports() {
  local dir="$1" s r n taken=()
  for s in "${SHARDS[@]}"; do
    for r in "${REPLICAS[@]}"; do
      n="$(name_of "$s" "$r")"
      HTTP[$n]="$(env_get "$dir/ports.env" "${n}_HTTP")"
      TCP[$n]="$(env_get "$dir/ports.env" "${n}_TCP")"
      INTERSERVER[$n]="$(env_get "$dir/ports.env" "${n}_INTERSERVER")"
      if [[ -z "${HTTP[$n]}" || -z "${TCP[$n]}" || -z "${INTERSERVER[$n]}" ]]; then
        HTTP[$n]="$(pick_free_port "${taken[@]}")"; taken+=("${HTTP[$n]}")
        TCP[$n]="$(pick_free_port "${taken[@]}")"; taken+=("${TCP[$n]}")
        INTERSERVER[$n]="$(pick_free_port "${taken[@]}")"; taken+=("${INTERSERVER[$n]}")
      fi
    done
  done
  : >"$dir/ports.env"
  for s in "${SHARDS[@]}"; do
    for r in "${REPLICAS[@]}"; do
      n="$(name_of "$s" "$r")"
      printf '%s_HTTP=%s\n%s_TCP=%s\n%s_INTERSERVER=%s\n' "$n" "${HTTP[$n]}" "$n" "${TCP[$n]}" "$n" "${INTERSERVER[$n]}" >>"$dir/ports.env"
    done
  done
}

# --- configuration ---------------------------------------------------------------------

remote_servers_xml() {
  local s r n password="${CLICKHOUSE_SERVER_PASSWORD:-}"
  echo "    <remote_servers>"
  echo "        <$CLUSTER_NAME>"
  for s in "${SHARDS[@]}"; do
    echo "            <shard>"
    echo "                <!-- The replicated table copies rows between replicas: Distributed writes one. -->"
    echo "                <internal_replication>true</internal_replication>"
    for r in "${REPLICAS[@]}"; do
      n="$(name_of "$s" "$r")"
      echo "                <replica><host>127.0.0.1</host><port>${TCP[$n]}</port><user>default</user><password>$password</password></replica>"
    done
    echo "            </shard>"
  done
  echo "        </$CLUSTER_NAME>"
  echo "    </remote_servers>"
}

write_cluster_config() {
  local dir="$1" shard="$2" replica="$3" zk_port="$4" n
  n="$(name_of "$shard" "$replica")"
  [[ "${CLICKHOUSE_SERVER_PASSWORD:-}" != *[\&\<\>]* ]] || die "CLICKHOUSE_SERVER_PASSWORD must not contain & < >"
  mkdir -p "$dir/conf/config.d"
  {
    echo '<?xml version="1.0"?>'
    echo "<!-- Written by scripts/cluster.sh: shard $shard, replica $replica of $CLUSTER_NAME. -->"
    echo "<yandex>"
    echo "    <zookeeper>"
    echo "        <node><host>127.0.0.1</host><port>$zk_port</port></node>"
    echo "        <session_timeout_ms>10000</session_timeout_ms>"
    echo "        <operation_timeout_ms>5000</operation_timeout_ms>"
    echo "    </zookeeper>"
    echo "    <macros>"
    echo "        <shard>0$shard</shard>"
    echo "        <replica>$n</replica>"
    echo "    </macros>"
    remote_servers_xml
    echo "    <distributed_ddl><path>/clickhouse/task_queue/ddl</path></distributed_ddl>"
    echo "    <interserver_http_host>127.0.0.1</interserver_http_host>"
    echo "    <interserver_http_port>${INTERSERVER[$n]}</interserver_http_port>"
    echo "    <mark_cache_size>$MARK_CACHE_BYTES</mark_cache_size>"
    echo "    <uncompressed_cache_size>$UNCOMPRESSED_CACHE_BYTES</uncompressed_cache_size>"
    echo "</yandex>"
  } >"$dir/conf/config.d/cluster.xml"
}

# --- kafka (hook) -----------------------------------------------------------------------
# The three KRaft brokers of the production topology (scripts/kafka-cluster.sh, one SASL_SSL
# listener) in DIR/kafka; their KEY=VALUE lines join cluster.env. CLUSTER_KAFKA=0 leaves them
# out (scripts/test.sh starts its own secured cluster for the Kafka tests).
KAFKA_CLUSTER_CTL="$REPO_ROOT/scripts/kafka-cluster.sh"
with_kafka() { [[ "${CLUSTER_KAFKA:-1}" != 0 ]]; }
kafka_up() { # DIR: prints the brokers' cluster.env lines
  with_kafka || return 0
  bash "$KAFKA_CLUSTER_CTL" up "$1/kafka" >/dev/null
  echo "KAFKA_CLUSTER_DIR=$1/kafka"
  cat "$1/kafka/cluster.env"
}
kafka_down() { # DIR
  [[ -d "$1/kafka" ]] || return 0
  bash "$KAFKA_CLUSTER_CTL" down "$1/kafka"
}
kafka_status() { # DIR
  with_kafka || return 0
  bash "$KAFKA_CLUSTER_CTL" status "$1/kafka"
}

# --- commands -------------------------------------------------------------------------------

query() { # URL SQL
  local args=(-sS --max-time 10 --data-binary "$2")
  [[ -n "${CLICKHOUSE_SERVER_PASSWORD:-}" ]] && args+=(-H "X-ClickHouse-Key: $CLICKHOUSE_SERVER_PASSWORD")
  curl "${args[@]}" "$1/"
}

cmd_up() {
  local dir="$1" started zk s r n url urls=() env
  started="$(now_ms)"
  zk="$(bash "$ZOOKEEPER_CTL" start "$dir/zookeeper")"
  load_or_pick_ports "$dir"
  env="$dir/cluster.env.tmp"
  {
    echo "CLICKHOUSE_CLUSTER=$CLUSTER_NAME"
    echo "ZOOKEEPER_ADDRESS=$zk"
    echo "ZOOKEEPER_DIR=$dir/zookeeper"
  } >"$env"
  for s in "${SHARDS[@]}"; do
    for r in "${REPLICAS[@]}"; do
      n="$(name_of "$s" "$r")"
      mkdir -p "$dir/$n"
      write_cluster_config "$dir/$n" "$s" "$r" "${zk##*:}"
      url="$(CLICKHOUSE_HTTP_PORT="${HTTP[$n]}" CLICKHOUSE_TCP_PORT="${TCP[$n]}" bash "$CLICKHOUSE_CTL" start "$dir/$n")"
      urls+=("$url")
      printf 'CLICKHOUSE_S%sR%s_URL=%s\nCLICKHOUSE_S%sR%s_DIR=%s\n' "$s" "$r" "$url" "$s" "$r" "$dir/$n" >>"$env"
    done
  done
  (IFS=','; echo "CLICKHOUSE_CLUSTER_URLS=${urls[*]}") >>"$env"
  kafka_up "$dir" >>"$env"
  mv -f "$env" "$dir/cluster.env"
  for url in "${urls[@]}"; do
    local replicas zk_ok deadline
    replicas="$(query "$url" "SELECT count() FROM system.clusters WHERE cluster = '$CLUSTER_NAME'" || true)"
    [[ "$replicas" == 4 ]] || die "$url does not see cluster $CLUSTER_NAME with 4 replicas (system.clusters: '$replicas'); see its log"
    deadline=$(( $(date +%s) + 30 ))
    until zk_ok="$(query "$url" "SELECT count() > 0 FROM system.zookeeper WHERE path = '/'" 2>&1)"; [[ "$zk_ok" == 1 ]]; do
      (( $(date +%s) < deadline )) || die "$url cannot reach ZooKeeper at $zk within 30 s (answer: '${zk_ok:0:300}'); see its log"
      sleep 0.5
    done
  done
  log "cluster $CLUSTER_NAME up in $(( $(now_ms) - started )) ms: ZooKeeper $zk, 2 shards x 2 replicas"
  cat "$dir/cluster.env"
}

cmd_down() {
  local dir="$1" s r
  kafka_down "$dir"
  for s in "${SHARDS[@]}"; do
    for r in "${REPLICAS[@]}"; do
      bash "$CLICKHOUSE_CTL" stop "$dir/$(name_of "$s" "$r")"
    done
  done
  bash "$ZOOKEEPER_CTL" stop "$dir/zookeeper"
}

cmd_status() {
  local dir="$1" s r n line rc=0
  line="$(bash "$ZOOKEEPER_CTL" status "$dir/zookeeper")" || rc=3
  echo "zookeeper $line"
  for s in "${SHARDS[@]}"; do
    for r in "${REPLICAS[@]}"; do
      n="$(name_of "$s" "$r")"
      line="$(bash "$CLICKHOUSE_CTL" status "$dir/$n")" || rc=3
      echo "clickhouse-$n $line"
    done
  done
  kafka_status "$dir" || rc=3
  return "$rc"
}

main() {
  [[ $# -eq 2 ]] || usage
  local cmd="$1" dir
  case "$cmd" in
    up | down | status) ;;
    -h | --help | help) usage ;;
    *) log "unknown command '$cmd'"; usage ;;
  esac
  if [[ ! -d "$2" && "$cmd" != up ]]; then
    exit_never_started "$cmd" "$2" cluster up
  fi
  dir="$(abs_dir "$2")"
  case "$cmd" in
    up) cmd_up "$dir" ;;
    down) cmd_down "$dir" ;;
    status) cmd_status "$dir" ;;
  esac
}

main "$@"
