#!/usr/bin/env bash
# What an installation holds: `cmake --install` into a scratch prefix, and the .deb CPack makes
# unpacked with dpkg -x into a scratch root — each has the program (and it runs), the man page
# and the report's schema (at the path of its versioned $id). And the man page names every option `citecheck check --help` lists.
# Usage: install.sh BUILD_DIR SOURCE_DIR CASE   (CASE: install, deb, man-page)
set -euo pipefail
build=$1 src=$2 case=$3
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

expect_installed() {  # ROOT: an installed tree with usr/ in it
  local root=$1
  [ -x "$root/usr/bin/citecheck" ] || fail "no usr/bin/citecheck in $(cd "$root" && find . -type f | head -20)"
  "$root/usr/bin/citecheck" --version | grep -qxE 'citecheck [0-9]+\.[0-9]+\.[0-9]+' || fail "the installed citecheck does not run"
  printf 'A note (Light 2023).\n\nReferences\n\nLight, Felix. 2023. Harbours. Journal of Ports 2: 1-9.\n' > "$scratch/paper.txt"
  "$root/usr/bin/citecheck" --offline --format json "$scratch/paper.txt" > "$scratch/report.json" || fail "the installed citecheck cannot check a manuscript"
  grep -q '"references"' "$scratch/report.json" || fail "no report from the installed citecheck"
  local man=$(find "$root/usr/share/man/man1" -name 'citecheck.1*' | head -1)
  [ -n "$man" ] || fail "no man page under usr/share/man/man1"
  cmp -s "$root/usr/share/citecheck/report/1.1/schema.json" "$src/docs/report.schema.json" || fail "no report/1.1/schema.json under usr/share/citecheck"
  # At the path of its versioned address.
  local id=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["$id"])' "$root/usr/share/citecheck/report/1.1/schema.json")
  [ "$id" = "https://citecheck.github.io/citecheck/report/1.1/schema.json" ] || fail "the installed schema's \$id is $id"
}

case $case in
  install)
    cmake --install "$build" --prefix "$scratch/usr" > "$scratch/install.log" || { cat "$scratch/install.log"; fail "cmake --install"; }
    expect_installed "$scratch"
    ;;
  deb)
    cpack -G DEB --config "$build/CPackConfig.cmake" -B "$scratch/pkg" > "$scratch/cpack.log" 2>&1 || { cat "$scratch/cpack.log"; fail "cpack -G DEB"; }
    deb=$(ls "$scratch"/pkg/*.deb | head -1)
    [ -n "$deb" ] || fail "cpack made no .deb"
    dpkg-deb -f "$deb" Package | grep -qx citecheck || fail "the package is not named citecheck"
    dpkg-deb -f "$deb" Depends | grep -q 'libre2' || fail "the package does not depend on its run-time libraries: $(dpkg-deb -f "$deb" Depends)"
    mkdir "$scratch/root"
    dpkg -x "$deb" "$scratch/root"
    expect_installed "$scratch/root"
    ;;
  man-page)
    "$build/citecheck" check --help > "$scratch/help.txt"
    for option in $(grep -oE -- '--[a-z][a-z-]+' "$scratch/help.txt" | sort -u); do
      [ "$option" = "--help" ] && continue
      grep -qF -- "$(printf '%s' "$option" | sed 's/-/\\-/g')" "$src/docs/citecheck.1" || fail "the man page does not name $option"
    done
    ;;
  *) fail "unknown case $case" ;;
esac
echo ok
