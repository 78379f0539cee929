#!/usr/bin/env bash
# Every test: the Rust crate's (`cargo test`), then the Python package's
# (installed from ./python with pip, then pytest). Run from anywhere.
set -euo pipefail
cd "$(dirname "$0")/.."

# The real consumers of the graph exports (networkx, Graphviz): a test reads
# the exports with them. Without them it is skipped, and says so here.
if ! python3 -c "import networkx" >/dev/null 2>&1 || ! command -v dot >/dev/null 2>&1; then
  echo "SKIPPED: reading the graph exports with networkx and Graphviz (install graphviz and networkx; .ci/run does)"
  export NEWSGRAPH_SKIP_EXTERNAL=1
fi
cargo test
# The library alone, without the command line's dependencies.
cargo test --no-default-features --lib

if ! command -v python3 >/dev/null 2>&1; then
  echo "SKIPPED: the Python package's tests (no python3 on PATH)"
  exit 0
fi
# The Python tests compare with the command line's output.
cargo build --release
pip_install() {
  python3 -m pip install --quiet "$@" || python3 -m pip install --quiet --break-system-packages "$@"
}
pip_install ./python pytest networkx "spacy>=3.7,<4" "pyspark>=3.5"
python3 -m pytest -q python/tests
