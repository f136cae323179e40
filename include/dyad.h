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
#include <stdio.h>

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

/* A byte span [start, end) into the document's text (dyad_doc.text, the
 * input as read: a seed header included). */
typedef struct dyad_span {
    uint32_t start;
    uint32_t end;
} dyad_span;

/* ------------------------------------------------------------------------
 * Documents and readers
 * ------------------------------------------------------------------------ */

/* A document to code. All strings are borrowed: they must stay valid while
 * the document is being coded. NULL means unknown. `text` need not be
 * NUL-terminated; every span and offset dyad reports is a byte offset into
 * it, so text[start, end) is always the span's text. */
typedef struct dyad_doc {
    const char *id;      /* stable id; the reader derives one from a hash of the text if absent */
    const char *date;    /* "YYYY-MM-DD", "YYYY-MM" or NULL */
    const char *lang;    /* "fr", "en", ... or NULL to identify it */
    const char *title;
    const char *url;
    const char *source;
    const char *text;    /* the document as its reader received it (see `body`) */
    size_t text_len;
    /* Bytes of `text` before the article: a seed file's `date` header, a
     * byte-order mark; 0 for most documents. The coder codes
     * text[body, text_len) and reports spans into `text` itself, so a span
     * slices the input file's bytes. Must be at most text_len. */
    size_t body;
} dyad_doc;

