/* fuzz_lexicon.c - the compiled-lexicon loader (dyad_lexicon_open) on a
 * file of any bytes: it must refuse what it cannot trust (magic, version,
 * sizes, offsets) with a message, and a lexicon it accepts must code a
 * sentence without reading outside the file. Seeds are lexicons compiled
 * from the test fixtures (tests/cli/fuzz.sh makes them). */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_file("input.lex", data, size);
    if (!path)
        return 0;
    dyad_lexicon *lex = NULL;
    char err[256];
    if (dyad_lexicon_open(path, &lex, err, sizeof err) != DYAD_OK) {
        fuzz_touch(err);
        return 0;
    }
    dyad_coder *c = dyad_coder_new(lex);
    if (c) {
        static const char *const texts[] = {
            "Russia condemned the attack on Ukraine, the minister said on Monday.",
            "Le président français a rencontré Xi Jinping à Pékin pour discuter.",
        };
        for (size_t i = 0; i < 2; i++) {
            dyad_doc d;
            memset(&d, 0, sizeof d);
            d.id = "fuzz";
            d.text = texts[i];
            d.text_len = strlen(texts[i]);
            d.date = "2022-08-15";
            if (dyad_coder_run(c, &d) == DYAD_OK) {
                size_t n;
                const dyad_event *e = dyad_coder_events(c, &n);
                for (size_t k = 0; k < n; k++)
                    fuzz_touch(e[k].code), fuzz_touch(e[k].source.code), fuzz_touch(e[k].rule);
                const dyad_mention *m = dyad_coder_mentions(c, &n);
                for (size_t k = 0; k < n; k++)
                    fuzz_touch(m[k].code), fuzz_touch(m[k].entry);
            }
        }
        dyad_coder_free(c);
    }
    dyad_lexicon_free(lex);
    return 0;
}
