#!/usr/bin/env bash
# Quick start on kind: a local two-node Kubernetes cluster running the FailDaily operator and one FailDaily.
#
#   scripts/kind-up.sh        (again at any time, e.g. after a code change: every step is idempotent)
#   scripts/kind-down.sh      (deletes the cluster and everything in it)
#
# Needs a running Docker, kind (>= 0.24), kubectl, Helm 3, and Java 17 with Maven to build the jars; each is
# checked before anything is created, and so is the host port. Steps: create the cluster from
# kind-config.yaml (its hostPort set to HOST_PORT), build the operator and backend jars and images (tagged
# per build, scripts/image-tag.sh), load the images into the cluster's nodes, install the operator's chart
# with the backend image just built as the operator's default backend image (images.backend), create
# examples/faildaily-minimal.yaml with its frontend on NodePort 30080 (published on localhost:HOST_PORT) and no
# backend image of its own, so that it follows that default, and wait until it is Ready on the new images.
#
# Environment:
#   CLUSTER_NAME        kind cluster                       faildaily
#   HOST_PORT           host port of the application       8080 (127.0.0.1:HOST_PORT -> node port 30080)
#   KIND_NODE_IMAGE     kindest/node image of the nodes    kind's default
#   IMAGE_TAG           tag of the two images              scripts/image-tag.sh (commit, dirty marker)
#   OPERATOR_NAMESPACE  namespace of the operator          faildaily-system
#   APP_NAMESPACE       namespace of the FailDaily         default
#   WAIT_TIMEOUT        how long to wait for Ready         15m (a kubectl duration)
set -euo pipefail

CLUSTER_NAME="${CLUSTER_NAME:-faildaily}"
OPERATOR_NAMESPACE="${OPERATOR_NAMESPACE:-faildaily-system}"
APP_NAMESPACE="${APP_NAMESPACE:-default}"
KIND_NODE_IMAGE="${KIND_NODE_IMAGE:-}"
IMAGE_TAG="${IMAGE_TAG:-}"
WAIT_TIMEOUT="${WAIT_TIMEOUT:-15m}"
EXAMPLE="examples/faildaily-minimal.yaml"
KIND_CONFIG="kind-config.yaml"
CRD="helm/faildaily-operator/crds/faildailies.faildaily.io-v1alpha1.yml"
# The node port of the frontend Service, which kind-config.yaml publishes on the host's 127.0.0.1:HOST_PORT.
NODE_PORT=30080
# The default must be kind-config.yaml's hostPort (KindQuickStartTest keeps them equal).
HOST_PORT="${HOST_PORT:-8080}"
MIN_KIND_VERSION="0.24.0"
HELM_MAJOR=3
MIN_JAVA_MAJOR=17
OPERATOR_REPOSITORY="ghcr.io/faildaily/faildaily-operator"
BACKEND_REPOSITORY="ghcr.io/faildaily/faildaily-backend"

log() {
  printf '\n==> %s\n' "$*"
}

# One line on stderr, then exit 1.
die() {
  echo "kind-up: $*" >&2
  exit 1
}

# The first x.y.z in a text ("kind v0.24.0 go1.22.6 linux/amd64" -> 0.24.0), or nothing.
version_in() {
  printf '%s\n' "$1" | sed -n 's/^[^0-9]*\([0-9][0-9]*\.[0-9][0-9]*\.[0-9][0-9]*\).*$/\1/p' | head -n 1
}

# True when version $1 (x.y.z) is at least $2 (x.y.z).
version_at_least() {
  local have_major have_minor have_patch want_major want_minor want_patch
  IFS=. read -r have_major have_minor have_patch <<<"$1"
  IFS=. read -r want_major want_minor want_patch <<<"$2"
  if [ "${have_major}" -ne "${want_major}" ]; then
    [ "${have_major}" -gt "${want_major}" ]
  elif [ "${have_minor}" -ne "${want_minor}" ]; then
    [ "${have_minor}" -gt "${want_minor}" ]
  else
    [ "${have_patch}" -ge "${want_patch}" ]
  fi
}

