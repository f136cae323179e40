/* fuzz_tabari.c - the TABARI dictionary readers (src/foreign.c): the first
 * byte picks the file kind (actors, agents, verbs, options), the rest is
 * the file. Compiled with the project's CAMEO taxonomy and cues (data/ or
 * $DYAD_DATA); bad lines are warnings, a file that is not a dictionary an
 * error, never a crash. What compiles is opened and codes a sentence made
 * of the file's first line. Seeds: the fixtures' TABARI files.
 *
 * The taxonomy and cues are trusted, fixed input: they are read once per
 * process (dyadi_dict_base_new) and each input is compiled on a copy of
 * them (dyadi_foreign_compile_base, which the unit test
 * compile_base in tests/test_foreign.c checks equals dyadi_foreign_compile). Per input
 * this runs what depends on the fuzzed file: the spec parser and the
 * reader of its kind, the compiler's entry calls (keys, tries, refusals),
 * the country centres, writing the binary, dyad_lexicon_open's checks and
 * the whole coder on the sentence. */
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
    char out[400];
    snprintf(out, sizeof out, "%s/fuzz.lex", fuzz_dir);
    dyadi_dict_opts o = {dd && *dd ? dd : "data", out, 0, NULL, 0};
    static dyadi_dict_base *base;   /* read at the first input, kept to the end */
    char err[512];
    err[0] = '\0';
    if (!base) {
        if (dyadi_dict_base_new(&o, &base, err, sizeof err) != DYAD_OK) {
            fprintf(stderr, "fuzz_" FUZZ_SYSTEM ": cannot read the taxonomy and cues: %s\n", err);
            abort();
        }
        /* the lexicon's name, removed at exit; it is rewritten (not created
         * again) at each input, as the input's file is */
        fuzz_file("fuzz.lex", NULL, 0);
    }
    dyadi_dict_stats st;
    dyadi_foreign_stats fx;
    dyad_status rc = dyadi_foreign_compile_base(spec, base, &o, &st, &fx, err, sizeof err);
    fuzz_touch(err);
    /* what compiled must code: the dictionaries' entries through the coder */
    dyad_lexicon *lex = NULL;
    if (rc == DYAD_OK && st.errors == 0 && dyad_lexicon_open(out, &lex, NULL, 0) == DYAD_OK) {
        dyad_coder *c = dyad_coder_new(lex);
        /* the first line's words as a sentence, so that its entry can match */
        char text[256];
        size_t n = 0;
        for (size_t i = 1; i < size && n + 1 < sizeof text && data[i] != '\n'; i++)
            text[n++] = data[i] == '_' || data[i] == '[' || data[i] == ']' ? ' ' : (char)data[i];
        static const char tail[] = " said on Monday it would attack Iran.";
        if (n + sizeof tail < sizeof text) {
            memcpy(text + n, tail, sizeof tail);
            n += sizeof tail - 1;
        }
        dyad_doc d;
        memset(&d, 0, sizeof d);
        d.id = "fuzz";
        d.text = text;
        d.text_len = n;
        d.date = "2022-08-15";
        if (c && dyad_coder_run(c, &d) == DYAD_OK) {
            size_t ne;
            const dyad_event *e = dyad_coder_events(c, &ne);
            for (size_t k = 0; k < ne; k++)
                fuzz_touch(e[k].code), fuzz_touch(e[k].source.code), fuzz_touch(e[k].rule);
        }
        dyad_coder_free(c);
        dyad_lexicon_free(lex);
    }
    return 0;
}
