#!/bin/bash
# FailDaily restore drill, run by the <name>-verify CronJob in the database image: proves that the newest
# backup restores, without ever reaching the live database (this Job is given neither its address nor a
# password).
#
# Restores the newest complete backup into a throwaway server that this script starts inside the pod (a fresh
# data directory under /tmp, a unix socket only: no network listener), runs CHECK TABLE on every table and
# compares the rows of each table with what the backup recorded when it was taken:
# - the backups volume (mounted read-only): the newest faildaily_backup_*.sql.gz, which backup.sh publishes
#   only once whole, and its faildaily_backup_*.counts; a backup written before backups recorded counts is
#   compared with the rows its own INSERT statements hold;
# - with STREAM_DIR set (spec.backup.objectStore): the download container beside this one picks the newest
#   manifest, checks the backup against it (size, SHA-256) and writes its row counts to $STREAM_DIR/counts and
#   the backup's name to $STREAM_DIR/backup before it says "ok" in $STREAM_DIR/verified, then streams the
#   backup into the pipe.
#
# Reports verified=NAME tables=N rows=M, or error=… with reason=R backup=NAME, R one of NoBackup,
# BackupUnreadable (corrupt, truncated, or does not load), CheckTableFailed, RowCountMismatch, DrillFailed
# (the throwaway server did not start: not the backup's fault).
#
# Environment: MYSQL_DATABASE, BACKUP_DIR, TERMINATION_LOG (see common.sh), STREAM_DIR with an object store,
# VERIFY_START_SECONDS (120: how long the throwaway server may take to start).
set -euo pipefail
# shellcheck source=common.sh
. "$(dirname "$0")/common.sh"
# Whatever the environment holds, nothing here may reach a server but the throwaway one.
unset MYSQL_HOST MYSQL_PWD

case "$MYSQL_DATABASE" in
  *[!A-Za-z0-9_]*) fail "MYSQL_DATABASE must be a plain name, not '$MYSQL_DATABASE'" ;;
esac

backup=""
# verdict REASON MESSAGE…: the drill's failure, for the condition BackupVerified=False.
verdict() {
  local reason="$1"
  shift
  report "error=$*"$'\n'"reason=$reason${backup:+ backup=$backup}"
  exit 1
}

