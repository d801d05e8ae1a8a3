# Sourced by backup.sh and restore.sh: their environment, how they report, and a verified dump.
#
# Environment: MYSQL_HOST, MYSQL_PORT (3306), MYSQL_USER (root), MYSQL_PWD (the password: mysql clients
# read it from the environment, so it never appears on a command line), MYSQL_DATABASE, BACKUP_DIR,
# TERMINATION_LOG (/dev/termination-log: what the operator reads back).

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

# A dump in progress, removed if the script ends before publishing it.
partial=""
trap 'if [ -n "$partial" ]; then rm -f "$partial"; fi' EXIT

# dump_verified FILE: dumps the database with mysqldump into a hidden temporary file, compressed, and
# publishes it as FILE only when the dump and the compression both succeeded and gzip -t passes.
dump_verified() {
  local final="$1"
  partial="$(dirname "$final")/.$(basename "$final").partial"
  if ! mysqldump --host="$MYSQL_HOST" --port="$port" --user="$user" \
      --single-transaction --routines --triggers --events \
      --default-character-set=utf8mb4 "$MYSQL_DATABASE" | gzip -c > "$partial"; then
    return 1
  fi
  gzip -t "$partial" || return 1
  mv "$partial" "$final" || return 1
  partial=""
}
