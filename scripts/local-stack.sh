#!/usr/bin/env bash
# Runs what the operator renders for a FailDaily file on this machine, as the stack tests do: a private
# MariaDB with the rendered faildaily.cnf, prepared as the mysql image prepares a new volume (users, database,
# spec.database.initScripts), the backend (the app-backend jar, or the command you give) with the rendered
# environment, and Debian's nginx with the rendered nginx.conf serving the operator's page or the frontend
# build you give. Prints the URL; Ctrl-C (or SIGTERM) stops every process and deletes the temp folders.
#
#   scripts/local-stack.sh FILE [--frontend DIR] [--backend-command CMD] [--config-map NAME=DIR]...
#   scripts/local-stack.sh examples/faildaily-minimal.yaml
#   scripts/local-stack.sh examples/faildaily-original-images.yaml \
#     --config-map faildaily-original-schema=path/to/the/sql/folder \
#     --backend-command 'cd path/to/original/backend && npm start' --frontend path/to/dist/app/browser
#
# --frontend DIR         what spec.frontend.image holds in /usr/share/nginx/html (needed when it is set)
# --backend-command CMD  a shell command that runs the backend image's program in the foreground, instead of
#                        the app-backend jar; it gets the rendered environment and your PATH, nothing else
# --config-map NAME=DIR  the folder the ConfigMap NAME is made from (kubectl create configmap --from-file=DIR)
#
# Needs Java 17, Maven and Debian's mariadb-server and nginx. Builds the operator's test classes (and the
# app-backend jar unless --backend-command is given) first; LOCAL_STACK_CLASSPATH, when set, is the class
# path to run with instead, and nothing is built. Temp folders go to TMPDIR (default /tmp).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"

needs_jar=true
for arg in "$@"; do
  if [[ "$arg" == "--backend-command" ]]; then
    needs_jar=false
  fi
done

classpath="${LOCAL_STACK_CLASSPATH:-}"
if [[ -z "$classpath" ]]; then
  echo "Building the operator's test classes (mvn -pl operator -am -Plocal-stack test-compile)..." >&2
  mvn -B -q -f "$repo/pom.xml" -pl operator -am -Plocal-stack -DskipTests test-compile
  if [[ "$needs_jar" == true ]]; then
    echo "Building the app-backend jar (mvn -pl app-backend package)..." >&2
    mvn -B -q -f "$repo/pom.xml" -pl app-backend -DskipTests package
  fi
  classpath="$(cat "$repo/operator/target/local-stack.classpath")"
fi

# exec: the JVM is this process, so Ctrl-C and SIGTERM reach it, and its shutdown hook stops the stack.
exec "$java" -Xmx512m -Djava.io.tmpdir="${TMPDIR:-/tmp}" -Dfaildaily.repoRoot="$repo" \
  -cp "$classpath" io.faildaily.operator.stack.LocalStack "$@"
