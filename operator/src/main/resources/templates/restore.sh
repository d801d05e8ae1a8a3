#!/bin/bash
# FailDaily restore, run once per request by the <name>-restore-… Job in the database image, while the
# operator holds the backend at zero replicas.
#
# Refuses, without touching the database, a file that is missing, outside the backups volume or fails
# gzip -t. Otherwise it first saves the current data as pre-restore_YYYYMMDD_HHMMSS.sql.gz, then loads
# the backup. DEFINER clauses are stripped, so that objects are re-created for the restoring user
# instead of failing on an account that may not exist here.
#
# Environment: as backup.sh, plus RESTORE_FILE (a file name on the backups volume).
set -euo pipefail

: "${MYSQL_HOST:?MYSQL_HOST is required}"
: "${MYSQL_DATABASE:?MYSQL_DATABASE is required}"
: "${BACKUP_DIR:?BACKUP_DIR is required}"
: "${RESTORE_FILE:?RESTORE_FILE is required}"
port="${MYSQL_PORT:-3306}"
user="${MYSQL_USER:-root}"
termination_log="${TERMINATION_LOG:-/dev/termination-log}"

report() {
  if [ -w "$termination_log" ] || { [ ! -e "$termination_log" ] && [ -w "$(dirname "$termination_log")" ]; }; then
    printf '%s\n' "$*" > "$termination_log"
  fi
  printf '%s\n' "$*"
}

refuse() {
  report "error=$*; the database was not touched"
  exit 2
}

fail() {
  report "error=$*"
  exit 1
}

case "$RESTORE_FILE" in
  */*|.*|'') refuse "'$RESTORE_FILE' is not a file name on the backups volume" ;;
esac
file="$BACKUP_DIR/$RESTORE_FILE"
[ -f "$file" ] || refuse "no backup named $RESTORE_FILE on the backups volume"
gzip -t "$file" 2>/dev/null || refuse "$RESTORE_FILE is corrupt (gzip -t fails)"

client=(--host="$MYSQL_HOST" --port="$port" --user="$user")
stamp="$(date -u +%Y%m%d_%H%M%S)"
safety="$BACKUP_DIR/pre-restore_${stamp}.sql.gz"
partial="$BACKUP_DIR/.pre-restore_${stamp}.partial"
trap 'rm -f "$partial"' EXIT
echo "saving the current data as $(basename "$safety")"
if ! mysqldump "${client[@]}" --single-transaction --routines --triggers --events \
    --default-character-set=utf8mb4 "$MYSQL_DATABASE" | gzip -c > "$partial"; then
  fail "could not save the current data before restoring; nothing was restored"
fi
gzip -t "$partial" || fail "the safety copy does not pass gzip -t; nothing was restored"
mv "$partial" "$safety"

echo "restoring $RESTORE_FILE into $MYSQL_DATABASE"
# shellcheck disable=SC2016 # the backticks are literal: they quote the account in DEFINER=`user`@`host`
if ! gzip -dc "$file" | sed -E 's/DEFINER=`[^`]*`@`[^`]*`//g' |
    mysql "${client[@]}" --default-character-set=utf8mb4 "$MYSQL_DATABASE"; then
  fail "loading $RESTORE_FILE failed part way; the data before the restore is in $(basename "$safety")"
fi
report "restored=$RESTORE_FILE safety=$(basename "$safety")"
