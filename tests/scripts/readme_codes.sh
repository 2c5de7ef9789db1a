#!/usr/bin/env bash
# README.md documents every finding code the code can emit, with its severity, and no code
# that does not exist. Codes are read from the checks ({"code", Severity::X, …}) and from the
# reader's repairs (issue.code = "…", reported as warnings); the README table rows read
# | `code` | severity | … |. src/finding_codes.cpp (the reports' rules) and the JSON schema's
# enum of codes must list the same codes.
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
# The reports' own table of codes (SARIF rules) lists each documented code once, with its most
# severe documented severity.
table=$(grep -oE '\{Severity::(Error|Warning|Info), "[a-z][a-z0-9-]*",' src/finding_codes.cpp |
  sed -E 's/^\{Severity::([A-Za-z]+), "([^"]+)",$/\2 \1/' | tr 'A-Z' 'a-z' | sort)
most_severe=$(echo "$documented" | sed -e 's/ error$/ 0error/' -e 's/ warning$/ 1warning/' -e 's/ info$/ 2info/' |
  sort -k1,1 -k2,2 | awk '$1 != last { print $1, substr($2, 2); last = $1 }')
if [ "$table" != "$most_severe" ]; then
  echo "src/finding_codes.cpp and README.md's table of finding codes differ (code severity; < table, > README):"
  diff <(echo "$table") <(echo "$most_severe") | grep '^[<>]' | sed 's/^/  /'
  status=1
fi
# The JSON schema's enum of codes (written from src/finding_codes.cpp) holds every code the
# program can emit and no other.
in_schema=$(python3 -c 'import json,sys; print("\n".join(json.load(open(sys.argv[1]))["$defs"]["finding_code"]["enum"]))' \
  docs/report.schema.json | sort -u)
emitted_codes=$(echo "$emitted" | cut -d' ' -f1 | sort -u)
if [ "$in_schema" != "$emitted_codes" ]; then
  echo "docs/report.schema.json's finding_code enum and the codes the program emits differ (< enum, > emitted);"
  echo "run cmake --build build --target schema-codes:"
  diff <(echo "$in_schema") <(echo "$emitted_codes") | grep '^[<>]' | sed 's/^/  /'
  status=1
fi
[ $status -eq 0 ] && echo "$(echo "$emitted" | wc -l) finding codes, all documented and in src/finding_codes.cpp"
exit $status
