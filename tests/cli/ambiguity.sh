# ambiguity.sh - phrases marked ambiguous=1 take the reading the document's
# other actors support ("Hollande": the Netherlands or François Hollande;
# "coréens": North or South Korea), or the country after an article.
. tests/cli/lib.sh
code_of() { # TEXT DATE PHRASE -> code of the first mention of PHRASE
    printf '%s' "$1" | "$DYAD" actors -q --lang fr --date "$2" --input text - |
        python3 -c "
import json, sys
for l in sys.stdin:
    m = json.loads(l)
    if m['text'] == sys.argv[1]:
        print(m['code']); break" "$3"
}
c=$(code_of "François Hollande a reçu le président américain. Hollande a ensuite critiqué la Russie." 2015-06-01 Hollande)
check ambiguity/hollande-president-in-french-context [ "$c" = FRAGOV ]
c=$(code_of "La Hollande et la Belgique ont signé un accord." 2015-06-01 Hollande)
check ambiguity/hollande-country-after-article [ "$c" = NLD ]
c=$(code_of "Pyongyang a menacé Séoul. Les travailleurs coréens sont arrivés en Corée du Nord." 2022-08-01 "travailleurs coréens")
check ambiguity/koreans-north-in-north-korean-context [ "$c" = PRKLAB ]
