#!/bin/bash
# FailDaily backup, run by the <name>-backup CronJob and by on-demand Jobs in the database image.
#
# Dumps the database with mysqldump, compresses it, checks the archive, and only then publishes it as
# $BACKUP_DIR/faildaily_backup_YYYYMMDD_HHMMSS.sql.gz, with the rows per table of that dump beside it in
# faildaily_backup_YYYYMMDD_HHMMSS.counts (what a restore drill, verify.sh, compares a restored copy with).
# Any failure exits non-zero and leaves no file behind. Then keeps the newest $BACKUP_RETENTION backups.
#
# With STREAM_DIR set (spec.backup.objectStore), the dump goes to the upload container instead: see below.
#
# Environment: see common.sh, plus BACKUP_RETENTION (7).
set -euo pipefail
# shellcheck source=common.sh
. "$(dirname "$0")/common.sh"
needs_server

retention="${BACKUP_RETENTION:-7}"
case "$retention" in
  ''|*[!0-9]*) fail "BACKUP_RETENTION must be a whole number, not '$retention'" ;;
esac
[ "$retention" -ge 1 ] || fail "BACKUP_RETENTION must be at least 1"

# With an object store (STREAM_DIR set) the upload container beside this one names the backup, compresses
# it, stores it and applies retention: this side makes the pipe, waits for the upload's word that the store
# took the upload, dumps plain SQL into the pipe, and tells by its exit status (the file dump.status) how the
# dump ended: the upload completes only after a 0.
if [ -n "${STREAM_DIR:-}" ]; then
  ended_file="$STREAM_DIR/dump.status"
  pipe="$STREAM_DIR/dump.pipe"
  [ -p "$pipe" ] || mkfifo -m 600 "$pipe" || fail "could not make the pipe $pipe"
  word="$(await_file "$STREAM_DIR/upload.ready" "$STREAM_DIR/upload.failed")" ||
    fail "the upload container gave no word within ${STREAM_WAIT_SECONDS:-600} s; nothing was stored"
  if [ "$word" = "$STREAM_DIR/upload.failed" ]; then
    # The upload container reports the store's error; this side did nothing.
    echo "not dumping: $(cat "$STREAM_DIR/upload.failed")"
    report "dump=skipped"
    exit 1
  fi
  echo "dumping $MYSQL_DATABASE from $MYSQL_HOST:$port to the object store as $(cat "$STREAM_DIR/upload.ready")"
  status=0
  dump_sql > "$pipe" || status=$?
  if [ "$status" -ne 0 ]; then
    if [ -e "$STREAM_DIR/upload.failed" ]; then
      echo "the upload stopped: $(cat "$STREAM_DIR/upload.failed")"
      report "dump=stopped"
      exit 1
    fi
    fail "mysqldump of $MYSQL_DATABASE failed (exit $status); nothing was stored"
  fi
  report "dump=complete"
  exit 0
fi

mkdir -p "$BACKUP_DIR"

stamp="$(date -u +%Y%m%d_%H%M%S)"
final="$BACKUP_DIR/faildaily_backup_${stamp}.sql.gz"
if [ -e "$final" ]; then
  # Two backups in the same second (a scheduled and an on-demand one): keep both.
  final="$BACKUP_DIR/faildaily_backup_${stamp}_$$.sql.gz"
fi

echo "dumping $MYSQL_DATABASE from $MYSQL_HOST:$port"
dump_verified "$final" "${final%.sql.gz}.counts" || fail "mysqldump of $MYSQL_DATABASE failed, or its archive did not pass gzip -t"
size="$(stat -c %s "$final")"

# Retention: names sort by time, so the newest come first in reverse order. The file just written is
# the newest good one and retention is at least 1: it is never deleted.
find "$BACKUP_DIR" -maxdepth 1 -type f -name 'faildaily_backup_*.sql.gz' | sort -r | tail -n +"$((retention + 1))" |
  while IFS= read -r old; do
    echo "retention: removing $(basename "$old")"
    rm -f -- "$old" "${old%.sql.gz}.counts"
  done

report "file=$(basename "$final") size=$size"
