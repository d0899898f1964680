#!/usr/bin/env bash
# End-to-end consumer benchmark against a real Kafka broker and a real ClickHouse server,
# with baselines measured in the same run, on the same rows and the same server.
#
# Usage: scripts/bench-consumer.sh [options]
#
#   --kind KIND          intervals (default) | observations: which records and which pipeline.
#                        observations = the live-state records (README "The live-state table"):
#                        ~1,000 queues, a snapshot every 15 s, the default metrics per media type
#                        and the user metrics per routing status, stored by the consumer's
#                        observations pipeline (ConsumerService with observations.enabled) until its
#                        group has committed everything; then SELECT count() … FINAL must equal
#                        --records. No baselines for this kind (--baselines none, its default) and
#                        no --partition-by (the live-state table has its own key)
#   --records N          synthetic records to load (default 2000000): ~200 queues (names in
#                        many scripts, quotes, emoji), 15-minute intervals, realistic metrics
#   --xmx SIZE           heap of the consumer JVM (default 512m)
#   --partition-by WHICH default | month | both (default both): the table's PARTITION BY,
#                        default = (toYYYYMMDD(event_time), queue_id), month = toYYYYMM(event_time);
#                        every path of one comparison writes into a table with the same definition
#   --baselines LIST     comma-separated subset of a,b,c,d, or none (default a,b,c; for --kind
#                        observations only none, its default):
#                        a = curl posts pre-built VALUES bodies of max_insert_block_size rows,
#                        b = clickhouse-client inserts the same files (native protocol),
#                        c = a naive consumer, one uncompressed INSERT per Kafka poll,
#                        d = ClickHouse's Kafka engine + a materialized view into the same DDL
#                        (scripts/lib/bench-kafka-engine.sh; the server needs <kafka>
#                        <auto_offset_reset>smallest</auto_offset_reset></kafka>, which
#                        scripts/clickhouse.sh writes)
#   --naive-seconds S    time budget of baseline c (default 60; it rarely finishes 2M rows)
#   --kafka HOST:PORT    use this broker instead of starting one
#   --clickhouse URL     use this ClickHouse (HTTP URL) instead of starting one; baseline b
#                        then needs CLICKHOUSE_TCP_PORT in the environment
#   --work-dir DIR       keep servers, data and results here (default: a temp dir, removed)
#   --keep               do not remove the work dir at the end
#   --label NAME         section of docs/BENCHMARKS.md to (re)write (default consumer-<records>-<xmx>,
#                        consumer-observations-<records>-<xmx> for --kind observations)
#   --doc FILE           the document to update (default docs/BENCHMARKS.md); --no-doc: print only
#
# Needs benchmarks/target/benchmarks.jar (./mvnw -B -DskipTests package -pl benchmarks -am).
# Prints a table (rows/s, MB/s on the wire, compression ratio, CPU per 1M rows, peak heap,
# ratios consumer/baseline) and writes it between the label's markers in the document.
# The memory-bound check is the same script: --records 5000000 --xmx 256m --baselines none.
# The live-state table: --kind observations --records 1000000 --baselines none.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
# shellcheck source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/lib/bench.sh"

KIND=intervals
RECORDS=2000000
XMX=512m
PARTITION_BY=""
BASELINES=""
NAIVE_SECONDS=60
DATABASE=bench

while (( $# )); do
  case "$1" in
    --kind) KIND="$2"; shift 2 ;;
    --records) RECORDS="$2"; shift 2 ;;
    --xmx) XMX="$2"; shift 2 ;;
    --partition-by) PARTITION_BY="$2"; shift 2 ;;
    --baselines) BASELINES="$2"; shift 2 ;;
    --naive-seconds) NAIVE_SECONDS="$2"; shift 2 ;;
    *) bench_server_option "$@"; shift "$OPTION_WORDS" ;;
  esac
