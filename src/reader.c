/* reader.c - STUB: document readers (being replaced). */
#include "dyad.h"
#include <stdlib.h>
struct dyad_reader { int dummy; };
DYAD_API dyad_reader *dyad_reader_new(const dyad_reader_options *o) { (void)o; return calloc(1, sizeof(dyad_reader)); }
DYAD_API void dyad_reader_free(dyad_reader *r) { free(r); }
DYAD_API dyad_status dyad_reader_open(dyad_reader *r, const char *p) { (void)r; (void)p; return DYAD_OK; }
DYAD_API dyad_status dyad_reader_next(dyad_reader *r, dyad_doc *d) { (void)r; (void)d; return DYAD_DONE; }
DYAD_API const char *dyad_reader_errmsg(const dyad_reader *r) { (void)r; return ""; }
DYAD_API const char *dyad_reader_file(const dyad_reader *r) { (void)r; return "-"; }
DYAD_API uint64_t dyad_reader_line(const dyad_reader *r) { (void)r; return 0; }
