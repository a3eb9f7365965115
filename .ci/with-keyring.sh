#!/bin/sh
# Runs a command with a real, private, unlocked Secret Service: a new D-Bus
# session with its own gnome-keyring-daemon, whose keyring lives in a throw-away
# directory (so a developer's own login keyring is never touched).
# Where D-Bus or GNOME Keyring is missing, runs the command as it is.
set -eu

if ! command -v dbus-run-session >/dev/null 2>&1 || ! command -v gnome-keyring-daemon >/dev/null 2>&1; then
  exec "$@"
fi

keyring_home=$(mktemp -d "${TMPDIR:-/tmp}/plaint-keyring.XXXXXX")
trap 'rm -rf "$keyring_home"' EXIT INT TERM
export PLAINT_KEYRING_HOME="$keyring_home"
# dbus-daemon warns when it cannot raise its fd limit in a container; harmless.
dbus-run-session -- sh -c '
  printf %s plaint-test | XDG_DATA_HOME="$PLAINT_KEYRING_HOME" \
    gnome-keyring-daemon --unlock --components=secrets >/dev/null
  exec "$@"
' sh "$@" 2>&1