done
[[ "$RECORDS" =~ ^[0-9]+$ && "$RECORDS" -gt 0 ]] || die "--records must be a positive number (was $RECORDS)"
[[ "$XMX" =~ ^[0-9]+[kmgKMG]$ ]] || die "--xmx must look like 256m or 1g (was $XMX)"
case "$KIND" in
  intervals) PARTITION_BY="${PARTITION_BY:-both}"; BASELINES="${BASELINES:-a,b,c}" ;;
  observations)
    [[ -z "$PARTITION_BY" ]] || die "--partition-by does not apply to --kind observations (the live-state table has its own key)"
    [[ "${BASELINES:-none}" == none ]] || die "--kind observations has no baselines: use --baselines none (was $BASELINES)"
    PARTITION_BY=observations; BASELINES=none ;;
  *) die "--kind must be intervals or observations (was $KIND)" ;;
esac
case "$PARTITION_BY" in
  observations) PARTITIONINGS=(observations) ;;
  default) PARTITIONINGS=(default) ;;
  month) PARTITIONINGS=(month) ;;
  both) PARTITIONINGS=(default month) ;;
  *) die "--partition-by must be default, month or both (was $PARTITION_BY)" ;;
esac
[[ "$BASELINES" == none ]] && BASELINES=""
[[ "$BASELINES" =~ ^([abcd](,[abcd])*)?$ ]] || die "--baselines must be a comma-separated subset of a,b,c,d, or none (was $BASELINES)"
if [[ "$KIND" == observations ]]; then
  LABEL="${LABEL:-consumer-observations-$RECORDS-$XMX}"
else
  LABEL="${LABEL:-consumer-$RECORDS-$XMX}"
fi
bench_require_jar
has_baseline() { [[ ",$BASELINES," == *",$1,"* ]]; }

# --- work dir, servers, cleanup -------------------------------------------------------

bench_work_dir bench-consumer
# The broker shares the machine with everything measured: a bounded heap keeps it from growing.
export KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xms256m -Xmx512m}"
bench_start_servers
CH_TCP_PORT="${CLICKHOUSE_TCP_PORT:-}"
CH_PID=""
if $STARTED_CLICKHOUSE; then
  CH_TCP_PORT="$(env_get "$WORK/clickhouse/clickhouse.env" CLICKHOUSE_TCP_PORT)"
  CH_PID="$(read_pid "$WORK/clickhouse/clickhouse.pid")"
fi
KAFKA_PID=""
if $STARTED_KAFKA; then KAFKA_PID="$(read_pid "$WORK/kafka/kafka.pid")"; fi
if has_baseline b && [[ -z "$CH_TCP_PORT" ]]; then
  die "baseline b (clickhouse-client) needs the server's native port: set CLICKHOUSE_TCP_PORT, or drop b from --baselines"
fi

bench_results "$WORK/results.env"

# --- helpers ---------------------------------------------------------------------------

# ch SQL: run one statement over HTTP; print its answer.
ch() {
  curl -sS --fail-with-body "$CLICKHOUSE/?log_queries=0" --data-binary "$1" || die "ClickHouse refused: $1"
}

urlencode() {
  local s="$1" out="" c i
  for (( i = 0; i < ${#s}; i++ )); do
    c="${s:i:1}"
    case "$c" in
      [a-zA-Z0-9.~_-]) out+="$c" ;;
      *) out+="$(printf '%%%02X' "'$c")" ;;
    esac
  done
  printf '%s' "$out"
}

now_ns() { date +%s%N; }

# cpu_ticks PID: utime+stime of PID in clock ticks (0 when unknown).
cpu_ticks() {
  local pid="$1"
  if [[ -n "$pid" && -r "/proc/$pid/stat" ]]; then
    awk '{print $14 + $15}' "/proc/$pid/stat"
  else
    echo 0
  fi
}
CLK_TCK="$(getconf CLK_TCK)"

# partition_expr PARTITIONING: the interval table's PARTITION BY (the default one for the
# observations kind, whose interval table stays empty).
partition_expr() {
  case "$1" in
    default|observations) echo "(toYYYYMMDD(event_time), queue_id)" ;;
    month) echo "toYYYYMM(event_time)" ;;
  esac
}

