#!/bin/sh
# The browser tests drive Debian's Chromium (Playwright's own browser download cannot work offline). Install it once
# when it is missing, so `npm test` needs no manual step on a fresh machine.
CHROMIUM=${CHROMIUM_PATH:-/usr/bin/chromium}
[ -x "$CHROMIUM" ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's chromium for the browser tests..." >&2
  apt-get install -y -q chromium >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q chromium >/dev/null; }
  [ -x "$CHROMIUM" ] && exit 0
fi
echo "Chromium is needed for the browser tests: install it (Debian: apt-get install chromium) or set CHROMIUM_PATH." >&2
exit 1
