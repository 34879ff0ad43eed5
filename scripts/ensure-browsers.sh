#!/usr/bin/env bash
# Installs Debian's Chromium and Firefox ESR when missing (the browser tests drive them;
# Playwright's own browser downloads are not possible on our machines). With arguments, only
# those packages (`npm start` asks for the one browser it needs).
set -euo pipefail
wanted=("$@")
[ ${#wanted[@]} -eq 0 ] && wanted=(chromium firefox-esr)
missing=()
for pkg in "${wanted[@]}"; do
  command -v "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
# Chromium speaks another language (--lang=de, the German e2e suite) only with its translations.
if [[ " ${wanted[*]} " == *" chromium "* ]] && command -v dpkg >/dev/null 2>&1 &&
  ! dpkg -s chromium-l10n >/dev/null 2>&1; then
  missing+=(chromium-l10n)
fi
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ]; then
  echo "Missing browsers: ${missing[*]}. Install them with: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "Installing ${missing[*]} from Debian's packages..."
apt-get update -qq >/dev/null
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