# create_table NAME PARTITIONING: drop it, then create it with the consumer's own DDL (of the
# live-state table for --kind observations).
create_table() {
  local stmt
  ch "DROP TABLE IF EXISTS $DATABASE.$1" >/dev/null
  while IFS= read -r stmt; do
    ch "$stmt" >/dev/null
  done < <(java -cp "$JAR" org.queueanalytics.bench.PrintDdl --kind "$KIND" --database "$DATABASE" --table "$1" \
             --partition-by "$(partition_expr "$2")")
}

# wait_for_merges: background merges of the previous path must not run into the next one, nor
# its writeback: the data files the last path wrote (or the rendered VALUES files) are flushed to
# disk first, so that no path pays for the previous one's I/O.
wait_for_merges() {
  local deadline=$(( $(date +%s) + 300 ))
  while (( $(date +%s) < deadline )); do
    if [[ "$(ch "SELECT count() FROM system.merges")" == 0 ]]; then
      sync
      return 0
    fi
    sleep 1
  done
  log "merges still running after 300 s; measuring anyway"
  sync
}

# checksum TABLE: one line that equal row sets share.
checksum() {
  if [[ "$KIND" == observations ]]; then
    ch "SELECT count(), sum(count), sum(ifNull(calculated_value, 0)), sum(observed_at_ms), sum(cityHash64(queue_name, queue_id, media_type, metric, qualifier)) FROM $DATABASE.$1" | tr '\t' ' '
  else
    ch "SELECT count(), sum(offered), sum(handle_time_ms), sum(fetched_at), sum(cityHash64(queue_name, queue_id, media_type)), sum(toUInt64(service_level_pct * 1000)) FROM $DATABASE.$1" | tr '\t' ' '
  fi
}

# server_stats PREFIX TABLE SINCE_EPOCH: the INSERTs into TABLE as ClickHouse logged them.
server_stats() {
  local prefix="$1" table="$2" since="$3" row
  ch "SYSTEM FLUSH LOGS" >/dev/null
  row="$(ch "SELECT count(),
      sum(ProfileEvents.Values[indexOf(ProfileEvents.Names, 'InsertedRows')]),
      sum(ProfileEvents.Values[indexOf(ProfileEvents.Names, 'ReadCompressedBytes')]),
      sum(ProfileEvents.Values[indexOf(ProfileEvents.Names, 'CompressedReadBufferBytes')]),
      sum(ProfileEvents.Values[indexOf(ProfileEvents.Names, 'UserTimeMicroseconds')])
        + sum(ProfileEvents.Values[indexOf(ProfileEvents.Names, 'SystemTimeMicroseconds')]),
      sum(query_duration_ms)
    FROM system.query_log
    WHERE type = 2 AND event_time >= toDateTime($since) AND query LIKE 'INSERT INTO $DATABASE.$table %'")"
  read -r inserts rows compressed decompressed query_cpu_us busy_ms <<<"$row"
  put "$prefix.server_inserts" "$inserts"
  put "$prefix.server_rows" "$rows"
  put "$prefix.server_compressed_bytes" "$compressed"
  put "$prefix.server_decompressed_bytes" "$decompressed"
  put "$prefix.server_query_cpu_us" "$query_cpu_us"
  put "$prefix.server_busy_ms" "$busy_ms"
  put "$prefix.parts" "$(ch "SELECT count() FROM system.parts WHERE database = '$DATABASE' AND table = '$table' AND active")"
  put "$prefix.partitions" "$(ch "SELECT uniqExact(partition) FROM system.parts WHERE database = '$DATABASE' AND table = '$table' AND active")"
}