# The major version `java -version` reports ("17.0.15" -> 17, "1.8.0_392" -> 8, "21" -> 21), or nothing.
java_major_in() {
  local version
  version="$(printf '%s\n' "$1" | sed -n 's/^.* version "\([^"]*\)".*$/\1/p' | head -n 1)"
  case "${version}" in
    1.*) version="${version#1.}" ;;
  esac
  printf '%s\n' "${version%%[!0-9]*}"
}

# Prints a problem with Docker, or nothing.
docker_problem() {
  if ! command -v docker >/dev/null 2>&1; then
    echo "docker is needed (https://docs.docker.com/get-docker/)"
  elif ! docker info >/dev/null 2>&1; then
    echo "docker does not answer ('docker info' failed): start Docker (Docker Desktop, or: sudo systemctl start docker) and check that this user may use it"
  fi
}

# Prints a problem with kind, or nothing.
kind_problem() {
  local found
  if ! command -v kind >/dev/null 2>&1; then
    echo "kind ${MIN_KIND_VERSION} or later is needed (https://kind.sigs.k8s.io/docs/user/quick-start/#installation)"
    return
  fi
  found="$(version_in "$(kind version 2>&1 || true)")"
  if [ -z "${found}" ] || ! version_at_least "${found}" "${MIN_KIND_VERSION}"; then
    echo "kind ${MIN_KIND_VERSION} or later is needed, found ${found:-an unknown version} ('kind version')"
  fi
}

# Prints a problem with Helm, or nothing.
helm_problem() {
  local found
  if ! command -v helm >/dev/null 2>&1; then
    echo "Helm ${HELM_MAJOR} is needed (https://helm.sh/docs/intro/install/)"
    return
  fi
  found="$(version_in "$(helm version --short 2>&1 || true)")"
  if [ -z "${found}" ] || [ "${found%%.*}" -lt "${HELM_MAJOR}" ]; then
    echo "Helm ${HELM_MAJOR} is needed, found ${found:-an unknown version} ('helm version --short')"
  fi
}

# Prints a problem with the Java that Maven runs (JAVA_HOME's, else the one on PATH), or nothing.
java_problem() {
  local java="java" found
  if [ -n "${JAVA_HOME:-}" ]; then
    java="${JAVA_HOME}/bin/java"
  fi
  if ! command -v "${java}" >/dev/null 2>&1; then
    echo "Java ${MIN_JAVA_MAJOR} is needed to build the jars (no ${java}; e.g. https://adoptium.net/)"
    return
  fi
  found="$(java_major_in "$("${java}" -version 2>&1 || true)")"
  if [ -z "${found}" ] || [ "${found}" -lt "${MIN_JAVA_MAJOR}" ]; then
    echo "Java ${MIN_JAVA_MAJOR} or later is needed to build the jars, found ${found:-an unknown version} ('${java} -version')"
  fi
}

# Prints a problem with a tool that has no version constraint, or nothing.
tool_problem() {
  if ! command -v "$1" >/dev/null 2>&1; then
    echo "$1 is needed ($2)"
  fi
}

# Every prerequisite, each problem on one line; exits before anything is created if there is one.
check_prerequisites() {
  local problems
  problems="$(
    docker_problem
    kind_problem
    tool_problem kubectl "https://kubernetes.io/docs/tasks/tools/"
    helm_problem
    java_problem
    tool_problem mvn "Maven 3.8 or later: https://maven.apache.org/install.html"
  )"
  if [ -n "${problems}" ]; then
    printf '%s\n' "${problems}" | sed 's/^/kind-up: /' >&2
    exit 1
  fi
}

# HOST_PORT must be a TCP port number.
check_host_port_setting() {
  case "${HOST_PORT}" in
    '' | *[!0-9]*) die "HOST_PORT must be a port number, not '${HOST_PORT}'" ;;
  esac
  if [ "${HOST_PORT}" -lt 1 ] || [ "${HOST_PORT}" -gt 65535 ]; then
    die "HOST_PORT must be between 1 and 65535, not ${HOST_PORT}"
  fi
}

