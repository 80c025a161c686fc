#!/usr/bin/env bash
# Speed benchmarks for attache (issue 2). Rerunnable by anyone; takes about 1-3 minutes once
# the release build is done.
#
#   bash bench/run.sh [CORPUS]            # default ../shared/corpora/allsides
#
# Environment: ROUNDS (indexing rounds, default 5), ATTACHE_BENCH_INDEX (index folder, default
# /tmp/attache-bench-index, left in place for `cargo bench --bench search`), BENCH_WORK (scratch,
# default /tmp/attache-bench), BENCHMARKS_MD (file to append to, default BENCHMARKS.md;
# BENCHMARKS_MD=/dev/null to only print), SKIP_DIVAN=1 to skip the divan run.
#
# Measures:
#  1. `attache index --rebuild CORPUS` vs the bare-tantivy baseline (examples/baseline.rs),
#     alternately, ROUNDS rounds each: medians of articles/s, their ratio, peak RSS.
#  2. `attache index` again on the unchanged index (hyperfine, whole process).
#  3. search latency over bench/queries.txt in-process (examples/search_latency.rs: p50/p95/p99;
#     benches/search.rs: divan, per query) and whole-process for a few queries (hyperfine).
# Prints a table and appends a dated section to BENCHMARKS.md.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
CORPUS=${1:-../shared/corpora/allsides}
ROUNDS=${ROUNDS:-5}
INDEX=${ATTACHE_BENCH_INDEX:-/tmp/attache-bench-index}
WORK=${BENCH_WORK:-/tmp/attache-bench}
OUT=${BENCHMARKS_MD:-BENCHMARKS.md}
BASE_INDEX=$WORK/baseline-index
# The binaries are copied here after the build, so a concurrent cargo build cannot swap them.
BIN=$WORK/bin
ATTACHE=$BIN/attache
BASELINE=$BIN/baseline
LATENCY=$BIN/search_latency
export ATTACHE_BENCH_INDEX=$INDEX

