# shellcheck shell=bash
# shellcheck disable=SC2034 # the variables set here are read by the scripts that source this file
# Shared by the scripts/bench-*.sh scripts (sourced after lib/common.sh): the options and
# defaults they have in common, the work dir and its clean-up, the servers a benchmark starts when it is not given running ones, and the results
# file with the machine facts every report begins with.

JAR="$REPO_ROOT/benchmarks/target/benchmarks.jar"
DOC="$REPO_ROOT/docs/BENCHMARKS.md"   # --doc FILE, --no-doc: empty
LABEL=""                               # --label NAME; each script has its default
KAFKA=""                               # --kafka HOST:PORT: a running broker, else one is started
CLICKHOUSE=""                          # --clickhouse URL: a running server, else one is started
WORK=""                                # --work-dir DIR
KEEP=false                             # --keep

loadavg() { cut -d' ' -f1-3 /proc/loadavg; }

# bench_require_jar: benchmarks/target/benchmarks.jar is built, or die saying how to build it.
bench_require_jar() {
  [[ -f "$JAR" ]] || die "$JAR is missing: build it with ./mvnw -B -DskipTests package -pl benchmarks -am"
}

# bench_report_option ARG...: take the report options every benchmark has (--label NAME, --doc FILE,
# --no-doc, -h/--help) from the front of ARG...; sets OPTION_WORDS to the words taken (for shift).
# An unknown option prints the usage and exits 2.
bench_report_option() {
  case "$1" in
    --label) LABEL="$2"; OPTION_WORDS=2 ;;
    --doc) DOC="$2"; OPTION_WORDS=2 ;;
    --no-doc) DOC=""; OPTION_WORDS=1 ;;
    -h|--help) usage ;;
    *) log "unknown option: $1"; usage ;;
  esac
}

# bench_server_option ARG...: the options of the benchmarks that run against servers (--kafka,
# --clickhouse, --work-dir, --keep), else bench_report_option.
bench_server_option() {
  case "$1" in
    --kafka) KAFKA="$2"; OPTION_WORDS=2 ;;
    --clickhouse) CLICKHOUSE="$2"; OPTION_WORDS=2 ;;
    --work-dir) WORK="$2"; OPTION_WORDS=2 ;;
    --keep) KEEP=true; OPTION_WORDS=1 ;;
    *) bench_report_option "$@" ;;
  esac
}

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
