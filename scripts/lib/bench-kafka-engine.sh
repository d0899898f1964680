# shellcheck shell=bash
# Path (d) of scripts/bench-consumer.sh: what many ClickHouse users run instead of a consumer,
# ClickHouse's own Kafka table engine and a materialized view into the project's table.
# Sourced by bench-consumer.sh after its helpers (ch, create_table, wait_for_merges, checksum,
# measure_begin/measure_end, put); reads KAFKA, TOPIC, RECORDS and DATABASE.
#
# The Kafka table has one column per JSON field of the record (docs/ARCHITECTURE.md "The Kafka
# record"), derived from the target table so that the two never drift apart: the instants as
# String, every other field with the target column's own type (JSONEachRow parses numbers and
# null straight into Int32 / UInt64 / Nullable(Float64)). The view converts the instants:
#
#   parseDateTimeBestEffort(interval_start) AS interval_start   -- '2025-01-01T00:15:00Z'
#   toDateTime(interval_start) AS event_time                    -- the alias above: a DateTime
#   toUInt64(parseDateTimeBestEffort(fetched_at)) * 1000
#     + toUInt64(substring(concat(extract(fetched_at, '\.([0-9]+)'), '000'), 1, 3)) AS fetched_at
#                                                               -- ms, truncated like toEpochMilli()
#
# Forms ClickHouse 18.16 does not take (measured): any other reference to a column whose name
# is re-used as an alias (`interval_start AS event_time`, or parseDateTimeBestEffort of it)
# sees the alias and fails with "Illegal type DateTime of first argument"; a view selecting
# FROM a subquery over the Kafka table fails in the engine's thread with "There is no query"
# (and the engine commits the offsets anyway); a chain Kafka → view → Null table → view →
# target commits every offset and stores nothing, without an error.
#
# Needs the server setting <kafka><auto_offset_reset>smallest</auto_offset_reset></kafka>
# (scripts/clickhouse.sh writes it; 18.16 has no table-level setting): without it a new group
# starts at the end of the topic and the view stores nothing.

# How long the view may go without storing a row before path (d) gives up.
KAFKA_ENGINE_STALL_SECONDS="${KAFKA_ENGINE_STALL_SECONDS:-60}"

# kafka_engine_columns TABLE: the Kafka table's column list for the record's JSON fields.
kafka_engine_columns() {
  local name type cols="schema_version UInt8"
  while IFS=$'\t' read -r name type _; do
    case "$name" in
      event_time) ;;                                          # not in the record: interval_start
      interval_start | interval_end | fetched_at) cols+=", $name String" ;;
      *) cols+=", $name $type" ;;
    esac
  done < <(ch "DESCRIBE TABLE $DATABASE.$1 FORMAT TSV")
  printf '%s' "$cols"
}

# kafka_engine_select TABLE: the view's SELECT list, in the target table's column order.
kafka_engine_select() {
  local name sel=""
  while IFS=$'\t' read -r name _; do
    case "$name" in
      event_time) sel+=", toDateTime(interval_start) AS event_time" ;;
      interval_start | interval_end) sel+=", parseDateTimeBestEffort($name) AS $name" ;;
      fetched_at) sel+=", toUInt64(parseDateTimeBestEffort(fetched_at)) * 1000 + toUInt64(substring(concat(extract(fetched_at, '\\\\.([0-9]+)'), '000'), 1, 3)) AS fetched_at" ;;
      *) sel+=", $name" ;;
    esac
  done < <(ch "DESCRIBE TABLE $DATABASE.$1 FORMAT TSV")
  printf '%s' "${sel#, }"
}

