/* cmd_eval.c - `dyad eval`: code gold-standard records and score the result.
 *
 * A thin client of the gold readers and the scorer in dyad.h: every record
 * of every GOLD file is coded as its own document (with the record's date
 * and language) and added to one scorer, then a report goes to stdout,
 * readable or as one JSON object (--json, which also lists the records
 * that are not fully correct, with their errors) for tools/accuracy.sh and
 * tools/suite_failures.py. Malformed records are reported on stderr with
 * their line and skipped; they make the exit status 3, as for the other
 * subcommands. The dictionaries a
 * suite was built for are named in the report but not loaded: dyad is
 * measured with its own lexicon.
 */
#include "cli.h"

#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "docloop.h"
#include "pool.h"

static const cli_opt eval_opts[] = {
    {"format", 'f', "FMT", "gold format: auto, dyad, tabari, petrarch, plover, cameo-csv (default auto)"},
    {"lexicon", 'l', "FILE", "compiled lexicon (default: $DYAD_LEXICON, then beside dyad)"},
    {"dict", 0, "SPEC", "code with these TABARI/PETRARCH dictionaries (tabari:FILE.project, petrarch:DIR); default: the ones a suite names"},
    {"lang", 0, "LANG", "code every record as fr or en (default: the record's, else identify)"},
    {"json", 0, NULL, "print one JSON object instead of the readable report"},
    {"show-errors", 'e', NULL, "list every miss and false alarm with its text and rule"},
    {"limit", 'n', "N", "stop after N records in all (0: no limit)"},
    {"threads", 'j', "N", "code on N threads (default: every core); the report is the same for any N"},
    {"no-syntax", 0, NULL, "code without the tagger and parser (word order only), as dyad did before them"},
};
#define NOPTS (sizeof eval_opts / sizeof eval_opts[0])

/* One GOLD file as reported. */
typedef struct eval_file {
    const char *path;
    const char *format;
    dyad_gold_counts counts;
    char **dicts;
    size_t ndicts;
    int opened;
    int loaded;         /* the suite's dictionaries were used */
} eval_file;

static void free_files(eval_file *f, size_t n)
{
    for (size_t i = 0; f && i < n; i++) {
        for (size_t k = 0; k < f[i].ndicts; k++)
            free(f[i].dicts[k]);
        free(f[i].dicts);
    }
    free(f);
}

/* Keep the dictionary names past dyad_gold_free, for the report. */
static int keep_dicts(eval_file *ef, const dyad_gold *g)
{
    size_t n = 0;
    const char *const *d = dyad_gold_dictionaries(g, &n);
    if (!n)
        return 0;
    ef->dicts = calloc(n, sizeof *ef->dicts);
    if (!ef->dicts)
        return -1;
    for (size_t i = 0; i < n; i++) {
        ef->dicts[i] = strdup(d[i]);
        if (!ef->dicts[i])
            return -1;
        ef->ndicts++;
    }
    return 0;
}

static const char *kind_name(dyad_score_error_kind k)
{
    switch (k) {
    case DYAD_SCORE_MISS: return "miss";
    case DYAD_SCORE_FALSE_ALARM: return "false-alarm";
    case DYAD_SCORE_MUST_NOT: return "must-not";
    case DYAD_SCORE_INEXACT: return "inexact";
    }
    return "?";
}

static const char *or_dash(const char *s) { return s ? s : "-"; }

static void print_event(FILE *f, const dyad_score_event *e)
{
    fprintf(f, "%s -> %s %s", or_dash(e->source), or_dash(e->target),
            e->code ? e->code : or_dash(e->plover));
    if (e->rule)
        fprintf(f, " (rule %s)", e->rule);
}

static void print_counts(FILE *f, const char *name, const dyad_score_counts *c)
{
    fprintf(f, "  %-8s %9.4f %7.4f %7.4f %7llu %7llu %7llu\n", name, c->precision, c->recall, c->f1,
            (unsigned long long)c->tp, (unsigned long long)c->fp, (unsigned long long)c->fn);
}

static double share(uint64_t part, uint64_t whole)
{
    return whole ? 100.0 * (double)part / (double)whole : 0.0;
}