[ -d "$CORPUS" ] || { echo "no corpus at $CORPUS" >&2; exit 2; }
mkdir -p "$WORK"
rm -f "$WORK"/*.json "$WORK"/*.txt "$WORK"/*.time

# --- tools -----------------------------------------------------------------------------------
need=()
command -v hyperfine >/dev/null || need+=(hyperfine)
[ -x /usr/bin/time ] || need+=(time)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing ${need[*]}"
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi

# --- helpers ---------------------------------------------------------------------------------
now() { date +%s.%N; }
median() { sort -g | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
maxrss_kb() { sed -n 's/.*Maximum resident set size (kbytes): *//p' "$1"; }
# hyperfine JSON → "median mean min max" in ms for result $2 (0-based)
# CPU seconds used by the whole machine, and by this script's finished children.
HZ=$(getconf CLK_TCK)
machine_cpu() { awk -v hz="$HZ" '/^cpu /{printf "%.2f\n", ($2+$3+$4+$7+$8+$9)/hz}' /proc/stat; }
# (`times` must run in this shell, not in a pipeline's subshell, to see the children's time.)
self_cpu() { times >"$WORK/times.txt"; tail -1 "$WORK/times.txt" | awk '{t=0; for (i=1;i<=2;i++) {split($i,p,"m"); sub("s","",p[2]); t+=p[1]*60+p[2]} printf "%.2f\n", t}'; }
hf() {
  awk -v want="$2" '
    /"command":/ {i++}
    i-1==want && /"median":/ {gsub(/[",]/,""); med=$2}
    i-1==want && /"mean":/ {gsub(/[",]/,""); mean=$2}
    i-1==want && /"min":/ {gsub(/[",]/,""); mn=$2}
    i-1==want && /"max":/ {gsub(/[",]/,""); mx=$2}
    END {printf "%.1f %.1f %.1f %.1f\n", med*1000, mean*1000, mn*1000, mx*1000}' "$1"
}

# --- build -----------------------------------------------------------------------------------
echo "== building (release)"
cargo build --release --quiet --bin attache --example baseline --example search_latency
mkdir -p "$BIN"
cp target/release/attache target/release/examples/baseline target/release/examples/search_latency "$BIN/"

START_LOAD=$(cut -d' ' -f1-3 /proc/loadavg)
T_START=$(now); MACHINE0=$(machine_cpu); self_cpu >"$WORK/self0"; SELF0=$(cat "$WORK/self0")
DATE=$(date -u +"%Y-%m-%d %H:%M UTC")
CPU=$(lscpu | sed -n 's/^Model name: *//p' | head -1)
MEM=$(free -h | awk '/^Mem:/ {print $2}')
NPROC=$(nproc)
REV=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
git diff --quiet HEAD 2>/dev/null || REV="$REV (with uncommitted changes)"
RUSTC=$(rustc --version)
NFILES=$(find "$CORPUS" -type f | wc -l)
CSIZE=$(du -sh "$CORPUS" | cut -f1)

# Warm the page cache so neither side pays for the first disk read.
find "$CORPUS" -type f -print0 | xargs -0 cat >/dev/null

# --- 1. full indexing vs baseline ------------------------------------------------------------
echo "== 1. indexing: attache index --rebuild vs examples/baseline, $ROUNDS rounds each (alternating)"
run_attache() {
  local t0 t1 n s wall rss
  t0=$(now)
  /usr/bin/time -v -o "$WORK/attache-$1.time" \
    "$ATTACHE" --index "$INDEX" index --rebuild --quiet --format json "$CORPUS" >"$WORK/attache-$1.json"
  t1=$(now)
  n=$(sed -n 's/ *"indexed": *\([0-9]*\).*/\1/p' "$WORK/attache-$1.json")
  s=$(sed -n 's/ *"seconds": *\([0-9.]*\).*/\1/p' "$WORK/attache-$1.json")
  wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.3f", b-a}')
  rss=$(maxrss_kb "$WORK/attache-$1.time")
  A_LINE="$n $wall $s $rss $(awk -v n="$n" -v w="$wall" 'BEGIN{printf "%.0f", n/w}')"
}
run_baseline() {
  local t0 t1 line bn bs bwall brss
  t0=$(now)
  /usr/bin/time -v -o "$WORK/baseline-$1.time" \
    "$BASELINE" "$CORPUS" "$BASE_INDEX" >"$WORK/baseline-$1.out"
  t1=$(now)
  line=$(cat "$WORK/baseline-$1.out")
  bn=$(awk '{print $2}' <<<"$line")
  bs=$(awk '{for (j=1;j<=NF;j++) if ($j=="in") print $(j+1)}' <<<"$line")
  bwall=$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.3f", b-a}')
  brss=$(maxrss_kb "$WORK/baseline-$1.time")
  B_LINE="$bn $bs $bwall $brss $(awk -v n="$bn" -v s="$bs" 'BEGIN{printf "%.0f", n/s}')"
}
# Alternate, and alternate who goes first (ABBA…), so a drift in machine load hits both alike.
for i in $(seq 1 "$ROUNDS"); do
  if [ $((i % 2)) = 1 ]; then run_attache "$i"; run_baseline "$i"; else run_baseline "$i"; run_attache "$i"; fi
  echo "$A_LINE" >>"$WORK/attache.txt"
  echo "$B_LINE" >>"$WORK/baseline.txt"
  read -r n wall _ rss arate <<<"$A_LINE"
  read -r bn bs bwall brss brate <<<"$B_LINE"
  printf "  round %d: attache %s articles in %s s (process) = %s/s, peak %d MB | baseline %s articles in %s s (indexing only; process %s s) = %s/s, peak %d MB | ratio %.2f\n" \
    "$i" "$n" "$wall" "$arate" $((rss / 1024)) "$bn" "$bs" "$bwall" "$brate" $((brss / 1024)) \
    "$(awk -v a="$arate" -v b="$brate" 'BEGIN{print a/b}')"
done
A_N=$(awk 'NR==1{print $1}' "$WORK/attache.txt")
A_WALL=$(awk '{print $2}' "$WORK/attache.txt" | median)
A_SECS=$(awk '{print $3}' "$WORK/attache.txt" | median)
A_RATE=$(awk '{print $5}' "$WORK/attache.txt" | median)
A_RATE_INT=$(awk '{printf "%.0f\n", $1/$3}' "$WORK/attache.txt" | median)
A_RSS_MAX=$(awk '{print $4}' "$WORK/attache.txt" | sort -g | tail -1)
B_N=$(awk 'NR==1{print $1}' "$WORK/baseline.txt")
B_SECS=$(awk '{print $2}' "$WORK/baseline.txt" | median)
B_WALL=$(awk '{print $3}' "$WORK/baseline.txt" | median)
B_RATE=$(awk '{print $5}' "$WORK/baseline.txt" | median)
B_RSS_MAX=$(awk '{print $4}' "$WORK/baseline.txt" | sort -g | tail -1)
RATIO=$(awk -v a="$A_RATE" -v b="$B_RATE" 'BEGIN{printf "%.2f", a/b}')
RATIO_INT=$(awk -v a="$A_RATE_INT" -v b="$B_RATE" 'BEGIN{printf "%.2f", a/b}')
# Ratio within each round (the two runs of a round ran back to back), then their median.
RATIO_PAIRED=$(paste -d' ' "$WORK/attache.txt" "$WORK/baseline.txt" | awk '{printf "%.4f\n", $5/$10}' | median)
RATIO_PAIRED=$(awk -v r="$RATIO_PAIRED" 'BEGIN{printf "%.2f", r}')
A_RSS_MB=$((A_RSS_MAX / 1024))
B_RSS_MB=$((B_RSS_MAX / 1024))

# --- 2. re-index unchanged -------------------------------------------------------------------
echo "== 2. attache index on the unchanged index (hyperfine)"
"$ATTACHE" --index "$INDEX" index --quiet --format json >"$WORK/reindex-summary.json"
hyperfine -N --style basic --warmup 2 --runs 10 --export-json "$WORK/reindex.json" \
  "$ATTACHE --index $INDEX index --quiet" | tee "$WORK/reindex.txt"
read -r R_MED R_MEAN R_MIN R_MAX < <(hf "$WORK/reindex.json" 0)
R_UNCHANGED=$(sed -n 's/ *"files_unchanged": *\([0-9]*\).*/\1/p' "$WORK/reindex-summary.json")
R_NEW=$(sed -n 's/ *"indexed": *\([0-9]*\).*/\1/p' "$WORK/reindex-summary.json")
/usr/bin/time -v -o "$WORK/reindex.time" "$ATTACHE" --index "$INDEX" index --quiet >/dev/null 2>&1
R_RSS_MB=$(($(maxrss_kb "$WORK/reindex.time") / 1024))

# --- 3a. search in-process -------------------------------------------------------------------
echo "== 3a. search latency in-process (examples/search_latency, bench/queries.txt)"
"$LATENCY" "$INDEX" bench/queries.txt --runs 20 --warmup 3 --per-query | tee "$WORK/latency.txt"
LAT=$(grep '^search_latency:' "$WORK/latency.txt")
field() { sed -n "s/.* $1=\([0-9.]*\).*/\1/p" <<<"$LAT"; }
S_Q=$(sed -n 's/.*queries=\([0-9]*\).*/\1/p' <<<"$LAT")
S_N=$(field samples)
S_P50=$(field p50_ms)
S_P95=$(field p95_ms)
S_P99=$(field p99_ms)
S_MAX=$(field max_ms)

if [ "${SKIP_DIVAN:-0}" != 1 ]; then
  echo "== 3a'. divan (cargo bench --bench search)"
  cargo bench --quiet --bench search -- --sample-count 50 2>&1 | tee "$WORK/divan.txt"
fi

# --- 3b. search whole-process ----------------------------------------------------------------
echo "== 3b. attache search, whole process (hyperfine)"
SEARCHES=(
  "search immigration"
  "search '\"border wall\"' --outlet fox --since 2017"
  "search 'sanction*' --lang en"
  "search netanyahu~1"
  "search 'trump AND NOT impeachment' --sort date"
  "search 'words:[2000 TO *] climate'"
)
cmds=()
for s in "${SEARCHES[@]}"; do cmds+=("$ATTACHE --index $INDEX $s"); done
hyperfine -N --style basic --warmup 3 --runs 30 --export-json "$WORK/search.json" "${cmds[@]}" \
  | tee "$WORK/search-hf.txt"

# --- report ----------------------------------------------------------------------------------
verdict() { if awk "BEGIN{exit !($1)}"; then echo met; else echo "**MISSED**"; fi; }
V1=$(verdict "$RATIO >= 0.80")
V1M=$(verdict "$A_RSS_MAX < 976562")
V2=$(verdict "$R_MED < 2000")
V3=$(verdict "$S_P50 < 5 && $S_P99 < 50")
END_LOAD=$(cut -d' ' -f1-3 /proc/loadavg)
# Cores kept busy by other processes on average while this script ran (noise indicator).
self_cpu >"$WORK/self1"
OTHER=$(awk -v t0="$T_START" -v t1="$(now)" -v m0="$MACHINE0" -v m1="$(machine_cpu)" -v s0="$SELF0" -v s1="$(cat "$WORK/self1")" \
  'BEGIN{o=((m1-m0)-(s1-s0))/(t1-t0); if (o<0) o=0; printf "%.2f", o}')

SECTION=$WORK/section.md
{
  echo
  echo "## Run of $DATE"
  echo
  echo "- machine: $NPROC cores ($CPU), $MEM memory; load average at start $START_LOAD, at end $END_LOAD"
  echo "- other processes kept $OTHER of the $NPROC cores busy on average during the run"
  if awk -v o="$OTHER" 'BEGIN{exit !(o > 0.2)}'; then
    echo "- **the machine was busy with other work during this run: treat the figures as noisy**"
  fi
  echo "- build: attache $REV, release profile, $RUSTC"
  echo "- corpus: \`$CORPUS\` ($NFILES files, $CSIZE); page cache warmed first"
  echo
  echo "| target | measured | goal | verdict |"
  echo "| --- | --- | --- | --- |"
  echo "| full index, attache ÷ baseline articles/s (medians of $ROUNDS) | $A_RATE ÷ $B_RATE = **$RATIO** | ≥ 0.80 | $V1 |"
  echo "| full index, peak RSS (max of $ROUNDS) | attache $A_RSS_MB MB (baseline $B_RSS_MB MB) | < 1 GB | $V1M |"
  echo "| re-index unchanged, whole process (median of 10) | $R_MED ms | < 2 s | $V2 |"
  echo "| search p50 / p99, in-process, $S_Q queries × 20 | $S_P50 / $S_P99 ms | < 5 / < 50 ms | $V3 |"
  echo
  echo "### 1. Full indexing (medians of $ROUNDS alternating rounds)"
  echo
  echo "| | articles | seconds | articles/s | peak RSS |"
  echo "| --- | --- | --- | --- | --- |"
  echo "| \`attache index --rebuild\`, whole process (walk, read, parse, detect language, index, commit, merge) | $A_N | $A_WALL | $A_RATE | $A_RSS_MB MB |"
  echo "| same, attache's own \`seconds\` (from \`--format json\`) | $A_N | $A_SECS | $A_RATE_INT | |"
  echo "| baseline, indexing only (texts pre-loaded; its printed time) | $B_N | $B_SECS | $B_RATE | $B_RSS_MB MB |"
  echo "| baseline, whole process (incl. loading the JSON), for reference | $B_N | $B_WALL | | |"
  echo
  echo "Ratio attache ÷ baseline: **$RATIO**; by attache's own \`seconds\`: $RATIO_INT; median of the"
  echo "per-round ratios (each round's two runs back to back): $RATIO_PAIRED. The two are not timed"
  echo "alike: the baseline times only indexing, with the texts already in memory; attache times"
  echo "everything from the walk to the merged commit. The ratio therefore understates attache's"
  echo "indexing itself."
  echo
  echo "<details><summary>rounds (articles, process s, json seconds, peak RSS kB, articles/s | articles, indexing s, process s, peak RSS kB, articles/s)</summary>"
  echo
  echo '```'
  paste -d'|' "$WORK/attache.txt" "$WORK/baseline.txt"
  echo '```'
  echo "</details>"
  echo
  echo "### 2. Re-index, nothing changed"
  echo
  echo "\`attache index\` (no paths: the roots of the last run) on the index just built: $R_UNCHANGED files"
  echo "unchanged, $R_NEW indexed. hyperfine, 2 warm-ups, 10 runs: median **$R_MED ms**, mean $R_MEAN ms,"
  echo "min $R_MIN ms, max $R_MAX ms; peak RSS $R_RSS_MB MB."
  echo
  echo "### 3. Search"
  echo
  echo "In-process (\`examples/search_latency\`: index opened once, \`Engine::search\` with 200-char"
  echo "snippets and 10 hits, 3 warm-up passes, then the $S_Q queries of \`bench/queries.txt\` 20 times,"
  echo "interleaved): $S_N timings, **p50 $S_P50 ms, p95 $S_P95 ms, p99 $S_P99 ms**, max $S_MAX ms."
  echo
  echo "<details><summary>per query (p50 / max ms, hits)</summary>"
  echo
  echo '```'
  sed -n '/^per query/,/^search_latency:/p' "$WORK/latency.txt"
  echo '```'
  echo "</details>"
  echo
  if [ -s "$WORK/divan.txt" ]; then
    echo "<details><summary>divan, per query (<code>cargo bench --bench search -- --sample-count 50</code>)</summary>"
    echo
    echo '```'
    grep -v '^\s*$' "$WORK/divan.txt"
    echo '```'
    echo "</details>"
    echo
  fi
  echo "Whole process (\`attache search …\`, text output to /dev/null, including process start and"
  echo "opening the index; hyperfine -N, 3 warm-ups, 30 runs):"
  echo
  echo "| command | median ms | mean ms | min ms | max ms |"
  echo "| --- | --- | --- | --- | --- |"
  for i in "${!SEARCHES[@]}"; do
    read -r m mean mn mx < <(hf "$WORK/search.json" "$i")
    echo "| \`attache ${SEARCHES[$i]}\` | $m | $mean | $mn | $mx |"
  done
  echo
  echo "### Commands"
  echo
  echo '```sh'
  echo "bash bench/run.sh $CORPUS     # all of the below"
  echo "cargo build --release --bin attache --example baseline --example search_latency"
  echo "/usr/bin/time -v target/release/attache --index $INDEX index --rebuild --quiet --format json $CORPUS"
  echo "/usr/bin/time -v target/release/examples/baseline $CORPUS $BASE_INDEX"
  echo "hyperfine -N --warmup 2 --runs 10 'target/release/attache --index $INDEX index --quiet'"
  echo "target/release/examples/search_latency $INDEX bench/queries.txt --runs 20 --warmup 3 --per-query"
  echo "ATTACHE_BENCH_INDEX=$INDEX cargo bench --bench search -- --sample-count 50"
  echo "hyperfine -N --warmup 3 --runs 30 'target/release/attache --index $INDEX search immigration' …"
  echo '```'
} >"$SECTION"

echo
echo "== summary"
sed -n '/^| target/,/^$/p' "$SECTION"
if [ ! -e "$OUT" ]; then
  printf '# Benchmarks\n\nSections below are appended by `bash bench/run.sh`.\n' >"$OUT"
fi
cat "$SECTION" >>"$OUT"
echo "appended to $OUT (scratch files in $WORK)"
