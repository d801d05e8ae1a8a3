#!/bin/bash
# FailDaily restore, run once per request by the <name>-restore-… Job in the database image, while the
# operator holds the backend at zero replicas.
#
# Refuses, without touching the database, a file that is missing, outside the backups volume or fails
# gzip -t. Otherwise it first saves the current data as pre-restore_YYYYMMDD_HHMMSS.sql.gz, then loads
# the backup. DEFINER clauses are stripped, so that objects are re-created for the restoring user
# instead of failing on an account that may not exist here.
#
# Environment: see common.sh, plus RESTORE_FILE (a file name on the backups volume).
set -euo pipefail
# shellcheck source=common.sh
. "$(dirname "$0")/common.sh"

: "${RESTORE_FILE:?RESTORE_FILE is required}"

refuse() {
  report "error=$*; the database was not touched"
  exit 2
}

case "$RESTORE_FILE" in
  */*|.*|'') refuse "'$RESTORE_FILE' is not a file name on the backups volume" ;;
esac
file="$BACKUP_DIR/$RESTORE_FILE"
[ -f "$file" ] || refuse "no backup named $RESTORE_FILE on the backups volume"
gzip -t "$file" 2>/dev/null || refuse "$RESTORE_FILE is corrupt (gzip -t fails)"

client=(--host="$MYSQL_HOST" --port="$port" --user="$user")
safety="$BACKUP_DIR/pre-restore_$(date -u +%Y%m%d_%H%M%S).sql.gz"
echo "saving the current data as $(basename "$safety")"
dump_verified "$safety" || fail "could not save the current data before restoring; nothing was restored"

echo "restoring $RESTORE_FILE into $MYSQL_DATABASE"
# shellcheck disable=SC2016 # the backticks are literal: they quote the account in DEFINER=`user`@`host`
if ! gzip -dc "$file" | sed -E 's/DEFINER=`[^`]*`@`[^`]*`//g' |
    mysql "${client[@]}" --default-character-set=utf8mb4 "$MYSQL_DATABASE"; then
  fail "loading $RESTORE_FILE failed part way; the data before the restore is in $(basename "$safety")"
fi
report "restored=$RESTORE_FILE safety=$(basename "$safety")"
