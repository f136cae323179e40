/* cmd_code.c - `dyad code`: documents in, one coded event per line out.
 *
 * Reading, coding and error reporting are the shared loop of docloop.c;
 * this file only writes the events, as JSON Lines (default) or as a TSV
 * table with a header line. Both formats carry the evidence (byte spans of
 * source, target and trigger, the sentence text, the rule that fired) so
 * that every event can be checked against its text. docs/cli.md describes
 * every field.
 */
#include "docloop.h"

#include <math.h>
#include <string.h>

static const cli_opt opts[] = {
    CLI_DOC_OPTIONS,
    CLI_SYNTAX_OPTION,
    CLI_ONE_ACTOR_OPTION,
    {"format", 0, "FORMAT", "output format: jsonl (default) or tsv"},
    {"quotes", 0, NULL, "print the quotations and their speakers instead of the events"},
};
#define NOPTS (sizeof opts / sizeof opts[0])

typedef struct code_state {
    int tsv;
    int quotes;
} code_state;

/* --quotes: {"doc", "sent", "speaker": {code, country, text, span} | null,
 * "text", "span"} per quotation. */
static size_t write_quotes(FILE *f, dyad_coder *c, const dyad_doc *doc)
{
    size_t n = 0;
    const dyad_quote *q = dyad_coder_quotes(c, &n);
    for (size_t i = 0; q && i < n; i++) {
        fputs("{\"doc\":", f);
        json_cstr(f, doc->id);
        fprintf(f, ",\"sent\":%u,\"speaker\":", q[i].sent);
        if (q[i].speaker) {
            fputs("{\"code\":", f);
            json_cstr(f, q[i].speaker);
            fputs(",\"country\":", f);
            json_str(f, q[i].speaker, strlen(q[i].speaker) < 3 ? strlen(q[i].speaker) : 3);
            fputs(",\"text\":", f);
            json_str(f, doc->text + q[i].speaker_span.start,
                     q[i].speaker_span.end - q[i].speaker_span.start);
            fprintf(f, ",\"span\":[%u,%u]}", q[i].speaker_span.start, q[i].speaker_span.end);
        } else {
            fputs("null", f);
        }
        fputs(",\"text\":", f);
        json_str(f, doc->text + q[i].span.start, q[i].span.end - q[i].span.start);
        fprintf(f, ",\"span\":[%u,%u]}\n", q[i].span.start, q[i].span.end);
    }
    return n;
}


/* The sentence text of event e, or an empty slice if the coder's indexes
 * are out of range (never trust them to print past the text). */
static void sentence_text(const dyad_coder *c, const dyad_doc *doc, uint32_t sent,
                          const char **s, size_t *n)
{
    size_t ns = 0;
    const dyad_sentence *sv = dyad_coder_sentences(c, &ns);
    *s = "";
    *n = 0;
    if (sv && sent < ns && sv[sent].span.start <= sv[sent].span.end &&
        sv[sent].span.end <= doc->text_len) {
        *s = doc->text + sv[sent].span.start;
        *n = sv[sent].span.end - sv[sent].span.start;
    }
}

static void json_num(FILE *f, double v, const char *fmt)
{
    if (isfinite(v))
        fprintf(f, fmt, v);
    else
        fputs("null", f);
}

static void json_actor(FILE *f, const dyad_event_actor *a)
{
    fputs("{\"code\":", f);
    json_cstr(f, a->code);
    fputs(",\"country\":", f);
    json_cstr(f, a->country);
    fputs(",\"text\":", f);
    json_cstr(f, a->text);
    fprintf(f, ",\"span\":[%lu,%lu],\"resolved_by\":", (unsigned long)a->span.start,
            (unsigned long)a->span.end);
    json_cstr(f, a->resolved_by);
    fputc('}', f);
}

