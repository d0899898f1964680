#!/usr/bin/env bash
# chDB — current ClickHouse (26.7) as an in-process library — for the sql-compat tests.
#
# Usage: scripts/chdb.sh fetch      prints the absolute path of libchdb.so on stdout
#
# The library is the npm package @chdb/lib-linux-x64-gnu at the pinned version below
# (a dependency of the `chdb` package; libchdb.so is the ClickHouse engine with a small C
# API). It is fetched once with npm's ordinary client (`npm pack`, from the registry npm is
# configured with), its tarball checked against the pinned sha512 (the registry's
# dist.integrity for that version), only libchdb.so unpacked, and the tarball deleted.
# Later calls print the cached path at once.
#
# Cache: $CHDB_CACHE_DIR, default ${XDG_CACHE_HOME:-$HOME/.cache}/queue-analytics/chdb/VERSION
# (outside the repository; ~570 MB). Delete that directory to fetch again.
# Concurrent calls (several checkouts on one machine) wait for each other (flock).
# npm missing: installed with apt-get when running as root, else an error saying so.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

CHDB_PACKAGE="@chdb/lib-linux-x64-gnu"
CHDB_VERSION="26.7.3-stable.1"
# dist.integrity of $CHDB_PACKAGE@$CHDB_VERSION as the registry publishes it (`npm view … dist.integrity`)
CHDB_INTEGRITY="sha512-XP97mMqnc5tZpKQywR8N7cLTsHNiTmHr30pC5mzo3jWmukjKn2IBa60c2B/gWUNcuFjOMjWoorQICCqBVj5wpw=="
CACHE_DIR="${CHDB_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/queue-analytics/chdb/$CHDB_VERSION}"
LIBRARY="$CACHE_DIR/libchdb.so"
VERIFIED="$CACHE_DIR/VERIFIED"

ensure_npm() {
  command -v npm >/dev/null 2>&1 && return 0
  log "npm missing"
  apt_install "npm not found; it fetches chDB for the sql-compat tests. Install it: sudo apt-get install -y npm" npm
}

# integrity_of FILE: the file's sha512 in npm's "sha512-<base64>" form.
integrity_of() {
  printf 'sha512-%s' "$(openssl dgst -sha512 -binary "$1" | base64 -w0)"
}

fetch() {
  if [[ -f "$VERIFIED" && -f "$LIBRARY" ]]; then
    echo "$LIBRARY"
    return 0
  fi
  mkdir -p "$CACHE_DIR" || die "cannot create the chDB cache directory $CACHE_DIR (set CHDB_CACHE_DIR)"
  exec 9>"$CACHE_DIR/.lock"
  flock -w 900 9 || die "another scripts/chdb.sh has held $CACHE_DIR/.lock for 15 minutes; is it stuck?"
  if [[ -f "$VERIFIED" && -f "$LIBRARY" ]]; then # fetched by the one we waited for
    echo "$LIBRARY"
    return 0
  fi
  ensure_npm
  command -v openssl >/dev/null 2>&1 || die "openssl not found; it checks chDB's checksum. Install it: apt-get install -y openssl"
  local started work tarball actual
  started="$(now_ms)"
  work="$(mktemp -d "$CACHE_DIR/.fetch.XXXXXX")"
  log "fetching $CHDB_PACKAGE@$CHDB_VERSION (~180 MB, once) into $CACHE_DIR"
  if ! (cd "$work" && npm pack --silent "$CHDB_PACKAGE@$CHDB_VERSION" >"$work/npm.out" 2>"$work/npm.err"); then
    tail_log "$work/npm.err" 20
    rm -rf "$work"
    die "npm pack $CHDB_PACKAGE@$CHDB_VERSION failed (is the npm registry reachable?)"
  fi
  tarball="$(find "$work" -maxdepth 1 -name '*.tgz' | head -n1)"
  [[ -n "$tarball" ]] || { rm -rf "$work"; die "npm pack produced no tarball"; }
  actual="$(integrity_of "$tarball")"
  if [[ "$actual" != "$CHDB_INTEGRITY" ]]; then
    rm -rf "$work"
    die "$CHDB_PACKAGE@$CHDB_VERSION: checksum mismatch (expected $CHDB_INTEGRITY, got $actual); refusing to use it"
  fi
  tar -xzf "$tarball" -C "$work" package/libchdb.so || { rm -rf "$work"; die "the tarball holds no package/libchdb.so"; }
  mv -f "$work/package/libchdb.so" "$LIBRARY"
  rm -rf "$work"
  printf '%s %s %s\n' "$CHDB_PACKAGE" "$CHDB_VERSION" "$CHDB_INTEGRITY" >"$VERIFIED"
  log "chDB $CHDB_VERSION ready in $(( ($(now_ms) - started) / 1000 )) s: $LIBRARY"
  echo "$LIBRARY"
}

case "${1:-}" in
  fetch) fetch ;;
  *) die "usage: scripts/chdb.sh fetch   (prints the path of libchdb.so, fetching it once)" ;;
esac
