/* docloop.c - the loop every document-coding subcommand runs: check the
 * shared options, open the lexicon, read each path with a dyad_reader, code
 * each document, report bad records and coder warnings on stderr, count.
 *
 * Keeping it in one place means `dyad code`, `dyad tokens` and the commands
 * that come later agree on input formats, messages, counts and exit
 * statuses: a bad record is reported as "dyad: FILE:LINE: byte OFFSET: what"
 * and skipped (exit 3 at the end), unless --strict makes it fatal (exit 1).
 */
#include "docloop.h"
#include "foreign.h"
#include "pool.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* Warnings printed per document; the rest are counted in one line. */
#define MAX_WARNINGS_PER_DOC 10

static int valid_date(const char *s)
{
    size_t n = strlen(s);
    if (n != 7 && n != 10)
        return 0;
    for (size_t i = 0; i < n; i++) {
        int dash = i == 4 || i == 7;
        if (dash ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
            return 0;
    }
    int month = (s[5] - '0') * 10 + (s[6] - '0');
    if (month < 1 || month > 12)
        return 0;
    if (n == 10) {
        int day = (s[8] - '0') * 10 + (s[9] - '0');
        if (day < 1 || day > 31)
            return 0;
    }
    return 1;
}

int cli_docs_open(cli_docs *d, const char *cmd, const cli_args *a, const cli_opt *opts,
                  size_t nopts)
{
    memset(d, 0, sizeof *d);
    d->cmd = cmd;
    const char *input = cli_get(a, opts, nopts, "input");
    const char *date = cli_get(a, opts, nopts, "date");
    const char *lang = cli_get(a, opts, nopts, "lang");
    const char *lexpath = cli_get(a, opts, nopts, "lexicon");
    d->strict = cli_get(a, opts, nopts, "strict") != NULL;
    if (cli_threads_arg(cmd, cli_get(a, opts, nopts, "threads"), &d->threads) != 0)
        return EXIT_USAGE;

    dyad_reader_options ro = {DYAD_INPUT_AUTO, NULL, NULL, 0};
    if (!input || strcmp(input, "auto") == 0)
        ro.format = DYAD_INPUT_AUTO;
    else if (strcmp(input, "seed") == 0)
        ro.format = DYAD_INPUT_SEED;
    else if (strcmp(input, "text") == 0)
        ro.format = DYAD_INPUT_TEXT;
    else if (strcmp(input, "jsonl") == 0)
        ro.format = DYAD_INPUT_JSONL;
    else if (strcmp(input, "html") == 0)
        ro.format = DYAD_INPUT_HTML;
    else if (strcmp(input, "warc") == 0)
        ro.format = DYAD_INPUT_WARC;
    else {
        fprintf(stderr, "dyad %s: --input must be auto, seed, text, jsonl, html or warc, not '%s'\n",
                cmd, input);
        return EXIT_USAGE;
    }
    if (date && !valid_date(date)) {
        fprintf(stderr, "dyad %s: --date must be YYYY-MM or YYYY-MM-DD, not '%s'\n", cmd, date);
        return EXIT_USAGE;
    }
    if (lang && strcmp(lang, "fr") != 0 && strcmp(lang, "en") != 0 && strcmp(lang, "auto") != 0) {
        fprintf(stderr, "dyad %s: --lang must be fr, en or auto, not '%s'\n", cmd, lang);
        return EXIT_USAGE;
    }
    ro.date = date;
    ro.lang = lang;

    const char *dict = cli_get(a, opts, nopts, "dict");
    if (dict && lexpath) {
        fprintf(stderr, "dyad %s: --dict and --lexicon exclude each other\n", cmd);
        return EXIT_USAGE;
    }
    if (dict) {
        if (cli_open_foreign(cmd, dict, &d->lex))
            return EXIT_FAIL;
        goto reader;
    }
    char err[512];
    err[0] = '\0';
    dyad_status st = dyad_lexicon_open(lexpath, &d->lex, err, sizeof err);
    if (st != DYAD_OK) {
        d->lex = NULL;
        if (lexpath) {
            fprintf(stderr, "dyad %s: cannot open lexicon %s: %s\n", cmd, lexpath,
                    err[0] ? err : dyad_strerror(st));
            return EXIT_FAIL;
        }
        /* Without dictionaries the text pipeline still runs (sentences,
         * tokens): useful, but the user should know why there are no events. */
        if (cli_verbosity >= 1)
            fprintf(stderr, "dyad %s: warning: no lexicon found (%s); running without "
                            "dictionaries: no actors, no events\n",
                    cmd, err[0] ? err : dyad_strerror(st));
    }
reader:
    d->reader = dyad_reader_new(&ro);
    d->coder = dyad_coder_new(d->lex);
    if (!d->reader || !d->coder) {
        fprintf(stderr, "dyad %s: out of memory\n", cmd);
        return EXIT_FAIL;
    }
    return 0;
}

int cli_threads_arg(const char *cmd, const char *value, unsigned *n)
{
    if (!value) {
        *n = cli_pool_cores();
        return 0;
    }
    char *end = NULL;
    errno = 0;
    unsigned long v = strtoul(value, &end, 10);
    if (errno || end == value || *end || value[0] == '-' || v < 1 || v > 256) {
        fprintf(stderr, "dyad %s: --threads must be a number from 1 to 256, not '%s'\n", cmd,
                value);
        return EXIT_USAGE;
    }
    *n = (unsigned)v;
    return 0;
}

int cli_open_foreign(const char *cmd, const char *spec, dyad_lexicon **lex)
{
    char err[1024];
    err[0] = '\0';
    dyadi_foreign_stats fx;
    dyad_status st = dyadi_foreign_open(spec, NULL, stderr, cli_verbosity >= 2 ? 1 : 0, &fx, lex,
                                        err, sizeof err);
    if (st != DYAD_OK) {
        fprintf(stderr, "dyad %s: cannot load dictionaries %s: %s\n", cmd, spec,
                err[0] ? err : dyad_strerror(st));
        *lex = NULL;
        return -1;
    }
    size_t approx = 0, skipped = 0;
    for (int i = 0; i < DYADI_FX_COUNT; i++) {
        approx += fx.n[i][DYADI_FX_APPROX];
        skipped += fx.n[i][DYADI_FX_SKIPPED];
    }
    if (cli_verbosity >= 1)
        fprintf(stderr, "dyad %s: %s: %zu files, %zu actor/agent and %zu trigger entries; %zu "
                        "elements approximated, %zu skipped (-v -v lists them)\n",
                cmd, spec, fx.files, fx.actors_out, fx.triggers_out, approx, skipped);
    if (cli_verbosity >= 2)
        dyadi_foreign_print(stderr, &fx);
    return 0;
}

void cli_docs_close(cli_docs *d)
{
    dyad_model_free(d->model_fr);
    dyad_model_free(d->model_en);
    d->model_fr = d->model_en = NULL;
    dyad_coder_free(d->coder);
    dyad_reader_free(d->reader);
    dyad_lexicon_free(d->lex);
    d->coder = NULL;
    d->reader = NULL;
    d->lex = NULL;
}

/* The coder's warnings on doc, to f (the slot's report); how many. */
static size_t print_warnings(FILE *f, dyad_coder *c, const char *file, const dyad_doc *doc)
{
    size_t n = 0;
    const dyad_warning *w = dyad_coder_warnings(c, &n);
    if (cli_verbosity < 1 || !w)
        return 0;
    for (size_t i = 0; i < n && i < MAX_WARNINGS_PER_DOC; i++)
        fprintf(f, "dyad: %s: doc %s: byte %lu: %s\n", file, doc->id,
                (unsigned long)w[i].offset, w[i].what ? w[i].what : "warning");
    if (n > MAX_WARNINGS_PER_DOC)
        fprintf(f, "dyad: %s: doc %s: %zu more warnings\n", file, doc->id,
                n - MAX_WARNINGS_PER_DOC);
    return n;
}

/* Progress on a terminal only, at most once a second. */
static void progress(const cli_docs *d, time_t *last, int done)
{
    static int shown;
    if (cli_verbosity < 1 || !isatty(STDERR_FILENO))
        return;
    if (done) {
        if (shown)
            fputs("\r\033[K", stderr);
        return;
    }
    time_t now = time(NULL);
    if (now == *last)
        return;
    *last = now;
    shown = 1;
    fprintf(stderr, "\rdyad %s: %llu documents...", d->cmd, d->read);
}

/* A record or file was skipped: report it; nonzero when the run must stop. */
static int skip(cli_docs *d, dyad_status st, const char *msg)
{
    d->read++;
    d->skipped++;
    fprintf(stderr, "dyad: %s\n", msg && msg[0] ? msg : dyad_strerror(st));
    return d->strict || st == DYAD_ERR_NOMEM;
}

/* The threads of -j N: N of them, the calling thread one, and each does
 * whatever is next, in this order of preference: write the oldest documents
 * that are coded (in input order, one thread at a time), code the oldest
 * document read, read documents (one thread at a time). A thread sleeps
 * only when none of the three is possible: the ring is full behind the
 * oldest document, still being coded, or the input is read.
 *
 * Before this, the calling thread only read, handed out and wrote while N
 * workers coded: a hand-off, a lock and a wake-up per document on each
 * side, 0.2-0.4 s of system time per 8,783 documents where one thread
 * spends 0.02 s, and a third thread on two cores (docs/BENCHMARKS.md,
 * "Issue 18: every thread reads, codes and writes"). Here the thread that
 * reads a document usually codes it, a document coded next in order is
 * written by the thread that coded it, and a thread is woken only when it
 * sleeps and there is work for it.
 *
 * Documents in flight let the threads go on past a long document while it
 * holds the output up. With cli_docs_run a document keeps its coder (the
 * results fn reads) from coding until it is written, so SLOTS_PER_THREAD
 * is small; with cli_docs_run_fmt its output is written on the coding
 * thread (with cli_docs_run_keep, what fn needs is copied there) and the
 * coder is free at once, so FMT_SLOTS_PER_THREAD can cover
 * a document 30 times the average (the 20 MB corpus has 1% above 10x,
 * the longest 54x) with as many coders as threads. Coders are made when
 * none is free and reused the last given back first, so the few in steady
 * use stay warm (their stem caches, their memory in the CPU's caches):
 * handing them out in slot order spread the documents over every coder,
 * and with 12 of them `--no-syntax -j 2` spent 50% more CPU than `-j 1`.
 * IN_FLIGHT_BYTES bounds the text held (plus one document), whatever the
 * number of threads. READ_BURST is how many documents a thread reads
 * before it codes one. */
#define SLOTS_PER_THREAD 4
#define FMT_SLOTS_PER_THREAD 32
#define IN_FLIGHT_BYTES ((size_t)64 << 20)
#define READ_BURST 8

/* A growing buffer written through stdio (open_memstream), reused from
 * one document to the next. */
typedef struct stream {
    FILE *f;
    char *buf;
    size_t size, len;           /* size: open_memstream's; len: this document's bytes */
} stream;

/* Rewind s for a new document, opening it the first time; -1 when out of memory. */
static int stream_start(stream *s)
{
    s->len = 0;
    if (!s->f)
        return (s->f = open_memstream(&s->buf, &s->size)) ? 0 : -1;
    return fseek(s->f, 0, SEEK_SET) == 0 ? 0 : -1;
}

/* Close the document's bytes: s->buf holds s->len of them. */
static int stream_end(stream *s)
{
    if (fflush(s->f) != 0)
        return -1;
    long n = ftell(s->f);
    if (n < 0)
        return -1;
    s->len = (size_t)n;
    return 0;
}

static void stream_free(stream *s)
{
    if (s->f)
        fclose(s->f);
    free(s->buf);
}

/* One record between the reader and fn: a copy of the document (the
 * reader's is valid only until its next record) and the coder that codes
 * it, or a reader error to report in its turn. */
typedef struct doc_slot {
    int is_error;
    int done;                   /* coded (or an error): may be written */
    dyad_status st;             /* the reader's error, or dyad_coder_run's status */
    dyad_coder *coder;          /* taken while the document is coded, and kept until it is
                                 * written unless a cli_doc_fmt wrote its output */
    dyad_doc doc;               /* strings point into buf */
    const char *file, *msg;     /* into buf; msg for errors only */
    unsigned long long line, offset;
    char *buf;
    size_t cap;
    /* what the coding thread found, for the writing one: */
    int nomem, und;
    stream report;              /* the coder's warnings, for stderr */
    stream out;                 /* cli_doc_fmt's output, for stdout */
    unsigned long long count;   /* what cli_doc_fmt returned */
    void *kept;                 /* what cli_doc_keep kept */
    char why[1024];             /* why the coder failed, when st != DYAD_OK */
} doc_slot;

/* Where a thread's time went, for DYAD_THREAD_STATS. */
typedef struct thread_stats {
    unsigned long long read, coded, written, waits;
    double code_s, wait_s;
} thread_stats;

typedef struct run_state {
    cli_docs *d;
    cli_doc_fn fn;              /* one of fn and fmt */
    cli_doc_fmt fmt;
    cli_doc_keep keep;          /* with fn: the results kept on the coding thread */
    void (*kept_free)(void *);
    void *ud;
    const char *const *paths;
    size_t npaths, path;        /* the next path to open */
    int in_file;                /* the reader has paths[path - 1] open */
    int eof;                    /* read no further: input read, a fatal error queued, or the run ended */
    pthread_mutex_t mu;         /* guards everything below, and the reader and fn by their flags */
    pthread_cond_t wake;        /* work for a sleeping thread, or the end */
    doc_slot *slots;
    size_t nslots;
    size_t head, next, tail;    /* counters, slot = counter % nslots: [head, next) coding or
                                 * done, [next, tail) read and waiting to be coded */
    size_t bytes;               /* text held in the slots */
    int reading, writing;       /* a thread reads; a thread runs fn */
    unsigned sleeping;
    dyad_coder **all, **free;   /* every coder made (all[0] the caller's), and the free ones */
    size_t nall, nfree;
    thread_stats *stats;        /* per thread, the caller's first */
    time_t last;
    int rc;                     /* EXIT_OK until something ends the run */
} run_state;

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* A coder for a document about to be coded (under mu): the one given back
 * last, or a new one. NULL when out of memory. */
static dyad_coder *coder_take(run_state *r)
{
    if (r->nfree)
        return r->free[--r->nfree];
    if (r->nall == r->nslots)
        return NULL;    /* cannot happen: a coder per slot at most */
    cli_docs *d = r->d;
    dyad_coder *c = dyad_coder_new(d->lex);
    if (!c)
        return NULL;
    if (d->model_fr)
        dyad_coder_set_model(c, "fr", d->model_fr);
    if (d->model_en)
        dyad_coder_set_model(c, "en", d->model_en);
    dyad_coder_set_syntax(c, d->syntax_mode);
    if (d->one_actor)
        dyad_coder_set_option(c, "one_actor", d->one_actor);
    r->all[r->nall++] = c;
    return c;
}

int cli_reserve(char **buf, size_t *cap, size_t need)
{
    if (need <= *cap)
        return 0;
    char *b = realloc(*buf, need);
    if (!b)
        return -1;
    *buf = b;
    *cap = need;
    return 0;
}

static size_t len0(const char *s)
{
    return s ? strlen(s) + 1 : 0;
}

/* Copy s (n bytes, NUL added) at *pos in the slot's buffer; NULL stays NULL. */
static const char *put(doc_slot *s, size_t *pos, const char *str, size_t n)
{
    if (!str)
        return NULL;
    char *p = s->buf + *pos;
    memcpy(p, str, n);
    p[n] = '\0';
    *pos += n + 1;
    return p;
}

static int slot_fill(doc_slot *s, const char *file, const char *msg, const dyad_doc *doc)
{
    size_t need = len0(file) + len0(msg) + 1;
    if (doc)
        need += len0(doc->id) + len0(doc->date) + len0(doc->lang) + len0(doc->title) +
                len0(doc->url) + len0(doc->source) + doc->text_len + 1;
    if (cli_reserve(&s->buf, &s->cap, need) != 0)
        return -1;
    size_t pos = 0;
    s->file = put(s, &pos, file, len0(file) ? len0(file) - 1 : 0);
    s->msg = put(s, &pos, msg, len0(msg) ? len0(msg) - 1 : 0);
    s->is_error = doc == NULL;
    s->done = 0;
    s->coder = NULL;
    s->nomem = s->und = 0;
    s->report.len = s->out.len = 0;
    s->count = 0;
    memset(&s->doc, 0, sizeof s->doc);
    if (doc) {
        const char **dst[6] = {&s->doc.id, &s->doc.date, &s->doc.lang,
                               &s->doc.title, &s->doc.url, &s->doc.source};
        const char *src[6] = {doc->id, doc->date, doc->lang, doc->title, doc->url, doc->source};
        for (int i = 0; i < 6; i++)
            *dst[i] = put(s, &pos, src[i], len0(src[i]) ? len0(src[i]) - 1 : 0);
        s->doc.text = put(s, &pos, doc->text, doc->text_len);
        s->doc.text_len = doc->text_len;
        s->doc.body = doc->body;
    }
    return 0;
}

/* Report, count and hand one slot to fn (or write its output), as the
 * one-thread loop did. 0 to go on, else the exit status that ends the run. */
static int deliver(run_state *r, doc_slot *s)
{
    cli_docs *d = r->d;
    if (s->is_error)
        return skip(d, s->st, s->msg) ? EXIT_FAIL : 0;
    if (s->nomem) {
        fprintf(stderr, "dyad %s: out of memory\n", d->cmd);
        return EXIT_FAIL;
    }
    if (s->report.len)
        fwrite(s->report.buf, 1, s->report.len, stderr);
    if (s->st != DYAD_OK)
        return skip(d, s->st, s->why) ? EXIT_FAIL : 0;
    d->read++;
    d->coded++;
    if (s->und) {
        d->und++;
        if (cli_verbosity >= 2)
            fprintf(stderr, "dyad: %s:%llu: doc %s: language not identified (und), so no "
                            "events were coded; give it with --lang fr|en or the "
                            "record's \"lang\"\n", s->file, s->line, s->doc.id);
    }
    if (r->fmt) {
        d->formatted += s->count;
        if (s->out.len && fwrite(s->out.buf, 1, s->out.len, stdout) != s->out.len)
            return EXIT_FAIL;
    } else {
        d->coder = s->coder;
        d->kept = s->kept;
        int rc = r->fn(r->ud, d, &s->doc);
        if (rc != 0)
            return rc;
    }
    if ((d->read & 255) == 0)
        progress(d, &r->last, 0);
    return 0;
}

/* On the thread that coded s, right after: keep what the writing thread
 * will report, and with a cli_doc_fmt the output too, so the coder can go
 * back to the free ones at once. */
static void after_coding(run_state *r, doc_slot *s)
{
    s->und = 0;
    s->report.len = 0;
    if (dyad_coder_warnings(s->coder, &(size_t){0}) && cli_verbosity >= 1) {
        if (stream_start(&s->report) != 0)
            goto nomem;
        print_warnings(s->report.f, s->coder, s->file, &s->doc);
        if (stream_end(&s->report) != 0)
            goto nomem;
    }
    if (s->st != DYAD_OK) {
        const char *why = dyad_errmsg(s->coder);
        snprintf(s->why, sizeof s->why, "%s:%llu: byte %llu: doc %s: %s", s->file, s->line,
                 s->offset, s->doc.id, why && why[0] ? why : dyad_strerror(s->st));
        return;
    }
    s->und = strcmp(dyad_coder_lang(s->coder), "und") == 0;
    if (r->fmt) {
        if (stream_start(&s->out) != 0)
            goto nomem;
        s->count = r->fmt(r->ud, s->coder, &s->doc, s->out.f);
        if (stream_end(&s->out) != 0)
            goto nomem;
    }
    if (r->keep && r->keep(r->ud, s->coder, &s->doc, &s->kept) != 0)
        goto nomem;
    return;
nomem:
    s->nomem = 1;
}

/* Wake one sleeping thread, if any (under mu). */
static void wake_one(run_state *r)
{
    if (r->sleeping)
        pthread_cond_signal(&r->wake);
}

/* Read the next record into slot s: a document, a reader error, or nothing
 * (0) at the end of the input. Called with r->reading set and mu unlocked. */
static int read_one(run_state *r, doc_slot *s)
{
    cli_docs *d = r->d;
    for (;;) {
        dyad_status st;
        if (!r->in_file) {
            if (r->path == r->npaths)
                return 0;
            st = dyad_reader_open(d->reader, r->paths[r->path++]);
            if (st == DYAD_OK) {
                r->in_file = 1;
                continue;
            }
        } else {
            dyad_doc doc;
            st = dyad_reader_next(d->reader, &doc);
            if (st == DYAD_DONE) {
                r->in_file = 0;
                continue;
            }
            if (st == DYAD_OK) {
                if (slot_fill(s, dyad_reader_file(d->reader), NULL, &doc) != 0)
                    goto nomem;
                s->st = DYAD_OK;
                goto located;
            }
        }
        /* an error, queued to be reported in its turn; a fatal one ends the reading */
        if (d->strict || st == DYAD_ERR_NOMEM)
            r->path = r->npaths, r->in_file = 0;
        if (slot_fill(s, NULL, dyad_reader_errmsg(d->reader), NULL) != 0)
            goto nomem;
        s->st = st;
        goto located;
    }
located:
    s->line = dyad_reader_line(d->reader);
    s->offset = dyad_reader_offset(d->reader);
    return 1;
nomem:
    return -1;
}

/* Write the oldest documents while they are coded, in input order (under
 * mu, r->writing set by the caller; mu is let go around fn). */
static void write_done(run_state *r, thread_stats *ts)
{
    while (r->head != r->next && r->slots[r->head % r->nslots].done) {
        doc_slot *s = &r->slots[r->head % r->nslots];
        if (r->rc == EXIT_OK) {
            pthread_mutex_unlock(&r->mu);
            int rc = deliver(r, s);
            pthread_mutex_lock(&r->mu);
            if (rc != EXIT_OK) {
                r->rc = rc;
                r->eof = 1;
            }
        }
        if (s->coder) {
            r->free[r->nfree++] = s->coder;
            s->coder = NULL;
        }
        r->bytes -= s->doc.text_len;
        r->head++;
        ts->written++;
    }
}

/* Code the oldest document read (under mu; mu is let go while it is coded). */
static void code_next(run_state *r, thread_stats *ts)
{
    doc_slot *s = &r->slots[r->next++ % r->nslots];
    if (!s->is_error && r->rc == EXIT_OK) {
        s->coder = coder_take(r);
        s->nomem = s->coder == NULL;
        pthread_mutex_unlock(&r->mu);
        double t0 = now_s();
        if (s->coder) {
            s->st = dyad_coder_run(s->coder, &s->doc);
            after_coding(r, s);
        }
        double t1 = now_s();
        pthread_mutex_lock(&r->mu);
        if (s->coder && (r->fmt || r->keep)) {
            r->free[r->nfree++] = s->coder;
            s->coder = NULL;
        }
        ts->code_s += t1 - t0;
        ts->coded++;
    }
    s->done = 1;
}

/* Read up to READ_BURST records into free slots (under mu, r->reading set
 * by the caller; mu is let go while reading). Each is offered to the
 * sleeping threads as soon as it is read. */
static void read_some(run_state *r, thread_stats *ts)
{
    for (int k = 0; k < READ_BURST && !r->eof && r->rc == EXIT_OK; k++) {
        if (r->tail - r->head == r->nslots || r->bytes >= IN_FLIGHT_BYTES)
            break;
        doc_slot *s = &r->slots[r->tail % r->nslots];
        pthread_mutex_unlock(&r->mu);
        int got = read_one(r, s);
        pthread_mutex_lock(&r->mu);
        if (got < 0) {
            fprintf(stderr, "dyad %s: out of memory\n", r->d->cmd);
            r->rc = EXIT_FAIL;
        }
        if (got <= 0) {
            r->eof = 1;
            break;
        }
        r->tail++;
        r->bytes += s->doc.text_len;
        ts->read++;
        wake_one(r);
    }
}

typedef struct thread_arg {
    run_state *r;
    thread_stats *ts;
} thread_arg;

static void *run_thread(void *arg)
{
    thread_arg *ta = arg;
    run_state *r = ta->r;
    thread_stats *ts = ta->ts;
    pthread_mutex_lock(&r->mu);
    for (;;) {
        if (!r->writing && r->head != r->next && r->slots[r->head % r->nslots].done) {
            r->writing = 1;
            write_done(r, ts);
            r->writing = 0;
            /* slots were freed: a sleeping thread may read */
            if (!r->eof && !r->reading)
                wake_one(r);
            continue;
        }
        if (r->next != r->tail) {
            code_next(r, ts);
            continue;
        }
        if (!r->reading && !r->eof && r->rc == EXIT_OK && r->tail - r->head < r->nslots &&
            r->bytes < IN_FLIGHT_BYTES) {
            r->reading = 1;
            read_some(r, ts);
            r->reading = 0;
            if (r->eof)
                pthread_cond_broadcast(&r->wake);
            continue;
        }
        if ((r->eof || r->rc != EXIT_OK) && !r->reading && r->head == r->tail)
            break;
        double t0 = now_s();
        r->sleeping++;
        pthread_cond_wait(&r->wake, &r->mu);
        r->sleeping--;
        ts->wait_s += now_s() - t0;
        ts->waits++;
    }
    /* the others may sleep waiting for the end */
    pthread_cond_broadcast(&r->wake);
    pthread_mutex_unlock(&r->mu);
    return NULL;
}

static int run_docs(cli_docs *d, const cli_args *a, cli_doc_fn fn, cli_doc_fmt fmt,
                    cli_doc_keep keep, void (*kept_free)(void *), void *ud)
{
    static const char *const stdin_only[] = {"-"};
    run_state r;
    memset(&r, 0, sizeof r);
    r.d = d;
    r.fn = fn;
    r.fmt = fmt;
    r.keep = keep;
    r.kept_free = kept_free;
    r.ud = ud;
    r.paths = a->npos ? a->pos : stdin_only;
    r.npaths = a->npos ? a->npos : 1;
    r.last = time(NULL);
    unsigned nthreads = d->threads ? d->threads : 1;
    if (nthreads > 1 && dyad_coder_sequential(d->coder)) {
        if (cli_verbosity >= 2)
            fprintf(stderr, "dyad %s: note: the dictionaries' FORWARD option carries actors "
                            "from one document to the next: coding on one thread\n", d->cmd);
        nthreads = 1;
    }
    dyad_coder *own = d->coder;
    pthread_t *th = NULL;
    thread_arg *args = NULL;
    unsigned started = 0;
    r.nslots = nthreads == 1 ? 1
                             : (size_t)nthreads * (fmt || keep ? FMT_SLOTS_PER_THREAD
                                                               : SLOTS_PER_THREAD);
    pthread_mutex_init(&r.mu, NULL);
    pthread_cond_init(&r.wake, NULL);
    r.slots = calloc(r.nslots, sizeof *r.slots);
    r.all = calloc(r.nslots, sizeof *r.all);
    r.free = calloc(r.nslots, sizeof *r.free);
    r.stats = calloc(nthreads, sizeof *r.stats);
    th = calloc(nthreads, sizeof *th);
    args = calloc(nthreads, sizeof *args);
    if (!r.slots || !r.all || !r.free || !r.stats || !th || !args)
        goto nomem;
    r.all[r.nall++] = own;
    r.free[r.nfree++] = own;
    for (unsigned i = 0; i < nthreads; i++)
        args[i] = (thread_arg){&r, &r.stats[i]};
    for (unsigned i = 1; i < nthreads; i++) {
        if (pthread_create(&th[i], NULL, run_thread, &args[i]) != 0) {
            /* the threads started finish the run without the others */
            pthread_mutex_lock(&r.mu);
            r.rc = EXIT_FAIL;
            r.eof = 1;
            pthread_cond_broadcast(&r.wake);
            pthread_mutex_unlock(&r.mu);
            fprintf(stderr, "dyad %s: cannot start a thread\n", d->cmd);
            break;
        }
        started++;
    }
    run_thread(&args[0]);
    for (unsigned i = 1; i <= started; i++)
        pthread_join(th[i], NULL);
    /* for profiling (docs/BENCHMARKS.md, "Threads"): where each thread's
     * time went; not an option, since -v's messages must not depend on -j */
    const char *ts = getenv("DYAD_THREAD_STATS");
    if (ts && *ts && strcmp(ts, "0") != 0 && nthreads > 1) {
        fprintf(stderr, "dyad %s: %zu coders for %zu documents in flight at most\n", d->cmd,
                r.nall, r.nslots);
        for (unsigned i = 0; i <= started; i++)
            fprintf(stderr, "dyad %s: thread %u (%s): read %llu, coded %llu documents in "
                            "%.2f s, wrote %llu, waited %llu times, %.2f s\n", d->cmd, i,
                    i ? "worker" : "main", r.stats[i].read, r.stats[i].coded,
                    r.stats[i].code_s, r.stats[i].written, r.stats[i].waits, r.stats[i].wait_s);
    }
    goto done;
nomem:
    fprintf(stderr, "dyad %s: out of memory\n", d->cmd);
    r.rc = EXIT_FAIL;
done:
    d->coder = own;
    for (size_t i = 0; r.slots && i < r.nslots; i++) {
        free(r.slots[i].buf);
        stream_free(&r.slots[i].report);
        stream_free(&r.slots[i].out);
        if (r.kept_free)
            r.kept_free(r.slots[i].kept);
    }
    d->kept = NULL;
    for (size_t i = 1; i < r.nall; i++)
        dyad_coder_free(r.all[i]);
    free(r.all);
    free(r.free);
    free(r.stats);
    free(th);
    free(args);
    pthread_cond_destroy(&r.wake);
    pthread_mutex_destroy(&r.mu);
    free(r.slots);
    progress(d, &r.last, 1);
    int rc = r.rc;
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "dyad %s: cannot write the output: %s\n", d->cmd, strerror(errno));
        rc = EXIT_FAIL;
    }
    if (rc == EXIT_OK && d->skipped)
        rc = EXIT_SKIPPED;
    return rc;
}

