#!/bin/bash
# citecheck's nightly link check on a Slurm cluster: a job array of 4 shards, then a job that
# joins their reports once every shard has ended (afterany: an interrupted shard still wrote
# its report, marked incomplete). Run it from cron or scrontab at night:
#
#   0 2 * * *  /opt/citecheck/citecheck-nightly.sh
#
# See README, "One night on several machines". ARCHIVE and WORK must be on a file system
# every node sees; each shard keeps its own SQLite cache there (SQLite is not shared across
# machines). Keep SHARDS fixed from night to night.
set -euo pipefail
SHARDS=${SHARDS:-4}
ARCHIVE=${ARCHIVE:-/shared/journal/archive}
WORK=${WORK:-/shared/citecheck}
night=$(date -u +%F)
mkdir -p "$WORK/reports/$night" "$WORK/cache" "$WORK/logs"

# --signal=TERM@120: Slurm sends SIGTERM two minutes before the 8-hour limit; citecheck stops
# asking, saves what it learnt and writes its report (exit 5). --resume makes a rerun of the
# same night check only what was left. SLURM_ARRAY_TASK_ID/MIN/COUNT give --shard auto its
# index and count.
array_job=$(sbatch --parsable --array=0-$((SHARDS - 1)) --time=08:00:00 --signal=TERM@120 \
  --cpus-per-task=1 --mem=1G --job-name=citecheck-shard --output="$WORK/logs/$night-shard-%a.log" \
  --wrap "citecheck check --shard auto --resume --fail-on none --quiet \
          --cache \"$WORK/cache/links-\${SLURM_ARRAY_TASK_ID}-of-$SHARDS.sqlite\" \
          --mailto editors@journal.example --format json \
          -o \"$WORK/reports/$night/shard-\${SLURM_ARRAY_TASK_ID}.json\" \"$ARCHIVE\"")

# The merged report for the dashboards. merge refuses a set with a shard missing (exit 2).
sbatch --parsable --dependency="afterany:$array_job" --time=00:30:00 --mem=2G --job-name=citecheck-merge \
  --output="$WORK/logs/$night-merge.log" \
  --wrap "citecheck merge -o \"$WORK/reports/$night/night.json\" \"$WORK/reports/$night\"/shard-*.json"
