/* coder.c - STUB: drives the pipeline for one document (being replaced). */
#include "dyad.h"
#include <stdlib.h>

struct dyad_coder { const dyad_lexicon *lex; };

DYAD_API dyad_coder *dyad_coder_new(const dyad_lexicon *lex)
{
    dyad_coder *c = calloc(1, sizeof *c);
    if (c) c->lex = lex;
    return c;
}
DYAD_API void dyad_coder_free(dyad_coder *c) { free(c); }
DYAD_API dyad_status dyad_coder_run(dyad_coder *c, const dyad_doc *doc) { (void)c; (void)doc; return DYAD_OK; }
DYAD_API const char *dyad_errmsg(const dyad_coder *c) { (void)c; return ""; }
DYAD_API const char *dyad_coder_lang(const dyad_coder *c) { (void)c; return "und"; }
DYAD_API const dyad_warning *dyad_coder_warnings(const dyad_coder *c, size_t *n) { (void)c; *n = 0; return NULL; }
DYAD_API const dyad_sentence *dyad_coder_sentences(const dyad_coder *c, size_t *n) { (void)c; *n = 0; return NULL; }
DYAD_API const dyad_token *dyad_coder_tokens(const dyad_coder *c, size_t *n) { (void)c; *n = 0; return NULL; }
DYAD_API const dyad_mention *dyad_coder_mentions(const dyad_coder *c, size_t *n) { (void)c; *n = 0; return NULL; }
DYAD_API const dyad_event *dyad_coder_events(const dyad_coder *c, size_t *n) { (void)c; *n = 0; return NULL; }
