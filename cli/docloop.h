/* docloop.h - the read-code-report loop shared by every subcommand that
 * codes documents (code, tokens, and later actors, ingest, eval). */
#ifndef DYAD_CLI_DOCLOOP_H
#define DYAD_CLI_DOCLOOP_H
#include "cli.h"

/* The options every document-reading command takes; put this macro in the
 * command's option table so they parse and appear in --help alike. */
#define CLI_DOC_OPTIONS                                                               \
    {"input", 0, "FORMAT", "input format: auto (default), seed, text, jsonl, html or warc"},      \
    {"date", 0, "DATE", "date of documents that carry none (YYYY-MM or YYYY-MM-DD)"}, \
    {"lang", 0, "LANG", "language of every document: fr, en or auto (default)"},      \
    {"lexicon", 0, "FILE", "compiled lexicon (default: $DYAD_LEXICON, dyad.lex)"},    \
    {"dict", 0, "SPEC", "code with TABARI/PETRARCH dictionaries: tabari:FILE.project, petrarch:DIR"}, \
    {"strict", 0, NULL, "stop at the first bad record, with exit status 1"},         \
    {"threads", 'j', "N", "code on N threads (default: every core); output is the same for any N"}

/* Commands that code events parse with the syntax models unless told not
 * to (cli_docs_want_syntax). */
#define CLI_SYNTAX_OPTION \
    {"no-syntax", 0, NULL, "do not tag and parse: dyad's triggers take their roles by word order"}

/* Commands that code events choose which events with no target they keep
 * (cli_docs_one_actor; dyad_coder_set_option "one_actor"). */
#define CLI_ONE_ACTOR_OPTION \
    {"one-actor", 0, "MODE", "events whose target is not found: kinds (default with dyad's dictionaries: statements other than a bare 'said', protests, force, violence), all, or none"}

typedef struct cli_docs {
    const char *cmd;            /* subcommand name, for messages */
    dyad_reader *reader;
    dyad_lexicon *lex;          /* NULL when no lexicon was found */
    dyad_coder *coder;
    int strict;
    unsigned long long read;    /* records met: coded + skipped */
    unsigned long long coded;
    unsigned long long skipped; /* records, files or folders reported and skipped */
    dyad_model *model_fr, *model_en;    /* syntax models, when loaded */
    dyad_syntax_mode syntax_mode;       /* what the coders parse (default: all) */
    unsigned long long und;     /* coded documents whose language was not identified */
    unsigned threads;           /* -j: threads that code in cli_docs_run, >= 1 */
    const char *one_actor;      /* --one-actor, NULL: the coder's default */
    unsigned long long formatted;       /* what cli_doc_fmt returned, added up */
    void *kept;                 /* cli_docs_run_keep: what keep kept of the document fn sees */
} cli_docs;

/* Called once per coded document; the coder holds its results. Return 0 to
 * go on, or an exit status to stop. */
typedef int (*cli_doc_fn)(void *ud, cli_docs *d, const dyad_doc *doc);

/* Check the shared options and open the lexicon, reader and coder. Returns 0,
 * EXIT_USAGE (bad option value, reported) or EXIT_FAIL (reported). Call
 * cli_docs_close in every case. */
int cli_docs_open(cli_docs *d, const char *cmd, const cli_args *a, const cli_opt *opts,
                  size_t nopts);
/* Grow *buf (of *cap bytes) to hold need bytes; 0, or -1 when out of
 * memory (*buf is then unchanged). */
int cli_reserve(char **buf, size_t *cap, size_t need);
/* Parse a --threads value into *n (NULL: every core). 0, or EXIT_USAGE
 * after a message naming cmd. */
int cli_threads_arg(const char *cmd, const char *value, unsigned *n);
/* Read every positional path (none: standard input), code each document
 * and call fn. Bad records are reported on stderr and skipped. With
 * d->threads > 1 documents are coded in parallel, each by its own coder,
 * but fn, the messages and the counts see them in input order, one at a
 * time (on whichever of the threads is free, the calling thread among
 * them), with d->coder the coder that holds that document's results: fn
 * need not be thread-safe and output is the same for any number of
 * threads. Returns
 * EXIT_OK, EXIT_SKIPPED or EXIT_FAIL (fatal error, --strict, output error). */
int cli_docs_run(cli_docs *d, const cli_args *a, cli_doc_fn fn, void *ud);
/* Writes one coded document's output to out, on the thread that coded it
 * (so several run at once: ud is shared, read-only), with the coder that
 * holds its results; returns how many items it wrote (events, ...). */
typedef unsigned long long (*cli_doc_fmt)(void *ud, dyad_coder *coder, const dyad_doc *doc,
                                          FILE *out);
/* cli_docs_run for a command whose output per document depends on that
 * document alone: fmt writes it as soon as the document is coded, and the
 * loop copies the bytes to stdout in input order and adds fmt's counts up
 * in d->formatted. The coder is free again at once, so the threads go on
 * past a long document with no coder held per document waiting. */
int cli_docs_run_fmt(cli_docs *d, const cli_args *a, cli_doc_fmt fmt, void *ud);
/* Runs on the thread that coded doc, right after (several at once: ud is
 * shared, read-only): keeps what fn will need of the coder's results in
 * *kept, which is NULL the first time for a slot and then what the last
 * call for that slot left there. 0, or -1 when out of memory. */
typedef int (*cli_doc_keep)(void *ud, dyad_coder *coder, const dyad_doc *doc, void **kept);
/* cli_docs_run for a command that needs more of a document than its
 * output but not its coder: keep copies it on the coding thread, and fn
 * sees it, in input order, as d->kept (d->coder is NULL meanwhile). The
 * coder is free again at once, as with cli_docs_run_fmt. kept_free frees
 * each slot's kept at the end. */
int cli_docs_run_keep(cli_docs *d, const cli_args *a, cli_doc_keep keep,
                      void (*kept_free)(void *), cli_doc_fn fn, void *ud);
/* "dyad CMD: N documents read, N coded, N skipped, N WHAT" on stderr, unless -q,
 * and how many were left in no identified language (-v names each). */
void cli_docs_summary(const cli_docs *d, unsigned long long n, const char *what);
void cli_docs_close(cli_docs *d);
/* Load the fr and en syntax models from data_dir (NULL: the default data
 * directory) into d and its coder. required: a missing model is an error
 * (reported, returns EXIT_FAIL); otherwise a missing one is skipped with a
 * note under -v. A damaged or wrong-version model is always an error. */
int cli_docs_load_models(cli_docs *d, const char *data_dir, int required);
/* Load the models (when found) unless --no-syntax was given or --dict
 * replaced dyad's dictionaries, whose patterns code by word order. */
int cli_docs_want_syntax(cli_docs *d, const cli_args *a, const cli_opt *opts, size_t nopts);
/* Apply --one-actor (when given) to d's coders. 0, or EXIT_USAGE after a
 * message for a bad value. */
int cli_docs_one_actor(cli_docs *d, const cli_args *a, const cli_opt *opts, size_t nopts);
/* Commands that need events only: parse just the sentences events are read
 * from (DYAD_SYNTAX_EVENTS), on every coder of the run. */
void cli_docs_parse_for_events(cli_docs *d);
/* Compile and open foreign dictionaries (spec "tabari:..." or "petrarch:...",
 * see dyad_lexicon_open_foreign) for subcommand cmd: conversion warnings on
 * stderr with -v, the per-element counts with -v -v. 0 on success. */
int cli_open_foreign(const char *cmd, const char *spec, dyad_lexicon **lex);

#endif