static void write_json(FILE *f, const dyad_coder *c, const dyad_doc *doc, const dyad_event *e)
{
    const char *st;
    size_t sn;
    fputs("{\"doc\":", f);
    json_cstr(f, doc->id);
    fprintf(f, ",\"sent\":%lu,\"date\":", (unsigned long)e->sent);
    json_cstr(f, doc->date);
    fputs(",\"event_date\":", f);
    json_cstr(f, e->event_date);
    fputs(",\"code\":", f);
    json_cstr(f, e->code);
    fputs(",\"root\":", f);
    json_cstr(f, e->root);
    fprintf(f, ",\"quad\":%d,\"goldstein\":", e->quad);
    json_num(f, e->goldstein, "%.1f");
    fputs(",\"plover\":", f);
    json_cstr(f, e->plover);
    fputs(",\"source\":", f);
    json_actor(f, &e->source);
    fputs(",\"target\":", f);
    if (e->target.code)
        json_actor(f, &e->target);
    else
        fputs("null", f);
    fprintf(f, ",\"polarity\":\"%s\",\"modality\":\"%s\",\"attribution\":",
            dyad_polarity_name(e->polarity), dyad_modality_name(e->modality));
    if (e->attribution_text || e->attribution_code) {
        fputs("{\"text\":", f);
        json_cstr(f, e->attribution_text);
        fputs(",\"code\":", f);
        json_cstr(f, e->attribution_code);
        fputs("}", f);
    } else {
        fputs("null", f);
    }
    fputs(",\"location\":", f);
    if (e->location) {
        fputs("{\"name\":", f);
        json_cstr(f, e->location);
        fputs(",\"country\":", f);
        json_cstr(f, e->location_country);
        fputs(",\"lat\":", f);
        json_num(f, e->lat, "%.6g");
        fputs(",\"lon\":", f);
        json_num(f, e->lon, "%.6g");
        fputs(",\"id\":", f);
        json_cstr(f, e->location_id);
        fputs(",\"type\":", f);
        json_cstr(f, e->location_type);
        fputs(",\"rule\":", f);
        json_cstr(f, e->location_rule);
        fputs("}", f);
    } else {
        fputs("null", f);
    }
    fputs(",\"trigger\":{\"text\":", f);
    json_cstr(f, e->trigger_text);
    fprintf(f, ",\"span\":[%lu,%lu]},\"text\":", (unsigned long)e->trigger.start,
            (unsigned long)e->trigger.end);
    sentence_text(c, doc, e->sent, &st, &sn);
    json_str(f, st, sn);
    fputs(",\"lang\":", f);
    json_cstr(f, dyad_coder_lang(c));
    fputs(",\"rule\":", f);
    json_cstr(f, e->rule);
    fputs(",\"roles_by\":", f);
    json_cstr(f, e->roles_by);
    fprintf(f, ",\"mentions\":%lu}\n", (unsigned long)e->mentions);
}

/* A TSV field: tab, newline, carriage return and backslash are escaped as
 * \t \n \r \\ so a row stays one line; NULL is the empty field. Invalid
 * UTF-8 is kept as is (TSV has no escape for it; consumers decide). */
static void tsv_str(FILE *f, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        switch (s[i]) {
        case '\t': fputs("\\t", f); break;
        case '\n': fputs("\\n", f); break;
        case '\r': fputs("\\r", f); break;
        case '\\': fputs("\\\\", f); break;
        default: fputc((unsigned char)s[i], f); break;
        }
    }
}

static void tsv_cstr(FILE *f, const char *s)
{
    if (s)
        tsv_str(f, s, strlen(s));
}

static void tsv_num(FILE *f, double v, const char *fmt)
{
    if (isfinite(v))
        fprintf(f, fmt, v);
}

static const char tsv_header[] =
    "doc\tsent\tdate\tevent_date\tcode\troot\tquad\tgoldstein\tplover\t"
    "source_code\tsource_country\tsource_text\tsource_start\tsource_end\t"
    "target_code\ttarget_country\ttarget_text\ttarget_start\ttarget_end\t"
    "polarity\tmodality\tattribution_text\tattribution_code\t"
    "location\tlocation_country\tlat\tlon\t"
    "trigger_text\ttrigger_start\ttrigger_end\tlang\trule\tmentions\ttext\n";

static void tsv_actor(FILE *f, const dyad_event_actor *a, int present)
{
    if (!present) {
        fputs("\t\t\t\t\t", f);
        return;
    }
    tsv_cstr(f, a->code);
    fputc('\t', f);
    tsv_cstr(f, a->country);
    fputc('\t', f);
    tsv_cstr(f, a->text);
    fprintf(f, "\t%lu\t%lu\t", (unsigned long)a->span.start, (unsigned long)a->span.end);
}

