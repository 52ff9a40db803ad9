#!/usr/bin/env bash
# System packages the tests need beyond Python: a CJK font (notebook charts with Chinese labels), Debian's
# chromium (the test that opens the dbt docs site headless), the two shared libraries OpenCV's wheel (OCR of
# scans) links against, and LibreOffice without its GUI (ingest converts .doc/.wps files with it; the tests also
# make .xls and .ods files with it). Installed from Debian when missing; nothing else is downloaded.
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui libreoffice-calc-nogui)
ldconfig -p | grep -q 'libGL\.so\.1 ' || need+=(libgl1)
ldconfig -p | grep -q 'libglib-2\.0\.so\.0 ' || need+=(libglib2.0-0)
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