# measure_begin / measure_end PREFIX: wall time, load and server-process CPU around a path.
measure_begin() {
  M_START_NS="$(now_ns)"
  M_START_EPOCH="$(date +%s)"
  M_LOAD_BEFORE="$(loadavg)"
  M_CH_TICKS="$(cpu_ticks "$CH_PID")"
  M_KAFKA_TICKS="$(cpu_ticks "$KAFKA_PID")"
}
measure_end() {
  local prefix="$1" end_ns
  end_ns="$(now_ns)"
  put "$prefix.wall_seconds" "$(awk -v a="$M_START_NS" -v b="$end_ns" 'BEGIN {printf "%.3f", (b - a) / 1e9}')"
  put "$prefix.load_before" "$M_LOAD_BEFORE"
  put "$prefix.load_after" "$(loadavg)"
  if [[ -n "$CH_PID" ]]; then
    put "$prefix.server_process_cpu_seconds" "$(awk -v a="$M_CH_TICKS" -v b="$(cpu_ticks "$CH_PID")" -v t="$CLK_TCK" 'BEGIN {printf "%.3f", (b - a) / t}')"
  fi
  if [[ -n "$KAFKA_PID" ]]; then
    put "$prefix.kafka_process_cpu_seconds" "$(awk -v a="$M_KAFKA_TICKS" -v b="$(cpu_ticks "$KAFKA_PID")" -v t="$CLK_TCK" 'BEGIN {printf "%.3f", (b - a) / t}')"
  fi
}

# --- machine -----------------------------------------------------------------------------

put_machine
put machine.clickhouse "$(ch "SELECT version()")"
put machine.kafka "$(env_get "$WORK/kafka/kafka.env" KAFKA_VERSION)"
put run.kind "$KIND"
put run.records "$RECORDS"
put run.xmx "$XMX"
put run.baselines "${BASELINES:-none}"
put run.naive_seconds "$NAIVE_SECONDS"
put run.load_start "$(loadavg)"
if [[ "$KIND" == observations ]]; then
  put run.command "scripts/bench-consumer.sh --kind observations --records $RECORDS --xmx $XMX --baselines none"
else
  put run.command "scripts/bench-consumer.sh --records $RECORDS --xmx $XMX --partition-by $PARTITION_BY --baselines ${BASELINES:-none}"
fi
ch "CREATE DATABASE IF NOT EXISTS $DATABASE" >/dev/null

# --- input -------------------------------------------------------------------------------

TOPIC="bench.queue-$KIND.$(date +%s)"
log "loading $RECORDS synthetic $KIND records into Kafka topic $TOPIC at $KAFKA"
java -Xmx1g -cp "$JAR" org.queueanalytics.bench.LoadTopic --kind "$KIND" --bootstrap "$KAFKA" --topic "$TOPIC" --records "$RECORDS" \
  >"$WORK/load.out" 2>"$WORK/load.log" || { tail_log "$WORK/load.log"; die "loading the topic failed"; }
sed 's/^/input./' "$WORK/load.out" >>"$RESULTS"

FILES=()
if has_baseline a || has_baseline b; then
  log "rendering the same rows as VALUES files (max_insert_block_size rows each) for baselines a and b"
  java -Xmx1g -cp "$JAR" org.queueanalytics.bench.WriteValuesFiles --dir "$WORK/values" --records "$RECORDS" \
    >"$WORK/values.out" 2>"$WORK/values.log" || { tail_log "$WORK/values.log"; die "writing the VALUES files failed"; }
  sed 's/^/input./' "$WORK/values.out" >>"$RESULTS"
  mapfile -t FILES < <(ls "$WORK"/values/rows-*.values)
  COLUMNS_LIST="$(cat "$WORK/values/columns.txt")"
fi

# --- the paths ---------------------------------------------------------------------------

