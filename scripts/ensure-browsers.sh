#!/usr/bin/env bash
# Installs Debian's Chromium and Firefox ESR when missing (the browser tests drive them;
# Playwright's own browser downloads are not possible on our machines). With arguments, only
# those packages (`npm start` asks for the one browser it needs). Chromium comes with
# chromium-l10n: Debian's chromium ships only en-US, and without the other languages' files
# the service worker of a `--lang=de` browser still reads en-US (the German test needs `de`).
set -euo pipefail
wanted=("$@")
[ ${#wanted[@]} -eq 0 ] && wanted=(chromium firefox-esr)
present() {
  case "$1" in
    # No command of its own: its German file. A Chromium not from Debian has no such folder.
    chromium-l10n) [ -e /usr/lib/chromium/locales/de.pak ] || ! command -v dpkg >/dev/null 2>&1 ;;
    *) command -v "$1" >/dev/null 2>&1 ;;
  esac
}
for pkg in "${wanted[@]}"; do
  [ "$pkg" = chromium ] && wanted+=(chromium-l10n)
done
missing=()
for pkg in "${wanted[@]}"; do
  present "$pkg" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ]; then
  echo "Missing browsers: ${missing[*]}. Install them with: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "Installing ${missing[*]} from Debian's packages..."
apt-get update -qq >/dev/null
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
