#!/usr/bin/env bash
# End-to-end test of the operator on a real cluster: the current kube context (e.g. the kind cluster of
# scripts/kind-up.sh). In a namespace of its own it
#
#   installs the chart (the checkout's CRD first), applies examples/faildaily-minimal.yaml, waits for Ready,
#   fetches the web page and /api/health through the frontend Service (kubectl port-forward), registers a
#   person and logs them in through the API, takes an on-demand backup (annotation faildaily.io/backup-now,
#   then status.lastBackup), registers a second person, restores the backup (spec.restore, then
#   status.restores) and checks that the first can log in and the second is gone, deletes the FailDaily
#   (deletionPolicy Retain) and checks that its claims and credentials Secret remain, re-creates it and logs
#   the first person in again with the same password.
#
# Each step is printed; a failure names the step and exits 1 (the namespace is kept to look at); the
# port-forward is stopped on exit. Every wait is bounded.
#
#   IMAGE_TAG="$(scripts/image-tag.sh)" scripts/e2e.sh     # after scripts/kind-up.sh: the images it built
#   scripts/e2e.sh                                         # the chart's images (its appVersion)
#
# Environment (timeouts in seconds):
#   IMAGE_TAG           operator and backend image tag: chart values image.tag, images.backend
#                       (default: the chart's appVersion and the operator's built-in backend image)
#   E2E_NAMESPACE       namespace of the test; must not exist yet      faildaily-e2e
#   E2E_CLEANUP         delete that namespace after a success          true
#   OPERATOR_NAMESPACE  namespace of the operator                      faildaily-system
#   HELM_TIMEOUT        helm upgrade --install --wait                  300
#   READY_TIMEOUT       until the FailDaily is Ready                   900
#   BACKUP_TIMEOUT      until status.lastBackup reports the backup     300
#   RESTORE_TIMEOUT     until status.restores reports the restore      600
#   DELETE_TIMEOUT      until the FailDaily and its workloads are gone 300
#   HTTP_TIMEOUT        port-forward start, and retries of HTTP 502/503/504 and refused connections   60
set -euo pipefail

IMAGE_TAG="${IMAGE_TAG:-}"
E2E_NAMESPACE="${E2E_NAMESPACE:-faildaily-e2e}"
E2E_CLEANUP="${E2E_CLEANUP:-true}"
OPERATOR_NAMESPACE="${OPERATOR_NAMESPACE:-faildaily-system}"
HELM_TIMEOUT="${HELM_TIMEOUT:-300}"
READY_TIMEOUT="${READY_TIMEOUT:-900}"
BACKUP_TIMEOUT="${BACKUP_TIMEOUT:-300}"
RESTORE_TIMEOUT="${RESTORE_TIMEOUT:-600}"
DELETE_TIMEOUT="${DELETE_TIMEOUT:-300}"
HTTP_TIMEOUT="${HTTP_TIMEOUT:-60}"
POLL_INTERVAL="${POLL_INTERVAL:-2}"

RELEASE="faildaily-operator"
CHART="helm/faildaily-operator"
CRD="${CHART}/crds/faildailies.faildaily.io-v1alpha1.yml"
EXAMPLE="examples/faildaily-minimal.yaml"
BACKEND_REPOSITORY="ghcr.io/faildaily/faildaily-backend"
BACKUP_NOW_ANNOTATION="faildaily.io/backup-now"

STEP=0
STEP_NAME="settings"
WAIT_DETAIL=""
WORK_DIR=""
PF_PID=""
BASE_URL=""
FD_NAME=""
HTTP_STATUS=""
TOKEN=""
BACKUP_FILE=""
SECRET_UID=""
RUN_ID="$(date +%s)-$$"
EMAIL="e2e-${RUN_ID}@example.com"
PASSWORD="e2e-pass-${RUN_ID}"
LATE_EMAIL="e2e-late-${RUN_ID}@example.com"

