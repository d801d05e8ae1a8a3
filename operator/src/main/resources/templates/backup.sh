#!/bin/bash
# FailDaily backup, run by the <name>-backup CronJob and by on-demand Jobs in the database image.
#
# Dumps the database with mysqldump, compresses it, checks the archive, and only then publishes it as
# $BACKUP_DIR/faildaily_backup_YYYYMMDD_HHMMSS.sql.gz. Any failure exits non-zero and leaves no file
# behind. Then keeps the newest $BACKUP_RETENTION backups.
#
# Environment: see common.sh, plus BACKUP_RETENTION (7).
set -euo pipefail
# shellcheck source=common.sh
. "$(dirname "$0")/common.sh"

retention="${BACKUP_RETENTION:-7}"
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

echo "dumping $MYSQL_DATABASE from $MYSQL_HOST:$port"
dump_verified "$final" || fail "mysqldump of $MYSQL_DATABASE failed, or its archive did not pass gzip -t"
size="$(stat -c %s "$final")"

# Retention: names sort by time, so the newest come first in reverse order. The file just written is
# the newest good one and retention is at least 1: it is never deleted.
find "$BACKUP_DIR" -maxdepth 1 -type f -name 'faildaily_backup_*.sql.gz' | sort -r | tail -n +"$((retention + 1))" |
  while IFS= read -r old; do
    echo "retention: removing $(basename "$old")"
    rm -f -- "$old"
  done

report "file=$(basename "$final") size=$size"
