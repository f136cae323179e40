/*
 * dyad.h - the public API of dyad, a coder of political events in news text.
 *
 * This header is the manual. The library turns documents (news articles in
 * French or English) into sentences, tokens, actor mentions and coded events.
 * Everything the `dyad` tool does goes through these functions.
 *
 * Conventions:
 *  - every public name starts with dyad_;
 *  - handles are opaque, created with *_new / *_open and released with *_free
 *    (passing NULL to *_free does nothing);
 *  - text comes in as (const char *, size_t) and need not be NUL-terminated;
 *  - functions that can fail return a dyad_status; the handle's *_errmsg says
 *    what and where (file, line, byte offset);
 *  - every pointer a function returns says who owns it, next to it;
 *  - one handle per thread; a dyad_lexicon is read-only and may be shared.
 */
#ifndef DYAD_H
#define DYAD_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define DYAD_API __attribute__((visibility("default")))
#else
#define DYAD_API
#endif

#define DYAD_VERSION_MAJOR 0
#define DYAD_VERSION_MINOR 1
#define DYAD_VERSION_PATCH 0

/* One error enum for the whole library. Numbers are fixed and never reused. */
typedef enum dyad_status {
    DYAD_OK = 0,
    DYAD_DONE = 1,          /* not an error: no more documents */
    DYAD_ERR_NOMEM = 2,     /* allocation failed or a hard cap was reached */
    DYAD_ERR_IO = 3,        /* a file could not be opened, read or written */
    DYAD_ERR_FORMAT = 4,    /* malformed input record (the record is skipped) */
    DYAD_ERR_ARG = 5,       /* invalid argument from the caller */
    DYAD_ERR_TOOBIG = 6,    /* a record or document over the size cap */
    DYAD_ERR_VERSION = 7,   /* a file from an unknown format version */
    DYAD_ERR_NOTFOUND = 8,  /* a named file, entry or code does not exist */
    DYAD_ERR_BINARY = 9,    /* input looks like a binary file, not text */
    DYAD_ERR_EMPTY = 10,    /* an empty document (reported, not coded) */
    DYAD_ERR_DB = 11        /* the event store reported an error */
} dyad_status;

/* "0.1.0"; static storage. */
DYAD_API const char *dyad_version(void);
/* A short English description of a status; static storage. */
DYAD_API const char *dyad_strerror(dyad_status status);

/* A byte span [start, end) into the original document text. */
typedef struct dyad_span {
    uint32_t start;
    uint32_t end;
} dyad_span;

/* ------------------------------------------------------------------------
 * Documents and readers
 * ------------------------------------------------------------------------ */

/* A document to code. All strings are borrowed: they must stay valid while
 * the document is being coded. NULL means unknown. `text` need not be
 * NUL-terminated; offsets reported by dyad are byte offsets into it. */
typedef struct dyad_doc {
    const char *id;      /* stable id; the reader derives one from a hash of the text if absent */
    const char *date;    /* "YYYY-MM-DD", "YYYY-MM" or NULL */
    const char *lang;    /* "fr", "en", ... or NULL to identify it */
    const char *title;
    const char *url;
    const char *source;
    const char *text;
    size_t text_len;
} dyad_doc;

typedef enum dyad_input_format {
    DYAD_INPUT_AUTO = 0,  /* JSON Lines if the first non-blank byte is '{', seed if the
                             first line is `date ...`, plain text otherwise */
    DYAD_INPUT_SEED = 1,  /* first line `date YYYY-MM[-DD]`, then the article */
    DYAD_INPUT_TEXT = 2,  /* the whole file is one document */
    DYAD_INPUT_JSONL = 3  /* one JSON object per line */
} dyad_input_format;

typedef struct dyad_reader_options {
    dyad_input_format format;
    const char *date;        /* default date (--date), borrowed for the reader's life; NULL: unknown */
    const char *lang;        /* forced language (--lang), borrowed; NULL or "auto": per record */
    size_t max_record;       /* bytes; 0 means the default (32 MiB). Longer records are skipped. */
} dyad_reader_options;

typedef struct dyad_reader dyad_reader;

/* Create a reader; opts may be NULL for defaults. Caller frees with dyad_reader_free. */
DYAD_API dyad_reader *dyad_reader_new(const dyad_reader_options *opts);
DYAD_API void dyad_reader_free(dyad_reader *r);

