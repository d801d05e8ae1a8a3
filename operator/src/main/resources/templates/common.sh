# Sourced by backup.sh, restore.sh and verify.sh: their environment, how they report, and a verified dump.
#
# Environment: MYSQL_HOST (not for verify.sh, which never reaches the live database), MYSQL_PORT (3306), MYSQL_USER (root), MYSQL_PWD (the password: mysql clients
# read it from the environment, so it never appears on a command line), MYSQL_DATABASE, BACKUP_DIR,
# TERMINATION_LOG (/dev/termination-log: what the operator reads back); with an object store, STREAM_DIR (the
# directory shared with the operator image's container that uploads or downloads: a pipe and a few signal files).

: "${MYSQL_DATABASE:?MYSQL_DATABASE is required}"
: "${BACKUP_DIR:?BACKUP_DIR is required}"
port="${MYSQL_PORT:-3306}"
user="${MYSQL_USER:-root}"
termination_log="${TERMINATION_LOG:-/dev/termination-log}"

# The last words of the pod, shown in its status, where the operator reads them.
report() {
  if [ -w "$termination_log" ] || { [ ! -e "$termination_log" ] && [ -w "$(dirname "$termination_log")" ]; }; then
    printf '%s\n' "$*" > "$termination_log"
  fi
  printf '%s\n' "$*"
}

fail() {
  report "error=$*"
  exit 1
}

# needs_server: backup.sh and restore.sh reach the live database; verify.sh never does.
needs_server() {
  : "${MYSQL_HOST:?MYSQL_HOST is required}"
}

# A dump in progress (and its counts), removed if the script ends before publishing it; a command the script
# wants run at its end (verify.sh: stop its throwaway server); and, with an object store, the file in the
# directory shared with the other container that tells it this script has ended, with its exit status.
partial=""
partial_counts=""
at_exit=""
ended_file=""
on_exit() {
  local status=$?
  if [ -n "$partial" ]; then rm -f "$partial"; fi
  if [ -n "$partial_counts" ]; then rm -f "$partial_counts"; fi
  if [ -n "$at_exit" ]; then "$at_exit" || true; fi
  if [ -n "$ended_file" ]; then printf '%s\n' "$status" > "$ended_file.partial" && mv "$ended_file.partial" "$ended_file"; fi
}
trap on_exit EXIT

# dump_sql: the database as mysqldump writes it, plain SQL on stdout.
dump_sql() {
  mysqldump --host="$MYSQL_HOST" --port="$port" --user="$user" \
    --single-transaction --routines --triggers --events \
    --default-character-set=utf8mb4 "$MYSQL_DATABASE"
}

# await_file FILE... : waits until one of the files exists (the other container's word), at most
# STREAM_WAIT_SECONDS (600); prints the one found, or fails.
await_file() {
  local limit="${STREAM_WAIT_SECONDS:-600}" tries=0 file
  while :; do
    for file in "$@"; do
      if [ -e "$file" ]; then printf '%s\n' "$file"; return 0; fi
    done
    [ "$tries" -lt "$((limit * 5))" ] || return 1
    tries=$((tries + 1))
    sleep 0.2
  done
}

# loadable_sql: a dump on stdin as restore.sh and verify.sh load it (see restore.sh): DEFINER clauses stripped,
# CREATE DATABASE, DROP DATABASE and USE lines dropped, MariaDB's sandbox first line dropped.
loadable_sql() {
  # shellcheck disable=SC2016 # the backticks are literal: they quote names in DEFINER=`user`@`host` and USE `db`
  sed -E \
    -e '1{/^\/\*M!999999\\- enable the sandbox mode \*\/ *$/d;}' \
    -e 's/DEFINER=`[^`]*`@`[^`]*`//g' \
    -e '/^(CREATE DATABASE |USE `|\/\*!40000 DROP DATABASE )/d'
}

# count_rows: reads a mysqldump (plain SQL) on stdin and prints "TABLE<tab>ROWS" for each table it creates or
# fills, sorted by name: the value tuples of its INSERT lines (MySQL's mysqldump writes a statement on one line,
# MariaDB's a tuple per line; strings never span lines, their new lines are escaped). Escapes, then strings are
# removed first, so a '(' inside a value is not counted.
count_rows() {
  LC_ALL=C awk '
    BEGIN { q = "\047"; quoted = q "[^" q "]*" q }
    {
      if (!inserting && /^INSERT INTO `/) {
        table = $0; sub(/^INSERT INTO `/, "", table); sub(/`.*$/, "", table); rows[table] += 0
        line = $0; sub(/^INSERT INTO `[^`]*` VALUES/, "", line); inserting = 1
      } else if (inserting) {
        line = $0
      } else {
        if (/^CREATE TABLE `/) { t = $0; sub(/^CREATE TABLE `/, "", t); sub(/`.*$/, "", t); rows[t] += 0 }
        next
      }
      gsub(/\\./, "", line); gsub(quoted, "", line)
      rows[table] += gsub(/\(/, "", line)
      if (line ~ /;[[:space:]]*$/) { inserting = 0 }
    }
    END { for (t in rows) printf "%s\t%d\n", t, rows[t] }' | LC_ALL=C sort
}

# dump_verified FILE [COUNTS]: dumps the database with mysqldump into a hidden temporary file, compressed, and
# publishes it as FILE only when the dump and the compression both succeeded and gzip -t passes. With COUNTS,
# the rows per table of that dump (count_rows) are published there first, so a published dump has its counts.
dump_verified() {
  local final="$1" counts="${2:-}"
  partial="$(dirname "$final")/.$(basename "$final").partial"
  if ! dump_sql | gzip -c > "$partial"; then
    return 1
  fi
  gzip -t "$partial" || return 1
  if [ -n "$counts" ]; then
    partial_counts="$(dirname "$counts")/.$(basename "$counts").partial"
    gzip -dc "$partial" | count_rows > "$partial_counts" || return 1
    mv "$partial_counts" "$counts" || return 1
    partial_counts=""
  fi
  mv "$partial" "$final" || return 1
  partial=""
}
