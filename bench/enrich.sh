#!/usr/bin/env bash
# What enrichment costs (issues 3 and 4) and what `--retag` saves, on one corpus, one run.
#
#   bash bench/enrich.sh [CORPUS]         # default ../shared/corpora/allsides; ~5 minutes
#
# Environment: ROUNDS (alternating indexing rounds, default 3), BENCH_WORK (scratch, default
# /tmp/attache-enrich-bench), BENCHMARKS_MD (file to append to, default BENCHMARKS.md;
# /dev/null to only print).
#
# Measures:
#  1. each enrichment stage alone, single-threaded, over the corpus's bodies
#     (examples/enrich_stages.rs: seconds and MB/s per core);
#  2. `attache index --rebuild` with every stage, without topics and quotes, and without any
#     enrichment (`--skip`, a hidden benchmarking flag), next to the bare-tantivy baseline
#     (examples/baseline.rs), alternately, ROUNDS rounds, whole process under /usr/bin/time;
#  3. `attache index --retag` after nothing changed, after a new topic (attache.toml
#     `[[topic]]`) and after a new person (`--gazetteer`), each from a copy of the same
#     index, against `--rebuild` (hyperfine, whole process).
set -euo pipefail

cd "$(dirname "$0")/.."
CORPUS=${1:-../shared/corpora/allsides}
ROUNDS=${ROUNDS:-3}
WORK=${BENCH_WORK:-/tmp/attache-enrich-bench}
OUT=${BENCHMARKS_MD:-BENCHMARKS.md}
command -v hyperfine >/dev/null || { sudo -n true 2>/dev/null && SUDO=sudo || SUDO=; $SUDO apt-get update -qq && $SUDO apt-get install -y -qq hyperfine; }
[ -x /usr/bin/time ] || { sudo -n true 2>/dev/null && SUDO=sudo || SUDO=; $SUDO apt-get install -y -qq time; }

cargo build --release -q --bin attache --example baseline --example enrich_stages
rm -rf "$WORK" && mkdir -p "$WORK/bin"
cp target/release/attache target/release/examples/baseline target/release/examples/enrich_stages "$WORK/bin/"
A=$WORK/bin/attache
cat "$CORPUS"/*/* >/dev/null 2>&1 || true # warm the page cache

report=$WORK/report.md
{
  echo "## Enrichment cost and \`--retag\` ($(date -u '+%Y-%m-%d %H:%M') UTC, $(nproc) cores, build $(git rev-parse --short HEAD))"
  echo
  echo "From \`bash bench/enrich.sh\` on \`$CORPUS\`; load average at start: $(cut -d' ' -f1-3 /proc/loadavg)."
  echo
  echo "Each stage alone, one thread (\`examples/enrich_stages\`):"
  echo
  echo '```'
  "$WORK/bin/enrich_stages" "$CORPUS"
  echo '```'
  echo
} >"$report"

# 2. Whole-process indexing, alternating.
time_of() { /usr/bin/time -f "%e %M" "$@" 2>&1 >/dev/null | tail -1; }
declare -A SUM
for r in $(seq "$ROUNDS"); do
  for mode in full no-topics-quotes none baseline; do
    case $mode in
      full) t=$(time_of "$A" --index "$WORK/ix" index --rebuild -q "$CORPUS") ;;
      no-topics-quotes) t=$(time_of "$A" --index "$WORK/ix" index --rebuild -q --skip topics,quotes "$CORPUS") ;;
      none) t=$(time_of "$A" --index "$WORK/ix" index --rebuild -q --skip entities,topics,quotes "$CORPUS") ;;
      baseline) t=$("$WORK/bin/baseline" "$CORPUS" "$WORK/base" | sed -E 's/.* in ([0-9.]+) s.*/\1/') ;;
    esac
    echo "round $r $mode: $t" >&2
    SUM[$mode]="${SUM[$mode]:-} $(echo "$t" | cut -d' ' -f1)"
  done
done
median() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
base=$(echo "${SUM[baseline]}" | median)
{
  echo "Indexing, $ROUNDS alternating rounds, median seconds (attache: whole process; baseline: its own timer, indexing only):"
  echo
  echo "| run | seconds | throughput vs baseline |"
  echo "| --- | --- | --- |"
  for mode in baseline none no-topics-quotes full; do
    m=$(echo "${SUM[$mode]}" | median)
    echo "| $mode | $m | $(awk -v b="$base" -v m="$m" 'BEGIN {printf "%.2f", b / m}') |"
  done
  echo
  full=$(echo "${SUM[full]}" | median)
  ntq=$(echo "${SUM[no-topics-quotes]}" | median)
  echo "Topics and quotes cost $(awk -v f="$full" -v n="$ntq" 'BEGIN {printf "%.0f", (1 - n / f) * 100}')% of indexing throughput (issue 4 target: at most 15%)."
  echo
} >>"$report"

# 3. Retag scenarios, each from a copy of one index built with the plain configuration.
"$A" --index "$WORK/pristine" --config /dev/null index --rebuild -q "$CORPUS" >/dev/null
printf '[[topic]]\nid = "alaska-summit"\nlabel = "Alaska summit"\n[topic.patterns]\nen = ["anchorage", "alaska summit"]\n' >"$WORK/topic.toml"
printf '[[entity]]\nid = "miriam-osei"\ntype = "person"\nname = "Miriam Osei"\nsurnames = ["Osei"]\nfirst_names = ["Miriam"]\n' >"$WORK/gaz.toml"
prep="rm -rf $WORK/rt && cp -r $WORK/pristine $WORK/rt"
hyperfine --warmup 1 --runs 5 --export-markdown "$WORK/retag.md" \
  --prepare "$prep" \
  -n "retag, nothing changed" "$A --index $WORK/rt --config /dev/null index --retag" \
  -n "retag, new topic" "$A --index $WORK/rt --config $WORK/topic.toml index --retag" \
  -n "retag, new person" "$A --index $WORK/rt --config /dev/null --gazetteer $WORK/gaz.toml index --retag" \
  -n "rebuild" "$A --index $WORK/rt --config /dev/null index --rebuild -q $CORPUS" >&2
{
  echo "\`--retag\` against \`--rebuild\` (hyperfine, whole process, each run from a copy of the same index):"
  echo
  cat "$WORK/retag.md"
  echo
  echo "Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)."
  echo
} >>"$report"
cat "$report"
[ "$OUT" = /dev/null ] || { echo >>"$OUT"; cat "$report" >>"$OUT"; }