/* Start reading `path` ("-" is standard input; a directory is walked
 * recursively in byte order of the names). Any file still open is closed.
 * Returns DYAD_ERR_IO if it cannot be opened (see dyad_reader_errmsg). */
DYAD_API dyad_status dyad_reader_open(dyad_reader *r, const char *path);

/* Read the next document into *doc. Returns DYAD_OK with a document,
 * DYAD_DONE at the end of the input, or an error for a record that was
 * skipped (DYAD_ERR_FORMAT, DYAD_ERR_TOOBIG, DYAD_ERR_BINARY, DYAD_ERR_EMPTY,
 * DYAD_ERR_IO); after an error, calling again continues with the next record.
 * The strings in *doc are owned by the reader and valid until the next call. */
DYAD_API dyad_status dyad_reader_next(dyad_reader *r, dyad_doc *doc);

/* What went wrong with the last record, as "FILE:LINE: byte OFFSET: what".
 * Owned by the reader, valid until the next call. */
DYAD_API const char *dyad_reader_errmsg(const dyad_reader *r);

/* Where the last document came from: file name ("-" for stdin) and line.
 * The string is owned by the reader, valid until the next call. */
DYAD_API const char *dyad_reader_file(const dyad_reader *r);
DYAD_API uint64_t dyad_reader_line(const dyad_reader *r);

/* ------------------------------------------------------------------------
 * The compiled lexicon
 * ------------------------------------------------------------------------ */

typedef struct dyad_lexicon dyad_lexicon;

/* Memory-map a compiled lexicon. path NULL: look for $DYAD_LEXICON, then
 * dyad.lex beside the running executable, then ../share/dyad/dyad.lex.
 * On failure *out is NULL and, if errbuf is not NULL, a message is written
 * there (at most errlen bytes, NUL-terminated). Caller frees with
 * dyad_lexicon_free. The lexicon is read-only and may be shared by threads. */
DYAD_API dyad_status dyad_lexicon_open(const char *path, dyad_lexicon **out,
                                       char *errbuf, size_t errlen);
DYAD_API void dyad_lexicon_free(dyad_lexicon *lex);

/* ------------------------------------------------------------------------
 * The coder: one per thread
 * ------------------------------------------------------------------------ */

typedef struct dyad_coder dyad_coder;

/* lex may be NULL: the text pipeline then runs with no dictionaries (no
 * actors, no events; stems still come from Snowball). lex is borrowed and
 * must outlive the coder. Caller frees with dyad_coder_free. */
DYAD_API dyad_coder *dyad_coder_new(const dyad_lexicon *lex);
DYAD_API void dyad_coder_free(dyad_coder *c);

/* Run the pipeline on one document. The results below are owned by the
 * coder and valid until the next dyad_coder_run or dyad_coder_free.
 * Returns DYAD_ERR_TOOBIG for a document over the coder's memory cap (it
 * is then not coded at all) and DYAD_ERR_EMPTY for an empty one. */
DYAD_API dyad_status dyad_coder_run(dyad_coder *c, const dyad_doc *doc);

/* What went wrong in the last call; owned by the coder. */
DYAD_API const char *dyad_errmsg(const dyad_coder *c);

/* The document's language as used ("fr", "en" or "und"); static storage. */
DYAD_API const char *dyad_coder_lang(const dyad_coder *c);

/* Non-fatal problems found in the last document (invalid UTF-8, NUL bytes),
 * each with its byte offset into the original text. */
typedef struct dyad_warning {
    uint32_t offset;
    const char *what;       /* static storage */
} dyad_warning;
DYAD_API const dyad_warning *dyad_coder_warnings(const dyad_coder *c, size_t *n);

typedef enum dyad_token_kind {
    DYAD_TOK_WORD = 0,
    DYAD_TOK_NUMBER = 1,
    DYAD_TOK_PUNCT = 2,
    DYAD_TOK_SYMBOL = 3
} dyad_token_kind;

/* Token flags. */
#define DYAD_TOKF_ELIDED   0x01u  /* French elided form: l' d' qu' jusqu' ... */
#define DYAD_TOKF_CAPITAL  0x02u  /* starts with an upper-case letter */
#define DYAD_TOKF_HYPHEN   0x04u  /* contains an inner hyphen (Kim Jong-Un) */
#define DYAD_TOKF_QUOTE    0x08u  /* an opening or closing quotation mark */
#define DYAD_TOKF_REPLACED 0x10u  /* contained invalid UTF-8 (replaced by U+FFFD in keys) */

