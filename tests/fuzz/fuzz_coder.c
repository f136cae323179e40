/* fuzz_coder.c - the whole coder on one document of any bytes, with the
 * project's compiled lexicon (build/dyad.lex or $DYAD_LEXICON): tokens,
 * sentences, actors, events and quotes, checked for consistent offsets.
 * An input whose first byte has its high bit set is coded by a coder with
 * tiny caps, so that every DYAD_ERR_TOOBIG path is fuzzed too; with bit 3
 * set, bits 4-6 give a header of up to 7 bytes (dyad_doc.body) that no
 * span may enter; with bit 3 clear and bit 4 set, the coder has the syntax
 * models (data/models, when found) and reads roles from the tree. */
#include "fuzz.h"
#include "coder.h"

static dyad_lexicon *lex;
static dyad_coder *plain, *capped, *parsed;
static dyad_model *models[2];

static void check(const dyad_coder *c, size_t len, size_t body)
{
    size_t n;
    const dyad_token *t = dyad_coder_tokens(c, &n);
    for (size_t i = 0; i < n; i++)
        if (t[i].span.end > len || t[i].span.start > t[i].span.end || t[i].span.start < body ||
            fuzz_touch(t[i].norm) + fuzz_touch(t[i].stem) == (size_t)-1)
            abort();
    const dyad_mention *m = dyad_coder_mentions(c, &n);
    for (size_t i = 0; i < n; i++)
        if (m[i].span.end > len || fuzz_touch(m[i].code) + fuzz_touch(m[i].entry) +
                                           fuzz_touch(m[i].resolved_by) == (size_t)-1)
            abort();
    const dyad_event *e = dyad_coder_events(c, &n);
    for (size_t i = 0; i < n; i++)
        if (fuzz_touch(e[i].code) + fuzz_touch(e[i].source.code) + fuzz_touch(e[i].target.code) +
                fuzz_touch(e[i].source.text) + fuzz_touch(e[i].target.text) +
                fuzz_touch(e[i].trigger_text) + fuzz_touch(e[i].rule) +
                fuzz_touch(e[i].source.resolved_by) + fuzz_touch(e[i].target.resolved_by) ==
            (size_t)-1)
            abort();
    const dyad_quote *q = dyad_coder_quotes(c, &n);
    for (size_t i = 0; i < n; i++)
        if (q[i].span.end > len || fuzz_touch(q[i].speaker) == (size_t)-1)
            abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!plain) {
        const char *p = fuzz_lexicon_path();
        if (!p || dyad_lexicon_open(p, &lex, NULL, 0) != DYAD_OK) {
            fprintf(stderr, "fuzz_coder: no lexicon (build/dyad.lex or $DYAD_LEXICON)\n");
            abort();
        }
        plain = dyad_coder_new(lex);
        capped = dyad_coder_new(lex);
        if (!plain || !capped)
            abort();
        dyadi_coder_caps k = {64, 8, 8, 8, 4, 2, 64u << 10};
        dyadi_coder_set_caps(capped, &k);
        /* the tree coder, when the shipped models are at hand */
        parsed = dyad_coder_new(lex);
        if (!parsed)
            abort();
        static const char *const ml[2] = {"fr", "en"};
        for (int i = 0; i < 2; i++)
            if (dyad_model_open_lang(NULL, ml[i], &models[i], NULL, 0) == DYAD_OK)
                dyad_coder_set_model(parsed, ml[i], models[i]);
        dyad_coder_set_syntax(parsed, DYAD_SYNTAX_EVENTS);
    }
    if (size == 0)
        return 0;
    static const char *const langs[] = {NULL, "fr", "en", "auto"};
    dyad_coder *c = data[0] & 0x80 ? capped : (data[0] & 0x18) == 0x10 ? parsed : plain;
    dyad_doc d;
    memset(&d, 0, sizeof d);
    d.id = "fuzz";
    d.lang = langs[data[0] & 3];
    d.date = (data[0] & 4) ? "2022-08-15" : NULL;
    d.text = (const char *)data + 1;
    d.text_len = size - 1;
    if (data[0] & 8)
        d.body = (size_t)(data[0] >> 4 & 7) < d.text_len ? (size_t)(data[0] >> 4 & 7) : d.text_len;
    dyad_status st = dyad_coder_run(c, &d);
    fuzz_touch(dyad_errmsg(c));
    if (st == DYAD_OK)
        check(c, d.text_len, d.body);
    else if (st != DYAD_ERR_EMPTY && st != DYAD_ERR_TOOBIG)
        abort(); /* a document is coded, empty or too big: nothing else */
    return 0;
}
