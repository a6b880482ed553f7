#!/usr/bin/env bash
# The one entry point a newcomer needs. It installs what is missing, then:
#   bash scripts/dev.sh run [ARGS...]   opens the app (ARGS go to empower-desktop, e.g. --demo)
#   bash scripts/dev.sh test [ARGS...]  runs lint (ruff), types (mypy) and the whole test suite (pytest ARGS),
#                                       with its coverage
# Python packages go into .venv beside this checkout; on Debian/Ubuntu the system libraries Qt
# needs are installed with apt-get when missing (as root, or through sudo).
set -euo pipefail
cd "$(dirname "$0")/.."

cmd=${1:-run}
[ $# -gt 0 ] && shift

PYTHON=${PYTHON:-python3}
SYSTEM_PACKAGES=(libegl1 libgl1 libxkbcommon0 libfontconfig1 libdbus-1-3 libglib2.0-0)
GUI_PACKAGES=(libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0 libxcb-shape0
              libxkbcommon-x11-0 libxcb-xkb1)
# The packaging test: strip (binutils) for the Linux bundle, and a D-Bus session with GNOME Keyring
# so the frozen app's self-test finds its Secret Service backend.
PACKAGING_PACKAGES=(binutils dbus gnome-keyring)

# PyInstaller bundles the shared libpython. Debian's own python3 keeps it in a package of its
# own (libpython3.11 for 3.11); a Python from elsewhere brings it along, and nothing is added.
python_library_package() {
    command -v dpkg-query >/dev/null 2>&1 || return 0
    local exe version
    exe=$(readlink -f "$(command -v "$PYTHON")" 2>/dev/null) || return 0
    dpkg-query -S "$exe" >/dev/null 2>&1 || return 0
    version=$("$PYTHON" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
    echo "libpython${version}"
}

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

ensure_system_packages() {
    command -v dpkg-query >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1 || return 0
    local missing=() pkg
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    local sudo=()
    [ "$(id -u)" -ne 0 ] && sudo=(sudo)
    say "Installing system libraries: ${missing[*]}"
    "${sudo[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

ensure_venv() {
    if [ ! -x .venv/bin/python ]; then
        if ! "$PYTHON" -c "import ensurepip, venv" >/dev/null 2>&1; then
            ensure_system_packages python3-venv  # Debian splits venv/ensurepip out of python3
        fi
        say "Creating the virtual environment in .venv"
        "$PYTHON" -m venv .venv
    fi
    local stamp
    stamp=".venv/.installed-$(sha256sum pyproject.toml | cut -c1-16)"
    if [ ! -f "$stamp" ]; then
        say "Installing Python packages into .venv"
        .venv/bin/python -m pip install --quiet --upgrade pip
        .venv/bin/python -m pip install --quiet -e '.[dev,packaging]'
        rm -f .venv/.installed-*
        touch "$stamp"
    fi
}

# pytest in a D-Bus session of its own with GNOME Keyring started and unlocked, so the keyring
# tests talk to a real Secret Service (works as root with no display). The keyring's files go to
# a temporary folder, never to your own keyring. Exits with pytest's exit code. Where
# dbus-run-session or gnome-keyring-daemon is missing, pytest runs as it is and those tests skip.
run_pytest() {
    if ! command -v dbus-run-session >/dev/null 2>&1 || ! command -v gnome-keyring-daemon >/dev/null 2>&1; then
        .venv/bin/python -m pytest "$@"
        return
    fi
    local keyrings status=0
    keyrings=$(mktemp -d)
    # shellcheck disable=SC2016  # expanded by the inner shell
    dbus-run-session -- sh -c '
        keyrings=$1; shift
        printf %s empower-tests | XDG_DATA_HOME="$keyrings" XDG_RUNTIME_DIR="$keyrings" \
            gnome-keyring-daemon --unlock --components=secrets >/dev/null \
            || echo "scripts/dev.sh: gnome-keyring-daemon did not start; the keyring tests will fail" >&2
        export EMPOWER_TEST_SECRET_SERVICE=1  # the keyring tests fail rather than skip
        exec "$@"
    ' sh "$keyrings" .venv/bin/python -m pytest "$@" || status=$?
    rm -rf "$keyrings"
    return "$status"
}

# True when pytest's ARGS pick a part of the suite (a path, -m, -k, ...) rather than all of it.
picks_a_part() {
    local arg
    for arg in "$@"; do
        case "$arg" in
            -m | -m?* | -k | -k?* | --deselect* | --lf | --last-failed | --sw | --stepwise | --co | --collect-only)
                return 0 ;;
        esac
        [ -e "${arg%%::*}" ] && return 0
    done
    return 1
}

case "$cmd" in
    run)
        ensure_system_packages "${SYSTEM_PACKAGES[@]}" "${GUI_PACKAGES[@]}"
        ensure_venv
        exec .venv/bin/empower-desktop "$@"
        ;;
    test)
        # The packaging test's self-test starts the frozen app on the platform plugin (xcb) too.
        # shellcheck disable=SC2046  # one package name or none
        ensure_system_packages "${SYSTEM_PACKAGES[@]}" "${GUI_PACKAGES[@]}" "${PACKAGING_PACKAGES[@]}" \
            $(python_library_package)
        ensure_venv
        say "Lint and format (ruff)"
        .venv/bin/ruff check empower_desktop tests benchmarks scripts packaging
        .venv/bin/ruff format --check --quiet empower_desktop tests benchmarks scripts packaging
        say "Types (mypy)"
        .venv/bin/mypy
        say "Tests (pytest)"
        # Coverage is measured on every run; its floor (fail_under in pyproject.toml) holds for the
        # whole suite only, so a run of a part reports its coverage without failing on it.
        coverage=(--cov --cov-report=term:skip-covered)
        if picks_a_part "$@"; then
            coverage+=(--cov-fail-under=0)
        fi
        QT_QPA_PLATFORM=offscreen run_pytest "${coverage[@]}" "$@"
        ;;
    *)
        echo "usage: bash scripts/dev.sh run|test [ARGS...]" >&2
        exit 2
        ;;
esac
