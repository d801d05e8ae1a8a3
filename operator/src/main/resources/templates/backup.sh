#!/bin/bash
# FailDaily backup, run by the <name>-backup CronJob and by on-demand Jobs in the database image.
#
# Dumps the database with mysqldump, compresses it, checks the archive, and only then publishes it as
# $BACKUP_DIR/faildaily_backup_YYYYMMDD_HHMMSS.sql.gz. Any failure exits non-zero and leaves no file
# behind. Then keeps the newest $BACKUP_RETENTION backups.
#
# Environment: MYSQL_HOST, MYSQL_PORT (3306), MYSQL_USER (root), MYSQL_PWD (the password: mysql clients
# read it from the environment, so it never appears on a command line), MYSQL_DATABASE, BACKUP_DIR,
# BACKUP_RETENTION (7), TERMINATION_LOG (/dev/termination-log: what the operator reads back).
set -euo pipefail

: "${MYSQL_HOST:?MYSQL_HOST is required}"
: "${MYSQL_DATABASE:?MYSQL_DATABASE is required}"
: "${BACKUP_DIR:?BACKUP_DIR is required}"
port="${MYSQL_PORT:-3306}"
user="${MYSQL_USER:-root}"
retention="${BACKUP_RETENTION:-7}"
termination_log="${TERMINATION_LOG:-/dev/termination-log}"

report() {
  # The last words of the pod, shown in its status, where the operator reads them.
  if [ -w "$termination_log" ] || { [ ! -e "$termination_log" ] && [ -w "$(dirname "$termination_log")" ]; }; then
    printf '%s\n' "$*" > "$termination_log"
  fi
  printf '%s\n' "$*"
}

fail() {
  report "error=$*"
  exit 1
}

case "$retention" in
  ''|*[!0-9]*) fail "BACKUP_RETENTION must be a whole number, not '$retention'" ;;
esac
[ "$retention" -ge 1 ] || fail "BACKUP_RETENTION must be at least 1"
mkdir -p "$BACKUP_DIR"

stamp="$(date -u +%Y%m%d_%H%M%S)"
final="$BACKUP_DIR/faildaily_backup_${stamp}.sql.gz"
if [ -e "$final" ]; then
  # Two backups in the same second (a scheduled and an on-demand one): keep both.
  final="$BACKUP_DIR/faildaily_backup_${stamp}_$$.sql.gz"
fi
partial="$BACKUP_DIR/.$(basename "$final").partial"
trap 'rm -f "$partial"' EXIT

echo "dumping $MYSQL_DATABASE from $MYSQL_HOST:$port"
if ! mysqldump --host="$MYSQL_HOST" --port="$port" --user="$user" \
    --single-transaction --routines --triggers --events \
    --default-character-set=utf8mb4 "$MYSQL_DATABASE" | gzip -c > "$partial"; then
  fail "mysqldump of $MYSQL_DATABASE failed"
fi
gzip -t "$partial" || fail "the compressed dump does not pass gzip -t"
mv "$partial" "$final"
size="$(stat -c %s "$final")"

# Retention: names sort by time, so the newest come first in reverse order. The file just written is
# the newest good one and retention is at least 1: it is never deleted.
find "$BACKUP_DIR" -maxdepth 1 -type f -name 'faildaily_backup_*.sql.gz' | sort -r | tail -n +"$((retention + 1))" |
  while IFS= read -r old; do
    echo "retention: removing $(basename "$old")"
    rm -f -- "$old"
  done

report "file=$(basename "$final") size=$size"