static void report_text(FILE *f, const dyad_scorer *s, const eval_file *files, size_t nfiles,
                        int show_errors)
{
    dyad_score_summary sum;
    dyad_scorer_summary(s, &sum);
    for (size_t i = 0; i < nfiles; i++) {
        const eval_file *ef = &files[i];
        if (!ef->opened)
            continue;
        fprintf(f, "%s (%s): %llu records scored", ef->path, ef->format,
                (unsigned long long)ef->counts.records);
        if (ef->counts.malformed || ef->counts.control || ef->counts.unannotated)
            fprintf(f, "; skipped %llu malformed, %llu control, %llu unannotated",
                    (unsigned long long)ef->counts.malformed, (unsigned long long)ef->counts.control,
                    (unsigned long long)ef->counts.unannotated);
        fputc('\n', f);
        if (ef->ndicts) {
            fprintf(f, "  note: the suite names dictionaries");
            for (size_t k = 0; k < ef->ndicts; k++)
                fprintf(f, "%s %s", k ? "," : "", ef->dicts[k]);
            fprintf(f, ef->loaded ? " (loaded)\n"
                                  : " (not loaded: dyad is scored with its own lexicon)\n");
        }
    }
    fprintf(f, "\nrecords %llu, gold events %llu, produced events %llu"
               " (ignored: %llu negated or only possible, %llu without target)\n\n",
            (unsigned long long)sum.records, (unsigned long long)sum.gold_events,
            (unsigned long long)sum.produced_events, (unsigned long long)sum.negated_ignored,
            (unsigned long long)sum.untargeted_ignored);
    fprintf(f, "  %-8s %9s %7s %7s %7s %7s %7s\n", "", "precision", "recall", "f1", "tp", "fp", "fn");
    print_counts(f, "lenient", &sum.lenient);
    print_counts(f, "strict", &sum.strict);
    fprintf(f, "  must_not hits (counted as false alarms): %llu\n", (unsigned long long)sum.must_not_hits);
    fprintf(f, "  records fully correct: lenient %llu/%llu (%.1f%%), strict %llu/%llu (%.1f%%)\n",
            (unsigned long long)sum.records_correct_lenient, (unsigned long long)sum.records,
            share(sum.records_correct_lenient, sum.records),
            (unsigned long long)sum.records_correct_strict, (unsigned long long)sum.records,
            share(sum.records_correct_strict, sum.records));
    if (sum.code_only)
        fprintf(f, "  code-only records %llu: root accuracy %.4f (%llu), full-code accuracy %.4f (%llu)\n",
                (unsigned long long)sum.code_only, sum.root_accuracy,
                (unsigned long long)sum.code_only_root_ok, sum.code_accuracy,
                (unsigned long long)sum.code_only_code_ok);

    size_t nr = 0, nc = 0, ng = 0;
    const dyad_score_category *cat = dyad_scorer_categories(s, &ng);
    if (ng) {
        fprintf(f, "\nrecords fully correct per category\n  %-12s %7s %15s %15s\n", "category", "records",
                "lenient", "strict");
        for (size_t i = 0; i < ng; i++)
            fprintf(f, "  %-12s %7llu %7llu %6.1f%% %7llu %6.1f%%\n", cat[i].label,
                    (unsigned long long)cat[i].records, (unsigned long long)cat[i].correct_lenient,
                    share(cat[i].correct_lenient, cat[i].records), (unsigned long long)cat[i].correct_strict,
                    share(cat[i].correct_strict, cat[i].records));
    }
    const dyad_score_root *roots = dyad_scorer_roots(s, &nr);
    if (nr) {
        fprintf(f, "\nper root (lenient)\n  %-10s %9s %7s %7s %7s %7s %7s\n", "root", "precision",
                "recall", "f1", "tp", "fp", "fn");
        for (size_t i = 0; i < nr; i++)
            fprintf(f, "  %-10s %9.4f %7.4f %7.4f %7llu %7llu %7llu\n", roots[i].label,
                    roots[i].counts.precision, roots[i].counts.recall, roots[i].counts.f1,
                    (unsigned long long)roots[i].counts.tp, (unsigned long long)roots[i].counts.fp,
                    (unsigned long long)roots[i].counts.fn);
    }
    const dyad_score_confusion *conf = dyad_scorer_confusion(s, &nc);
    if (nc) {
        fprintf(f, "\nroot confusion (expected -> produced, same actors)\n");
        for (size_t i = 0; i < nc; i++)
            fprintf(f, "  %-10s -> %-10s %llu\n", conf[i].expected, conf[i].produced,
                    (unsigned long long)conf[i].count);
    }
    if (!show_errors)
        return;
    size_t ne = 0;
    const dyad_score_error *err = dyad_scorer_errors(s, &ne);
    fprintf(f, "\nerrors (%zu)\n", ne);
    const char *last = NULL;
    for (size_t i = 0; i < ne; i++) {
        const dyad_score_error *e = &err[i];
        if (e->record_id != last) {
            fprintf(f, "\n%s (line %llu): %s\n", e->record_id, (unsigned long long)e->line, e->text);
            last = e->record_id;
        }
        fprintf(f, "  %-11s ", kind_name(e->kind));
        if (e->kind == DYAD_SCORE_MISS || e->kind == DYAD_SCORE_INEXACT) {
            fputs("expected ", f);
            print_event(f, &e->expected);
        }
        if (e->produced.code || e->produced.plover || e->produced.source) {
            fputs(e->kind == DYAD_SCORE_MISS || e->kind == DYAD_SCORE_INEXACT ? "; produced " : "produced ", f);
            print_event(f, &e->produced);
        }
        if (e->kind == DYAD_SCORE_MUST_NOT) {
            fputs("; must_not ", f);
            print_event(f, &e->expected);
        }
        fputc('\n', f);
    }
}

