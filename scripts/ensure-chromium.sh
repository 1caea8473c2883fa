#!/usr/bin/env bash
# The browser tests drive Debian's Chromium (no test tool can download a browser here), and their
# screenshots need a CJK font so zh-CN text renders as text, not boxes (fonts-noto-cjk).
# Installs what is missing when we may (root with apt-get); otherwise says what to install.
set -euo pipefail
CHROMIUM=${CHROMIUM_PATH:-/usr/bin/chromium}
missing=()
[ -x "$CHROMIUM" ] || missing+=(chromium)
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || missing+=(fonts-noto-cjk)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing ${missing[*]} for the browser tests…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  exit 0
fi
# Without the font the tests still run (only the screenshots lose their Chinese); without Chromium they cannot.
if [[ " ${missing[*]} " == *" chromium "* ]]; then
  echo "The browser tests need Chromium at $CHROMIUM: run 'sudo apt-get install -y chromium' (or set CHROMIUM_PATH)." >&2
  exit 1
fi
echo "Screenshots need fonts-noto-cjk for Chinese text: run 'sudo apt-get install -y fonts-noto-cjk'." >&2