# True when something accepts connections on 127.0.0.1:$1.
port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

cluster_exists() {
  kind get clusters 2>/dev/null | grep -qx "${CLUSTER_NAME}"
}

# kind-config.yaml with its hostPort set to HOST_PORT.
kind_config() {
  local config
  config="$(sed "s/^\([[:space:]]*hostPort:\)[[:space:]]*[0-9][0-9]*[[:space:]]*$/\1 ${HOST_PORT}/" "${KIND_CONFIG}")"
  if ! printf '%s\n' "${config}" | grep -q "^[[:space:]]*hostPort: ${HOST_PORT}$"; then
    die "no 'hostPort: <port>' line in ${KIND_CONFIG}"
  fi
  printf '%s\n' "${config}"
}

create_cluster() {
  local config_file
  config_file="$(mktemp "${TMPDIR:-/tmp}/faildaily-kind-config.XXXXXX")"
  # shellcheck disable=SC2064 # the file name is known now
  trap "rm -f '${config_file}'" EXIT
  kind_config >"${config_file}"
  local args=(create cluster --name "${CLUSTER_NAME}" --config "${config_file}" --wait 120s)
  if [ -n "${KIND_NODE_IMAGE}" ]; then
    args+=(--image "${KIND_NODE_IMAGE}")
  fi
  kind "${args[@]}"
}

# An existing cluster keeps the port mapping it was created with: it must be HOST_PORT's.
check_existing_port_mapping() {
  local published way_out="run scripts/kind-down.sh first"
  published="$(docker port "${CLUSTER_NAME}-control-plane" "${NODE_PORT}/tcp" 2>/dev/null | head -n 1 || true)"
  if [ "${published##*:}" != "${HOST_PORT}" ]; then
    if [ -n "${published}" ]; then
      way_out="${way_out}, or HOST_PORT=${published##*:} scripts/kind-up.sh"
    fi
    die "the existing cluster '${CLUSTER_NAME}' publishes node port ${NODE_PORT} on '${published:-nothing}', not on port ${HOST_PORT}: ${way_out}"
  fi
}

# Creates the cluster, or reuses it; before creating, the host port must be free.
ensure_cluster() {
  log "kind cluster '${CLUSTER_NAME}'"
  if cluster_exists; then
    check_existing_port_mapping
    echo "already exists, node port ${NODE_PORT} on 127.0.0.1:${HOST_PORT}"
  else
    if port_in_use "${HOST_PORT}"; then
      die "port ${HOST_PORT} on 127.0.0.1 is in use: stop what listens there, or choose another one: HOST_PORT=8081 scripts/kind-up.sh"
    fi
    create_cluster
  fi
  kubectl config use-context "kind-${CLUSTER_NAME}" >/dev/null
}

build_jars() {
  log "building the jars (mvn package)"
  mvn -B -q -DskipTests package
}

# $1: operator image, $2: backend image.
build_images() {
  log "building the images $1 and $2"
  docker build -f operator/Dockerfile -t "$1" .
  docker build -f app-backend/Dockerfile -t "$2" .
}

load_images() {
  log "loading the images into the cluster's nodes"
  kind load docker-image --name "${CLUSTER_NAME}" "$@"
}

# $1: the images' tag. The backend image of that tag becomes the operator's default backend image
# (images.backend, FAILDAILY_DEFAULT_BACKEND_IMAGE): every FailDaily that names no backend image runs it, and
# a rebuild rolls those through the operator (new operator pod, new backend Deployment).
install_operator() {
  log "installing the operator (helm upgrade --install)"
  # Helm installs the CRD on the first install only: apply the checkout's CRD, as an upgrade does.
  kubectl apply --server-side --force-conflicts -f "${CRD}" >/dev/null
  helm upgrade --install faildaily-operator helm/faildaily-operator \
    --namespace "${OPERATOR_NAMESPACE}" --create-namespace \
    --set image.repository="${OPERATOR_REPOSITORY}" \
    --set-string image.tag="$1" \
    --set image.pullPolicy=IfNotPresent \
    --set-string images.backend="${BACKEND_REPOSITORY}:$1" \
    --wait --timeout 5m
}

