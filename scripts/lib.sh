# Shared by the npm scripts: install dependencies and build only when needed.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

step() { printf '\n==> %s\n' "$*"; }

ensure_node_modules() {
  # Reinstall when the lockfile changed since the last install (or there was none).
  local stamp=node_modules/.install-stamp
  if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
    step "installing npm dependencies"
    # npm ci refuses this lockfile: the registry mirror here lacks the other platforms' optional
    # @swc/core binaries, so they cannot be locked. npm install keeps to the lockfile otherwise.
    npm install --no-audit --no-fund --loglevel=error
    cp package-lock.json "$stamp"
  fi
}

ensure_build() {
  step "building apps"
  npm run --silent build
}
