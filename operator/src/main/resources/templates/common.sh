# Sourced by backup.sh and restore.sh: their environment, how they report, and a verified dump.
#
# Environment: MYSQL_HOST, MYSQL_PORT (3306), MYSQL_USER (root), MYSQL_PWD (the password: mysql clients
# read it from the environment, so it never appears on a command line), MYSQL_DATABASE, BACKUP_DIR,
# TERMINATION_LOG (/dev/termination-log: what the operator reads back); with an object store, STREAM_DIR (the
# directory shared with the operator image's container that uploads or downloads: a pipe and a few signal files).

: "${MYSQL_HOST:?MYSQL_HOST is required}"
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

# A dump in progress, removed if the script ends before publishing it; and, with an object store, the file
# in the directory shared with the other container that tells it this script has ended, with its exit status.
partial=""
ended_file=""
on_exit() {
  local status=$?
  if [ -n "$partial" ]; then rm -f "$partial"; fi
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

# dump_verified FILE: dumps the database with mysqldump into a hidden temporary file, compressed, and
# publishes it as FILE only when the dump and the compression both succeeded and gzip -t passes.
dump_verified() {
  local final="$1"
  partial="$(dirname "$final")/.$(basename "$final").partial"
  if ! dump_sql | gzip -c > "$partial"; then
    return 1
  fi
  gzip -t "$partial" || return 1
  mv "$partial" "$final" || return 1
  partial=""
}
