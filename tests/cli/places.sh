# places.sh - place resolution (src/places.c over data/actors/cities.tsv and
# regions.tsv): golden cases in English and French for each rule. A state
# beats a same-name town abroad (population, a region counting its cities'
# people); the document's countries choose between comparable candidates;
# a name that is part of a person's name is no place.
. tests/cli/lib.sh
places() { printf '%s\n' "$1" | "$DYAD" actors -q --input text | jq -r 'select(.kind == "place") | "\(.text):\(.code)"' | tr '\n' ' '; }
while IFS='|' read -r name want text; do
    [ -n "$name" ] || continue
    got=$(places "$text")
    if [ "$got" = "$want" ]; then ok "places/$name"; else nok "places/$name" "'$text': '$got', want '$want'"; fi
done <<'CASES'
en-state-not-town-abroad|Florida:USA |Protests spread in Florida on Tuesday.
en-state-despite-small-context|Florida:USA |Ron DeSantis declared an emergency in Florida as the storm hit Cuba.
en-state-montana|Montana:USA |Wildfires burned across Montana this week.
en-context-chooses|Santa Fe:ARG |The governor of Santa Fe province met Argentine officials.
en-context-other-place|Santa Fe:USA New Mexico:USA |Officials in Santa Fe, New Mexico, said the fire was contained.
en-surname-in-document||National Security Adviser John R. Bolton resigned on Tuesday. Bolton said he had offered to resign.
en-given-name||Terrorism specialist Ali Soufan told NPR about the attack.
en-town-kept|Bolton:GBR England:GBR |He was born in Bolton, England.
en-city-comma-country|Kobe:JPN |An engineer from Kobe, Japan found the records.
fr-state|Montana:USA |Des incendies ont touché le Montana.
fr-surname-in-document||Le conseiller John Bolton a démissionné. Bolton a dit qu'il partait.
fr-given-name||Le spécialiste Ali Soufan a parlé de l'attentat.
fr-white-house-is-no-place||La Maison Blanche a condamné la Corée du Nord.
fr-region-of-country|Provence-Alpes-Côte d'Azur:FRA |Des inondations ont frappé la région Provence-Alpes-Côte d'Azur.
CASES

# The rule that chose is the mention's resolved_by.
printf 'Protests spread in Florida on Tuesday.\n' | "$DYAD" actors -q --input text | jq -r 'select(.kind == "place") | .resolved_by' >"$TMP/r"
check places/rule-population [ "$(cat "$TMP/r")" = "place:population" ]
printf 'The governor of Santa Fe province met Argentine officials.\n' | "$DYAD" actors -q --input text | jq -r 'select(.kind == "place") | .resolved_by' >"$TMP/r"
check places/rule-context [ "$(cat "$TMP/r")" = "place:context" ]
# Regions carry their GeoNames id.
printf 'Protests spread in Florida on Tuesday.\n' | "$DYAD" actors -q --input text | jq -r 'select(.kind == "place") | .entry' >"$TMP/r"
check places/geonames-id [ "$(cat "$TMP/r")" = "gn4155751" ]

# A located event carries the place's id, type and the rule that chose it.
printf 'Russia attacked Ukraine in Donetsk.\n' | "$DYAD" code -q --input text --date 2022-08-01 | jq -c '.location | {id, type, rule, country}' | head -1 >"$TMP/l"
check places/event-location-fields [ "$(cat "$TMP/l")" = '{"id":"donetsk","type":"admin1","rule":"place:only","country":"UKR"}' ]