typedef struct dyad_token {
    dyad_span span;         /* bytes of the original text */
    const char *norm;       /* NFC, case-folded, accents kept ("l'" for l’); NUL-terminated */
    const char *stem;       /* lemma from the exception table, else Snowball stem */
    uint32_t norm_id;       /* id of norm in the lexicon's key pool, 0 if unknown or no lexicon */
    uint32_t stem_id;       /* id of stem in the lexicon's key pool, 0 if unknown */
    uint8_t kind;           /* dyad_token_kind */
    uint8_t flags;          /* DYAD_TOKF_* */
} dyad_token;

typedef struct dyad_sentence {
    dyad_span span;         /* bytes of the original text */
    uint32_t first_token;   /* index into the token array */
    uint32_t n_tokens;
} dyad_sentence;

/* Arrays of the last document; owned by the coder (see dyad_coder_run). */
DYAD_API const dyad_sentence *dyad_coder_sentences(const dyad_coder *c, size_t *n);
DYAD_API const dyad_token *dyad_coder_tokens(const dyad_coder *c, size_t *n);


/* ------------------------------------------------------------------------
 * Actor and place mentions (filled when a lexicon is loaded)
 * ------------------------------------------------------------------------ */

typedef enum dyad_mention_kind {
    DYAD_MENTION_ACTOR = 0,
    DYAD_MENTION_PLACE = 1
} dyad_mention_kind;

typedef struct dyad_mention {
    uint32_t sent;          /* sentence index */
    uint32_t first_token, n_tokens;
    dyad_span span;         /* bytes of the original text */
    uint8_t kind;           /* dyad_mention_kind */
    const char *code;       /* CAMEO actor code resolved for the document date ("RUSGOV"), or NULL */
    const char *country;    /* ISO alpha-3 country ("RUS") or bloc code ("WST", "IGO..."), or NULL */
    const char *entry;      /* the lexicon entry that matched (its id) */
    const char *resolved_by;/* "lexicon", "composition", "coreference:...", ... */
    double lat, lon;        /* places: coordinates when known, else NaN */
} dyad_mention;

/* Mentions of the last document, in text order; owned by the coder. */
DYAD_API const dyad_mention *dyad_coder_mentions(const dyad_coder *c, size_t *n);

/* ------------------------------------------------------------------------
 * Coded events
 * ------------------------------------------------------------------------ */

typedef enum dyad_polarity { DYAD_ASSERTED = 0, DYAD_NEGATED = 1 } dyad_polarity;
typedef enum dyad_modality {
    DYAD_ACTUAL = 0, DYAD_INTENDED = 1, DYAD_POSSIBLE = 2, DYAD_REPORTED = 3
} dyad_modality;

typedef struct dyad_event_actor {
    const char *code;       /* full CAMEO actor code, NULL when absent */
    const char *country;    /* first three letters or bloc, NULL when absent */
    const char *text;       /* the words of the text, NUL-terminated copy */
    dyad_span span;
} dyad_event_actor;

typedef struct dyad_event {
    uint32_t sent;          /* sentence index */
    const char *code;       /* CAMEO event code, "0234" */
    const char *root;       /* "02" */
    int quad;               /* QuadClass 1-4 */
    double goldstein;
    const char *plover;     /* PLOVER event type, or NULL */
    dyad_event_actor source, target;   /* target.code NULL: no identifiable target */
    uint8_t polarity;       /* dyad_polarity */
    uint8_t modality;       /* dyad_modality */
    const char *attribution_text;  /* NULL when none */
    const char *attribution_code;  /* NULL when none */
    const char *location;   /* place entry id, NULL when the sentence names none */
    const char *location_country;
    double lat, lon;        /* NaN when unknown */
    const char *event_date; /* "YYYY-MM-DD", "YYYY-MM" or NULL */
    const char *trigger_text;
    dyad_span trigger;
    const char *rule;       /* id of the lexicon entry or rule that fired */
    uint32_t mentions;      /* times the same (source, target, code) was found in the document */
} dyad_event;

/* Events of the last document; owned by the coder (see dyad_coder_run). */
DYAD_API const dyad_event *dyad_coder_events(const dyad_coder *c, size_t *n);

#ifdef __cplusplus
}
#endif
#endif /* DYAD_H */