# One line naming the step, then exit 1.
fail() {
  echo "e2e: step ${STEP} (${STEP_NAME}): $*" >&2
  exit 1
}

# Runs one step: step NAME FUNCTION [ARGS...]
step() {
  STEP=$((STEP + 1))
  STEP_NAME="$1"
  shift
  printf '\n==> [%d] %s\n' "${STEP}" "${STEP_NAME}"
  "$@"
}

# Every timeout is a whole number of seconds.
check_settings() {
  local name
  for name in HELM_TIMEOUT READY_TIMEOUT BACKUP_TIMEOUT RESTORE_TIMEOUT DELETE_TIMEOUT HTTP_TIMEOUT POLL_INTERVAL; do
    case "${!name}" in
      '' | *[!0-9]* | 0) fail "${name} must be a positive number of seconds, not '${!name}'" ;;
    esac
  done
}

# wait_for SECONDS WHAT COMMAND [ARGS...]: runs COMMAND every POLL_INTERVAL until it succeeds. COMMAND may
# say what it saw last in WAIT_DETAIL, for the message when time is up.
wait_for() {
  local timeout="$1" what="$2"
  shift 2
  local deadline=$((SECONDS + timeout))
  WAIT_DETAIL=""
  until "$@"; do
    if [ "${SECONDS}" -ge "${deadline}" ]; then
      fail "${what}: not after ${timeout} s${WAIT_DETAIL:+ (last seen: ${WAIT_DETAIL})}"
    fi
    sleep "${POLL_INTERVAL}"
  done
}

check_tools() {
  local tool
  for tool in kubectl helm curl; do
    command -v "${tool}" >/dev/null 2>&1 || fail "${tool} is needed"
  done
  [ -f "${EXAMPLE}" ] || fail "no ${EXAMPLE}: run from a checkout"
}

# The cluster answers, and the test's namespace is new (a namespace left by a failed run is not reused).
check_cluster() {
  local context
  context="$(kubectl config current-context 2>/dev/null)" || fail "no current kube context (kubectl config current-context)"
  echo "context: ${context}"
  kubectl version >/dev/null 2>&1 || fail "the cluster of context ${context} does not answer (kubectl version)"
  if kubectl get namespace "${E2E_NAMESPACE}" >/dev/null 2>&1; then
    fail "namespace ${E2E_NAMESPACE} exists (left by an earlier run?): kubectl delete namespace ${E2E_NAMESPACE}, or set E2E_NAMESPACE"
  fi
}

install_chart() {
  # Helm installs a chart's CRD on the first install only: apply the checkout's, as the README's upgrade does.
  kubectl apply --server-side --force-conflicts -f "${CRD}"
  local args=(upgrade --install "${RELEASE}" "${CHART}" --namespace "${OPERATOR_NAMESPACE}" --create-namespace
    --wait --timeout "${HELM_TIMEOUT}s")
  # With IMAGE_TAG, the backend image of that tag is the operator's default backend image (images.backend,
  # FAILDAILY_DEFAULT_BACKEND_IMAGE): the example names none, so it runs that one.
  if [ -n "${IMAGE_TAG}" ]; then
    args+=(--set-string "image.tag=${IMAGE_TAG}" --set-string "images.backend=${BACKEND_REPOSITORY}:${IMAGE_TAG}")
  fi
  helm "${args[@]}"
}

create_namespace() {
  kubectl create namespace "${E2E_NAMESPACE}"
}

# The example as it is: no backend image of its own, so the operator's default (the chart's images.backend).
apply_faildaily() {
  local name
  name="$(kubectl apply --namespace "${E2E_NAMESPACE}" -f "${EXAMPLE}" -o name)"
  FD_NAME="${name##*/}"
  [ -n "${FD_NAME}" ] || fail "kubectl apply named no object"
  echo "applied: ${name}"
}

