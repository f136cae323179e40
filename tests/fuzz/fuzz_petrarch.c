/* fuzz_petrarch.c - the PETRARCH dictionary readers (src/foreign.c): the
 * first byte picks the file kind (actors, agents, verbs, discards), the
 * rest is the file; the harness is fuzz_tabari.c's. Seeds: the fixtures'
 * PETRARCH files. */
#define FUZZ_SYSTEM "petrarch"
static const char *const kinds[4] = {"fuzz.actors.txt", "fuzz.agents.txt", "fuzz.verbs.txt",
                                     "fuzz.discards.txt"};
#include "fuzz_tabari.c"