work="$(mktemp -d "${TMPDIR:-/tmp}/verify.XXXXXX")"
server_pid=""
stop_server() {
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
at_exit=stop_server

if [ -n "${STREAM_DIR:-}" ]; then
  ended_file="$STREAM_DIR/restore.ended"
  pipe="$STREAM_DIR/dump.pipe"
  [ -p "$pipe" ] || mkfifo -m 600 "$pipe" || fail "could not make the pipe $pipe"
  STREAM_WAIT_SECONDS="${STREAM_WAIT_SECONDS:-7200}" await_file "$STREAM_DIR/verified" >/dev/null ||
    verdict BackupUnreadable "the download container did not check the newest backup in time"
  word="$(cat "$STREAM_DIR/verified")"
  if [ "$word" != ok ]; then
    # The download container reports why (no backup, a corrupt one, the store's error); this side did nothing.
    echo "not verifying: ${word#error=}"
    report "verify=skipped"
    exit 1
  fi
  backup="$(cat "$STREAM_DIR/backup")"
  expected="$STREAM_DIR/counts"
  expected_from="its manifest"
  sql() { gzip -dc < "$pipe"; }
else
  backup="$(find "$BACKUP_DIR" -maxdepth 1 -type f -name 'faildaily_backup_*.sql.gz' -printf '%f\n' | LC_ALL=C sort | tail -n 1)"
  [ -n "$backup" ] || verdict NoBackup "no backup on the backups volume to verify"
  file="$BACKUP_DIR/$backup"
  gzip -t "$file" 2>/dev/null || verdict BackupUnreadable "$backup is corrupt (gzip -t fails)"
  gzip -dc "$file" | awk 'NF { last = $0 } END { exit !(last ~ /^-- Dump completed/) }' ||
    verdict BackupUnreadable "$backup is incomplete: it does not end with mysqldump's '-- Dump completed' line"
  expected="$BACKUP_DIR/${backup%.sql.gz}.counts"
  expected_from="its counts file"
  if [ ! -f "$expected" ]; then
    expected="$work/dump.counts"
    expected_from="its own INSERT statements (it has no counts file)"
    gzip -dc "$file" | count_rows > "$expected"
  fi
  sql() { gzip -dc "$file"; }
fi

# The throwaway server: MariaDB's tools where they are (Debian), else the mysql image's mysqld.
data="$work/data"
socket="$work/mysqld.sock"
me="$(id -un)"
mkdir -p "$data"
if command -v mariadb-install-db >/dev/null 2>&1; then
  server=mariadbd
  initialise=(mariadb-install-db --no-defaults --user="$me" --auth-root-authentication-method=normal --skip-test-db
    --datadir="$data")
else
  server=mysqld
  initialise=(mysqld --no-defaults --initialize-insecure --user="$me" --datadir="$data")
fi
"${initialise[@]}" > "$work/initialise.log" 2>&1 ||
  verdict DrillFailed "could not initialise a throwaway server: $(tail -n 1 "$work/initialise.log")"
echo "restoring $backup into a throwaway $server (socket only, no network)"
# A copy that is thrown away: durability is not needed, speed is.
"$server" --no-defaults --user="$me" --datadir="$data" --socket="$socket" --pid-file="$work/mysqld.pid" \
  --skip-networking --loose-mysqlx=OFF --skip-log-bin --loose-performance-schema=OFF \
  --innodb-flush-log-at-trx-commit=0 --tmpdir="$work" --log-error="$work/error.log" &
server_pid=$!

local_sql() {
  mysql --no-defaults --socket="$socket" --user=root "$@"
}
limit="${VERIFY_START_SECONDS:-120}"
tries=0
until local_sql -e 'SELECT 1' >/dev/null 2>&1; do
  kill -0 "$server_pid" 2>/dev/null ||
    verdict DrillFailed "the throwaway server stopped while starting: $(tail -n 1 "$work/error.log" 2>/dev/null)"
  [ "$tries" -lt "$((limit * 5))" ] || verdict DrillFailed "the throwaway server did not start within $limit s"
  tries=$((tries + 1))
  sleep 0.2
done

local_sql -e "CREATE DATABASE \`$MYSQL_DATABASE\` CHARACTER SET utf8mb4" ||
  verdict DrillFailed "could not create $MYSQL_DATABASE in the throwaway server"
if ! sql | loadable_sql | local_sql --default-character-set=utf8mb4 "$MYSQL_DATABASE" 2> "$work/load.log"; then
  verdict BackupUnreadable "$backup did not load into a fresh server: $(tail -n 1 "$work/load.log")"
fi

mapfile -t tables < <(local_sql --batch --skip-column-names -e "SELECT TABLE_NAME FROM information_schema.TABLES \
WHERE TABLE_SCHEMA = '$MYSQL_DATABASE' AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME")

if [ "${#tables[@]}" -gt 0 ]; then
  # shellcheck disable=SC2016 # the backticks are literal: they quote the table names
  list="$(printf '`%s`,' "${tables[@]}")"
  local_sql --batch --skip-column-names -e "CHECK TABLE ${list%,}" "$MYSQL_DATABASE" > "$work/check.log" ||
    verdict CheckTableFailed "CHECK TABLE could not run on $backup's tables"
  # Per table: an error, or a final status other than OK.
  bad="$(awk -F'\t' '$3 == "error" || ($3 == "status" && $4 != "OK") { sub(/^[^.]*\./, "", $1); print $1 ": " $4 }' \
    "$work/check.log" | head -n 5 | paste -sd ';' -)"
  [ -z "$bad" ] || verdict CheckTableFailed "CHECK TABLE failed on the restored $backup: $bad"
fi

for table in "${tables[@]}"; do
  printf "SELECT '%s', COUNT(*) FROM \`%s\`;\n" "$table" "$table"
done | local_sql --batch --skip-column-names "$MYSQL_DATABASE" | LC_ALL=C sort > "$work/restored.counts" ||
  verdict DrillFailed "could not count the rows of the restored $backup"
awk 'NF' "$expected" | LC_ALL=C sort > "$work/expected.counts"
# (awk rather than cmp: the mysql image has no diffutils.)
differences="$(awk -F'\t' '
    FILENAME == ARGV[1] { want[$1] = $2; next }
    { got[$1] = $2 }
    END {
      for (t in want) if (!(t in got)) print t ": " want[t] " rows in the backup, no such table restored"
      for (t in got) if (!(t in want)) print t ": restored with " got[t] " rows, not in the backup"
      for (t in want) if ((t in got) && want[t] != got[t]) print t ": " want[t] " rows in the backup, " got[t] " restored"
    }' "$work/expected.counts" "$work/restored.counts" | LC_ALL=C sort | head -n 5 | paste -sd ';' -)"
[ -z "$differences" ] || verdict RowCountMismatch "the restored $backup differs from $expected_from: $differences"

rows="$(awk -F'\t' '{ n += $2 } END { print n + 0 }' "$work/restored.counts")"
report "verified=$backup tables=${#tables[@]} rows=$rows"
