#!/usr/bin/env bash
# Installs the Debian packages Dure needs (idempotent): Korean fonts and HarfBuzz subsetting
# for PDFs, Pango for WeasyPrint, Chromium for the browser tests, poppler for PDF checks.
set -euo pipefail
packages=(fonts-noto-cjk libharfbuzz-subset0 libpango-1.0-0 libpangoft2-1.0-0 poppler-utils)
if [ "${1:-}" = "--browser" ]; then
  packages+=(chromium)
fi
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "설치할 시스템 패키지: ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
  SUDO=sudo
else
  SUDO=
fi
$SUDO apt-get update -q
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
