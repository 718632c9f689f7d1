# Shared by the scripts: package installation that works as root (CI) or through sudo (a developer's machine).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SUDO=""
if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi
APT_UPDATED=0

# apt_install PKG...: installs what is missing, running `apt-get update` once first.
apt_install() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  ((${#missing[@]})) || return 0
  if [[ $APT_UPDATED -eq 0 ]]; then
    $SUDO apt-get update -qq
    APT_UPDATED=1
  fi
  echo "installing: ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# What building and running Clearbill needs from Debian.
RUNTIME_PACKAGES=(pkg-config libsqlite3-dev libssl-dev libcairo2-dev libpango1.0-dev libqrencode-dev
                  fonts-dejavu-core fonts-ocr-a sqlite3 python3-venv)
# What the tests need on top: a real browser and the PDF/QR readers they check output with.
TEST_PACKAGES=(chromium chromium-driver qpdf poppler-utils zbar-tools wrk curl)

# The Python tools (localstripe, selenium, axe) live in .venv, ignored by git.
python_tools() {
  if [[ ! -x "$ROOT/.venv/bin/python" ]]; then python3 -m venv "$ROOT/.venv"; fi
  if ! "$ROOT/.venv/bin/python" -c "import $2" 2>/dev/null; then
    "$ROOT/.venv/bin/pip" install -q --disable-pip-version-check $1
  fi
}

# build_release: the release binary, quietly (SwiftPM's notes about its dependencies' files would fill every report);
# on failure the whole build output is shown.
build_release() {
  local log
  log="$(mktemp)"
  if ! swift build -c release --product clearbill >"$log" 2>&1; then cat "$log" >&2; rm -f "$log"; return 1; fi
  rm -f "$log"
}