static json_t *counts_json(const dyad_score_counts *c)
{
    json_t *o = json_object();
    json_object_set_new(o, "precision", json_real(c->precision));
    json_object_set_new(o, "recall", json_real(c->recall));
    json_object_set_new(o, "f1", json_real(c->f1));
    json_object_set_new(o, "tp", json_integer((json_int_t)c->tp));
    json_object_set_new(o, "fp", json_integer((json_int_t)c->fp));
    json_object_set_new(o, "fn", json_integer((json_int_t)c->fn));
    return o;
}

static json_t *str_or_null(const char *s) { return s ? json_string(s) : json_null(); }

static json_t *event_json(const dyad_score_event *e)
{
    json_t *o = json_object();
    json_object_set_new(o, "source", str_or_null(e->source));
    json_object_set_new(o, "target", str_or_null(e->target));
    json_object_set_new(o, "code", str_or_null(e->code));
    json_object_set_new(o, "plover", str_or_null(e->plover));
    if (e->rule)
        json_object_set_new(o, "rule", json_string(e->rule));
    return o;
}

/* jansson refuses invalid UTF-8; gold texts are checked by the readers'
 * sources, but a stray byte must not drop the whole report. */
static json_t *text_json(const char *s)
{
    json_t *v = s ? json_string(s) : json_null();
    return v ? v : json_string("(text is not valid UTF-8)");
}

/* One miss or false alarm; with_record adds the record's id, line and
 * text (the flat "errors" list; the per-record list has them once). */
static json_t *error_json(const dyad_score_error *err, int with_record)
{
    json_t *e = json_object();
    json_object_set_new(e, "kind", json_string(kind_name(err->kind)));
    if (with_record) {
        json_object_set_new(e, "id", text_json(err->record_id));
        json_object_set_new(e, "line", json_integer((json_int_t)err->line));
        json_object_set_new(e, "text", text_json(err->text));
    }
    if (err->kind != DYAD_SCORE_FALSE_ALARM)
        json_object_set_new(e, "expected", event_json(&err->expected));
    if (err->kind != DYAD_SCORE_MISS || err->produced.code || err->produced.plover)
        json_object_set_new(e, "produced", event_json(&err->produced));
    return e;
}

