#!/usr/bin/env bash
# Deletes the kind cluster created by scripts/kind-up.sh, with every FailDaily and volume in it.
set -euo pipefail

CLUSTER_NAME="${CLUSTER_NAME:-faildaily}"

if ! command -v kind >/dev/null 2>&1; then
  echo "kind-down: 'kind' is needed: https://kind.sigs.k8s.io/docs/user/quick-start/#installation" >&2
  exit 1
fi

if kind get clusters 2>/dev/null | grep -qx "${CLUSTER_NAME}"; then
  kind delete cluster --name "${CLUSTER_NAME}"
else
  echo "no kind cluster named '${CLUSTER_NAME}'"
fi