# A jsonpath of the FailDaily; nothing when it cannot be read.
fd_field() {
  kubectl get --namespace "${E2E_NAMESPACE}" "faildaily/${FD_NAME}" -o "jsonpath=$1" 2>/dev/null || true
}

fd_conditions() {
  fd_field '{range .status.conditions[*]}{.type}={.status} {.reason}: {.message}; {end}'
}

# Ready for the current spec: phase Ready at the FailDaily's generation. Invalid ends the wait at once.
fd_ready() {
  local observed phase
  IFS='|' read -r observed phase <<<"$(fd_field '{.status.observedGeneration}|{.status.phase}')"
  if [ "${phase}" = "Invalid" ]; then
    fail "FailDaily ${FD_NAME} is Invalid: $(fd_conditions)"
  fi
  WAIT_DETAIL="phase ${phase:-none} at generation ${observed:-none}; $(fd_conditions)"
  [ "${observed}" = "$1" ] && [ "${phase}" = "Ready" ]
}

wait_ready() {
  local generation
  generation="$(fd_field '{.metadata.generation}')"
  [ -n "${generation}" ] || fail "cannot read faildaily/${FD_NAME} in ${E2E_NAMESPACE}"
  wait_for "${READY_TIMEOUT}" "FailDaily ${FD_NAME} Ready at generation ${generation}" fd_ready "${generation}"
  echo "Ready (generation ${generation})"
}

port_forward_ready() {
  if ! kill -0 "${PF_PID}" 2>/dev/null; then
    fail "kubectl port-forward exited: $(cat "${WORK_DIR}/port-forward.log")"
  fi
  local port
  port="$(sed -n 's/^Forwarding from 127\.0\.0\.1:\([0-9][0-9]*\) .*$/\1/p' "${WORK_DIR}/port-forward.log" | head -n 1)"
  [ -n "${port}" ] || return 1
  BASE_URL="http://127.0.0.1:${port}"
}

stop_port_forward() {
  if [ -n "${PF_PID}" ]; then
    kill "${PF_PID}" 2>/dev/null || true
    wait "${PF_PID}" 2>/dev/null || true
    PF_PID=""
  fi
}

# kubectl port-forward to the frontend Service, on a free local port that kubectl picks.
start_port_forward() {
  stop_port_forward
  local service="${FD_NAME}-frontend" port
  port="$(kubectl get --namespace "${E2E_NAMESPACE}" "service/${service}" -o 'jsonpath={.spec.ports[?(@.name=="http")].port}')"
  [ -n "${port}" ] || fail "service/${service} has no port named http"
  kubectl port-forward --namespace "${E2E_NAMESPACE}" --address 127.0.0.1 "service/${service}" ":${port}" \
    >"${WORK_DIR}/port-forward.log" 2>&1 &
  PF_PID=$!
  wait_for "${HTTP_TIMEOUT}" "kubectl port-forward to service/${service}" port_forward_ready
  echo "service/${service} port ${port} on ${BASE_URL}"
}

# http METHOD PATH [JSON_BODY] [TOKEN]: sets HTTP_STATUS (000: no answer); the body is in WORK_DIR/body.
http() {
  local args=(--silent --show-error --max-time 20 --output "${WORK_DIR}/body" --write-out '%{http_code}'
    --request "$1")
  if [ -n "${3:-}" ]; then
    args+=(--header 'Content-Type: application/json' --data "$3")
  fi
  if [ -n "${4:-}" ]; then
    args+=(--header "Authorization: Bearer $4")
  fi
  : >"${WORK_DIR}/body"
  HTTP_STATUS="$(curl "${args[@]}" "${BASE_URL}$2" 2>"${WORK_DIR}/curl.err")" || true
  HTTP_STATUS="${HTTP_STATUS:-000}"
}

