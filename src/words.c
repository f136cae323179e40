/* words.c - function-word lists shared by actors.c and events.c, so the
 * two stages agree on what governs a phrase. */
#include "words.h"
#include <stddef.h>

const char *const dyadi_prepositions[] = {
    "à", "au", "aux", "avec", "contre", "dans", "de", "des", "du", "d'", "en", "entre",
    "envers", "outre", "par", "pour", "sans", "sur", "vers", "chez", "auprès", "selon",
    "après", "avant", "malgré", "face", "about", "after", "against", "among", "at", "before",
    "between", "by", "for", "from", "in", "into", "of", "on", "over", "toward", "towards",
    "to", "with", "without", "under", "according", "than", "like", "onto", "upon", "beside",
    "besides", NULL};
