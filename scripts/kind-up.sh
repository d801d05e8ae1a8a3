#!/usr/bin/env bash
# Quick start on kind: a local two-node Kubernetes cluster running the FailDaily operator and one FailDaily.
#
#   scripts/kind-up.sh        (again at any time: every step is idempotent)
#   scripts/kind-down.sh      (deletes the cluster and everything in it)
#
# Needs docker, kind (>= 0.24), kubectl, helm (3.x), and Java 17 with Maven to build the jars.
# Steps: create the cluster from kind-config.yaml, build the operator and backend jars and images, load the
# images into the cluster's nodes, install the operator's chart, create examples/faildaily-minimal.yaml with
# its frontend on NodePort 30080 (published on localhost:8080 by kind-config.yaml), and wait until Ready.
set -euo pipefail
cd "$(dirname "$0")/.."

CLUSTER_NAME="${CLUSTER_NAME:-faildaily}"
OPERATOR_NAMESPACE="${OPERATOR_NAMESPACE:-faildaily-system}"
APP_NAMESPACE="${APP_NAMESPACE:-default}"
EXAMPLE="examples/faildaily-minimal.yaml"
# Must match kind-config.yaml: the node port, and the host port it is published on.
NODE_PORT=30080
HOST_PORT=8080
WAIT_TIMEOUT="${WAIT_TIMEOUT:-15m}"

log() {
  printf '\n==> %s\n' "$*"
}

need() {
  if ! command -v "$1" >/dev/null 2>&1; then
    echo "kind-up: '$1' is needed: $2" >&2
    exit 1
  fi
}

need docker "https://docs.docker.com/get-docker/"
need kind "https://kind.sigs.k8s.io/docs/user/quick-start/#installation"
need kubectl "https://kubernetes.io/docs/tasks/tools/"
need helm "https://helm.sh/docs/intro/install/"
need mvn "Maven 3.8+ with Java 17"

# One place names the version: the chart's appVersion is the tag of both images (and the backend tag the
# operator deploys by default).
version="$(sed -n 's/^appVersion:[[:space:]]*"\{0,1\}\([^"[:space:]]*\)"\{0,1\}[[:space:]]*$/\1/p' \
  helm/faildaily-operator/Chart.yaml)"
if [ -z "${version}" ]; then
  echo "kind-up: no appVersion in helm/faildaily-operator/Chart.yaml" >&2
  exit 1
fi
operator_repository="ghcr.io/faildaily/faildaily-operator"
operator_image="${operator_repository}:${version}"
backend_image="ghcr.io/faildaily/faildaily-backend:${version}"

log "kind cluster '${CLUSTER_NAME}'"
if kind get clusters 2>/dev/null | grep -qx "${CLUSTER_NAME}"; then
  echo "already exists"
else
  kind create cluster --name "${CLUSTER_NAME}" --config kind-config.yaml --wait 120s
fi
kubectl config use-context "kind-${CLUSTER_NAME}" >/dev/null

log "building the jars (mvn package)"
mvn -B -q -DskipTests package

log "building the images ${operator_image} and ${backend_image}"
docker build -f operator/Dockerfile -t "${operator_image}" .
docker build -f app-backend/Dockerfile -t "${backend_image}" .

log "loading the images into the cluster's nodes"
kind load docker-image --name "${CLUSTER_NAME}" "${operator_image}" "${backend_image}"

log "installing the operator (helm upgrade --install)"
helm upgrade --install faildaily-operator helm/faildaily-operator \
  --namespace "${OPERATOR_NAMESPACE}" --create-namespace \
  --set image.repository="${operator_repository}" \
  --set image.tag="${version}" \
  --set image.pullPolicy=IfNotPresent \
  --wait --timeout 5m

log "creating the FailDaily from ${EXAMPLE}"
fd="$(kubectl apply --namespace "${APP_NAMESPACE}" -f "${EXAMPLE}" -o name)"
# Publish the frontend on the node port that kind-config.yaml maps to the host.
kubectl patch --namespace "${APP_NAMESPACE}" "${fd}" --type merge \
  -p "{\"spec\":{\"frontend\":{\"service\":{\"type\":\"NodePort\",\"nodePort\":${NODE_PORT}}}}}"

log "waiting until ${fd} is Ready (first start pulls MySQL and nginx: a few minutes)"
if ! kubectl wait --namespace "${APP_NAMESPACE}" --for=jsonpath='{.status.phase}'=Ready "${fd}" \
  --timeout="${WAIT_TIMEOUT}"; then
  echo "kind-up: not Ready after ${WAIT_TIMEOUT}; what the operator says:" >&2
  kubectl get --namespace "${APP_NAMESPACE}" "${fd}" -o jsonpath='{range .status.conditions[*]}{.type}={.status} {.reason}: {.message}{"\n"}{end}' >&2 || true
  exit 1
fi
kubectl get --namespace "${APP_NAMESPACE}" "${fd}"

log "FailDaily is up: http://localhost:${HOST_PORT}/"
echo "Delete everything with scripts/kind-down.sh"