typedef enum dyad_input_format {
    DYAD_INPUT_AUTO = 0,  /* JSON Lines if the first non-blank byte is '{', WARC if the
                             file starts with "WARC/1.", seed if the first line is
                             `date ...`, plain text otherwise */
    /* What dyad_doc.text is, so what spans index, per format: */
    DYAD_INPUT_SEED = 1,  /* first line `date YYYY-MM[-DD]`, then the article; text: the
                             file's bytes (decompressed), header included, body after it */
    DYAD_INPUT_TEXT = 2,  /* the whole file is one document; text: the file's bytes
                             (decompressed), a byte-order mark included as body 3 */
    DYAD_INPUT_JSONL = 3, /* one JSON object per line; text: the decoded "text" member
                             (escapes decoded, nothing else changed), body 0 */
    DYAD_INPUT_HTML = 4,  /* a web page: its title, publication date and article text
                             (never chosen by AUTO); text: the extracted article text,
                             not the page's bytes, body 0 */
    DYAD_INPUT_WARC = 5   /* a web archive (WARC 1.0/1.1, CC-NEWS; AUTO when it starts
                             with "WARC/1."): each HTTP response holding an HTML page is
                             a document, id, url and source its WARC-Target-URI, date
                             its WARC-Date; text: the page's extracted article text, as
                             for HTML, body 0. Other records are counted, not returned
                             (dyad_reader_skipped). */
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
/* Byte offset of the last document's record in its file (0 for a whole
 * text or seed file), for messages about the document. */
DYAD_API uint64_t dyad_reader_offset(const dyad_reader *r);
/* Records the format leaves out by design since the reader was made (WARC:
 * requests, metadata, responses that are not an HTML page); not errors. */
DYAD_API uint64_t dyad_reader_skipped(const dyad_reader *r);

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

/* Compile TABARI or PETRARCH dictionaries into a lexicon and open it.
 * spec: "tabari:FILE.project", "petrarch:DIR" (a PETRARCH2 dictionaries
 * folder), "petrarch:PETR_config.ini", or either prefix with
 * comma-separated dictionary files (kind from the name: *actors*,
 * *agents*, *verbs* or CAMEO.*, *discards*). The CAMEO taxonomy and the cue
 * words come from dyad's data directory data_dir (NULL: $DYAD_DATA, ./data,
 * then data beside the executable's folder). Entries dyad cannot represent
 * are left out or approximated (`dyad dict build --tabari/--petrarch -v`
 * lists them). Same ownership and errors as dyad_lexicon_open. */
DYAD_API dyad_status dyad_lexicon_open_foreign(const char *spec, const char *data_dir,
                                               dyad_lexicon **out, char *errbuf, size_t errlen);

/* ------------------------------------------------------------------------
 * The coder: one per thread
 * ------------------------------------------------------------------------ */

typedef struct dyad_coder dyad_coder;

/* lex may be NULL: the text pipeline then runs with no dictionaries (no
 * actors, no events; stems still come from Snowball). lex is borrowed and
 * must outlive the coder. Caller frees with dyad_coder_free. */
DYAD_API dyad_coder *dyad_coder_new(const dyad_lexicon *lex);
DYAD_API void dyad_coder_free(dyad_coder *c);

/* Coding settings, TABARI-compatible. A new coder (and dyad_coder_reset_options)
 * starts from dyad's conventions or, with TABARI dictionaries, from TABARI's
 * built-in values and the directives of the project's .options file. Names
 * and values of dyad_coder_set_option:
 *   code_by          "auto" (the dictionaries' convention: one event per
 *                    clause with TABARI's, every trigger otherwise),
 *                    "clause", "sentence" (one event per sentence), "all"
 *                    (every verb codes)
 *   min_words        N: a sentence of fewer words is not coded (0: any)
 *   default_source   actor code used when no source is found ("": none)
 *   default_target   actor code used when no target is found ("": none)
 *   default_prior    "true": the default source stands in whenever no actor
 *                    precedes the verb; "false": the first actor of the
 *                    sentence is the source, and the default only when
 *                    there is none
 *   default_after    "true": the default target stands in whenever no actor
 *                    follows the verb; "false": the next actor after the
 *                    source is tried first
 *   comma, comma_min, comma_max, comma_emin, comma_emax, comma_bmin,
 *   comma_bmax       deletion of comma-delimited clauses whose length in
 *                    words is within MIN..MAX (inside the sentence),
 *                    EMIN..EMAX (at its end), BMIN..BMAX (at its start)
 *   complex_verbs, complex_conj, noactprior
 *                    TABARI's complexity limits (0: no limit)
 *   convert_agent    "true": an agent with no actor ("the militants") is an
 *                    actor of its own, coded "---" + its sector
 *   one_actor        which events with a source and no target are output:
 *                    "auto" (default: "all" with TABARI/PETRARCH dictionaries,
 *                    "kinds" with dyad's own), "all", "kinds" (only CAMEO
 *                    roots 01 statements but a bare 010, 14 protests, 15
 *                    force postures and 18-20 violence, whose events stand
 *                    without a recipient; "X visited", "X promised aid",
 *                    "X said" with no one found are dropped), "none"
 *                    (every event has a target)
 *   forward          an id template ("^^*****NNN*SSS": 'N' marks the story
 *                    number in dyad_doc.id) or "off": a sentence with no
 *                    source takes the source of the story's previous one
 * Booleans are "true"/"false" (also 1/0, on/off). Settings hold until
 * changed or reset. Returns DYAD_ERR_NOTFOUND for an unknown name and
 * DYAD_ERR_ARG for a bad value (see dyad_errmsg); the setting is then
 * unchanged. */
DYAD_API dyad_status dyad_coder_set_option(dyad_coder *c, const char *name, const char *value);

/* Apply one TABARI .options directive or validation-suite OPTION record,
 * "SET: CODE ALL", "DEFAULT: SOURCE [X] PRIOR TARGET [Y] AFTER",
 * "DEFAULT: OFF", "COMMA: MIN = 4 MAX = 6 ...", "COMMA: OFF",
 * "SET: MINIMUM WORDS = 8", "SET: CONVERT AGENT = TRUE",
 * "COMPLEX: VERBS[5] CONJ[4] NOACTPRIOR", "FORWARD: ^^*****NNN*SSS [OFF]"
 * (a leading "OPTION:" is allowed). Directives that change only TABARI's
 * input or output (OUTPUT:, LABEL:, SET: YYYY, SET: TIME SHIFT ...) are
 * accepted without effect. Returns DYAD_ERR_FORMAT for a malformed
 * directive, DYAD_ERR_NOTFOUND for an unknown keyword (see dyad_errmsg);
 * the settings are then unchanged. */
DYAD_API dyad_status dyad_coder_set_tabari_option(dyad_coder *c, const char *directive);

/* 1 when c's settings carry state from one document to the next (a TABARI
 * FORWARD option from the dictionaries or a directive): the documents of a
 * story must then go through this one coder in order, so a caller that
 * spreads documents over several coders (threads) must not. 0 otherwise. */
DYAD_API int dyad_coder_sequential(const dyad_coder *c);

/* Back to the starting settings, and forget the forwarded sources. */
DYAD_API void dyad_coder_reset_options(dyad_coder *c);

/* Run the pipeline on one document. The results below are owned by the
 * coder and valid until the next dyad_coder_run or dyad_coder_free.
 * Returns DYAD_ERR_TOOBIG for a document over any of the coder's caps
 * (tokens, sentences, mentions, actor matches, events, quotes, key memory;
 * dyad_errmsg names it): the document is then not coded at all, and the
 * next one is coded as usual. DYAD_ERR_EMPTY for an empty one. */
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
    const char *place_type; /* "country", "admin1" or "city" for a place-like entry, "locality"
                               for a place the gazetteer lacks (places.c), else NULL */
} dyad_mention;

/* Mentions of the last document, in text order; owned by the coder. */
DYAD_API const dyad_mention *dyad_coder_mentions(const dyad_coder *c, size_t *n);

/* ------------------------------------------------------------------------
 * Coded events
 * ------------------------------------------------------------------------ */

/* Polarity: DYAD_NEGATED, the act did not happen ("n'a pas condamné", "did
 * not sign"); DYAD_REFUSED, its source declined to do it ("a refusé de
 * condamner", "refused to impose sanctions"): neither is the act itself.
 * A refused cooperative act is CAMEO's rejection instead (12x, asserted:
 * "refused to sign the deal" 1211 ... ). */
