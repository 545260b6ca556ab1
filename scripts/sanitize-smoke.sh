#!/usr/bin/env bash
# The CLI smoke run of `make sanitize`: the commands a user runs most, on an `ember` built with a sanitizer
# (AddressSanitizer in a release build: the optimiser ends object lifetimes early, so lifetime bugs that debug
# builds hide show here). Any sanitizer report makes the command exit non-zero, and this script stops there.
#   scripts/sanitize-smoke.sh .build/asan/release/ember
set -euo pipefail
ember=${1:?usage: $0 path/to/ember}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export ASAN_OPTIONS=${ASAN_OPTIONS:-halt_on_error=1}

run() {
    echo "+ ember $*"
    "$ember" "$@" >"$work/out.txt" 2>"$work/err.txt" || {
        status=$?
        cat "$work/out.txt" "$work/err.txt"
        echo "sanitize-smoke: 'ember $*' exited with status $status" >&2
        exit 1
    }
}

for backend in reference simd cblas; do
    run linreg --epochs 3 --tolerance 100 --backend "$backend"
done
run linreg --save "$work/line.safetensors" --plot "$work/line.svg" --loss-plot "$work/loss.svg" --json
run linreg --load "$work/line.safetensors" --epochs 1
run mlp --n 200 --epochs 20 --hidden 8 --save "$work/mlp.safetensors" --plot "$work/mlp.svg"

{
    echo "a,b,y"
    for i in $(seq 0 199); do echo "$i,$(( (i * 7) % 13 )),$(( 3 * i + 2 * ((i * 7) % 13) + 1 ))"; done
} >"$work/table.csv"
run linreg --csv "$work/table.csv" --target y --epochs 50 --optimizer adam --lr 0.05 --save "$work/csv.safetensors"
run linreg --csv "$work/table.csv" --target y --epochs 10 --load "$work/csv.safetensors"
run bench --workloads seed,add1 --repeats 1
echo "sanitize-smoke: every command ran clean under the sanitizer"
