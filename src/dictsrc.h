/* dictsrc.h - the dictionary compiler (text sources in data/ -> binary
 * lexicon) and the binary layout shared with the loader in lexicon.c
 * (internal). The layout is described in docs/design.md, "The binary
 * lexicon"; the sources in docs/formats.md. */
#ifndef DYAD_DICTSRC_H
#define DYAD_DICTSRC_H
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "dyad.h"
#include "lex.h"

/* ---- binary layout, format version 4 (all integers little-endian) ----- */

#define DYADI_LEX_MAGIC "DYADLEX\0"     /* 8 bytes */
#define DYADI_LEX_VERSION 4u
#define DYADI_LEX_NONE 0xFFFFFFFFu      /* string reference meaning NULL */

/* Sections, in file order. Each is 8-byte aligned; the section table gives
 * (offset, size in bytes, element count) for each. */
enum dyadi_lex_section {
    DYADI_SEC_POOL = 0,     /* strings, NUL-terminated; offset 0 is "" */
    DYADI_SEC_KEYS,         /* u32 pool offset per key id (0 unknown, 1 GAP) */
    DYADI_SEC_KEYHASH,      /* {u32 hash, u32 id} slots, power of two, id 0 empty */
    DYADI_SEC_ACTORS,       /* actor records */
    DYADI_SEC_ROLES,        /* {u32 code, u32 from, u32 to} */
    DYADI_SEC_TRIGGERS,     /* trigger records */
    DYADI_SEC_CUES,         /* {u32 kind, lang, value, attrs} */
    DYADI_SEC_CAMEO,        /* taxonomy records sorted by code (strcmp) */
    DYADI_SEC_NODES0,       /* per trie: {u32 kid_first, kid_n, ent_first, ent_n}, node 0 unused, root 1 */
    DYADI_SEC_KIDS0 = DYADI_SEC_NODES0 + DYADI_TRIE_COUNT,   /* per trie: {u32 key, u32 node} sorted by key per parent */
    DYADI_SEC_ENTS0 = DYADI_SEC_KIDS0 + DYADI_TRIE_COUNT,    /* per trie: u32 entry index */
    DYADI_SEC_COUNT = DYADI_SEC_ENTS0 + DYADI_TRIE_COUNT
};

/* Fixed header: magic[8], u32 version, u32 flags, u32 header_size,
 * u32 nsections, u64 file_size, u64 checksum (of bytes [40, file_size)),
 * reserved up to 64; then the section table, 12 bytes per section. */
#define DYADI_LEX_FIXED 64u
#define DYADI_LEX_HEADER (DYADI_LEX_FIXED + 12u * DYADI_SEC_COUNT)
#define DYADI_LEX_SUM_FROM 40u

/* Record sizes of version 4 (3 and 4 differ only in the CAMEO record: version 4 writes the PLOVER context at byte 28). */
#define DYADI_REC_ACTOR 56u
#define DYADI_REC_ROLE 12u
#define DYADI_REC_TRIGGER 52u
#define DYADI_REC_CUE 16u
#define DYADI_REC_CAMEO 32u
#define DYADI_REC_NODE 16u
#define DYADI_REC_KID 8u
#define DYADI_REC_SLOT 8u

/* Checksum of a byte range (length a multiple of 8 or not): a multiplicative
 * mix over 64-bit little-endian words, cheap enough to verify at each open. */
uint64_t dyadi_lex_checksum(const unsigned char *p, size_t n);

/* ---- the compiler ----------------------------------------------------- */

/* The compiler as a foreign-dictionary reader (foreign.c) sees it: an
 * opaque sink for entries converted to dyad's own columns. */
typedef struct dyadi_cc dyadi_dict_src;
typedef dyad_status (*dyadi_dict_foreign_fn)(void *ud, dyadi_dict_src *src, char *errbuf,
                                            size_t errlen);

typedef struct dyadi_dict_opts {
    const char *data_dir;   /* "data" when NULL */
    const char *out_path;   /* where to write the binary; NULL: do not write */
    int lint;               /* 1: dict check (duplicates, conflicts, dates, codes) */
    FILE *msg;              /* diagnostics "FILE:LINE: error|warning: what"; NULL: silent */
    int verbosity;          /* 0: errors only; 1: also warnings and lint findings */
} dyadi_dict_opts;