# run_consumer PARTITIONING: the real consumer. For --kind intervals it replays TOPIC into its
# table until caught up; for --kind observations it runs live with observations.enabled — its
# interval pipeline idles on an empty topic and an empty table — until the observations' group has
# committed all of TOPIC, and the stored rows are then counted through FINAL.
run_consumer() {
  local p="$1" table="consumer_$1" prefix="$1.consumer" data_topic="$TOPIC" data_table="consumer_$1" observations=""
  create_table "$table" "$p"
  wait_for_merges
  if [[ "$KIND" == observations ]]; then
    data_topic="$TOPIC.intervals-unused"
    data_table="${table}_intervals_unused"
    # an empty topic of its own, which the interval pipeline (it runs too) reads nothing from
    java -cp "$JAR" org.queueanalytics.bench.LoadTopic --bootstrap "$KAFKA" --topic "$data_topic" --records 0 >/dev/null \
      2>"$WORK/load-empty.log" || { tail_log "$WORK/load-empty.log"; die "creating the empty interval topic failed"; }
    observations='"observations": {"enabled": true, "topic": "'"$TOPIC"'", "table_name": "'"$table"'"},'
  fi
  cat >"$WORK/consumer-$p.json" <<EOF
{
  "oauth": {"base_url": "http://127.0.0.1:9", "login_url": "http://127.0.0.1:9", "client_id": "bench", "client_secret": "bench"},
  "kafka": {"bootstrap_servers": "$KAFKA", "topic": "$data_topic", "dlq_topic": "$TOPIC.dlq", "group_id": "bench-$p-$(date +%s)"},
  "clickhouse": {"url": "$CLICKHOUSE/?log_queries=1", "database": "$DATABASE", "table_name": "$data_table",
                 "partition_by": "$(partition_expr "$p")", "compression": "lz4"},$observations
  "admin": {"host": "127.0.0.1", "port": 0}
}
EOF
  if [[ "$KIND" == observations ]]; then
    log "[$p] consumer (in-process ConsumerService, observations enabled, until all committed, -Xmx$XMX)"
  else
    log "[$p] consumer (in-process ConsumerService, replay until caught up, -Xmx$XMX)"
  fi
  measure_begin
  java "-Xmx$XMX" -cp "$JAR" org.queueanalytics.bench.RunConsumer --kind "$KIND" --config "$WORK/consumer-$p.json" --expect "$RECORDS" \
    >"$WORK/consumer-$p.out" 2>"$WORK/consumer-$p.log" || { tail_log "$WORK/consumer-$p.log"; die "[$p] the consumer run failed"; }
  measure_end "$prefix"
  sed "s/^consumer_/$prefix./" "$WORK/consumer-$p.out" >>"$RESULTS"
  server_stats "$prefix" "$table" "$M_START_EPOCH"
  put "$prefix.checksum" "$(checksum "$table")"
  if [[ "$KIND" == observations ]]; then
    local final
    final="$(ch "SELECT count() FROM $DATABASE.$table FINAL")"
    put "$prefix.final_count" "$final"
    [[ "$final" == "$RECORDS" ]] || die "[$p] SELECT count() FROM $DATABASE.$table FINAL is $final, not the $RECORDS records loaded"
    ch "DROP TABLE IF EXISTS $DATABASE.$data_table" >/dev/null
  fi
  ch "DROP TABLE $DATABASE.$table" >/dev/null
}

run_curl() {
  local p="$1" table="curl_$1" prefix="$1.curl" query f out size code user sys rss
  create_table "$table" "$p"
  wait_for_merges
  query="$(urlencode "INSERT INTO $DATABASE.$table $COLUMNS_LIST VALUES")"
  log "[$p] baseline a: curl, ${#FILES[@]} pre-built VALUES bodies"
  local cpu=0 bytes=0 peak=0
  measure_begin
  for f in "${FILES[@]}"; do
    out="$( { /usr/bin/time -f '%U %S %M' curl -sS -o "$WORK/curl.answer" -w '%{http_code} %{size_upload}\n' \
              --data-binary "@$f" "$CLICKHOUSE/?log_queries=1&wait_end_of_query=1&query=$query" ; } 2>&1 )"
    read -r code size user sys rss <<<"$(tr '\n' ' ' <<<"$out")"
    [[ "$code" == 200 ]] || { cat "$WORK/curl.answer" >&2; die "[$p] curl: ClickHouse answered $code"; }
    cpu="$(awk -v a="$cpu" -v u="$user" -v s="$sys" 'BEGIN {print a + u + s}')"
    bytes=$(( bytes + ${size%.*} ))
    (( rss > peak )) && peak=$rss
  done
  measure_end "$prefix"
  put "$prefix.rows" "$RECORDS"
  put "$prefix.client_cpu_seconds" "$cpu"
  put "$prefix.wire_bytes" "$bytes"
  put "$prefix.peak_rss_kb" "$peak"
  server_stats "$prefix" "$table" "$M_START_EPOCH"
  put "$prefix.checksum" "$(checksum "$table")"
  ch "DROP TABLE $DATABASE.$table" >/dev/null
}