typedef enum dyad_polarity { DYAD_ASSERTED = 0, DYAD_NEGATED = 1, DYAD_REFUSED = 2 } dyad_polarity;
typedef enum dyad_modality {
    DYAD_ACTUAL = 0, DYAD_INTENDED = 1, DYAD_POSSIBLE = 2, DYAD_REPORTED = 3
} dyad_modality;

/* "asserted", "negated", "refused"; "actual", "intended", "possible",
 * "reported": the names every output and the store use. An unknown value
 * gives the first name. */
DYAD_API const char *dyad_polarity_name(unsigned polarity);
DYAD_API const char *dyad_modality_name(unsigned modality);

typedef struct dyad_event_actor {
    const char *code;       /* full CAMEO actor code, NULL when absent */
    const char *country;    /* first three letters or bloc, NULL when absent */
    const char *text;       /* the words of the text, NUL-terminated copy */
    dyad_span span;
    const char *resolved_by;    /* how the actor was found: the mention's rule ("lexicon",
                                   "coreference:person", "demonym", ...) or the event
                                   coder's ("capital-as-government"); NULL when none */
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
    const char *roles_by;   /* how source and target were found: a construction of the
                               dependency tree ("tree:subject", "tree:passive",
                               "tree:relative-clause", ...), "order:..." (word order),
                               "tabari:positions"; static storage, NULL for a statement */
    uint32_t mentions;      /* times the same (source, target, code) was found in the document */
    /* the place, when located: its lexicon entry id (GeoNames "gn..." for
     * cities and regions; NULL for a locality), type ("country", "admin1",
     * "city", "locality") and the rule
     * that chose it ("place:population", "place:context", ...); else NULL */
    const char *location_id, *location_type, *location_rule;
} dyad_event;

/* Events of the last document; owned by the coder (see dyad_coder_run). */
DYAD_API const dyad_event *dyad_coder_events(const dyad_coder *c, size_t *n);

/* A quotation (« ... », “ ... ”, "...") and its speaker when the text names
 * one ("... » a déclaré X", "X said: ..."). */
typedef struct dyad_quote {
    uint32_t sent;          /* sentence of the opening mark */
    dyad_span span;         /* the quoted words, marks excluded */
    const char *speaker;    /* the speaker's actor code, NULL when unknown */
    dyad_span speaker_span; /* the speaker's words; {0, 0} when unknown */
} dyad_quote;

/* Quotations of the last document (found with a lexicon loaded); owned by
 * the coder (see dyad_coder_run). */
DYAD_API const dyad_quote *dyad_coder_quotes(const dyad_coder *c, size_t *n);

/* ------------------------------------------------------------------------
 * Gold standards and scoring
 *
 * A dyad_gold reads an annotated test set (dyad's own JSON Lines, TABARI
 * validation records, PETRARCH XML, PLOVER JSON, the CAMEO codebook's
 * example sentences) as a stream of records: a text to code and the events
 * a careful coder would produce from it. A dyad_scorer compares the events
 * dyad produced for each record with the expected ones and accumulates
 * precision, recall and F1 at two levels:
 *  - lenient: (first 3 letters of the source code, first 3 of the target,
 *    CAMEO root = first 2 digits of the code);
 *  - strict: (full source, full target, full code).
 * Matching is per record, as multisets. Produced events with polarity
 * DYAD_NEGATED are not the positive event and are left out; produced events
 * with no target (target.code NULL) are left out of dyadic scoring unless
 * the gold itself leaves the target open.
 * ------------------------------------------------------------------------ */

typedef enum dyad_gold_format {
    DYAD_GOLD_AUTO = 0,      /* by extension, then by content (see dyad_gold_open) */
    DYAD_GOLD_DYAD = 1,      /* dyad JSONL: {"id","date","lang","text","events":[...],"must_not":[...]} */
    DYAD_GOLD_TABARI = 2,    /* TABARI validation text: "YYMMDD ID" line, text, { SRC / TGT / CODE } comments */
    DYAD_GOLD_PETRARCH = 3,  /* PETRARCH 1/2 and UniversalPetrarch XML: <Sentence> <EventCoding .../> <Text> */
    DYAD_GOLD_PLOVER = 4,    /* PLOVER gold-standard JSON array (event type, source/target actor lists) */
    DYAD_GOLD_CAMEO_CSV = 5  /* CAMEO codebook CSV: columns "code" and "example"; actors unknown */
} dyad_gold_format;

/* "auto", "dyad", "tabari", "petrarch", "plover", "cameo-csv"; static storage. */
DYAD_API const char *dyad_gold_format_name(dyad_gold_format f);
/* Parse one of the names above; DYAD_ERR_ARG for an unknown name. */
DYAD_API dyad_status dyad_gold_format_parse(const char *name, dyad_gold_format *out);

