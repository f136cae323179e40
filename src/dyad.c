/* dyad.c - version and error strings shared by every module. */
#include "dyad.h"

#define STR2(x) #x
#define STR(x) STR2(x)

DYAD_API const char *dyad_version(void)
{
    return STR(DYAD_VERSION_MAJOR) "." STR(DYAD_VERSION_MINOR) "." STR(DYAD_VERSION_PATCH);
}

DYAD_API const char *dyad_polarity_name(unsigned p)
{
    static const char *const names[] = {"asserted", "negated", "refused"};
    return names[p < sizeof names / sizeof names[0] ? p : 0];
}

DYAD_API const char *dyad_modality_name(unsigned m)
{
    static const char *const names[] = {"actual", "intended", "possible", "reported"};
    return names[m < sizeof names / sizeof names[0] ? m : 0];
}

DYAD_API const char *dyad_strerror(dyad_status s)
{
    switch (s) {
    case DYAD_OK: return "success";
    case DYAD_DONE: return "no more input";
    case DYAD_ERR_NOMEM: return "out of memory or over a size cap";
    case DYAD_ERR_IO: return "input/output error";
    case DYAD_ERR_FORMAT: return "malformed record";
    case DYAD_ERR_ARG: return "invalid argument";
    case DYAD_ERR_TOOBIG: return "record too large";
    case DYAD_ERR_VERSION: return "unsupported format version";
    case DYAD_ERR_NOTFOUND: return "not found";
    case DYAD_ERR_BINARY: return "binary data, not text";
    case DYAD_ERR_EMPTY: return "empty document";
    case DYAD_ERR_DB: return "event store error";
    }
    return "unknown error";
}