# kafka_engine_await TABLE PROGRESS_FILE: poll count() every 0.1 s until it reaches RECORDS,
# writing "seconds since M_START_NS<TAB>count" to PROGRESS_FILE at every change (the engine
# stores a block at a time). Returns 1, having said why, when no row arrives for
# KAFKA_ENGINE_STALL_SECONDS, or when more rows than records arrive.
kafka_engine_await() {
  local table="$1" progress="$2" count last=-1 last_change now
  : >"$progress"
  last_change="$(date +%s)"
  while :; do
    count="$(ch "SELECT count() FROM $DATABASE.$table")"
    now="$(date +%s)"
    if (( count != last )); then
      awk -v a="$M_START_NS" -v b="$(now_ns)" -v c="$count" 'BEGIN {printf "%.1f\t%d\n", (b - a) / 1e9, c}' >>"$progress"
      last="$count"
      last_change="$now"
    fi
    if (( count == RECORDS )); then
      return 0
    fi
    if (( count > RECORDS )); then
      log "[d] the Kafka engine stored $count rows, more than the $RECORDS records of $TOPIC"
      return 1
    fi
    if (( now - last_change >= KAFKA_ENGINE_STALL_SECONDS )); then
      if (( count == 0 )); then
        log "[d] the Kafka engine stored no row in ${KAFKA_ENGINE_STALL_SECONDS} s: does the ClickHouse server's config have <kafka><auto_offset_reset>smallest</auto_offset_reset></kafka> (scripts/clickhouse.sh writes it)? Its error log names any failure of the view"
      else
        log "[d] the Kafka engine stopped at $count of $RECORDS rows for ${KAFKA_ENGINE_STALL_SECONDS} s (see the ClickHouse server's error log)"
      fi
      return 1
    fi
    sleep 0.1
  done
}

# run_kafka_engine PARTITIONING: path (d). Times from the view's creation until count() of the
# target reaches RECORDS; ClickHouse and broker CPU from /proc over the same time (the engine's
# Kafka client, the JSON parsing, the view and the part writing all run in the server process).
run_kafka_engine() {
  local p="$1" table="kafka_engine_$1" source="kafka_source_$1" view="kafka_view_$1" prefix="$1.engine"
  local group
  group="bench-engine-$1-$(date +%s)"
  create_table "$table" "$p"
  ch "DROP TABLE IF EXISTS $DATABASE.$view" >/dev/null
  ch "DROP TABLE IF EXISTS $DATABASE.$source" >/dev/null
  ch "CREATE TABLE $DATABASE.$source ($(kafka_engine_columns "$table")) ENGINE = Kafka SETTINGS
        kafka_broker_list = '$KAFKA', kafka_topic_list = '$TOPIC', kafka_group_name = '$group',
        kafka_format = 'JSONEachRow', kafka_num_consumers = 1" >/dev/null
  wait_for_merges
  log "[$p] baseline d: ClickHouse's Kafka engine (one consumer, JSONEachRow) and a materialized view into the same DDL"
  measure_begin
  ch "CREATE MATERIALIZED VIEW $DATABASE.$view TO $DATABASE.$table AS SELECT $(kafka_engine_select "$table") FROM $DATABASE.$source" >/dev/null
  local stored=true
  kafka_engine_await "$table" "$WORK/engine-$p.progress" || stored=false
  measure_end "$prefix"
  # The view first: without it the Kafka table stops reading (also on a server given with --clickhouse).
  ch "DROP TABLE $DATABASE.$view" >/dev/null
  ch "DROP TABLE $DATABASE.$source" >/dev/null
  $stored || die "[$p] path d (Kafka engine) did not store the $RECORDS records"
  put "$prefix.rows" "$RECORDS"
  put "$prefix.group" "$group"
  put "$prefix.first_rows_seconds" "$(awk -F'\t' '$2 > 0 {print $1; exit}' "$WORK/engine-$p.progress")"
  put "$prefix.parts" "$(ch "SELECT count() FROM system.parts WHERE database = '$DATABASE' AND table = '$table' AND active")"
  put "$prefix.partitions" "$(ch "SELECT uniqExact(partition) FROM system.parts WHERE database = '$DATABASE' AND table = '$table' AND active")"
  put "$prefix.checksum" "$(checksum "$table")"
  ch "DROP TABLE $DATABASE.$table" >/dev/null
}
