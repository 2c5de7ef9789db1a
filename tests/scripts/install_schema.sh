#!/usr/bin/env bash
# The report's schema ships with the install, at the path of its versioned address
# (share/citecheck/report/1.1/schema.json), the same file as docs/report.schema.json.
#
#   install_schema.sh BUILD_DIR SOURCE_DIR
set -uo pipefail
build=$(realpath "$1")
source_dir=$(realpath "$2")
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
cmake --install "$build" --prefix "$prefix" --component schema >/dev/null || { echo "cmake --install failed"; exit 1; }
installed="$prefix/share/citecheck/report/1.1/schema.json"
[ -f "$installed" ] || { echo "no $installed; installed: $(cd "$prefix" && find . -type f)"; exit 1; }
cmp -s "$installed" "$source_dir/docs/report.schema.json" || { echo "the installed schema differs from docs/report.schema.json"; exit 1; }
id=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["$id"])' "$installed")
[ "$id" = "https://citecheck.github.io/citecheck/report/1.1/schema.json" ] || { echo "\$id is $id"; exit 1; }
echo "installed $installed ($id)"