# The FailDaily to apply: the example, with its frontend Service on the node port kind publishes, in the
# manifest itself (a patch after the apply would race the operator). No backend image: the operator's default.
faildaily_manifest() {
  kubectl patch --local -f "${EXAMPLE}" --type merge -o yaml -p \
    "{\"spec\":{\"frontend\":{\"service\":{\"type\":\"NodePort\",\"nodePort\":${NODE_PORT}}}}}"
}

# Prints the FailDaily's resource name (faildaily.faildaily.io/NAME).
apply_faildaily() {
  log "creating the FailDaily from ${EXAMPLE} (NodePort ${NODE_PORT}, the operator's default backend image)" >&2
  faildaily_manifest | kubectl apply --namespace "${APP_NAMESPACE}" -f - -o name
}

print_conditions() {
  kubectl get --namespace "${APP_NAMESPACE}" "$1" \
    -o jsonpath='{range .status.conditions[*]}{.type}={.status} {.reason}: {.message}{"\n"}{end}' >&2 || true
}

# True once $1 (faildaily.faildaily.io/NAME) reports phase Ready.
phase_ready() {
  kubectl wait --namespace "${APP_NAMESPACE}" --for=jsonpath='{.status.phase}'=Ready "$1" --timeout="${WAIT_TIMEOUT}"
}

# Waits until the operator has seen the applied spec (observedGeneration), reports Ready for it, and runs the
# backend on image $2. On a re-run the spec is often unchanged (the new backend image is the operator's
# default, not a field of the FailDaily), so Ready alone can still be the old backend's: wait until the
# backend Deployment has the new image and has rolled out, then for Ready again.
wait_until_ready() {
  local fd="$1" image="$2" generation backend
  backend="deployment/${fd##*/}-backend"
  generation="$(kubectl get --namespace "${APP_NAMESPACE}" "${fd}" -o jsonpath='{.metadata.generation}')"
  log "waiting until ${fd} is Ready with backend ${image} (first start pulls MySQL and nginx: a few minutes)"
  if ! kubectl wait --namespace "${APP_NAMESPACE}" --for=jsonpath='{.status.observedGeneration}'="${generation}" \
    "${fd}" --timeout="${WAIT_TIMEOUT}" >/dev/null ||
    ! phase_ready "${fd}" >/dev/null ||
    ! kubectl wait --namespace "${APP_NAMESPACE}" \
      --for=jsonpath='{.spec.template.spec.containers[0].image}'="${image}" "${backend}" \
      --timeout="${WAIT_TIMEOUT}" >/dev/null ||
    ! kubectl rollout status --namespace "${APP_NAMESPACE}" "${backend}" --timeout="${WAIT_TIMEOUT}" ||
    ! phase_ready "${fd}"; then
    echo "kind-up: not Ready after ${WAIT_TIMEOUT}; what the operator says:" >&2
    print_conditions "${fd}"
    exit 1
  fi
  kubectl get --namespace "${APP_NAMESPACE}" "${fd}"
}

main() {
  cd "$(dirname "$0")/.."
  check_prerequisites
  check_host_port_setting

  local tag operator_image backend_image fd
  tag="${IMAGE_TAG:-$(scripts/image-tag.sh)}"
  operator_image="${OPERATOR_REPOSITORY}:${tag}"
  backend_image="${BACKEND_REPOSITORY}:${tag}"

  ensure_cluster
  build_jars
  build_images "${operator_image}" "${backend_image}"
  load_images "${operator_image}" "${backend_image}"
  install_operator "${tag}"
  fd="$(apply_faildaily)"
  wait_until_ready "${fd}" "${backend_image}"

  log "FailDaily is up: http://localhost:${HOST_PORT}/"
  echo "Images: ${operator_image}, ${backend_image}"
  echo "End-to-end test on this cluster: IMAGE_TAG=${tag} scripts/e2e.sh"
  echo "Delete everything with scripts/kind-down.sh"
}

main "$@"