/* One expected (or forbidden) event. Actor fields:
 *  - NULL: the gold leaves the actor open; any produced actor matches,
 *    including no target at all;
 *  - "---XXX" or "~XXX": the country is unknown, the sector is XXX; the
 *    lenient level ignores it, the strict level compares the sector;
 *  - anything else: a CAMEO actor code ("RUSGOV", "IGOUNO").
 * code is a CAMEO code of 2 to 4 digits ("11", "0234"), or alternatives
 * separated by '/' ("18/19/20": any of them matches); NULL when the gold
 * gives only a PLOVER type. plover is the PLOVER event type ("PROTEST") or
 * NULL; it is compared only when code is NULL.
 * All strings are owned by the dyad_gold and valid until the next
 * dyad_gold_next or dyad_gold_free. */
typedef struct dyad_gold_event {
    const char *source;
    const char *target;
    const char *code;
    const char *plover;
    uint64_t line;          /* line of the gold file that states the event; 0 unknown */
} dyad_gold_event;

/* Record flags. */
#define DYAD_GOLD_NOEVENTS  0x01u  /* the gold says explicitly that no event is to be coded */
#define DYAD_GOLD_CODE_ONLY 0x02u  /* actors unknown: only the code of dyad's best event is scored */
#define DYAD_GOLD_PARTIAL   0x04u  /* the suite marks its list as incomplete: produced events that
                                      match nothing are not counted as false alarms */

/* One gold record. Every pointer (strings and arrays) is owned by the
 * dyad_gold and valid until the next dyad_gold_next or dyad_gold_free. */
typedef struct dyad_gold_record {
    const char *id;          /* never NULL ("FILE:LINE" when the file has none) */
    const char *date;        /* "YYYY-MM-DD", or NULL when the record has no usable date */
    const char *lang;        /* "en", "fr", "es" ... or NULL when the file does not say */
    const char *category;    /* the suite's group ("PATTERN", "DEMO") or NULL: PETRARCH's
                                category attribute; for TABARI the letters before the '-'
                                of the id's first word that starts with a letter
                                ("PATTERN-12a", "950101 AGENTS-11") */
    const char *text;        /* NUL-terminated; markup and entities already decoded */
    size_t text_len;
    const dyad_gold_event *events;     /* expected events; n_events may be 0 */
    size_t n_events;
    const dyad_gold_event *must_not;   /* events that must not be produced (false alarms) */
    size_t n_must_not;
    unsigned flags;          /* DYAD_GOLD_* */
    uint64_t line;           /* line of the gold file where the record starts */
} dyad_gold_record;

typedef struct dyad_gold dyad_gold;

/* Open a gold file (read whole into memory; at most 256 MiB). With
 * DYAD_GOLD_AUTO the format comes from the extension (.jsonl dyad, .json
 * plover, .csv cameo-csv, .xml petrarch, .text tabari), else from the
 * content (first byte '{' dyad, '[' plover, '<' petrarch, a header line with
 * "code" and "example" cameo-csv, a "YYMMDD ID" line tabari). On failure *out
 * is NULL and a message goes to errbuf (at most errlen bytes,
 * NUL-terminated; errbuf may be NULL). Caller frees with dyad_gold_free. */
DYAD_API dyad_status dyad_gold_open(const char *path, dyad_gold_format format,
                                    dyad_gold **out, char *errbuf, size_t errlen);
DYAD_API void dyad_gold_free(dyad_gold *g);

/* The next scorable record. Returns DYAD_OK with *rec filled, DYAD_DONE at
 * the end, or DYAD_ERR_FORMAT for a malformed record, which is skipped (see
 * dyad_gold_errmsg); calling again continues after it. Control records that
 * change a suite's options (TABARI "OPTION:", PETRARCH documentation
 * entries) and records with no annotation at all are skipped silently and
 * counted (dyad_gold_counts). */
DYAD_API dyad_status dyad_gold_next(dyad_gold *g, dyad_gold_record *rec);

/* Control records met since the previous record was returned: TABARI
 * "OPTION:" directives ("SET: CODE ALL", "DEFAULT: OFF"), in file order,
 * to be applied (dyad_coder_set_tabari_option) before coding the record
 * dyad_gold_next has just returned. *n is 0 for other formats. The array
 * and strings are owned by the dyad_gold and valid until the next
 * dyad_gold_next or dyad_gold_free. */
typedef struct dyad_gold_control {
    const char *text;        /* the directive, without "OPTION:" and braces */
    uint64_t line;           /* line of the gold file */
} dyad_gold_control;
DYAD_API const dyad_gold_control *dyad_gold_controls(const dyad_gold *g, size_t *n);

/* What went wrong with the last record, as "FILE:LINE: what". Owned by the
 * dyad_gold, valid until the next call on it. */
DYAD_API const char *dyad_gold_errmsg(const dyad_gold *g);

/* The format in use (never DYAD_GOLD_AUTO after a successful open). */
DYAD_API dyad_gold_format dyad_gold_get_format(const dyad_gold *g);