static void write_tsv(FILE *f, const dyad_coder *c, const dyad_doc *doc, const dyad_event *e)
{
    const char *st;
    size_t sn;
    tsv_cstr(f, doc->id);
    fprintf(f, "\t%lu\t", (unsigned long)e->sent);
    tsv_cstr(f, doc->date);
    fputc('\t', f);
    tsv_cstr(f, e->event_date);
    fputc('\t', f);
    tsv_cstr(f, e->code);
    fputc('\t', f);
    tsv_cstr(f, e->root);
    fprintf(f, "\t%d\t", e->quad);
    tsv_num(f, e->goldstein, "%.1f");
    fputc('\t', f);
    tsv_cstr(f, e->plover);
    fputc('\t', f);
    tsv_actor(f, &e->source, 1);
    tsv_actor(f, &e->target, e->target.code != NULL);
    fprintf(f, "%s\t%s\t", dyad_polarity_name(e->polarity), dyad_modality_name(e->modality));
    tsv_cstr(f, e->attribution_text);
    fputc('\t', f);
    tsv_cstr(f, e->attribution_code);
    fputc('\t', f);
    tsv_cstr(f, e->location);
    fputc('\t', f);
    tsv_cstr(f, e->location_country);
    fputc('\t', f);
    tsv_num(f, e->lat, "%.6g");
    fputc('\t', f);
    tsv_num(f, e->lon, "%.6g");
    fputc('\t', f);
    tsv_cstr(f, e->trigger_text);
    fprintf(f, "\t%lu\t%lu\t", (unsigned long)e->trigger.start, (unsigned long)e->trigger.end);
    tsv_cstr(f, dyad_coder_lang(c));
    fputc('\t', f);
    tsv_cstr(f, e->rule);
    fprintf(f, "\t%lu\t", (unsigned long)e->mentions);
    sentence_text(c, doc, e->sent, &st, &sn);
    tsv_str(f, st, sn);
    fputc('\n', f);
}

/* A document's events (or quotes), on the thread that coded it (cli_docs_run_fmt). */
static unsigned long long format_doc(void *ud, dyad_coder *c, const dyad_doc *doc, FILE *f)
{
    const code_state *s = ud;
    if (s->quotes)
        return write_quotes(f, c, doc);
    size_t n = 0;
    const dyad_event *ev = dyad_coder_events(c, &n);
    for (size_t i = 0; ev && i < n; i++) {
        if (s->tsv)
            write_tsv(f, c, doc, &ev[i]);
        else
            write_json(f, c, doc, &ev[i]);
    }
    return n;
}

int cmd_code(int argc, char **argv)
{
    cli_args a;
    cli_docs d;
    code_state s = {0, 0};
    int rc = cli_parse(argc, argv, "dyad code [OPTIONS] [FILE|DIR|-]...",
                       "Code documents into events: one JSON object (or TSV row) per event on\n"
                       "stdout. With no FILE, read standard input. Exit status: 0 ok, 1 fatal\n"
                       "error, 2 bad usage, 3 some records were reported and skipped.",
                       opts, NOPTS, &a);
    if (rc != 0) {
        cli_args_free(&a);
        return rc < 0 ? EXIT_OK : rc;
    }
    const char *format = cli_get(&a, opts, NOPTS, "format");
    if (format && strcmp(format, "tsv") == 0)
        s.tsv = 1;
    else if (format && strcmp(format, "jsonl") != 0) {
        fprintf(stderr, "dyad code: --format must be jsonl or tsv, not '%s'\n", format);
        cli_args_free(&a);
        return EXIT_USAGE;
    }
    s.quotes = cli_get(&a, opts, NOPTS, "quotes") != NULL;
    if (s.quotes && s.tsv) {
        fprintf(stderr, "dyad code: --quotes writes JSON Lines; it does not combine with --format tsv\n");
        cli_args_free(&a);
        return EXIT_USAGE;
    }
    rc = cli_docs_open(&d, "code", &a, opts, NOPTS);
    if (rc == 0)
        rc = cli_docs_want_syntax(&d, &a, opts, NOPTS);
    if (rc == 0)
        rc = cli_docs_one_actor(&d, &a, opts, NOPTS);
    cli_docs_parse_for_events(&d);
    if (rc == 0) {
        if (s.tsv)
            fputs(tsv_header, stdout);
        rc = cli_docs_run_fmt(&d, &a, format_doc, &s);
        cli_docs_summary(&d, d.formatted, s.quotes ? "quotes" : "events");
    }
    cli_docs_close(&d);
    cli_args_free(&a);
    return rc;
}
