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

ensure_chromium() {
  # The dashboard's browser test drives Debian's Chromium through playwright-core: Playwright's
  # own browser download is refused on these machines.
  if [ -n "${CHROMIUM_PATH:-}" ] && [ -x "$CHROMIUM_PATH" ]; then return; fi
  if ! command -v chromium >/dev/null 2>&1; then
    step "installing Chromium (apt) for the dashboard's browser test"
    local sudo=""
    if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
    $sudo apt-get update -qq && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null ||
      echo "could not install chromium: the dashboard browser test will fail" >&2
  fi
  if command -v chromium >/dev/null 2>&1; then
    CHROMIUM_PATH="$(command -v chromium)"
    export CHROMIUM_PATH
  fi
}
