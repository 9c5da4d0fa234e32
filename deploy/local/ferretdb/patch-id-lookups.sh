#!/usr/bin/env bash
# Copies the FerretDB module out of Go's module cache and edits the copy so that its SQLite
# backend finds documents by `_id` through its own unique `_id` index instead of scanning the
# whole table. ferretdb.sh then builds against the copy (a `replace` in a build-only go.mod).
#
# Why: the backend creates that index on the expression `_ferretdb_sjson->"_id"` but looks
# documents up with `_ferretdb_sjson->'$._id'`. SQLite only uses an expression index for the very
# same expression, so every find, update, replace and delete by `_id` read every row (about
# 400 ms per lookup at 30 000 documents; EXPLAIN QUERY PLAN says SCAN). Two edits, made at build
# time on a copy (nothing of FerretDB's source is kept in this repository):
#   1. metadata.go: look up with `->'_id'`, which SQLite reads as the same key as `->"_id"` and
#      matches the index (the same JSON text is compared, so results are unchanged).
#   2. collection.go, in Query (the first of its two such tests; the second, in Explain, is left
#      alone): push an `_id` equality down to SQL whenever the filter has one, not only when it is
#      the filter's only key (the projections' compare-and-set writes filter on `_id` and
#      `_version`). FerretDB's handlers apply the whole filter again to what Query returns, so the
#      other keys keep their meaning.
# Each edit must find exactly what it expects, or the build stops: a FerretDB upgrade has to
# revisit this file rather than silently lose the fix.
#
#   patch-id-lookups.sh <FerretDB module dir> <output dir>
set -euo pipefail

module_dir=$1
output_dir=$2

rm -rf "$output_dir"
mkdir -p "$(dirname "$output_dir")"
cp -R "$module_dir" "$output_dir"
# The module cache is read-only.
chmod -R u+w "$output_dir"
backend="$output_dir/internal/backends/sqlite"

# edit <file> <sed expression> <text before, expected count> <text after, expected count>
edit() {
  local file=$1 expression=$2 before=$3 expected_before=$4 after=$5 expected_after=$6 found
  found=$(grep -cF -- "$before" "$file" || true)
  if [[ $found != "$expected_before" ]]; then
    echo "patch-id-lookups: expected $expected_before occurrence(s) of [$before] in $file, found $found" >&2
    exit 1
  fi
  sed -i -e "$expression" "$file"
  # sed succeeds silently when its pattern does not match: check that the edit took.
  found=$(grep -cF -- "$after" "$file" || true)
  if [[ $found != "$expected_after" ]]; then
    echo "patch-id-lookups: the edit to $file left $found occurrence(s) of [$after], expected $expected_after" >&2
    exit 1
  fi
}

edit "$backend/metadata/metadata.go" \
  "s|IDColumn = DefaultColumn + \"->'\\\$._id'\"|IDColumn = DefaultColumn + \"->'_id'\"|" \
  "IDColumn = DefaultColumn + \"->'\$._id'\"" 1 \
  "IDColumn = DefaultColumn + \"->'_id'\"" 1
edit "$backend/collection.go" \
  '0,/if params.Filter.Len() == 1 {/s//if params.Filter.Len() >= 1 {/' \
  'if params.Filter.Len() == 1 {' 2 \
  'if params.Filter.Len() >= 1 {' 1
