#!/bin/bash
# An init script as the mysql image runs them (sourced, in its set -eo pipefail shell, with the container's
# environment): records which user and database the rendered environment names.
mysql -uroot -p"$MYSQL_ROOT_PASSWORD" "$MYSQL_DATABASE" \
  -e "INSERT INTO init_runs VALUES ('03-record.sh', '$MYSQL_USER@$MYSQL_DATABASE')"