static int report_json(FILE *f, const dyad_scorer *s, const eval_file *files, size_t nfiles,
                       int show_errors)
{
    dyad_score_summary sum;
    dyad_scorer_summary(s, &sum);
    json_t *o = json_object();
    json_t *fa = json_array();
    for (size_t i = 0; i < nfiles; i++) {
        const eval_file *ef = &files[i];
        json_t *fo = json_object();
        json_object_set_new(fo, "path", json_string(ef->path));
        json_object_set_new(fo, "format", str_or_null(ef->opened ? ef->format : NULL));
        json_object_set_new(fo, "opened", json_boolean(ef->opened));
        json_object_set_new(fo, "records", json_integer((json_int_t)ef->counts.records));
        json_object_set_new(fo, "malformed", json_integer((json_int_t)ef->counts.malformed));
        json_object_set_new(fo, "control", json_integer((json_int_t)ef->counts.control));
        json_object_set_new(fo, "unannotated", json_integer((json_int_t)ef->counts.unannotated));
        json_t *da = json_array();
        for (size_t k = 0; k < ef->ndicts; k++)
            json_array_append_new(da, json_string(ef->dicts[k]));
        json_object_set_new(fo, ef->loaded ? "dictionaries_loaded" : "dictionaries_not_loaded", da);
        json_array_append_new(fa, fo);
    }
    json_object_set_new(o, "files", fa);
    json_object_set_new(o, "records", json_integer((json_int_t)sum.records));
    json_object_set_new(o, "gold_events", json_integer((json_int_t)sum.gold_events));
    json_object_set_new(o, "produced_events", json_integer((json_int_t)sum.produced_events));
    json_object_set_new(o, "negated_ignored", json_integer((json_int_t)sum.negated_ignored));
    json_object_set_new(o, "untargeted_ignored", json_integer((json_int_t)sum.untargeted_ignored));
    json_object_set_new(o, "lenient", counts_json(&sum.lenient));
    json_object_set_new(o, "strict", counts_json(&sum.strict));
    json_object_set_new(o, "must_not_hits", json_integer((json_int_t)sum.must_not_hits));
    json_t *co = json_object();
    json_object_set_new(co, "records", json_integer((json_int_t)sum.code_only));
    json_object_set_new(co, "root_correct", json_integer((json_int_t)sum.code_only_root_ok));
    json_object_set_new(co, "code_correct", json_integer((json_int_t)sum.code_only_code_ok));
    json_object_set_new(co, "root_accuracy", json_real(sum.root_accuracy));
    json_object_set_new(co, "code_accuracy", json_real(sum.code_accuracy));
    json_object_set_new(o, "code_only", co);

    size_t nr = 0, nc = 0;
    const dyad_score_root *roots = dyad_scorer_roots(s, &nr);
    json_t *pr = json_object();
    for (size_t i = 0; i < nr; i++)
        json_object_set_new(pr, roots[i].label, counts_json(&roots[i].counts));
    json_object_set_new(o, "per_root", pr);
    const dyad_score_confusion *conf = dyad_scorer_confusion(s, &nc);
    json_t *ca = json_array();
    for (size_t i = 0; i < nc; i++) {
        json_t *c = json_object();
        json_object_set_new(c, "expected", json_string(conf[i].expected));
        json_object_set_new(c, "produced", json_string(conf[i].produced));
        json_object_set_new(c, "count", json_integer((json_int_t)conf[i].count));
        json_array_append_new(ca, c);
    }
    json_object_set_new(o, "confusion", ca);
    json_t *rk = json_object();
    json_object_set_new(rk, "lenient", json_integer((json_int_t)sum.records_correct_lenient));
    json_object_set_new(rk, "strict", json_integer((json_int_t)sum.records_correct_strict));
    json_object_set_new(rk, "records", json_integer((json_int_t)sum.records));
    json_object_set_new(o, "records_correct", rk);
    size_t ng = 0;
    const dyad_score_category *cat = dyad_scorer_categories(s, &ng);
    json_t *pc = json_object();
    for (size_t i = 0; i < ng; i++) {
        json_t *c = json_object();
        json_object_set_new(c, "records", json_integer((json_int_t)cat[i].records));
        json_object_set_new(c, "lenient", json_integer((json_int_t)cat[i].correct_lenient));
        json_object_set_new(c, "strict", json_integer((json_int_t)cat[i].correct_strict));
        json_object_set_new(pc, cat[i].label, c);
    }
    json_object_set_new(o, "per_category", pc);

    size_t ne = 0, nf = 0;
    const dyad_score_error *err = dyad_scorer_errors(s, &ne);
    const dyad_score_failure *fail = dyad_scorer_failures(s, &nf);
    json_t *fl = json_array();
    for (size_t i = 0; i < nf; i++) {
        json_t *r = json_object();
        json_object_set_new(r, "id", text_json(fail[i].record_id));
        json_object_set_new(r, "line", json_integer((json_int_t)fail[i].line));
        json_object_set_new(r, "category", fail[i].category ? text_json(fail[i].category) : json_null());
        json_object_set_new(r, "text", text_json(fail[i].text));
        json_object_set_new(r, "lenient_correct", json_boolean(fail[i].lenient_ok));
        json_object_set_new(r, "strict_correct", json_boolean(fail[i].strict_ok));
        json_object_set_new(r, "lenient", counts_json(&fail[i].lenient));
        json_object_set_new(r, "strict", counts_json(&fail[i].strict));
        json_t *ea = json_array();
        for (size_t k = 0; k < fail[i].n_errors && fail[i].first_error + k < ne; k++)
            json_array_append_new(ea, error_json(&err[fail[i].first_error + k], 0));
        json_object_set_new(r, "errors", ea);
        json_array_append_new(fl, r);
    }
    json_object_set_new(o, "failing_records", fl);
    if (show_errors) {
        json_t *ea = json_array();
        for (size_t i = 0; i < ne; i++)
            json_array_append_new(ea, error_json(&err[i], 1));
        json_object_set_new(o, "errors", ea);
    }
    int rc = json_dumpf(o, f, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(6));
    fputc('\n', f);
    json_decref(o);
    return rc;
}

/* The spec of the dictionaries a suite names: each name beside the gold
 * file, else in ../dictionaries (the PETRARCH2 layout). -1 when one of them
 * is missing: a partial set (verbs without actors) would code nothing and
 * look like a result, so the suite is then scored with dyad's lexicon and
 * a warning says what to give with --dict. */