int cli_docs_run(cli_docs *d, const cli_args *a, cli_doc_fn fn, void *ud)
{
    return run_docs(d, a, fn, NULL, NULL, NULL, ud);
}

int cli_docs_run_fmt(cli_docs *d, const cli_args *a, cli_doc_fmt fmt, void *ud)
{
    return run_docs(d, a, NULL, fmt, NULL, NULL, ud);
}

int cli_docs_run_keep(cli_docs *d, const cli_args *a, cli_doc_keep keep,
                      void (*kept_free)(void *), cli_doc_fn fn, void *ud)
{
    return run_docs(d, a, fn, NULL, keep, kept_free, ud);
}

void cli_docs_summary(const cli_docs *d, unsigned long long n, const char *what)
{
    if (cli_verbosity < 1)
        return;
    fprintf(stderr, "dyad %s: %llu documents read, %llu coded, %llu skipped, %llu %s", d->cmd,
            d->read, d->coded, d->skipped, n, what);
    if (d->und)
        fprintf(stderr, "; %llu in no identified language (und)%s", d->und,
                cli_verbosity >= 2 ? "" : ", -v names them");
    uint64_t other = dyad_reader_skipped(d->reader);
    if (other)
        fprintf(stderr, "; %llu WARC records without an HTML page left out (requests, "
                        "metadata, other content, redirects)", (unsigned long long)other);
    fputc('\n', stderr);
}

