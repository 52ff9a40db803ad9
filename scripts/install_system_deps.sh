#!/usr/bin/env bash
# System packages the tests need beyond Python: a CJK font (notebook charts with Chinese labels) and Debian's
# chromium (the test that opens the dbt docs site headless). Installed from Debian when missing; nothing else
# is downloaded.
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
if ! fc-list :lang=zh 2>/dev/null | grep -q .; then
    need+=(fonts-wqy-zenhei fontconfig)
fi
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
    echo "missing system packages: ${need[*]}; install them with: sudo apt-get install ${need[*]}" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
