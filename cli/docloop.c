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

#include <errno.h>
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

    dyad_reader_options ro = {DYAD_INPUT_AUTO, NULL, NULL, 0};
    if (!input || strcmp(input, "auto") == 0)
        ro.format = DYAD_INPUT_AUTO;
    else if (strcmp(input, "seed") == 0)
        ro.format = DYAD_INPUT_SEED;
    else if (strcmp(input, "text") == 0)
        ro.format = DYAD_INPUT_TEXT;
    else if (strcmp(input, "jsonl") == 0)
        ro.format = DYAD_INPUT_JSONL;
    else {
        fprintf(stderr, "dyad %s: --input must be auto, seed, text or jsonl, not '%s'\n", cmd,
                input);
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

static void print_warnings(const cli_docs *d, const char *file, const dyad_doc *doc)
{
    size_t n = 0;
    const dyad_warning *w = dyad_coder_warnings(d->coder, &n);
    if (cli_verbosity < 1 || !w)
        return;
    for (size_t i = 0; i < n && i < MAX_WARNINGS_PER_DOC; i++)
        fprintf(stderr, "dyad: %s: doc %s: byte %lu: %s\n", file, doc->id,
                (unsigned long)w[i].offset, w[i].what ? w[i].what : "warning");
    if (n > MAX_WARNINGS_PER_DOC)
        fprintf(stderr, "dyad: %s: doc %s: %zu more warnings\n", file, doc->id,
                n - MAX_WARNINGS_PER_DOC);
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

int cli_docs_run(cli_docs *d, const cli_args *a, cli_doc_fn fn, void *ud)
{
    static const char *const stdin_only[] = {"-"};
    const char *const *paths = a->npos ? a->pos : stdin_only;
    size_t npaths = a->npos ? a->npos : 1;
    time_t last = time(NULL);
    int rc = EXIT_OK;
    for (size_t p = 0; p < npaths && rc == EXIT_OK; p++) {
        dyad_status st = dyad_reader_open(d->reader, paths[p]);
        if (st != DYAD_OK) {
            if (skip(d, st, dyad_reader_errmsg(d->reader)))
                rc = EXIT_FAIL;
            continue;
        }
        for (;;) {
            dyad_doc doc;
            st = dyad_reader_next(d->reader, &doc);
            if (st == DYAD_DONE)
                break;
            if (st != DYAD_OK) {
                if (skip(d, st, dyad_reader_errmsg(d->reader))) {
                    rc = EXIT_FAIL;
                    break;
                }
                continue;
            }
            const char *file = dyad_reader_file(d->reader);
            st = dyad_coder_run(d->coder, &doc);
            print_warnings(d, file, &doc);
            if (st != DYAD_OK) {
                char msg[1024];
                const char *why = dyad_errmsg(d->coder);
                snprintf(msg, sizeof msg, "%s:%llu: byte %llu: doc %s: %s", file,
                         (unsigned long long)dyad_reader_line(d->reader),
                         (unsigned long long)dyad_reader_offset(d->reader), doc.id,
                         why && why[0] ? why : dyad_strerror(st));
                if (skip(d, st, msg)) {
                    rc = EXIT_FAIL;
                    break;
                }
                continue;
            }
            d->read++;
            d->coded++;
            if (strcmp(dyad_coder_lang(d->coder), "und") == 0) {
                d->und++;
                if (cli_verbosity >= 2)
                    fprintf(stderr, "dyad: %s:%llu: doc %s: language not identified (und), so no "
                                    "events were coded; give it with --lang fr|en or the "
                                    "record's \"lang\"\n", file,
                            (unsigned long long)dyad_reader_line(d->reader), doc.id);
            }
            int r = fn(ud, d, &doc);
            if (r != 0) {
                rc = r;
                break;
            }
            if ((d->read & 255) == 0)
                progress(d, &last, 0);
        }
    }
    progress(d, &last, 1);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "dyad %s: cannot write the output: %s\n", d->cmd, strerror(errno));
        rc = EXIT_FAIL;
    }
    if (rc == EXIT_OK && d->skipped)
        rc = EXIT_SKIPPED;
    return rc;
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