/* The dictionaries the suite says it was coded against (TABARI .project
 * beside the file, PETRARCH <Environment>), as file names in the suite's
 * order. dyad does not load them. The array and strings are owned by the
 * dyad_gold and valid until dyad_gold_free; *n may be 0. */
DYAD_API const char *const *dyad_gold_dictionaries(const dyad_gold *g, size_t *n);

typedef struct dyad_gold_counts {
    uint64_t records;        /* records returned with DYAD_OK */
    uint64_t malformed;      /* records skipped with DYAD_ERR_FORMAT */
    uint64_t control;        /* option and documentation records skipped */
    uint64_t unannotated;    /* records with a text but no expectation, skipped */
} dyad_gold_counts;
DYAD_API void dyad_gold_get_counts(const dyad_gold *g, dyad_gold_counts *out);

/* The scorer. */
typedef struct dyad_scorer dyad_scorer;

#define DYAD_SCORER_KEEP_ERRORS 0x01u  /* remember every miss and false alarm, and the records
                                          that have some (--show-errors, --json) */

/* Caller frees with dyad_scorer_free. NULL when out of memory. */
DYAD_API dyad_scorer *dyad_scorer_new(unsigned flags);
DYAD_API void dyad_scorer_free(dyad_scorer *s);

/* Score one record against the events produced for its text. rec and
 * events are borrowed for the call only (the scorer copies what it keeps).
 * Code-only records (DYAD_GOLD_CODE_ONLY) are scored on dyad's best event:
 * the first asserted event with the expected code, else with the expected
 * root, else the first asserted event; it is a true positive when its root
 * (lenient) or code (strict) is the expected one, else a miss, plus a
 * false alarm when some event was produced. Returns DYAD_ERR_NOMEM on
 * allocation failure (the record is then not counted). */
DYAD_API dyad_status dyad_scorer_add(dyad_scorer *s, const dyad_gold_record *rec,
                                     const dyad_event *events, size_t n);

/* Counts and micro-averaged figures; a ratio with a zero denominator is 0. */
typedef struct dyad_score_counts {
    uint64_t tp, fp, fn;
    double precision, recall, f1;
} dyad_score_counts;

typedef struct dyad_score_summary {
    uint64_t records;           /* records scored */
    uint64_t gold_events;       /* expected events over all records */
    uint64_t produced_events;   /* produced events considered (asserted, dyadic) */
    uint64_t negated_ignored;   /* produced events left out: negated, or only possible */
    uint64_t untargeted_ignored;/* produced events left out for having no target */
    uint64_t must_not_hits;     /* false alarms that a must_not entry names (included in fp) */
    dyad_score_counts lenient, strict;
    uint64_t code_only;         /* code-only records scored */
    uint64_t code_only_root_ok; /* ... whose best event has the expected root */
    uint64_t code_only_code_ok; /* ... whose best event has the expected full code */
    double root_accuracy;       /* code_only_root_ok / code_only, 0 when none */
    double code_accuracy;
    /* Records fully correct: every expected event found and no false alarm
     * (must_not hits included), at each level, with the matching above. A
     * record the gold expects nothing of is correct when dyad produced no
     * scored event; a code-only record when its best event is right. */
    uint64_t records_correct_lenient;
    uint64_t records_correct_strict;
} dyad_score_summary;

DYAD_API void dyad_scorer_summary(const dyad_scorer *s, dyad_score_summary *out);

/* Lenient counts per CAMEO root ("01".."20"; a PLOVER type for PLOVER-only
 * gold). True positives and misses go to the expected root, false alarms to
 * the produced root. Sorted by label. The array and labels are owned by the
 * scorer, valid until the next dyad_scorer_add or dyad_scorer_free. */
typedef struct dyad_score_root {
    const char *label;
    dyad_score_counts counts;
} dyad_score_root;
DYAD_API const dyad_score_root *dyad_scorer_roots(const dyad_scorer *s, size_t *n);

/* Root confusion: an expected event that was missed while a produced event
 * with the same lenient actors (or, for code-only records, the best event)
 * has another root. Sorted by expected, then produced label. Owned as
 * dyad_scorer_roots. */
typedef struct dyad_score_confusion {
    const char *expected;
    const char *produced;
    uint64_t count;
} dyad_score_confusion;
DYAD_API const dyad_score_confusion *dyad_scorer_confusion(const dyad_scorer *s, size_t *n);

/* Records per category (dyad_gold_record.category; records without one are
 * left out here): how many were scored and how many are fully correct at
 * each level (as records_correct_* in the summary). Sorted by label. Owned
 * as dyad_scorer_roots. */
typedef struct dyad_score_category {
    const char *label;
    uint64_t records;
    uint64_t correct_lenient, correct_strict;
} dyad_score_category;
DYAD_API const dyad_score_category *dyad_scorer_categories(const dyad_scorer *s, size_t *n);

