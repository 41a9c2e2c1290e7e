#!/bin/sh
# Fetch the pinned third-party sources (mbedTLS, lwIP, jsmn) from Debian's source
# packages through a private apt configuration, verify the upstream tarballs against
# the checksums pinned in deps.lock and unpack them under $1 (default build/deps).
# The machine's own apt setup is never touched: sources list, state and cache all
# live inside the deps folder.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-"$top/build/deps"}
[ $# -gt 0 ] && shift
mkdir -p "$out" && out=$(cd "$out" && pwd)   # apt runs from the download folder: absolute paths
only="$*"   # names to fetch; all of deps.lock when empty
lock="$top/deps.lock"
suite=${GCH_DEB_SUITE:-trixie}
mirror=${GCH_DEB_MIRROR:-http://deb.debian.org/debian}
keyring=${GCH_DEB_KEYRING:-/usr/share/keyrings/debian-archive-keyring.gpg}

mkdir -p "$out"
apt_dir="$out/apt"
dl="$out/download"
mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial" "$dl"

# One line per dependency: name debian-version tarball sha256 unpacked-dir
want_tarball() { awk -v n="$1" '$1==n {print $3}' "$lock"; }
want_sha() { awk -v n="$1" '$1==n {print $4}' "$lock"; }
want_dir() { awk -v n="$1" '$1==n {print $5}' "$lock"; }
want_ver() { awk -v n="$1" '$1==n {print $2}' "$lock"; }

names=${only:-$(awk '!/^#/ && NF {print $1}' "$lock")}
[ -n "$(echo $names)" ] || exit 0

verify() { # file sha -> 0 if matching
    got=$(sha256sum "$1" | cut -d' ' -f1)
    [ "$got" = "$2" ]
}

missing=""
for n in $names; do
    t=$(want_tarball "$n")
    if [ -f "$dl/$t" ] && verify "$dl/$t" "$(want_sha "$n")"; then
        continue
    fi
    missing="$missing $n"
done

if [ -n "$missing" ]; then
    if [ ! -r "$keyring" ]; then
        echo "fetch-deps: Debian archive keyring $keyring not found (apt-get install debian-archive-keyring)" >&2
        exit 1
    fi
    list="$apt_dir/sources.list"
    echo "deb-src [signed-by=$keyring] $mirror $suite main" > "$list"
    opts="-o Dir::Etc::SourceList=$list -o Dir::Etc::SourceParts=/dev/null \
          -o Dir::State::Lists=$apt_dir/lists -o Dir::Cache=$apt_dir/cache \
          -o Dir::State::Status=/dev/null -o Debug::NoLocking=1 -o APT::Sandbox::User=root"
    echo "fetch-deps: apt-get update (private config in $apt_dir)"
    # shellcheck disable=SC2086
    apt-get -qq $opts update
    for n in $missing; do
        spec="$n=$(want_ver "$n")"
        echo "fetch-deps: apt-get source --download-only $spec"
        # shellcheck disable=SC2086
        # Only the upstream tarball is needed: a missing Debian diff is not fatal
        # (the mirror has served 404 for jsmn's), a missing tarball is, below.
        (cd "$dl" && apt-get -qq $opts source --download-only "$spec") || \
            echo "fetch-deps: apt-get reported an error for $spec; checking the tarball anyway" >&2
    done
fi

for n in $names; do
    t=$(want_tarball "$n"); s=$(want_sha "$n"); d=$(want_dir "$n")
    if [ ! -f "$dl/$t" ]; then
        echo "fetch-deps: $t was not downloaded (no network to the Debian archive?)" >&2
        exit 1
    fi
    if ! verify "$dl/$t" "$s"; then
        echo "fetch-deps: CHECKSUM MISMATCH for $t" >&2
        echo "  expected $s" >&2
        echo "  got      $(sha256sum "$dl/$t" | cut -d' ' -f1)" >&2
        echo "  refusing to use it; delete $dl/$t to fetch again" >&2
        exit 1
    fi
    if [ ! -f "$out/$d/.unpacked" ]; then
        rm -rf "${out:?}/$d" "$out/tmp-$n"
        mkdir -p "$out/tmp-$n"
        tar -xf "$dl/$t" -C "$out/tmp-$n"
        # Every tarball holds one top folder; give it the stable name from deps.lock.
        top_entry=$(ls "$out/tmp-$n")
        mv "$out/tmp-$n/$top_entry" "$out/$d"
        rmdir "$out/tmp-$n"
        touch "$out/$d/.unpacked"
        echo "fetch-deps: $n $(want_ver "$n") verified and unpacked into $out/$d"
    fi
done
