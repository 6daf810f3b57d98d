#!/usr/bin/env bash
# Execute every notebook in notebooks/ with the tslab TypeScript kernel, as CI does (`npm run notebooks`).
# Needs Debian's jupyter-nbconvert and python3-ipykernel, and the kernel spec from
# `npx tslab install --python=/usr/bin/python3`. Executed copies go to out/notebooks/executed/ (the sources stay
# clean); a failing cell fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$PATH"   # the kernel spec starts `tslab` from PATH
mkdir -p out/notebooks/executed
for nb in notebooks/*.ipynb; do
  echo "notebook: $nb"
  jupyter nbconvert --to notebook --execute --ExecutePreprocessor.timeout=900 --ExecutePreprocessor.kernel_name=tslab \
    --output-dir out/notebooks/executed "$nb"
done
echo "notebooks: all executed"