run_client() {
  local p="$1" table="client_$1" prefix="$1.client" f out user sys rss
  create_table "$table" "$p"
  wait_for_merges
  log "[$p] baseline b: clickhouse-client, native protocol, the same files"
  local cpu=0 peak=0
  measure_begin
  for f in "${FILES[@]}"; do
    out="$( { /usr/bin/time -f '%U %S %M' clickhouse-client --host 127.0.0.1 --port "$CH_TCP_PORT" --log_queries=1 \
              --query "INSERT INTO $DATABASE.$table $COLUMNS_LIST FORMAT Values" <"$f" ; } 2>&1 )" ||
      { echo "$out" >&2; die "[$p] clickhouse-client failed"; }
    read -r user sys rss <<<"$(tail -n1 <<<"$out")"
    cpu="$(awk -v a="$cpu" -v u="$user" -v s="$sys" 'BEGIN {print a + u + s}')"
    (( rss > peak )) && peak=$rss
  done
  measure_end "$prefix"
  put "$prefix.rows" "$RECORDS"
  put "$prefix.client_cpu_seconds" "$cpu"
  put "$prefix.peak_rss_kb" "$peak"
  server_stats "$prefix" "$table" "$M_START_EPOCH"
  put "$prefix.checksum" "$(checksum "$table")"
  ch "DROP TABLE $DATABASE.$table" >/dev/null
}

run_naive() {
  local p="$1" table="naive_$1" prefix="$1.naive"
  create_table "$table" "$p"
  wait_for_merges
  log "[$p] baseline c: naive consumer, one uncompressed INSERT per poll, at most ${NAIVE_SECONDS}s"
  measure_begin
  java "-Xmx$XMX" -cp "$JAR" org.queueanalytics.bench.NaiveConsumer --bootstrap "$KAFKA" --topic "$TOPIC" \
    --group "naive-$p-$(date +%s)" --url "$CLICKHOUSE" --table "$DATABASE.$table" --max-records "$RECORDS" \
    --max-seconds "$NAIVE_SECONDS" >"$WORK/naive-$p.out" 2>"$WORK/naive-$p.log" ||
    { tail_log "$WORK/naive-$p.log"; die "[$p] the naive consumer failed"; }
  measure_end "$prefix"
  sed "s/^naive_/$prefix./" "$WORK/naive-$p.out" >>"$RESULTS"
  server_stats "$prefix" "$table" "$M_START_EPOCH"
  ch "DROP TABLE $DATABASE.$table" >/dev/null
}

# shellcheck source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/lib/bench-kafka-engine.sh"
for p in "${PARTITIONINGS[@]}"; do
  run_consumer "$p"
  if has_baseline a; then run_curl "$p"; fi
  if has_baseline b; then run_client "$p"; fi
  if has_baseline c; then run_naive "$p"; fi
  if has_baseline d; then run_kafka_engine "$p"; fi
done
put run.load_end "$(loadavg)"

# --- report ------------------------------------------------------------------------------

cp "$RESULTS" "$REPO_ROOT/benchmarks/target/last-$LABEL.env" 2>/dev/null || true
java -cp "$JAR" org.queueanalytics.bench.report.BenchReport consumer --results "$RESULTS" --label "$LABEL" ${DOC:+--doc "$DOC"}