static int suite_spec(const eval_file *ef, char *out, size_t outlen)
{
    char dir[4096];
    const char *slash = strrchr(ef->path, '/');
    if (slash)
        snprintf(dir, sizeof dir, "%.*s", (int)(slash - ef->path), ef->path);
    else
        snprintf(dir, sizeof dir, ".");
    int tabari = strcmp(ef->format, "tabari") == 0;
    int w = snprintf(out, outlen, "%s", tabari ? "tabari:" : "petrarch:");
    size_t used = w > 0 ? (size_t)w : 0, n = 0;
    for (size_t k = 0; k < ef->ndicts; k++) {
        char path[8192];
        w = snprintf(path, sizeof path, "%s/%s", dir, ef->dicts[k]);
        if (w < 0 || (size_t)w >= sizeof path)
            continue;
        if (access(path, R_OK) != 0) {
            w = snprintf(path, sizeof path, "%s/../dictionaries/%s", dir, ef->dicts[k]);
            if (w < 0 || (size_t)w >= sizeof path || access(path, R_OK) != 0) {
                if (cli_verbosity >= 1)
                    fprintf(stderr, "dyad eval: %s: warning: the dictionary it names, %s, is not "
                                    "beside it nor in ../dictionaries: not loading the suite's "
                                    "dictionaries (give them with --dict)\n",
                            ef->path, ef->dicts[k]);
                return -1;
            }
        }
        w = snprintf(out + used, outlen - used, "%s%s", n ? "," : "", path);
        if (w < 0 || (size_t)w >= outlen - used)
            return -1;
        used += (size_t)w;
        n++;
    }
    return n ? 0 : -1;
}

/* TABARI OPTION records met before this record change the coder's settings
 * in file order; one dyad cannot read is a warning, never fatal. */
static void apply_controls(dyad_coder *c, const dyad_gold *g, const char *path)
{
    size_t n = 0;
    const dyad_gold_control *ct = dyad_gold_controls(g, &n);
    for (size_t k = 0; k < n; k++)
        if (dyad_coder_set_tabari_option(c, ct[k].text) != DYAD_OK)
            fprintf(stderr, "dyad eval: %s:%llu: warning: OPTION '%s' ignored: %s\n", path,
                    (unsigned long long)ct[k].line, ct[k].text, dyad_errmsg(c));
}

/* A record whose gold scores one actor's act (code-only records, an
 * expected event with no or an open target) is coded with every event with
 * no target kept (one_actor "all"); the others as `dyad code` codes them. */
static int lone_record(const dyad_gold_record *rec)
{
    if (rec->flags & DYAD_GOLD_CODE_ONLY)
        return 1;
    for (size_t k = 0; k < rec->n_events; k++) {
        const char *t = rec->events[k].target;
        if (!t || !t[0] || t[0] == '~' || strncmp(t, "---", 3) == 0)
            return 1;
    }
    return 0;
}

/* Records in flight per thread (see docloop.c). */
#define EVAL_SLOTS_PER_THREAD 2

/* A gold record between the gold reader and the scorer: a deep copy (the
 * reader's is valid only until its next record) and the coder coding it. */
typedef struct eval_slot {
    dyad_gold_record rec;       /* pointers into buf and ev */
    dyad_doc doc;
    dyad_coder *own;            /* the slot's coder, owned by the run */
    dyad_coder *coder;          /* the coder for this record: own, or the one serial coder */
    dyad_status st;
    char *buf;
    size_t cap;
    dyad_gold_event *ev;        /* events, then must_not */
    size_t evcap;
} eval_slot;

typedef struct eval_run {
    cli_pool *pool;
    eval_slot *slots;
    size_t nslots, seq;
    unsigned nthreads;
    dyad_scorer *scorer;
    const char *path;           /* the file being read */
    unsigned long long scored;  /* records handed to the scorer */
    int fatal;                  /* out of memory: stop */
    dyad_model *model_fr, *model_en;  /* owned; NULL with --no-syntax or none found */
    int syntax;                 /* give the models to the coders (dyad's own lexicon) */
} eval_run;

static void eval_code(void *job)
{
    eval_slot *s = job;
    s->st = dyad_coder_run(s->coder, &s->doc);
}

static size_t slen(const char *s)
{
    return s ? strlen(s) + 1 : 0;
}

static const char *scopy(char **p, const char *s)
{
    if (!s)
        return NULL;
    size_t n = strlen(s) + 1;
    char *d = *p;
    memcpy(d, s, n);
    *p += n;
    return d;
}

static size_t gold_events_len(const dyad_gold_event *e, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += slen(e[i].source) + slen(e[i].target) + slen(e[i].code) + slen(e[i].plover);
    return k;
}

static void gold_events_copy(dyad_gold_event *dst, const dyad_gold_event *src, size_t n, char **p)
{
    for (size_t i = 0; i < n; i++) {
        dst[i] = src[i];
        dst[i].source = scopy(p, src[i].source);
        dst[i].target = scopy(p, src[i].target);
        dst[i].code = scopy(p, src[i].code);
        dst[i].plover = scopy(p, src[i].plover);
    }
}

