#!/usr/bin/env bash
# Installs the real Home Assistant Core, pinned, into a virtual environment that is cached between
# runs on the same machine, together with every Python package the integrations our tests use would
# otherwise install at first start. The tests then start it with `--skip-pip`: no network at run time.
#
# Idempotent and non-interactive: a finished install is recognised by its marker file and left alone.
#   scripts/install-home-assistant.sh            install (or confirm) and print the venv path
#   HA_PYTHON=/path/to/python3.13 scripts/...     use this interpreter
#   HA_CACHE_DIR=/some/dir scripts/...            cache root (default ~/.cache/ha-remote-access)
#
# Why this version: 2025.4.4 is the newest Home Assistant whose Requires-Python (>=3.13.0) fits the
# newest Python on this kind of machine (pyenv's 3.13.0). 2025.5.0 and later want >=3.13.2, and
# 2026.3.0 and later >=3.14.2.
set -euo pipefail

HA_VERSION=2025.4.4
HA_MIN_PYTHON=3.13.0

CACHE_DIR="${HA_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/ha-remote-access}"
VENV="$CACHE_DIR/homeassistant-$HA_VERSION"
CURRENT_LINK="$CACHE_DIR/homeassistant"
MARKER="$VENV/.ha-remote-access-installed"

# Integrations the tests configure on top of what HA always loads (bootstrap's CORE_INTEGRATIONS and
# DEFAULT_INTEGRATIONS, read from the installed package below). default_config is left out on purpose.
EXTRA_INTEGRATIONS="http api websocket_api onboarding auth config rest sensor binary_sensor recorder"

log() { printf 'install-home-assistant: %s\n' "$*" >&2; }

find_python() {
  local candidates=()
  [ -n "${HA_PYTHON:-}" ] && candidates+=("$HA_PYTHON")
  candidates+=(python3.14 python3.13)
  local root
  for root in "${PYENV_ROOT:-}" "$HOME/.pyenv" /root/.pyenv /opt/pyenv; do
    [ -n "$root" ] || continue
    # Newest first: sort -V -r over the installed versions.
    while IFS= read -r dir; do
      candidates+=("$dir/bin/python3")
    done < <(ls -d "$root"/versions/3.1[3-9]* 2>/dev/null | sort -V -r)
  done
  candidates+=(/usr/bin/python3.13 python3)
  local c
  for c in "${candidates[@]}"; do
    if command -v "$c" >/dev/null 2>&1 &&
      "$c" -c "import sys, venv; sys.exit(0 if sys.version_info >= tuple(map(int, '$HA_MIN_PYTHON'.split('.'))) else 1)" \
        >/dev/null 2>&1; then
      command -v "$c"
      return 0
    fi
  done
  return 1
}

mkdir -p "$CACHE_DIR"
# Two builds (or a build and a test run) on one machine must not install into one venv at once.
exec 9>"$CACHE_DIR/.install.lock"
flock 9

if [ -f "$MARKER" ] && "$VENV/bin/python" -c 'import homeassistant' >/dev/null 2>&1; then
  ln -sfn "$VENV" "$CURRENT_LINK"
  log "Home Assistant $HA_VERSION already installed in $VENV"
  echo "$VENV"
  exit 0
fi

if ! PYTHON="$(find_python)"; then
  log "no Python >= $HA_MIN_PYTHON found (tried \$HA_PYTHON, python3.14, python3.13, pyenv versions, python3)."
  log "Home Assistant $HA_VERSION needs Python >= $HA_MIN_PYTHON; set HA_PYTHON to one."
  exit 1
fi
log "using $PYTHON ($("$PYTHON" --version 2>&1)) for Home Assistant $HA_VERSION"

started=$(date +%s)
rm -rf "$VENV"
"$PYTHON" -m venv "$VENV"
PIP=("$VENV/bin/python" -m pip --disable-pip-version-check -q)
"${PIP[@]}" install "homeassistant==$HA_VERSION"

# The requirements HA would pip-install at first start: walk the manifests of the integrations it
# loads (dependencies always, after_dependencies only when that integration is loaded anyway).
REQUIREMENTS="$("$VENV/bin/python" - $EXTRA_INTEGRATIONS <<'PY'
import json, pathlib, sys
import homeassistant
from homeassistant import bootstrap

components = pathlib.Path(homeassistant.__file__).parent / "components"
roots = set(bootstrap.CORE_INTEGRATIONS) | set(bootstrap.DEFAULT_INTEGRATIONS) | set(sys.argv[1:])

def manifest(domain):
    return json.loads((components / domain / "manifest.json").read_text())

seen, todo = set(), list(roots)
while todo:
    domain = todo.pop()
    if domain in seen:
        continue
    seen.add(domain)
    m = manifest(domain)
    todo.extend(m.get("dependencies", []))
    todo.extend(d for d in m.get("after_dependencies", []) if d in roots)
print("\n".join(sorted({r for d in seen for r in manifest(d).get("requirements", [])})))
PY
)"
log "integration requirements: $(echo $REQUIREMENTS)"
# package_constraints.txt is what HA itself passes to pip when it installs requirements.
# shellcheck disable=SC2086
"${PIP[@]}" install -c "$VENV/lib/python"*/site-packages/homeassistant/package_constraints.txt $REQUIREMENTS

installed="$("$VENV/bin/python" -c 'from homeassistant.const import __version__; print(__version__)')"
if [ "$installed" != "$HA_VERSION" ]; then
  log "expected Home Assistant $HA_VERSION, the venv has $installed"
  exit 1
fi
echo "$HA_VERSION" >"$MARKER"
ln -sfn "$VENV" "$CURRENT_LINK"
log "installed Home Assistant $HA_VERSION in $(($(date +%s) - started)) s, $(du -sh "$VENV" | cut -f1) on disk: $VENV"
echo "$VENV"
