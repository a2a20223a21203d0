#!/usr/bin/env bash
# Installs what the tests need (in .venv/) and runs every test: cargo fmt/clippy/test,
# ruff, mypy stubtest, pytest (with the notebooks, when there are any).
set -euo pipefail
cd "$(dirname "$0")/.."

python3 -m venv .venv
# shellcheck disable=SC1091
source .venv/bin/activate
python -m pip install --quiet --upgrade pip
python -m pip install --quiet -e ".[test]"

echo "== cargo fmt / clippy / test"
cargo fmt --all -- --check
cargo clippy --all-targets --features python -- -D warnings
cargo test
# The binding's own unit tests (its column buffers), linked against this Python.
PYO3_PYTHON="$(command -v python)" cargo test --features python --lib python::

echo "== ruff"
ruff check python tests benchmarks notebooks
ruff format --check python tests benchmarks notebooks

echo "== mypy stubtest"
python -m mypy.stubtest presswork._core --allowlist tests/stubtest_allowlist.txt

echo "== pytest"
# The at-scale notebook's committed outputs are from a 1 GB run; here it runs small.
export PRESSWORK_SCALE_MB="${PRESSWORK_SCALE_MB:-8}"
notebooks=()
if compgen -G "notebooks/*.ipynb" > /dev/null; then
  notebooks=(--nbmake --nbmake-timeout=600 notebooks)
fi
python -m pytest -q tests "${notebooks[@]}"