typedef enum dyad_score_error_kind {
    DYAD_SCORE_MISS = 0,         /* an expected event nobody produced (lenient) */
    DYAD_SCORE_FALSE_ALARM = 1,  /* a produced event the gold does not have (lenient) */
    DYAD_SCORE_MUST_NOT = 2,     /* a false alarm the gold names in must_not */
    DYAD_SCORE_INEXACT = 3       /* matched leniently but not strictly */
} dyad_score_error_kind;

/* One event as reported in an error: the expected or the produced one. */
typedef struct dyad_score_event {
    const char *source, *target, *code, *plover;  /* NULL when absent */
    const char *rule;        /* produced events: dyad_event.rule; NULL for expected ones */
} dyad_score_event;

/* One miss or false alarm, kept when the scorer was made with
 * DYAD_SCORER_KEEP_ERRORS. expected is set for MISS, MUST_NOT (the must_not
 * entry) and INEXACT; produced for FALSE_ALARM, MUST_NOT and INEXACT; unset
 * fields are NULL. Strings are copies owned by the scorer, valid until
 * dyad_scorer_free; the array itself until the next dyad_scorer_add. */
typedef struct dyad_score_error {
    dyad_score_error_kind kind;
    const char *record_id;
    const char *text;        /* the record's text */
    uint64_t line;           /* gold line of the record */
    dyad_score_event expected;
    dyad_score_event produced;
} dyad_score_error;
DYAD_API const dyad_score_error *dyad_scorer_errors(const dyad_scorer *s, size_t *n);

/* One record that is not fully correct (at the lenient or the strict
 * level), kept when the scorer was made with DYAD_SCORER_KEEP_ERRORS, in
 * the order the records were added. Its errors are the n_errors entries of
 * the dyad_scorer_errors array from first_error on (n_errors is 0 only in
 * the rare case where the two levels pair events differently and neither
 * pairing leaves a miss or false alarm of its own). Strings are the
 * scorer's copies, valid until dyad_scorer_free; the array itself until the
 * next dyad_scorer_add. */
typedef struct dyad_score_failure {
    const char *record_id;
    const char *text;
    const char *category;    /* the gold record's category, or NULL */
    uint64_t line;           /* gold line of the record */
    int lenient_ok;          /* 1 when the record is fully correct at the lenient level */
    int strict_ok;           /* ... at the strict level (the levels are matched apart) */
    dyad_score_counts lenient, strict;   /* the record's own counts */
    size_t first_error, n_errors;
} dyad_score_failure;
DYAD_API const dyad_score_failure *dyad_scorer_failures(const dyad_scorer *s, size_t *n);

/* ------------------------------------------------------------------------
 * Event store
 *
 * A dyad_store is an SQLite database holding documents (with their text),
 * their actor and place mentions, and their events de-duplicated across
 * articles: the same (event date, source, target, code, location, polarity,
 * modality) reported by several documents is one row of `events` with
 * num_mentions, num_articles and num_sources, and each sighting is a row of
 * `event_mentions` with its evidence. docs/store.md is the schema; it is a
 * public interface (sqlite3 and the dyad query commands read it). WAL mode:
 * readers may run while one process writes. One handle per thread.
 *
 * Opened on a postgresql:// or postgres:// URI, the store is a PostgreSQL
 * database with the same logical schema (docs/store.md, "PostgreSQL"),
 * which any number of processes may write at once: dyad_store_batch_write,
 * dyad_store_add_doc and dyad_store_has_doc work on it; the others return
 * DYAD_ERR_ARG with a message saying so, and dyad_store_sqlite returns
 * NULL. dyad_store_open_readonly opens it for the dyad reading commands
 * (which read both stores through one internal row reader); read it
 * yourself with any PostgreSQL client.
 * ------------------------------------------------------------------------ */

typedef struct dyad_store dyad_store;
struct sqlite3;

/* Open (creating if needed) the store at path (a file, or a PostgreSQL
 * URI: connect, and create the schema in an empty database) and migrate
 * its schema forward (PRAGMA user_version). A store written by a newer dyad is refused
 * with DYAD_ERR_VERSION; an SQLite file that is not a dyad store with
 * DYAD_ERR_FORMAT. On failure *out is NULL and a message goes to errbuf (at
 * most errlen bytes, NUL-terminated; errbuf may be NULL). Caller frees with
 * dyad_store_free, which rolls back an open transaction. */
DYAD_API dyad_status dyad_store_open(const char *path, dyad_store **out, char *errbuf,
                                     size_t errlen);
/* Open an existing store for reading only: nothing is created or migrated
 * (DYAD_ERR_NOTFOUND when the file, or the database's store, does not
 * exist, DYAD_ERR_VERSION when its schema is not this dyad's). Only
 * dyad_store_sqlite is useful on it. */
DYAD_API dyad_status dyad_store_open_readonly(const char *path, dyad_store **out, char *errbuf,
                                              size_t errlen);
DYAD_API void dyad_store_free(dyad_store *s);