# True when the last answer is final: not a refused connection, nor a proxy's 502/503/504.
http_answered() {
  if [ -n "${PF_PID}" ] && ! kill -0 "${PF_PID}" 2>/dev/null; then
    fail "kubectl port-forward stopped: $(tail -n 3 "${WORK_DIR}/port-forward.log")"
  fi
  http "$@"
  WAIT_DETAIL="HTTP ${HTTP_STATUS} $(head -c 200 "${WORK_DIR}/curl.err")$(body | head -c 200)"
  case "${HTTP_STATUS}" in
    000 | 502 | 503 | 504) return 1 ;;
  esac
}

# The same as http, retried while the stack is still coming up (bounded by HTTP_TIMEOUT).
http_settled() {
  wait_for "${HTTP_TIMEOUT}" "an answer to $1 $2" http_answered "$@"
}

body() {
  cat "${WORK_DIR}/body"
}

# expect_status CODE WHAT
expect_status() {
  if [ "${HTTP_STATUS}" != "$1" ]; then
    fail "$2: HTTP ${HTTP_STATUS}, expected $1: $(body | head -c 300)"
  fi
}

# The value of a string field of the JSON answer ("token" -> eyJ...), or nothing.
json_string() {
  body | tr -d '\n' | sed -n "s/.*\"$1\"[[:space:]]*:[[:space:]]*\"\([^\"]*\)\".*/\1/p"
}

check_web_page() {
  http_settled GET /
  expect_status 200 "GET /"
  body | grep -qi '<title>FailDaily</title>' || fail "GET / is not the FailDaily page: $(body | head -c 200)"
  echo "GET / 200, the FailDaily page"
}

check_health() {
  http_settled GET /api/health
  expect_status 200 "GET /api/health"
  body | grep -Eq '"status"[[:space:]]*:[[:space:]]*"OK"' || fail "GET /api/health: status is not OK: $(body)"
  body | grep -Eq '"database"[[:space:]]*:[[:space:]]*"connected"' || fail "GET /api/health: database not connected: $(body)"
  echo "GET /api/health 200: $(body | head -c 200)"
}

# register EMAIL DISPLAY_NAME: a person with PASSWORD.
register() {
  http_settled POST /api/auth/register \
    "{\"email\":\"$1\",\"password\":\"${PASSWORD}\",\"displayName\":\"$2\",\"birthDate\":\"1990-01-01\",\"agreeToTerms\":true}"
  expect_status 201 "POST /api/auth/register ($1)"
  [ -n "$(json_string token)" ] || fail "POST /api/auth/register ($1) answered no token: $(body | head -c 300)"
  echo "registered $1"
}

register_person() {
  register "${EMAIL}" "e2e-${RUN_ID}"
}

# log_in EMAIL: sets TOKEN.
log_in() {
  http_settled POST /api/auth/login "{\"email\":\"$1\",\"password\":\"${PASSWORD}\"}"
  expect_status 200 "POST /api/auth/login ($1)"
  TOKEN="$(json_string token)"
  [ -n "${TOKEN}" ] || fail "POST /api/auth/login ($1) answered no token: $(body | head -c 300)"
}

# Logs the first person in and reads their profile with the token.
log_in_person() {
  log_in "${EMAIL}"
  http_settled GET /api/auth/profile "" "${TOKEN}"
  expect_status 200 "GET /api/auth/profile"
  body | grep -q "\"${EMAIL}\"" || fail "GET /api/auth/profile is not ${EMAIL}'s: $(body | head -c 300)"
  echo "logged in as ${EMAIL}, profile read"
}

# time|file|result|message of status.lastBackup.
last_backup() {
  fd_field '{.status.lastBackup.time}|{.status.lastBackup.file}|{.status.lastBackup.result}|{.status.lastBackup.message}'
}

