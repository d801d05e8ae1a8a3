#!/usr/bin/env bash
# Prints the tag for the images built from this checkout. A build after a code change gets a new tag, so
# Kubernetes rolls the pods that run the new images (an unchanged tag with imagePullPolicy IfNotPresent
# would keep the old image on the nodes):
#
#   <appVersion>-g<commit>                   clean work tree                 e.g. 0.1.0-g1a2b3c4d5e6f
#   <appVersion>-g<commit>-dirty-<changes>   uncommitted changes: a hash of them (tracked and untracked
#                                            files, not ignored ones), the same for the same changes
#   <appVersion>-<UTC time>                  not a git checkout (a source archive): new on every build
#
# appVersion is read from helm/faildaily-operator/Chart.yaml. scripts/kind-up.sh tags the images it builds
# with this unless IMAGE_TAG is set; `IMAGE_TAG="$(scripts/image-tag.sh)" scripts/e2e.sh` tests them.
set -euo pipefail

CHART_YAML="helm/faildaily-operator/Chart.yaml"

# The chart's appVersion: one place names the release.
app_version() {
  local version
  version="$(sed -n 's/^appVersion:[[:space:]]*"\{0,1\}\([^"[:space:]]*\)"\{0,1\}[[:space:]]*$/\1/p' "${CHART_YAML}")"
  if [ -z "${version}" ]; then
    echo "image-tag: no appVersion in ${CHART_YAML}" >&2
    exit 1
  fi
  printf '%s\n' "${version}"
}

# True when this directory is the top of a git work tree (not a source archive unpacked inside another one).
is_git_checkout() {
  local top
  command -v git >/dev/null 2>&1 || return 1
  top="$(git rev-parse --show-toplevel 2>/dev/null)" || return 1
  [ "$(cd "${top}" && pwd -P)" = "$(pwd -P)" ]
}

# True when tracked files differ from HEAD or untracked (not ignored) files exist.
has_changes() {
  [ -n "$(git --no-optional-locks status --porcelain --untracked-files=normal)" ]
}

# A short hash of the uncommitted changes: the diff against HEAD, and each untracked file's name and content.
changes_hash() {
  {
    git --no-optional-locks diff HEAD --binary --no-ext-diff
    git ls-files --others --exclude-standard -z | while IFS= read -r -d '' file; do
      printf '%s\n' "${file}"
      git hash-object -- "${file}"
    done
  } | git hash-object --stdin | cut -c1-12
}

main() {
  cd "$(dirname "$0")/.."
  local version
  version="$(app_version)"
  if ! is_git_checkout; then
    printf '%s-%s\n' "${version}" "$(date -u +%Y%m%d%H%M%S)"
    return
  fi
  local tag
  tag="${version}-g$(git rev-parse --short=12 HEAD)"
  if has_changes; then
    tag="${tag}-dirty-$(changes_hash)"
  fi
  printf '%s\n' "${tag}"
}

main "$@"
