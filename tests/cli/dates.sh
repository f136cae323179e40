# dates.sh - event dates through the whole coder (src/dates.c, events.c):
# relative dates resolved against the publication date, in French and
# English; a date the sentence names beats the pluperfect's open interval.
. tests/cli/lib.sh
ed() { printf '%s\n' "$2" | "$DYAD" code -q --input text --date "$1" | jq -r .event_date | sort -u | tr '\n' ' '; }
while IFS='|' read -r want base name text; do
    [ -n "$name" ] || continue
    got=$(ed "$base" "$text")
    if [ "$got" = "$want " ]; then ok "dates/$name"; else nok "dates/$name" "'$text' on $base: $got, want $want"; fi
done <<'CASES'
2016-07-05|2016-07-20|fr-day-month-last-pluperfect|Le 5 juillet dernier, la Russie avait signé un accord avec la Chine.
2015-07-05|2016-07-03|fr-day-month-last-year-before|Le 5 juillet dernier, la Russie a signé un accord avec la Chine.
2016-07-19|2016-07-20|fr-hier|Hier, la France a condamné l'Iran.
2016-07-18|2016-07-20|fr-il-y-a-deux-jours|Il y a deux jours, la France a condamné l'Iran.
2016-07-19|2016-07-20|fr-mardi-dernier|Mardi dernier, la France a condamné l'Iran.
../2016-07|2016-07-20|fr-pluperfect-open|La France avait condamné l'Iran.
2016-07-19|2016-07-20|en-last-tuesday|France condemned Iran last Tuesday.
2016-07-18|2016-07-20|en-two-days-ago|France condemned Iran two days ago.
2016-07-19|2016-07-20|en-yesterday|Yesterday, France condemned Iran.
2015-07-05|2016-07-20|en-full-date|On July 5, 2015, France condemned Iran.
2016-07-20|2016-07-20|en-no-date-words|France condemned Iran.
CASES
