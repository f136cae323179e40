#!/bin/sh
# bootstrap.sh - installs the Debian 12 packages dyad needs, if missing.
# Runs apt-get through sudo when not root. Safe to run again: it installs
# only what is missing and does nothing when everything is there.
set -eu
PKGS="build-essential pkg-config libutf8proc-dev libstemmer-dev libsqlite3-dev
      libjansson-dev libcmocka-dev unicode-cldr-core sqlite3 python3 binutils
      jq libxml2-utils time clang libclang-rt-14-dev libmicrohttpd-dev libjs-d3 libjs-leaflet chromium curl wrk zlib1g-dev libzstd-dev zstd libxml2-dev parallel
      libpq-dev postgresql"
missing=""
for p in $PKGS; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "bootstrap: installing$missing" >&2
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >&2
