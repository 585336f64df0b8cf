#!/usr/bin/env bash
# Runs every test: installs what a fresh machine lacks, then the Maven build with all tests.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
scripts/install-data.sh
# the web UI's browser tests drive Debian's headless Chromium
scripts/install-browser.sh
# the tracking tests start real MLflow servers, the current release and the 2.x one (installed once, then cached)
scripts/install-mlflow.sh >/dev/null
scripts/install-mlflow.sh 2.17.2 >/dev/null
mvn -B verify "$@"