/* What went wrong in the last call; owned by the store. */
DYAD_API const char *dyad_store_errmsg(const dyad_store *s);

/* The SQLite connection, for read-only SQL over the documented schema
 * (NULL for a PostgreSQL store). Borrowed: valid until dyad_store_free;
 * do not close it. */
DYAD_API struct sqlite3 *dyad_store_sqlite(dyad_store *s);

/* The content hash the store keys documents on: 32 hex digits + NUL. */
#define DYAD_CONTENT_HASH_LEN 33
DYAD_API void dyad_content_hash(const char *text, size_t n, char out[DYAD_CONTENT_HASH_LEN]);

/* *found = 1 when a document with this id or this content hash is stored
 * (either may be NULL). */
DYAD_API dyad_status dyad_store_has_doc(dyad_store *s, const char *id, const char *content_hash,
                                        int *found);

/* Group many documents in one transaction (dyad ingest commits every 200,
 * through dyad_store_batch_write below):
 * far faster than one transaction per document. Without them each
 * dyad_store_add_doc is its own transaction. Either way each document is
 * stored whole or not at all. */
DYAD_API dyad_status dyad_store_begin(dyad_store *s);
DYAD_API dyad_status dyad_store_commit(dyad_store *s);

/* Store doc with what coder c found in it by its last dyad_coder_run (its
 * sentences, mentions and events). Returns DYAD_OK, or DYAD_DONE when a
 * document with the same id or content hash is stored already: nothing is
 * added (ingesting twice is harmless). doc and c are borrowed for the call. */
DYAD_API dyad_status dyad_store_add_doc(dyad_store *s, const dyad_doc *doc, const dyad_coder *c);

/* Like dyad_store_add_doc, but a stored document with doc->id has its
 * mentions and events replaced (after a dictionary change), and the counts
 * of every event it touched are recomputed. */
DYAD_API dyad_status dyad_store_replace_doc(dyad_store *s, const dyad_doc *doc,
                                            const dyad_coder *c);

/* A batch: documents and what the coder found in them, copied, to be
 * written later in one transaction. A writer codes a whole batch first and
 * then writes it, so it holds the store's write lock only while writing and
 * other writers wait for that, not for its coding. Caller frees with
 * dyad_store_batch_free. NULL when out of memory. */
typedef struct dyad_store_batch dyad_store_batch;
DYAD_API dyad_store_batch *dyad_store_batch_new(void);
DYAD_API void dyad_store_batch_free(dyad_store_batch *b);
/* Copy doc and the results of coder c's last dyad_coder_run into the batch
 * (replace 1: as dyad_store_replace_doc). Nothing is written yet. */
DYAD_API dyad_status dyad_store_batch_add(dyad_store_batch *b, const dyad_doc *doc,
                                          const dyad_coder *c, int replace);
/* Documents and bytes held, for the caller's batch size. */
DYAD_API size_t dyad_store_batch_docs(const dyad_store_batch *b);
DYAD_API size_t dyad_store_batch_bytes(const dyad_store_batch *b);

typedef struct dyad_store_counts {
    uint64_t added, present, replaced;  /* documents */
    uint64_t events;                    /* events of the added and replaced documents */
} dyad_store_counts;
/* Write the batch in one transaction (BEGIN IMMEDIATE .. COMMIT; in
 * PostgreSQL, run again when the server reports a deadlock) and empty
 * it. On DYAD_OK *counts (may be NULL) says what the commit stored; on an
 * error nothing of the batch is stored and *counts is all zero, so totals
 * summed from it are true (see dyad_store_errmsg). */
DYAD_API dyad_status dyad_store_batch_write(dyad_store *s, dyad_store_batch *b,
                                            dyad_store_counts *counts);

/* Iterate over the stored documents in storage order: start with *pos = 0;
 * DYAD_OK fills *doc, DYAD_DONE at the end. The strings in *doc are owned
 * by the store and valid until the next dyad_store_next_doc or
 * dyad_store_free; other store calls in between are allowed. */
DYAD_API dyad_status dyad_store_next_doc(dyad_store *s, int64_t *pos, dyad_doc *doc);


/* ------------------------------------------------------------------------
 * Syntax: tagger, lemmatiser and dependency parser (Universal Dependencies)
 * ------------------------------------------------------------------------ */

typedef struct dyad_model dyad_model;

/* Memory-map a syntax model (one language: "fr", "en"). lang, when not
 * NULL or "", must be the model's language. A missing, truncated or damaged
 * file, another format version or another language is an error with a
 * message in errbuf (DYAD_ERR_NOTFOUND, DYAD_ERR_FORMAT, DYAD_ERR_VERSION).
 * Caller frees with dyad_model_free; read-only, may be shared by threads. */
DYAD_API dyad_status dyad_model_open(const char *path, const char *lang, dyad_model **out,
                                     char *errbuf, size_t errlen);