static int slot_copy(eval_slot *s, const dyad_gold_record *rec, const char *lang)
{
    size_t nev = rec->n_events + rec->n_must_not;
    size_t need = slen(rec->id) + slen(rec->date) + slen(rec->lang) + slen(rec->category) +
                  rec->text_len + 1 + gold_events_len(rec->events, rec->n_events) +
                  gold_events_len(rec->must_not, rec->n_must_not) + 1;
    if (cli_reserve(&s->buf, &s->cap, need) != 0)
        return -1;
    if (nev > s->evcap) {
        dyad_gold_event *e = realloc(s->ev, nev * sizeof *e);
        if (!e)
            return -1;
        s->ev = e;
        s->evcap = nev;
    }
    char *p = s->buf;
    s->rec = *rec;
    s->rec.id = scopy(&p, rec->id);
    s->rec.date = scopy(&p, rec->date);
    s->rec.lang = scopy(&p, rec->lang);
    s->rec.category = scopy(&p, rec->category);
    if (rec->text) {
        memcpy(p, rec->text, rec->text_len);
        p[rec->text_len] = '\0';
        s->rec.text = p;
        p += rec->text_len + 1;
    }
    gold_events_copy(s->ev, rec->events, rec->n_events, &p);
    gold_events_copy(s->ev + rec->n_events, rec->must_not, rec->n_must_not, &p);
    s->rec.events = s->ev;
    s->rec.must_not = s->ev + rec->n_events;
    memset(&s->doc, 0, sizeof s->doc);
    s->doc.id = s->rec.id;
    s->doc.date = s->rec.date;
    /* the coder knows French and English; anything else it identifies */
    s->doc.lang = lang ? lang
                : s->rec.lang && (strcmp(s->rec.lang, "fr") == 0 || strcmp(s->rec.lang, "en") == 0)
                    ? s->rec.lang
                    : NULL;
    s->doc.text = s->rec.text;
    s->doc.text_len = s->rec.text_len;
    return 0;
}

/* Score the oldest record held, in file order. */
static void eval_deliver(eval_run *r)
{
    eval_slot *s = cli_pool_pop(r->pool);
    if (!s || r->fatal)
        return;
    size_t nev = 0;
    const dyad_event *ev = NULL;
    if (s->st == DYAD_OK)
        ev = dyad_coder_events(s->coder, &nev);
    else if (cli_verbosity >= 2)
        fprintf(stderr, "dyad eval: %s: record %s not coded: %s\n", r->path, s->rec.id,
                dyad_strerror(s->st));
    /* a record the coder refuses still counts: its events are all missed */
    if (dyad_scorer_add(r->scorer, &s->rec, ev, nev) != DYAD_OK) {
        fprintf(stderr, "dyad eval: out of memory\n");
        r->fatal = 1;
        return;
    }
    r->scored++;
}

static void eval_drain(eval_run *r)
{
    while (cli_pool_held(r->pool))
        eval_deliver(r);
}

/* Free the slots' coders and, with make, give each a new one with lex.
 * The pool must be drained. 0, or -1 when out of memory. */
static int eval_coders(eval_run *r, const dyad_lexicon *lex, int make)
{
    for (size_t i = 0; i < r->nslots; i++) {
        dyad_coder_free(r->slots[i].own);
        r->slots[i].own = r->slots[i].coder = NULL;
        if (make && !(r->slots[i].own = dyad_coder_new(lex)))
            return -1;
        if (make && r->syntax && r->model_fr)
            dyad_coder_set_model(r->slots[i].own, "fr", r->model_fr);
        if (make && r->syntax && r->model_en)
            dyad_coder_set_model(r->slots[i].own, "en", r->model_en);
        if (make)
            dyad_coder_set_syntax(r->slots[i].own, DYAD_SYNTAX_EVENTS);
    }
    return 0;
}

static void eval_run_free(eval_run *r)
{
    cli_pool_free(r->pool);
    for (size_t i = 0; r->slots && i < r->nslots; i++) {
        dyad_coder_free(r->slots[i].own);
        free(r->slots[i].buf);
        free(r->slots[i].ev);
    }
    free(r->slots);
    dyad_model_free(r->model_fr);
    dyad_model_free(r->model_en);
}

