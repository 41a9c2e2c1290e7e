#!/bin/sh
# Install the host tools the build and the tests need, from Debian's packages:
#
#   sh scripts/setup-host.sh [test|demo]    (default test: everything)
#
# The list is scripts/host-packages.txt ("demo" marks what make demo needs).
# Only missing packages are installed (dpkg-query), and apt-get update runs
# only when something is missing. When it cannot install (not root, no apt),
# it stops at once with the exact apt-get line to run. GCHEAL_SKIP_SETUP=1
# skips it all (a machine set up some other way); GCHEAL_HOST_PACKAGES names
# another list (tests/install uses it).
set -eu
cd "$(dirname "$0")/.."
list=${GCHEAL_HOST_PACKAGES:-scripts/host-packages.txt}
set_name=${1:-test}
case "$set_name" in test|demo) ;; *) echo "setup-host: unknown set '$set_name' (test or demo)" >&2; exit 2 ;; esac
[ "${GCHEAL_SKIP_SETUP:-}" = 1 ] && exit 0

# "package command" pairs of the chosen set ("-" when no command stands in).
wanted=$(sed 's/#.*//' "$list" | awk -v set="$set_name" '
    NF == 0 { next }
    { demo = 0; cmd = "-"
      for (i = 2; i <= NF; i++) {
          if ($i == "demo") demo = 1
          else if ($i ~ /^command=/) cmd = substr($i, 9)
      }
      if (set == "test" || demo) print $1, cmd }')

installed() { # package: 0 when dpkg has it fully installed
    [ "$(dpkg-query -W -f='${db:Status-Abbrev}' "$1" 2>/dev/null)" = "ii " ]
}

have_dpkg=1
command -v dpkg-query >/dev/null 2>&1 || have_dpkg=0
missing=""
while read -r pkg cmd; do
    [ "$cmd" != "-" ] && command -v "$cmd" >/dev/null 2>&1 && continue
    if [ "$have_dpkg" = 1 ] && installed "$pkg"; then
        continue
    fi
    missing="$missing $pkg"
done <<LIST
$wanted
LIST
missing=${missing# }
[ -n "$missing" ] || exit 0

line="apt-get install -y --no-install-recommends $missing"
why=""
[ "$have_dpkg" = 1 ] || why="this is not a Debian system (no dpkg-query)"
[ -n "$why" ] || command -v apt-get >/dev/null 2>&1 || why="apt-get is not available"
[ -n "$why" ] || [ "$(id -u)" -eq 0 ] || why="installing needs root"
if [ -n "$why" ]; then
    echo "setup-host: missing host tools for make $set_name: $missing" >&2
    echo "setup-host: cannot install them: $why. Run as root:" >&2
    echo "    apt-get update && $line" >&2
    echo "setup-host: (or set GCHEAL_SKIP_SETUP=1 if the tools come from elsewhere)" >&2
    exit 1
fi
echo "setup-host: installing for make $set_name: $missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >/dev/null
echo "setup-host: done"
