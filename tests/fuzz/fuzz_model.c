/* fuzz_model.c - the syntax model loader (dyad_model_open) on a file of any
 * bytes: it must refuse what it cannot trust (magic, version, size,
 * checksum, section table, class counts, offsets) with a message, and a
 * model it accepts must tag and parse a sentence of its language without
 * reading outside the file. The checksum makes random damage fail early, so
 * the replay seeds are models trained on the test fixtures (tests/cli/fuzz.sh
 * makes them) and the mutations that matter are the ones libFuzzer finds
 * that keep the checksum; DYAD_FUZZ_NOCHECK is not offered on purpose: the
 * loader's later checks are exercised by the unit tests' damaged files. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_file("input.dsm", data, size);
    if (!path)
        return 0;
    dyad_model *m = NULL;
    char err[256];
    if (dyad_model_open(path, NULL, &m, err, sizeof err) != DYAD_OK) {
        fuzz_touch(err);
        return 0;
    }
    const char *lang = dyad_model_lang(m);
    fuzz_touch(lang);
    dyad_coder *c = dyad_coder_new(NULL);
    if (c && (strcmp(lang, "fr") == 0 || strcmp(lang, "en") == 0) &&
        dyad_coder_set_model(c, lang, m) == DYAD_OK) {
        static const char *const texts[] = {
            "Russia's minister didn't sign the deal with China, the agency said.",
            "Le ministre du Commerce a rencontré Kim au sommet des alliés.",
        };
        for (size_t i = 0; i < 2; i++) {
            dyad_doc d;
            memset(&d, 0, sizeof d);
            d.id = "fuzz";
            d.lang = lang;
            d.text = texts[i];
            d.text_len = strlen(texts[i]);
            if (dyad_coder_run(c, &d) == DYAD_OK) {
                size_t n;
                const dyad_word *w = dyad_coder_words(c, &n);
                for (size_t k = 0; k < n; k++) {
                    fuzz_touch(w[k].form), fuzz_touch(w[k].lemma), fuzz_touch(w[k].upos);
                    fuzz_touch(w[k].feats), fuzz_touch(w[k].deprel);
                    if (w[k].head > n)
                        abort();    /* a head outside the sentence */
                }
            }
        }
    }
    dyad_coder_free(c);
    dyad_model_free(m);
    return 0;
}
