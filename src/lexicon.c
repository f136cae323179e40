/* lexicon.c - STUB: the compiled lexicon (being replaced). */
#include "dyad.h"
#include <stdio.h>
DYAD_API dyad_status dyad_lexicon_open(const char *path, dyad_lexicon **out, char *errbuf, size_t errlen)
{ (void)path; *out = NULL; if (errbuf && errlen) snprintf(errbuf, errlen, "no lexicon yet"); return DYAD_ERR_NOTFOUND; }
DYAD_API void dyad_lexicon_free(dyad_lexicon *lex) { (void)lex; }
