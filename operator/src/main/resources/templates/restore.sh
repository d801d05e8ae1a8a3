#!/bin/bash
# FailDaily restore, run once per request by the <name>-restore-… Job in the database image, while the
# operator holds the backend at zero replicas.
#
# Takes a mysqldump of one database as it is: compressed (.sql.gz, as the backup CronJob writes them) or
# plain (.sql, as the original docker-compose setup's `mysqldump … faildaily > backup.sql` wrote them),
# dumped from a database of any name.
#
# Refuses, without touching the database, a file that is missing, outside the backups volume, fails
# gzip -t, or does not look like a complete mysqldump of one database: mysqldump's header in its first
# lines, its closing "-- Dump completed" line (a plain file has no checksum, that line is what tells a
# whole dump from a truncated copy), at most one `USE` database. Otherwise it first saves the current
# data as pre-restore_YYYYMMDD_HHMMSS.sql.gz, empties MYSQL_DATABASE (a restore gives the backup's state,
# not a mix of it with tables the backup does not have), then loads the file into it, edited line by line:
# - DEFINER clauses are stripped, so that objects are re-created for the restoring user instead of
#   failing on an account that may not exist here;
# - CREATE DATABASE, DROP DATABASE and USE lines (a dump made with --databases) are dropped, so that the
#   data lands in MYSQL_DATABASE whatever the name it was dumped from;
# - MariaDB's first line "/*M!999999\- enable the sandbox mode */" is dropped: the mysql client of the
#   MySQL image stops on it ("Unknown command '\-'").
#
# With STREAM_DIR set (spec.backup.objectStore), RESTORE_FILE names a backup in the object store, which the
# download container checks against its manifest before anything is touched and then streams in: see below.
# The safety copy is still written to the backups volume.
#
# Environment: see common.sh, plus RESTORE_FILE (a file name on the backups volume, or in the object store).
set -euo pipefail
# shellcheck source=common.sh
. "$(dirname "$0")/common.sh"
needs_server

: "${RESTORE_FILE:?RESTORE_FILE is required}"
case "$MYSQL_DATABASE" in
  *[!A-Za-z0-9_]*) fail "MYSQL_DATABASE must be a plain name, not '$MYSQL_DATABASE'" ;;
esac

refuse() {
  report "error=$*; the database was not touched"
  exit 2
}

if [ -n "${STREAM_DIR:-}" ]; then
  # From the object store: the download container beside this one first reads the backup end to end and
  # checks it against its manifest (size, SHA-256: the manifest exists only for a dump that completed), and
  # says "ok" or why not in verified; then it streams the backup into the pipe, once, as this script loads it.
  ended_file="$STREAM_DIR/restore.ended"
  pipe="$STREAM_DIR/dump.pipe"
  [ -p "$pipe" ] || mkfifo -m 600 "$pipe" || fail "could not make the pipe $pipe"
  STREAM_WAIT_SECONDS="${STREAM_WAIT_SECONDS:-7200}" await_file "$STREAM_DIR/verified" >/dev/null ||
    refuse "the download container did not verify $RESTORE_FILE in time"
  verdict="$(cat "$STREAM_DIR/verified")"
  [ "$verdict" = ok ] || refuse "${verdict#error=}"
  sql() { gzip -dc < "$pipe"; }
  named=()
else
  case "$RESTORE_FILE" in
    */*|.*|'') refuse "'$RESTORE_FILE' is not a file name on the backups volume" ;;
  esac
  file="$BACKUP_DIR/$RESTORE_FILE"
  [ -f "$file" ] || refuse "no backup named $RESTORE_FILE on the backups volume"
  case "$RESTORE_FILE" in
    *.sql.gz)
      gzip -t "$file" 2>/dev/null || refuse "$RESTORE_FILE is corrupt (gzip -t fails)"
      sql() { gzip -dc "$file"; } ;;
    *.sql)
      if gzip -t "$file" 2>/dev/null; then
        refuse "$RESTORE_FILE is gzip-compressed: name it $RESTORE_FILE.gz"
      fi
      sql() { cat "$file"; } ;;
    *) refuse "$RESTORE_FILE is neither a .sql nor a .sql.gz file" ;;
  esac

  # One pass over the dump: "HEADER COMPLETE DATABASE…" (1 or 0, 1 or 0, the names of its USE lines).
  inspect() {
    awk '
      NR <= 5 && /^-- (MySQL|MariaDB) dump / { header = 1 }
      /^USE `/ {
        name = $0; sub(/^USE `/, "", name); sub(/`;.*$/, "", name)
        if (!(name in seen)) { seen[name] = 1; names = names " " name }
      }
      /[^[:space:]]/ { last = $0 }
      END { printf "%d %d%s\n", header, (last ~ /^-- Dump completed/), names }'
  }
  read -r header complete databases <<<"$(sql | inspect)"
  [ "$header" = 1 ] || refuse "$RESTORE_FILE does not look like a mysqldump (no '-- MySQL dump' or '-- MariaDB dump' line at its start)"
  [ "$complete" = 1 ] || refuse "$RESTORE_FILE is incomplete: it does not end with mysqldump's '-- Dump completed' line (truncated, or dumped with --skip-comments)"
  read -r -a named <<<"$databases"
  [ "${#named[@]}" -le 1 ] || refuse "$RESTORE_FILE holds ${#named[@]} databases (${named[*]}): restore a dump of one database"
fi

client=(--host="$MYSQL_HOST" --port="$port" --user="$user")
safety="$BACKUP_DIR/pre-restore_$(date -u +%Y%m%d_%H%M%S).sql.gz"
echo "saving the current data as $(basename "$safety")"
dump_verified "$safety" || fail "could not save the current data before restoring; nothing was restored"

# The database is re-created with the character set and collation it had, so tables the dump creates
# without their own keep the defaults they had before.
read -r charset collation <<<"$(mysql "${client[@]}" --batch --skip-column-names -e "SELECT DEFAULT_CHARACTER_SET_NAME, \
DEFAULT_COLLATION_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = '$MYSQL_DATABASE'")" || true
echo "emptying $MYSQL_DATABASE"
if ! mysql "${client[@]}" -e "DROP DATABASE IF EXISTS \`$MYSQL_DATABASE\`; CREATE DATABASE \`$MYSQL_DATABASE\`\
${charset:+ CHARACTER SET $charset COLLATE $collation}"; then
  fail "could not empty $MYSQL_DATABASE before loading; the data before the restore is in $(basename "$safety")"
fi

echo "restoring $RESTORE_FILE${named[0]:+ (dumped from database ${named[0]})} into $MYSQL_DATABASE"
if ! sql | loadable_sql | mysql "${client[@]}" --default-character-set=utf8mb4 "$MYSQL_DATABASE"; then
  fail "loading $RESTORE_FILE failed part way; the data before the restore is in $(basename "$safety")"
fi
report "restored=$RESTORE_FILE safety=$(basename "$safety")"
