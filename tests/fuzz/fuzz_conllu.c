/* fuzz_conllu.c - the CoNLL-U reader behind `dyad parse --eval` and
 * `dyad train`, on a file of any bytes: a malformed line is an error with
 * its file and line, never a crash; a file it accepts is scored with gold
 * tokens and from its raw text (the character alignment) by the shipped
 * English model, loaded once (data/models/en.dsm: run from the repository;
 * without it the harness returns at once and tests nothing: libFuzzer
 * then reports a coverage of a handful of edges). */
#include "fuzz.h"

static dyad_model *model;
static int tried;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!tried) {
        char err[256];
        tried = 1;
        if (dyad_model_open("data/models/en.dsm", "en", &model, err, sizeof err) != DYAD_OK)
            model = NULL;
    }
    const char *path = fuzz_file("input.conllu", data, size);
    if (!path || !model)
        return 0;
    dyad_parse_scores sc;
    char err[512];
    for (unsigned flags = 0; flags <= DYAD_EVAL_RAW; flags += DYAD_EVAL_RAW) {
        dyad_status st = dyad_model_eval_conllu(model, path, NULL, flags, &sc, err, sizeof err);
        if (st != DYAD_OK) {
            fuzz_touch(err);
            break;  /* the reader refused it: the raw pass would too */
        }
        if (sc.uas < 0 || sc.uas > 100.0001 || sc.las > sc.uas + 0.0001)
            abort();    /* scores are proportions, LAS never above UAS */
    }
    return 0;
}
