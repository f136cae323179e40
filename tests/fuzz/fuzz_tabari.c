/* fuzz_tabari.c - the TABARI dictionary readers (src/foreign.c): the first
 * byte picks the file kind (actors, agents, verbs, options), the rest is
 * the file. Compiled with the project's CAMEO taxonomy and cues (data/ or
 * $DYAD_DATA); bad lines are warnings, a file that is not a dictionary an
 * error, never a crash. Seeds: the fixtures' TABARI files. */
#include "fuzz.h"
#include "foreign.h"

#ifndef FUZZ_SYSTEM
#define FUZZ_SYSTEM "tabari"
static const char *const kinds[4] = {"fuzz.actors", "fuzz.agents", "fuzz.verbs", "fuzz.options"};
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const char *path = fuzz_file(kinds[data[0] & 3], data + 1, size - 1);
    if (!path)
        return 0;
    char spec[400];
    snprintf(spec, sizeof spec, FUZZ_SYSTEM ":%s", path);
    const char *dd = getenv("DYAD_DATA");
    dyadi_dict_opts o = {dd && *dd ? dd : "data", NULL, 0, NULL, 0};
    dyadi_dict_stats st;
    dyadi_foreign_stats fx;
    char err[512];
    err[0] = '\0';
    dyadi_foreign_compile(spec, &o, &st, &fx, err, sizeof err);
    fuzz_touch(err);
    unlink(path);
    return 0;
}
