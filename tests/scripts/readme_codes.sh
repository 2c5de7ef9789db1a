#!/usr/bin/env bash
# README.md documents every finding code the code can emit, with its severity, and no code
# that does not exist. Codes are read from the checks ({"code", Severity::X, …}) and from the
# reader's repairs (issue.code = "…", reported as warnings); the README table rows read
# | `code` | severity | … |.
#
#   readme_codes.sh SOURCE_DIR
set -uo pipefail
cd "$1" || exit 1
emitted=$( {
  grep -rhoE '"[a-z][a-z0-9]*(-[a-z0-9]+)*", Severity::(Error|Warning|Info)' src parsers resolvers |
    sed -E 's/^"([^"]+)", Severity::(.*)$/\1 \2/'
  grep -rhoE 'code = "[a-z][a-z0-9-]*"' parsers resolvers | sed -E 's/^code = "([^"]+)"$/\1 Warning/'
} | tr 'A-Z' 'a-z' | sort -u)
documented=$(grep -oE '^\| `[a-z][a-z0-9-]*` \| (error|warning|info) \|' README.md |
  sed -E 's/^\| `([^`]+)` \| ([a-z]+) \|$/\1 \2/' | sort -u)
if [ -z "$emitted" ]; then echo "no finding code found in the sources: the pattern is stale"; exit 1; fi
status=0
missing=$(comm -23 <(echo "$emitted") <(echo "$documented"))
extra=$(comm -13 <(echo "$emitted") <(echo "$documented"))
if [ -n "$missing" ]; then
  echo "emitted by the code but not in README.md's table of finding codes (code severity):"
  echo "$missing" | sed 's/^/  /'
  status=1
fi
if [ -n "$extra" ]; then
  echo "in README.md's table but not emitted by the code (or with another severity):"
  echo "$extra" | sed 's/^/  /'
  status=1
fi
[ $status -eq 0 ] && echo "$(echo "$emitted" | wc -l) finding codes, all documented"
exit $status
