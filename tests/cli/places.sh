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
en-given-name-known-word||Rapper Kanye West did not attend the debate.
en-given-name-city-surname||Libertarian nominee Gary Johnson received 3 percent of the vote.
en-given-name-surname-person||Opponents of Ali Bongo marched on Saturday.
en-given-name-initial||The party is funded by the George L. Pennock Trust.
en-region-before-title|Scotland:GBR |First Minister of Scotland Nicola Sturgeon said the rules would change.
en-region-before-law|Alabama:USA |Governor Kay Ivey signed the Alabama Human Life Protection Act.
en-city-before-place-noun|Kobe:JPN |Flights resumed at Kobe Airport on Monday.
en-possessive-no-place||The guitarist Jerry Garcia played guitar. The band grew in Garcia's home.
en-first-word-given-name||Kyle Rittenhouse, the suspect, was released. A judge said Rittenhouse could leave.
en-landmark-after||Protesters marched from Hyde Park Corner to Parliament.
en-law-after||He was accused of violating the Logan Act by talking to Russia.
en-small-town-abroad||Paris police said protesters met at Saint-Lazare station in France before marching to Paris.
fr-given-name-surname-known||Le gouvernement espagnol de Mariano Rajoy continue de faire pression.
fr-given-name-surname-person||Les opposants d'Ali Bongo sont arrivés près de son quartier général.
fr-street-before||Vers 11h30, rue Saint-Lazare, les gendarmes ont bloqué le cortège à Paris.
fr-station-before||Les manifestants sont arrivés à la gare Saint-Lazare, à Paris, en France.
fr-street-of|Paris:FRA |Vers 14h30, rue de Bretagne, la police a chassé les manifestants à Paris.
fr-law-after||Il aurait violé le Logan Act de 1799, selon les procureurs de Washington.
fr-small-town-abroad||Partis de Saint-Lazare, les manifestants ont rejoint la Madeleine à Paris, en France.
fr-admin1-french-name|Floride:USA |Un ouragan a frappé la Floride mardi.
fr-admin1-province-after-article|Québec:CAN |La Cour supérieure du Québec a rejeté l'appel.
fr-city-after-a|Québec:CAN |Le premier ministre est arrivé à Québec lundi.
en-region-short-name|Mecca:SAU Medina:SAU |Saudi Arabia extended curfews in the holy cities of Mecca and Medina.
en-region-short-common-word||Canada and Mexico signed the Free Trade Agreement in Ottawa.
en-region-full-name-kept|Free State:ZAF |Police arrested protesters in the Free State province.
fr-region-full-name-kept|Free State:ZAF |La police a arrêté des manifestants dans la province du Free State.
CASES

# French "à Québec" is the city, "du Québec" the province.
printf 'Le premier ministre est arrivé à Québec lundi.\n' | "$DYAD" actors -q --input text | jq -r 'select(.kind == "place") | .entry' >"$TMP/r"
check places/fr-city-after-a-id [ "$(cat "$TMP/r")" = "gn6325494" ]
printf 'La Cour supérieure du Québec a rejeté l'"'"'appel.\n' | "$DYAD" actors -q --input text | jq -r 'select(.kind == "place") | .entry' >"$TMP/r"
check places/fr-province-after-article-id [ "$(cat "$TMP/r")" = "gn6115047" ]

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

# "Portland, Maine": the candidate nearest to the region after the comma;
# alone, the most populous (Portland, Oregon). Rule place:region.
printf 'A storm hit Portland, Maine, on Tuesday.\n' | "$DYAD" actors -q --input text | jq -r 'select(.text == "Portland") | "\(.entry) \(.resolved_by)"' >"$TMP/r"
check places/en-city-comma-region [ "$(cat "$TMP/r")" = "gn4975802 place:region" ]
printf 'Protests spread in Portland on Tuesday.\n' | "$DYAD" actors -q --input text | jq -r 'select(.text == "Portland") | .entry' >"$TMP/r"
check places/en-city-alone-population [ "$(cat "$TMP/r")" = "gn5746545" ]
# A small town abroad that only its name puts there is dropped (place:foreign
# leaves no mention); the same town in a story about its own country stays.
printf 'Les manifestants sont partis de Saint-Lazare vers la Madeleine. La police de Paris a dispersé les manifestants en France.\n' | "$DYAD" actors -q --input text | jq -r 'select(.kind == "place") | .text' >"$TMP/r"
check places/fr-foreign-small-town-dropped [ "$(grep -c Saint-Lazare "$TMP/r")" = 0 ]
printf 'Les pompiers de Saint-Lazare, au Québec, ont éteint le feu. Le Canada a envoyé des renforts.\n' | "$DYAD" actors -q --input text | jq -r 'select(.kind == "place") | .text' >"$TMP/r"
check places/fr-small-town-in-its-country [ "$(grep -c Saint-Lazare "$TMP/r")" = 1 ]
