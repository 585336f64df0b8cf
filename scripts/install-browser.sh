#!/usr/bin/env bash
# Installs headless Chromium and its WebDriver from Debian (chromium, chromium-driver) when they
# are missing: the web UI's browser tests drive them with Selenium, which never downloads a browser.
# Exits non-zero, saying how to install them by hand, when it cannot.
set -uo pipefail
[ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  sudo=""
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  sudo="sudo -n"
else
  echo "Chromium is missing. Install it with: sudo apt-get install chromium chromium-driver" >&2
  exit 1
fi
echo "installing Chromium (apt-get install chromium chromium-driver) ..." >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get install -y -q chromium chromium-driver >/dev/null 2>&1 \
  || { $sudo apt-get update -q >/dev/null 2>&1 && $sudo apt-get install -y -q chromium chromium-driver >/dev/null 2>&1; }
if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
  echo "could not install Chromium; install it with: sudo apt-get install chromium chromium-driver" >&2
  exit 1
fi
