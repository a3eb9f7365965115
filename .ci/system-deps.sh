#!/bin/sh
# Installs what plaint's tests need from the system, when missing:
# Chromium (the browser the runner drives), GNOME Keyring and D-Bus (a real
# Secret Service for the keyring tests), Xvfb (a display for the tests of the
# headed browser window people get), and Python's venv module.
set -eu

missing=""
command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 \
  || command -v google-chrome >/dev/null 2>&1 || missing="$missing chromium"
command -v gnome-keyring-daemon >/dev/null 2>&1 || missing="$missing gnome-keyring"
command -v dbus-run-session >/dev/null 2>&1 || missing="$missing dbus"
command -v xvfb-run >/dev/null 2>&1 || missing="$missing xvfb"
python3 -c 'import ensurepip, venv' >/dev/null 2>&1 || missing="$missing python3-venv"

[ -z "$missing" ] && exit 0

if command -v apt-get >/dev/null 2>&1; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "Installing:$missing" >&2
  $sudo apt-get update -qq >/dev/null 2>&1 || true
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $missing >/dev/null
else
  echo "Please install:$missing (a Chrome/Chromium browser, and for the tests GNOME" \
       "Keyring with D-Bus and Xvfb). See README.md." >&2
  exit 2
fi