typedef struct dyadi_dict_stats {
    size_t files, lines;
    size_t actors, roles, triggers, cues, cameo;
    size_t keys;                          /* including the 2 reserved ids */
    size_t nodes[DYADI_TRIE_COUNT];       /* including the unused node 0 */
    size_t errors;                        /* entries or parts dropped: build fails */
    size_t warnings;                      /* suspicious but compiled */
    size_t duplicates, conflicts, dates, codes, homonyms;  /* lint findings (homonyms: info) */
    uint64_t file_size;                   /* bytes written, 0 when not written */
} dyadi_dict_stats;

/* Parse every source under opts->data_dir, report problems to opts->msg,
 * and when opts->out_path is set and no error was found, write the binary.
 * Returns DYAD_OK when the sources were read (check stats->errors and the
 * lint counts for data problems), DYAD_ERR_IO / DYAD_ERR_NOMEM when the
 * compiler itself could not work (message in errbuf). */
dyad_status dyadi_dict_compile(const dyadi_dict_opts *opts, dyadi_dict_stats *stats,
                               char *errbuf, size_t errlen);

/* The same with foreign dictionaries (TABARI, PETRARCH): data_dir gives
 * only the CAMEO taxonomy, the cues and actors/pronouns.manual.tsv, and
 * foreign(ud, ...) adds the actors, agents and triggers through the
 * dyadi_dict_src_* calls below. */
dyad_status dyadi_dict_compile_foreign(const dyadi_dict_opts *opts, dyadi_dict_foreign_fn foreign,
                                       void *ud, dyadi_dict_stats *stats, char *errbuf,
                                       size_t errlen);

/* What dyadi_dict_compile_foreign reads from data_dir before the foreign
 * call (the taxonomy, the cues, actors/pronouns.manual.tsv), read once for
 * many foreign compilations (the fuzz harnesses compile one per input).
 * base_new reads it under opts (data_dir and msg are used during the call
 * only; its diagnostics go to opts->msg then, not again); compile_base then
 * equals dyadi_dict_compile_foreign with the same data_dir and lint (else
 * DYAD_ERR_ARG): same binary, same stats, only the foreign files' messages.
 * compile_base only reads the base: any number of calls, from several
 * threads at once. errbuf is required here (errlen >= 1). *out: caller
 * frees with dyadi_dict_base_free (NULL does nothing). */
typedef struct dyadi_dict_base dyadi_dict_base;
dyad_status dyadi_dict_base_new(const dyadi_dict_opts *opts, dyadi_dict_base **out, char *errbuf,
                                size_t errlen);
dyad_status dyadi_dict_compile_base(const dyadi_dict_base *base, const dyadi_dict_opts *opts,
                                    dyadi_dict_foreign_fn foreign, void *ud,
                                    dyadi_dict_stats *stats, char *errbuf, size_t errlen);
void dyadi_dict_base_free(dyadi_dict_base *b);

/* For foreign readers, during the foreign call only. src_file names the file
 * the next entries come from (messages say FILE:LINE). src_add compiles
 * one entry given as the columns of a dyad source line (docs/formats.md):
 * what is 'A' (actor file: kind phrase code attrs) or 'T' (trigger file:
 * kind pattern code attrs), lang "en". An entry the compiler refuses is a
 * warning here, not a build error: the foreign reader counts it. Returns 1
 * kept, 0 refused, -1 out of memory. src_warn reports at FILE:LINE. */
int dyadi_dict_src_file(dyadi_dict_src *src, const char *path);
int dyadi_dict_src_add(dyadi_dict_src *src, int what, uint32_t line, const char *kind,
                       const char *phrase, const char *code, const char *attrs);
/* Header flags for the coder (DYADI_LEX_ONE_VERB in lex.h). */
void dyadi_dict_src_flags(dyadi_dict_src *src, uint32_t flags);
/* The TABARI .options directives the coder starts from, one a line
 * (dyadi_lex_options); -1 out of memory. */
int dyadi_dict_src_options(dyadi_dict_src *src, const char *text);
void dyadi_dict_src_warn(dyadi_dict_src *src, uint32_t line, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
/* Code syntax shared by the dyad and foreign dictionary readers. */
int dyadi_actor_code_ok(const char *s);   /* upper-case letters and digits */
int dyadi_event_code_ok(const char *s);   /* 2-4 digits, or "---" (null trigger) */
int dyadi_foreign_code_ok(const char *s); /* TABARI "174K": 2-4 digits and a letter */
#endif