int cmd_eval(int argc, char **argv)
{
    cli_args a;
    int rc = cli_parse(argc, argv, "dyad eval [OPTIONS] GOLD...",
                       "Code every record of the gold files and score the events against the gold:\n"
                       "precision, recall and F1, lenient (3-letter actors, CAMEO root) and strict\n"
                       "(full codes), per root, root confusion. Exit status 3 when malformed\n"
                       "records were skipped, 1 when a gold file could not be read.",
                       eval_opts, NOPTS, &a);
    dyad_lexicon *lex = NULL, *suite_lex = NULL;
    eval_run r;
    memset(&r, 0, sizeof r);
    dyad_scorer *scorer = NULL;
    eval_file *files = NULL;
    size_t nfiles = 0;
    if (rc != 0) {
        rc = rc < 0 ? EXIT_OK : rc;
        goto done;
    }
    const char *fmt_name = cli_get(&a, eval_opts, NOPTS, "format");
    const char *lexpath = cli_get(&a, eval_opts, NOPTS, "lexicon");
    const char *dict = cli_get(&a, eval_opts, NOPTS, "dict");
    const char *lang = cli_get(&a, eval_opts, NOPTS, "lang");
    const char *limit_s = cli_get(&a, eval_opts, NOPTS, "limit");
    int as_json = cli_get(&a, eval_opts, NOPTS, "json") != NULL;
    int show_errors = cli_get(&a, eval_opts, NOPTS, "show-errors") != NULL;
    dyad_gold_format fmt = DYAD_GOLD_AUTO;
    unsigned long long limit = 0;

    if (fmt_name && dyad_gold_format_parse(fmt_name, &fmt) != DYAD_OK) {
        fprintf(stderr, "dyad eval: --format must be auto, dyad, tabari, petrarch, plover or cameo-csv, not '%s'\n",
                fmt_name);
        rc = EXIT_USAGE;
        goto done;
    }
    if (limit_s) {
        char *end = NULL;
        errno = 0;
        limit = strtoull(limit_s, &end, 10);
        if (errno || !end || *end || end == limit_s || limit_s[0] == '-') {
            fprintf(stderr, "dyad eval: --limit must be a number, not '%s'\n", limit_s);
            rc = EXIT_USAGE;
            goto done;
        }
    }
    if (cli_threads_arg("eval", cli_get(&a, eval_opts, NOPTS, "threads"), &r.nthreads) != 0) {
        rc = EXIT_USAGE;
        goto done;
    }
    if (lang && strcmp(lang, "fr") != 0 && strcmp(lang, "en") != 0) {
        fprintf(stderr, "dyad eval: --lang must be fr or en, not '%s'\n", lang);
        rc = EXIT_USAGE;
        goto done;
    }
    if (a.npos == 0) {
        fprintf(stderr, "dyad eval: no GOLD file (see --help)\n");
        rc = EXIT_USAGE;
        goto done;
    }
    if (dict && lexpath) {
        fprintf(stderr, "dyad eval: --dict and --lexicon exclude each other\n");
        rc = EXIT_USAGE;
        goto done;
    }

    char err[600];
    err[0] = '\0';
    dyad_status st = DYAD_OK;
    if (dict) {
        if (cli_open_foreign("eval", dict, &lex)) {
            rc = EXIT_FAIL;
            goto done;
        }
    } else {
        st = dyad_lexicon_open(lexpath, &lex, err, sizeof err);
    }
    if (st != DYAD_OK) {
        lex = NULL;
        if (lexpath) {
            fprintf(stderr, "dyad eval: cannot open lexicon %s: %s\n", lexpath, err[0] ? err : dyad_strerror(st));
            rc = EXIT_FAIL;
            goto done;
        }
        if (cli_verbosity >= 1)
            fprintf(stderr, "dyad eval: warning: no lexicon found (%s); coding without dictionaries: "
                            "no events, recall 0\n", err[0] ? err : dyad_strerror(st));
    }
    /* the syntax models beside the lexicon's data; a missing one codes that
     * language by word order (said with -v), a damaged one is an error */
    if (!cli_get(&a, eval_opts, NOPTS, "no-syntax")) {
        static const char *const langs[2] = {"fr", "en"};
        dyad_model **mslot[2] = {&r.model_fr, &r.model_en};
        for (int k = 0; k < 2; k++) {
            char merr[512];
            dyad_status ms = dyad_model_open_lang(NULL, langs[k], mslot[k], merr, sizeof merr);
            if (ms == DYAD_ERR_NOTFOUND) {
                if (cli_verbosity >= 2)
                    fprintf(stderr, "dyad eval: note: %s\n", merr);
                continue;
            }
            if (ms != DYAD_OK) {
                fprintf(stderr, "dyad eval: %s\n", merr);
                rc = EXIT_FAIL;
                goto done;
            }
        }
    }
    /* the JSON report always lists the records that are not fully correct */
    scorer = dyad_scorer_new(show_errors || as_json ? DYAD_SCORER_KEEP_ERRORS : 0);
    files = calloc(a.npos, sizeof *files);
    r.scorer = scorer;
    r.nslots = r.nthreads > 1 ? (size_t)r.nthreads * EVAL_SLOTS_PER_THREAD : 1;
    r.slots = calloc(r.nslots, sizeof *r.slots);
    r.pool = cli_pool_new(r.nthreads, r.nslots, eval_code);
    if (!scorer || !files || !r.slots || !r.pool) {
        fprintf(stderr, "dyad eval: out of memory\n");
        rc = EXIT_FAIL;
        goto done;
    }

    rc = EXIT_OK;
    for (size_t i = 0; i < a.npos && (!limit || r.scored < limit); i++) {
        eval_file *ef = &files[nfiles++];
        ef->path = a.pos[i];
        dyad_gold *g = NULL;
        st = dyad_gold_open(a.pos[i], fmt, &g, err, sizeof err);
        if (st != DYAD_OK) {
            fprintf(stderr, "dyad eval: %s\n", err);
            rc = EXIT_FAIL;
            continue;
        }
        ef->opened = 1;
        ef->format = dyad_gold_format_name(dyad_gold_get_format(g));
        if (keep_dicts(ef, g) < 0) {
            fprintf(stderr, "dyad eval: out of memory\n");
            dyad_gold_free(g);
            rc = EXIT_FAIL;
            goto done;
        }
        /* A suite that names its dictionaries is coded with them unless
         * --dict or --lexicon says otherwise. */
        eval_coders(&r, NULL, 0);  /* they may hold the last suite's lexicon */
        dyad_lexicon_free(suite_lex);
        suite_lex = NULL;
        if (ef->ndicts && !dict && !lexpath) {
            char spec[8192];
            if (suite_spec(ef, spec, sizeof spec) == 0 && cli_open_foreign("eval", spec, &suite_lex) == 0)
                ef->loaded = 1;
        }
        if (ef->ndicts && !ef->loaded && cli_verbosity >= 1 && !as_json) {
            fprintf(stderr, "dyad eval: note: %s names dictionaries", a.pos[i]);
            for (size_t k = 0; k < ef->ndicts; k++)
                fprintf(stderr, "%s %s", k ? "," : "", ef->dicts[k]);
            fprintf(stderr, " (not loaded)\n");
        }
        /* New coders for every file: a suite's OPTION records hold for
         * the rest of its file only. */
        /* the tagger and parser serve dyad's own triggers; TABARI and
         * PETRARCH dictionaries code by word order, as they were written */
        r.syntax = suite_lex == NULL && !dict;
        if (eval_coders(&r, suite_lex ? suite_lex : lex, 1) != 0) {
            fprintf(stderr, "dyad eval: out of memory\n");
            dyad_gold_free(g);
            rc = EXIT_FAIL;
            goto done;
        }
        r.path = a.pos[i];
        /* After an OPTION record, or with dictionaries that FORWARD actors
         * from one record to the next, the rest of the file goes through
         * one coder in order, as it would on one thread. */
        dyad_coder *one = r.slots[0].own;
        int serial = r.nthreads <= 1 || dyad_coder_sequential(one);
        dyad_gold_record rec;
        while (!limit || r.scored + cli_pool_held(r.pool) < limit) {
            st = dyad_gold_next(g, &rec);
            if (st == DYAD_DONE)
                break;
            if (st != DYAD_OK) {
                eval_drain(&r);  /* the records before it are reported first */
                fprintf(stderr, "dyad eval: %s (record skipped)\n", dyad_gold_errmsg(g));
                if (rc == EXIT_OK)
                    rc = EXIT_SKIPPED;
                if (st == DYAD_ERR_FORMAT)
                    continue;
                rc = EXIT_FAIL;
                break;
            }
            size_t nctl = 0;
            dyad_gold_controls(g, &nctl);
            if (nctl || serial) {
                eval_drain(&r);
                serial = 1;
                apply_controls(one, g, a.pos[i]);
            }
            eval_slot *sl = &r.slots[r.seq++ % r.nslots];
            while (cli_pool_held(r.pool) == r.nslots)
                eval_deliver(&r);
            if (r.fatal || slot_copy(sl, &rec, lang) != 0) {
                if (!r.fatal)
                    fprintf(stderr, "dyad eval: out of memory\n");
                r.fatal = 1;
                break;
            }
            /* the slot's own coder, or in serial mode the one coder */
            sl->coder = serial ? one : sl->own;
            /* on one thread too: -j 1 scored the codebook's one-actor
             * records without their events (root 0.570 against 0.755) */
            dyad_coder_set_option(sl->coder, "one_actor", lone_record(&rec) ? "all" : "auto");
            cli_pool_push(r.pool, sl);
        }
        eval_drain(&r);
        if (r.fatal) {
            dyad_gold_free(g);
            rc = EXIT_FAIL;
            goto done;
        }
        dyad_gold_get_counts(g, &ef->counts);
        dyad_gold_free(g);
    }
    if ((as_json ? report_json(stdout, scorer, files, nfiles, show_errors)
                 : (report_text(stdout, scorer, files, nfiles, show_errors), 0)) != 0 ||
        fflush(stdout) != 0) {
        fprintf(stderr, "dyad eval: cannot write the report\n");
        rc = EXIT_FAIL;
    }
done:
    eval_run_free(&r);
    dyad_lexicon_free(suite_lex);
    free_files(files, nfiles);
    dyad_scorer_free(scorer);
    dyad_lexicon_free(lex);
    cli_args_free(&a);
    return rc;
}
