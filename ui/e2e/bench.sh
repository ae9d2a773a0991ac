#!/usr/bin/env bash
# Benchmark of the desktop app (not a test): time to the events table with
# 1,000 events, filter time at 10,000 events, and the memory of the app with
# its WebKit processes. Prints the figures for docs/benchmarks.md.
#
#   ui/e2e/bench.sh [APP] [CLI]     (defaults: target/release/cpweek-desktop, target/debug/cpweek)
#
# Needs what ui/e2e/run.sh needs (the set-up is ui/e2e/env.sh), plus the
# sqlite3 command. The 1,000 events are added through `cpweek event add` (so
# the core validates each); the 10,000 are those 1,000 copied nine times in
# SQL with new UIDs.
set -euo pipefail
here="$(dirname "$0")"
app="$(realpath -m "${1:-$here/../../target/release/cpweek-desktop}")"
cli="$(realpath -m "${2:-$here/../../target/debug/cpweek}")"
command -v sqlite3 >/dev/null || { echo "error: sqlite3 is needed" >&2; exit 2; }
source "$here/env.sh"

councils=($("$cli" --db "$work/seed.db" init >/dev/null && "$cli" --db "$work/seed.db" councils --json | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).map(c=>c.code).join(" ")))'))
themes=(care-leavers achievement education health-wellbeing)
db1k="$work/1k.db"
"$cli" --db "$db1k" init >/dev/null
echo "adding 1,000 events through the CLI..." >&2
for i in $(seq 0 999); do
  day=$((27 + i % 5)); hour=$((8 + i % 10))
  args=(--council "${councils[$((i % ${#councils[@]}))]}" --title "Benchmark event $i for children in care"
    --start "2014-10-${day}T$(printf %02d $hour):00" --end "2014-10-${day}T$(printf %02d $((hour + 1))):30"
    --venue "Town hall $i" --postcode "ME14 1XQ")
  if [ $((i % 3)) -eq 0 ]; then args+=(--theme "${themes[$((i % 4))]}"); fi
  if [ $((i % 7)) -eq 0 ]; then args+=(--private); fi
  "$cli" --db "$db1k" event add "${args[@]}" >/dev/null
done
db10k="$work/10k.db"
cp "$db1k" "$db10k"
sqlite3 "$db10k" <<'SQL'
WITH RECURSIVE k(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k WHERE n < 9)
INSERT INTO events (uid, sequence, programme_id, council_code, title, description, starts_at, ends_at, all_day,
  venue, address, postcode, visibility, contact_name, contact_email, contact_phone, booking_url, capacity, status,
  status_note, created_at, updated_at)
SELECT lower(hex(randomblob(16))) || '@cpweek.local.gov.uk', 0, programme_id, council_code, title || ' (copy ' || n || ')',
  description, starts_at, ends_at, all_day, venue, address, postcode, visibility, contact_name, contact_email,
  contact_phone, booking_url, capacity, status, status_note, created_at, updated_at
FROM events, k WHERE events.id <= 1000;
INSERT INTO event_themes (event_id, theme_slug, position)
SELECT e.id, t.theme_slug, t.position FROM events e
JOIN events o ON o.id = 1 + ((e.id - 1) % 1000)
JOIN event_themes t ON t.event_id = o.id WHERE e.id > 1000;
SQL
echo "10k database: $(sqlite3 "$db10k" 'SELECT count(*) FROM events') events" >&2

# Each database twice: as new (the app opens on the Week, and the bench
# opens Events from the menu), then as left on the Events screen (the app
# reopens there, as it does for a person who was working on the table).
for db in "$db1k" "$db10k"; do
  for opening in week events; do
    sqlite3 "$db" "INSERT INTO settings (key, value) VALUES ('last_screen', '$opening')
      ON CONFLICT (key) DO UPDATE SET value = excluded.value"
    start_driver CPWEEK_DB="$db"
    CPWEEK_APP="$app" WEBDRIVER_URL="http://127.0.0.1:$port/" BENCH_EVENTS="$(sqlite3 "$db" 'SELECT count(*) FROM events')" \
      node "$root/ui/e2e/bench.mjs"
    stop_driver
  done
done