# A backup newer than $1 (last_backup before the request) has succeeded; a failed one ends the wait.
backup_done() {
  local record time file result message
  record="$(last_backup)"
  WAIT_DETAIL="status.lastBackup ${record}"
  if [ -z "${record//|/}" ] || [ "${record}" = "$1" ]; then
    return 1
  fi
  IFS='|' read -r time file result message <<<"${record}"
  case "${result}" in
    Succeeded)
      [ -n "${file}" ] || fail "status.lastBackup reports success at ${time} without a file"
      BACKUP_FILE="${file}"
      ;;
    Failed) fail "the backup failed at ${time}: ${message}" ;;
    *) return 1 ;;
  esac
}

take_backup() {
  local before
  before="$(last_backup)"
  kubectl annotate --namespace "${E2E_NAMESPACE}" "faildaily/${FD_NAME}" \
    "${BACKUP_NOW_ANNOTATION}=e2e-${RUN_ID}" --overwrite
  wait_for "${BACKUP_TIMEOUT}" "status.lastBackup after ${BACKUP_NOW_ANNOTATION}=e2e-${RUN_ID}" backup_done "${before}"
  echo "backup: ${BACKUP_FILE}"
}

register_late_person() {
  register "${LATE_EMAIL}" "e2e-late-${RUN_ID}"
}

# The restore request with requestId $1 has succeeded; a failed one ends the wait.
restore_done() {
  local result message
  IFS='|' read -r result message <<<"$(fd_field "{.status.restores[?(@.requestId==\"$1\")].result}|{.status.restores[?(@.requestId==\"$1\")].message}")"
  WAIT_DETAIL="result ${result:-none} ${message}"
  case "${result}" in
    Succeeded) return 0 ;;
    Failed) fail "the restore of ${BACKUP_FILE} failed: ${message}" ;;
    *) return 1 ;;
  esac
}

restore_backup() {
  local request="e2e-${RUN_ID}"
  kubectl patch --namespace "${E2E_NAMESPACE}" "faildaily/${FD_NAME}" --type merge \
    -p "{\"spec\":{\"restore\":{\"from\":\"${BACKUP_FILE}\",\"requestId\":\"${request}\"}}}"
  wait_for "${RESTORE_TIMEOUT}" "status.restores for ${BACKUP_FILE} (requestId ${request})" restore_done "${request}"
  echo "restored ${BACKUP_FILE}"
}

# After the restore: the person registered before the backup logs in, the one registered after it is gone.
check_restored_data() {
  log_in_person
  http_settled POST /api/auth/login "{\"email\":\"${LATE_EMAIL}\",\"password\":\"${PASSWORD}\"}"
  expect_status 401 "POST /api/auth/login (${LATE_EMAIL}, registered after the backup)"
  echo "${LATE_EMAIL}, registered after the backup, is gone"
}

# The claims of the FailDaily (the StatefulSet's for MySQL, and the operator's).
claims() {
  printf '%s\n' "mysql-data-${FD_NAME}-database-0" "${FD_NAME}-uploads" "${FD_NAME}-logs" \
    "${FD_NAME}-nginx-cache" "${FD_NAME}-backups"
}

secret_uid() {
  kubectl get --namespace "${E2E_NAMESPACE}" "secret/${FD_NAME}-credentials" -o 'jsonpath={.metadata.uid}' 2>/dev/null || true
}

workloads_gone() {
  [ -z "$(kubectl get --namespace "${E2E_NAMESPACE}" statefulsets,deployments,pods \
    -l "app.kubernetes.io/instance=${FD_NAME}" -o name 2>/dev/null)" ]
}

# Exists and is not being deleted: check_kept KIND/NAME
check_kept() {
  local deleting
  deleting="$(kubectl get --namespace "${E2E_NAMESPACE}" "$1" -o 'jsonpath={.metadata.deletionTimestamp}')" ||
    fail "$1 was deleted with the FailDaily (deletionPolicy Retain)"
  [ -z "${deleting}" ] || fail "$1 is being deleted (deletionTimestamp ${deleting}) although deletionPolicy is Retain"
}

