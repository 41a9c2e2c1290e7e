#!/bin/sh
# tests/lwip/run.sh [BIN [TEST ...]] - make test-lwip: gcheal over lwIP, end to end, in a
# network namespace of its own.
#
# Creates namespace gch<pid>, inside it a TAP device whose kernel side is
# 10.203.0.1/24 (the emulator listens there), and runs tests/lwip/run_tests.py
# inside the namespace; build/gcheal-lwip attaches to the same TAP device and is
# 10.203.0.2 on its own lwIP stack. Nothing is routed out of the namespace (it
# has no other interface than lo), and the namespace, the TAP device and every
# process left in them are removed on any exit.
# Needs root, /dev/net/tun and iproute2; says why and fails otherwise.
cd "$(dirname "$0")/../.." || exit 2
bin=${1:-build/gcheal-lwip}
[ $# -gt 0 ] && shift
ns="gch$$"
tap=gchtap0
kernel_ip=10.203.0.1
lwip_ip=10.203.0.2

fail() { echo "lwip: $*" >&2; exit 2; }
[ "$(id -u)" -eq 0 ] || fail "needs root (creates a network namespace and a TAP device)"
[ -c /dev/net/tun ] || fail "needs /dev/net/tun"
command -v ip >/dev/null 2>&1 || fail "needs the ip command (apt-get install iproute2)"
[ -x "$bin" ] || fail "$bin not built (make lwip)"

teardown() {
    # Our own processes only: whatever still runs inside our namespace.
    for pid in $(ip netns pids "$ns" 2>/dev/null); do
        kill "$pid" 2>/dev/null
    done
    ip -n "$ns" link del "$tap" 2>/dev/null
    ip netns del "$ns" 2>/dev/null
}
trap teardown EXIT
trap 'exit 130' INT TERM

ip netns add "$ns" || fail "ip netns add $ns failed"
ip -n "$ns" link set lo up &&
ip -n "$ns" tuntap add dev "$tap" mode tap &&
ip -n "$ns" addr add "$kernel_ip/24" dev "$tap" &&
ip -n "$ns" link set "$tap" up || fail "could not set up $tap in $ns"
# Quiet link: no IPv6 router solicitations for lwIP (IPv4 only) to drop.
ip netns exec "$ns" sh -c "echo 1 > /proc/sys/net/ipv6/conf/$tap/disable_ipv6" 2>/dev/null
echo "lwip: namespace $ns, $tap kernel side $kernel_ip, lwIP side $lwip_ip"

ip netns exec "$ns" env GCH_LWIP_IP="$lwip_ip" GCH_LWIP_MASK=255.255.255.0 GCH_LWIP_TAP="$tap" \
    GCH_LWIP_KERNEL_IP="$kernel_ip" "${PYTHON:-python3}" tests/lwip/run_tests.py --bin "$bin" "$@"
rc=$?
exit $rc