DYAD_API void dyad_model_free(dyad_model *m);
/* The model's language; owned by the model. */
DYAD_API const char *dyad_model_lang(const dyad_model *m);

/* The model of a language in the data directory data_dir
 * (data_dir/models/LANG.dsm; NULL: $DYAD_DATA, ./data, then data beside the
 * executable's folder). Same ownership and errors as dyad_model_open. */
DYAD_API dyad_status dyad_model_open_lang(const char *data_dir, const char *lang, dyad_model **out,
                                          char *errbuf, size_t errlen);

/* Training (deterministic: same files, options and seed, same bytes). */
typedef struct dyad_train_options {
    const char *lang;               /* "fr", "en" */
    const char *const *train;       /* CoNLL-U files to learn from */
    size_t ntrain;
    const char *dev;                /* CoNLL-U file to tune on (best epoch), or NULL */
    const char *out;                /* the model file to write */
    unsigned tagger_epochs, parser_epochs;
    unsigned jackknife;             /* folds for the parser's training tags (0: gold tags) */
    unsigned seed;
    double prune;                   /* drop feature rows whose averaged weights all stay under this */
    double prune_labeler;           /* the same for the arc labeler's (wide) rows; 0: prune */
    FILE *progress;                 /* one line per epoch with dev scores, or NULL */
} dyad_train_options;
DYAD_API dyad_status dyad_model_train(const dyad_train_options *o, char *errbuf, size_t errlen);

/* Use a model for its language: dyad_coder_run then tags and parses every
 * sentence of a document in that language (dyad_coder_words). m is
 * borrowed and must outlive the coder; NULL for a language removes it. */
DYAD_API dyad_status dyad_coder_set_model(dyad_coder *c, const char *lang, const dyad_model *m);

#define DYAD_WORDF_MWT 0x01u    /* a part of a multiword token ("du" = de + le) */

/* A syntactic word (UD): a token, or a part of a multiword token. */
typedef struct dyad_word {
    dyad_span span;         /* bytes of the original text (a part has its token's span) */
    uint32_t sentence;      /* index of its sentence */
    uint32_t token;         /* index of its token */
    uint32_t id;            /* 1-based position in its sentence */
    uint32_t head;          /* id of its head, 0 for the root */
    const char *form;       /* the word (for a part, its UD form: "de", "le") */
    const char *lemma;
    const char *upos;       /* "NOUN", "VERB", ... (static storage) */
    const char *feats;      /* "Mood=Ind|Tense=Past|..." or "_" */
    const char *deprel;     /* "nsubj", "obl:agent", ... */
    uint8_t flags;          /* DYAD_WORDF_* */
} dyad_word;
/* Which sentences the coder tags and parses when a model is set:
 * DYAD_SYNTAX_ALL (the default) every one; DYAD_SYNTAX_EVENTS only those
 * that hold an actor and a trigger candidate, the ones events are read
 * from (several times faster on news; dyad_coder_words then gives only
 * their words). */
typedef enum dyad_syntax_mode { DYAD_SYNTAX_ALL = 0, DYAD_SYNTAX_EVENTS = 1 } dyad_syntax_mode;
DYAD_API dyad_status dyad_coder_set_syntax(dyad_coder *c, dyad_syntax_mode mode);

/* The words of the last document, in sentence order; NULL (n = 0) when no
 * model was set for its language. Owned by the coder, valid until the next
 * dyad_coder_run. */
DYAD_API const dyad_word *dyad_coder_words(const dyad_coder *c, size_t *n);

/* Scores of a model on a gold CoNLL-U file, with the gold words (gold
 * tokenisation). Percentages over all words, punctuation included, as the
 * CoNLL 2018 scorer counts them. */
typedef struct dyad_parse_scores {
    size_t words, sentences;    /* gold counts */
    double upos, lemma, ufeats, uas, las;
    double words_per_second;    /* tagging + parsing, one thread */
    /* from raw text only (F1 of spans aligned on their characters, as the
     * CoNLL 2018 scorer aligns them; the five scores above are then F1 too) */
    double tokens, sentences_f1, words_f1;
} dyad_parse_scores;
/* out_path: where to write the system's CoNLL-U (NULL: nowhere). flags:
 * DYAD_EVAL_GOLD_UPOS parses with the gold UPOS (to tell tagging errors from
 * parsing errors). */
#define DYAD_EVAL_GOLD_UPOS 0x01u
/* DYAD_EVAL_RAW parses GOLD's own text ("# text" lines, one per line) from
 * scratch: tokens, sentences and words are dyad's, aligned with the gold ones
 * by their characters (whitespace ignored). */
#define DYAD_EVAL_RAW 0x02u
DYAD_API dyad_status dyad_model_eval_conllu(const dyad_model *m, const char *gold_path,
                                            const char *out_path, unsigned flags,
                                            dyad_parse_scores *scores, char *errbuf, size_t errlen);

#ifdef __cplusplus
}
#endif
#endif /* DYAD_H */
