#!/usr/bin/env bash
# Installs every Debian 12 package tongban needs to build, test and run. Idempotent: packages already present are
# skipped, so `make demo` and `make test` can call it every time at no cost. Needs root (or sudo) only when something
# is missing. clang and libclang-rt-14-dev (libFuzzer, the sanitizer runtimes) build the fuzz targets (docs/fuzzing.md).
# postgresql is the server the PostgreSQL test runs start in a temporary directory (scripts/postgres-cluster.sh); wrk
# and nginx-light are the load generator and the baseline server of `make bench` (docs/performance.md); prometheus
# brings promtool, which checks the /metrics text format (tests/api/calendar_outlook_test.cc). libcurl4-openssl-dev
# is the SMTP and HTTP client of the notification adapters (src/notify: SMTP is libcurl's, not hand-written);
# python3-aiosmtpd is the real local SMTP server the notification tests deliver mail to (tests/api/notify);
# python3-feedparser is the real feed parser the Atom feed test reads the feeds with (tests/unit/web);
# libxlsxwriter-dev writes the statistics workbook (src/report/figures_workbook.h), which the real python3-openpyxl
# reads back in its test.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config clang-format clang-tidy
  clang libclang-rt-14-dev
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev libboost-locale1.81-dev
  libsqlite3-dev sqlite3 libpq-dev postgresql libsodium-dev libssl-dev openssl libre2-dev
  libopencc-dev opencc libicu-dev
  libcli11-dev libtomlplusplus-dev libspdlog-dev libfmt-dev libical-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  libkainjow-mustache-dev libqrencode-dev gettext
  curl ca-certificates jq python3
  chromium fonts-wqy-microhei
  wrk nginx-light
  prometheus
  libcurl4-openssl-dev python3-aiosmtpd
  python3-feedparser
  libxlsxwriter-dev python3-openpyxl
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

echo "install-deps: installing ${#missing[@]} missing package(s): ${missing[*]}"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
echo "install-deps: done"
