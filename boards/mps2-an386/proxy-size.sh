#!/bin/sh
# proxy-size.sh DEFAULT_ELF PROXY_ELF - the flash and RAM the HTTP proxy code adds
# to the firmware: the default image against the one linked with the proxy dialer
# kept (make proxy-size), and the functions only the second one holds.
SIZE=${MCU_SIZE:-arm-none-eabi-size}
NM=${MCU_NM:-arm-none-eabi-nm}
figures() {
    $SIZE -A "$1" | awk '
        $1 == ".text" || $1 == ".ARM.exidx" { flash += $2 }
        $1 == ".data" { flash += $2; ram += $2 }
        $1 == ".bss" || $1 == ".stack" { ram += $2 }
        END { printf "%d %d\n", flash, ram }'
}
set -- "$1" "$2" $(figures "$1") $(figures "$2")
echo "proxy-size: default image flash $3 RAM $4; with the proxy dialer flash $5 RAM $6"
echo "proxy-size: the proxy code adds $(($5 - $3)) bytes of flash, $(($6 - $4)) bytes of static RAM"
echo "proxy-size: functions and constants only in the proxy image (bytes):"
$NM "$1" | awk '{ print $NF }' | sort >"${2%.elf}.default-syms"
$NM -S --radix=d "$2" | awk '$3 ~ /^[tTrR]$/ && NF == 4 { printf "%d %s\n", $2, $4 }' | sort -k2 |
    join -1 2 -2 1 -v 1 - "${2%.elf}.default-syms" | awk '{ printf "  %6d %s\n", $2, $1 }' | sort -rn
rm -f "${2%.elf}.default-syms"