int cli_docs_load_models(cli_docs *d, const char *data_dir, int required)
{
    static const char *const langs[2] = {"fr", "en"};
    dyad_model **slot[2] = {&d->model_fr, &d->model_en};
    for (int i = 0; i < 2; i++) {
        char err[512];
        dyad_status st = dyad_model_open_lang(data_dir, langs[i], slot[i], err, sizeof err);
        if (st == DYAD_ERR_NOTFOUND && !required) {
            if (cli_verbosity >= 2)
                fprintf(stderr, "dyad %s: note: %s\n", d->cmd, err);
            continue;
        }
        if (st != DYAD_OK) {
            fprintf(stderr, "dyad %s: %s\n", d->cmd, err);
            return EXIT_FAIL;
        }
        dyad_coder_set_model(d->coder, langs[i], *slot[i]);
    }
    return 0;
}

int cli_docs_want_syntax(cli_docs *d, const cli_args *a, const cli_opt *opts, size_t nopts)
{
    if (cli_get(a, opts, nopts, "no-syntax") || cli_get(a, opts, nopts, "dict"))
        return 0;
    return cli_docs_load_models(d, NULL, 0);
}

int cli_docs_one_actor(cli_docs *d, const cli_args *a, const cli_opt *opts, size_t nopts)
{
    const char *v = cli_get(a, opts, nopts, "one-actor");
    if (!v)
        return 0;
    if (dyad_coder_set_option(d->coder, "one_actor", v) != DYAD_OK) {
        fprintf(stderr, "dyad %s: --one-actor must be kinds, all or none, not '%s'\n", d->cmd, v);
        return EXIT_USAGE;
    }
    d->one_actor = v;
    return 0;
}

void cli_docs_parse_for_events(cli_docs *d)
{
    d->syntax_mode = DYAD_SYNTAX_EVENTS;
    dyad_coder_set_syntax(d->coder, DYAD_SYNTAX_EVENTS);
}