delete_with_retain() {
  local policy claim
  policy="$(fd_field '{.spec.deletionPolicy}')"
  [ -z "${policy}" ] || [ "${policy}" = "Retain" ] || fail "${EXAMPLE} sets deletionPolicy ${policy}, this step needs Retain"
  SECRET_UID="$(secret_uid)"
  [ -n "${SECRET_UID}" ] || fail "no secret/${FD_NAME}-credentials before the deletion"
  kubectl delete --namespace "${E2E_NAMESPACE}" "faildaily/${FD_NAME}" --wait=true --timeout="${DELETE_TIMEOUT}s"
  wait_for "${DELETE_TIMEOUT}" "the StatefulSet, Deployments and pods of ${FD_NAME} gone" workloads_gone
  while IFS= read -r claim; do
    check_kept "persistentvolumeclaim/${claim}"
  done < <(claims)
  check_kept "secret/${FD_NAME}-credentials"
  echo "kept: $(claims | tr '\n' ' ')and secret/${FD_NAME}-credentials"
}

recreate_faildaily() {
  kubectl apply --namespace "${E2E_NAMESPACE}" -f "${EXAMPLE}"
  wait_ready
  [ "$(secret_uid)" = "${SECRET_UID}" ] || fail "secret/${FD_NAME}-credentials was replaced (uid ${SECRET_UID} before)"
  start_port_forward
}

clean_up() {
  if [ "${E2E_CLEANUP}" = "true" ]; then
    stop_port_forward
    kubectl delete namespace "${E2E_NAMESPACE}" --wait=true --timeout="${DELETE_TIMEOUT}s"
  else
    echo "E2E_CLEANUP=${E2E_CLEANUP}: namespace ${E2E_NAMESPACE} kept"
  fi
}

# What to look at after a failure (bounded, never fails itself).
diagnostics() {
  echo "--- what the cluster says (namespace ${E2E_NAMESPACE} is kept) ---"
  kubectl get --namespace "${E2E_NAMESPACE}" faildaily,pods,pvc,jobs -o wide 2>&1 | head -n 40 || true
  [ -z "${FD_NAME}" ] || echo "conditions: $(fd_conditions)"
  kubectl get events --namespace "${E2E_NAMESPACE}" --sort-by=.lastTimestamp 2>&1 | tail -n 20 || true
  kubectl logs --namespace "${OPERATOR_NAMESPACE}" "deployment/${RELEASE}" --tail=40 2>&1 || true
  [ ! -s "${WORK_DIR}/port-forward.log" ] || tail -n 5 "${WORK_DIR}/port-forward.log"
} >&2

on_exit() {
  local status=$?
  stop_port_forward
  if [ "${status}" -ne 0 ]; then
    diagnostics
    echo "e2e: FAILED at step ${STEP} (${STEP_NAME})" >&2
  fi
  rm -rf "${WORK_DIR}"
  exit "${status}"
}

main() {
  cd "$(dirname "$0")/.."
  check_settings
  WORK_DIR="$(mktemp -d "${TMPDIR:-/tmp}/faildaily-e2e.XXXXXX")"
  trap on_exit EXIT

  step "tools" check_tools
  step "cluster" check_cluster
  step "install the chart" install_chart
  step "namespace ${E2E_NAMESPACE}" create_namespace
  step "apply ${EXAMPLE}" apply_faildaily
  step "wait until Ready" wait_ready
  step "port-forward to the frontend" start_port_forward
  step "web page" check_web_page
  step "/api/health" check_health
  step "register" register_person
  step "log in" log_in_person
  step "on-demand backup" take_backup
  step "register after the backup" register_late_person
  step "restore the backup" restore_backup
  step "wait until Ready after the restore" wait_ready
  step "data after the restore" check_restored_data
  step "delete with deletionPolicy Retain" delete_with_retain
  step "re-create the FailDaily" recreate_faildaily
  step "log in again, same password" log_in_person
  step "clean up" clean_up
  printf '\ne2e: all %d steps passed\n' "${STEP}"
}

main "$@"
