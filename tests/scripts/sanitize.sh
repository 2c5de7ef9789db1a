#!/usr/bin/env bash
# The whole test suite under AddressSanitizer and UndefinedBehaviorSanitizer: configures a
# separate build directory with -DCITECHECK_SANITIZE=ON, builds it and runs ctest there. Any
# sanitizer report fails the test that triggered it (UBSan does not recover; ASan aborts).
#
#   tests/scripts/sanitize.sh [BUILD_DIR]        (default: build-asan in the source tree)
#
# Extra arguments after BUILD_DIR go to ctest (e.g. -R cli_ to run a subset).
set -euo pipefail
source_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build_dir=${1:-$source_dir/build-asan}
shift || true
jobs=${CITECHECK_JOBS:-2}

cmake -S "$source_dir" -B "$build_dir" -G Ninja -DCITECHECK_SANITIZE=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build_dir" -j "$jobs"

# Leaks count; stack traces for UB; a sanitized binary is slower, so the large-input cases of
# cli.sh get a longer bound.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:detect_stack_use_after_return=1:strict_string_checks=1:check_initialization_order=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export CITECHECK_BIG_TIMEOUT=${CITECHECK_BIG_TIMEOUT:-600}
ctest --test-dir "$build_dir" --output-on-failure -j "$jobs" "$@"
