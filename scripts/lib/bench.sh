# shellcheck shell=bash
# Shared by the scripts/bench-*.sh scripts (sourced after lib/common.sh): the work dir and its
# clean-up, the servers a benchmark starts when it is not given running ones, and the results
# file with the machine facts every report begins with.

loadavg() { cut -d' ' -f1-3 /proc/loadavg; }

# bench_work_dir NAME: WORK as given (--work-dir), or a new temp dir that is removed at the end
# unless --keep (KEEP=true) or the script failed. Installs the EXIT/INT/TERM traps that stop the
# servers bench_start_servers started.
bench_work_dir() {
  OWN_WORK=false
  if [[ -z "$WORK" ]]; then
    WORK="$(mktemp -d "${TMPDIR:-/tmp}/$1.XXXXXX")"
    OWN_WORK=true
  fi
  WORK="$(abs_dir "$WORK")"
  STARTED_KAFKA=false
  STARTED_CLICKHOUSE=false
  trap bench_cleanup EXIT
  trap 'exit 130' INT TERM
}

bench_cleanup() {
  local rc=$?
  if $STARTED_KAFKA; then "$REPO_ROOT/scripts/kafka.sh" stop "$WORK/kafka" >/dev/null 2>&1 || true; fi
  if $STARTED_CLICKHOUSE; then "$REPO_ROOT/scripts/clickhouse.sh" stop "$WORK/clickhouse" >/dev/null 2>&1 || true; fi
  if $OWN_WORK && ! $KEEP && (( rc == 0 )); then
    rm -rf "$WORK"
  else
    log "work dir kept: $WORK"
  fi
  exit "$rc"
}

# bench_start_servers: a Kafka broker and a ClickHouse server in WORK, unless KAFKA / CLICKHOUSE
# already name running ones (--kafka, --clickhouse). CLICKHOUSE ends without a trailing slash.
bench_start_servers() {
  if [[ -z "$KAFKA" ]]; then
    KAFKA="$("$REPO_ROOT/scripts/kafka.sh" start "$WORK/kafka")"
    STARTED_KAFKA=true
  fi
  if [[ -z "$CLICKHOUSE" ]]; then
    CLICKHOUSE="$("$REPO_ROOT/scripts/clickhouse.sh" start "$WORK/clickhouse")"
    STARTED_CLICKHOUSE=true
  fi
  CLICKHOUSE="${CLICKHOUSE%/}"
}

# bench_results FILE: the key=value file the report renderer reads; put KEY VALUE appends to it.
bench_results() {
  RESULTS="$1"
  : >"$RESULTS"
}
put() { printf '%s=%s\n' "$1" "$2" >>"$RESULTS"; }

# put_machine: what ran the benchmark, and when.
put_machine() {
  put machine.nproc "$(nproc)"
  put machine.cpu "$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1)"
  put machine.memory "$(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
  put machine.java "$(java -version 2>&1 | head -n1 | sed 's/"//g')"
  put run.date "$(date -u +%Y-%m-%dT%H:%MZ)"
}
