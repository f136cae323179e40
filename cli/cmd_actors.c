/* cmd_actors.c - `dyad actors`: the actor and place mentions of each
 * document as JSON Lines (doc, sent, span, text, kind, code, country,
 * entry, resolved_by), to see what the recogniser found and why. */
#include "cli.h"
#include "docloop.h"

#include <math.h>
#include <string.h>

static const cli_opt opts[] = {
    CLI_DOC_OPTIONS,
};
#define NOPTS (sizeof opts / sizeof opts[0])

typedef struct state {
    unsigned long long n;
} state;

static int on_doc(void *ud, cli_docs *d, const dyad_doc *doc)
{
    state *s = ud;
    size_t n;
    const dyad_mention *ms = dyad_coder_mentions(d->coder, &n);
    for (size_t i = 0; i < n; i++) {
        const dyad_mention *m = &ms[i];
        fputs("{\"doc\":", stdout);
        json_cstr(stdout, doc->id);
        printf(",\"sent\":%u,\"span\":[%u,%u],\"text\":", m->sent, m->span.start, m->span.end);
        json_str(stdout, doc->text + m->span.start, m->span.end - m->span.start);
        printf(",\"kind\":\"%s\",\"code\":", m->kind == DYAD_MENTION_PLACE ? "place" : "actor");
        json_cstr(stdout, m->code);
        fputs(",\"country\":", stdout);
        json_cstr(stdout, m->country);
        fputs(",\"entry\":", stdout);
        json_cstr(stdout, m->entry);
        fputs(",\"resolved_by\":", stdout);
        json_cstr(stdout, m->resolved_by);
        if (!isnan(m->lat) && !isnan(m->lon))
            printf(",\"lat\":%.4f,\"lon\":%.4f", m->lat, m->lon);
        fputs("}\n", stdout);
        s->n++;
    }
    return ferror(stdout) ? EXIT_FAIL : 0;
}

int cmd_actors(int argc, char **argv)
{
    cli_args a;
    int rc = cli_parse(argc, argv, "dyad actors [OPTIONS] [FILE|DIR|-]...",
                       "Print the actor and place mentions of each document as JSON Lines.",
                       opts, NOPTS, &a);
    if (rc != 0) {
        cli_args_free(&a);
        return rc < 0 ? EXIT_OK : rc;
    }
    cli_docs d;
    state s = {0};
    rc = cli_docs_open(&d, "actors", &a, opts, NOPTS);
    if (rc == 0)
        rc = cli_docs_run(&d, &a, on_doc, &s);
    if (rc != EXIT_USAGE)
        cli_docs_summary(&d, s.n, "mentions");
    cli_docs_close(&d);
    cli_args_free(&a);
    return rc;
}
