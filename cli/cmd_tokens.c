/* cmd_tokens.c - `dyad tokens`: the text stages made visible.
 *
 * Runs the coder on each document (with the lexicon when one is found) and
 * prints one JSON line per sentence with its tokens: byte spans into the
 * document text, the normalised key and stem the matcher sees, kind and
 * flags, and, when a syntax model of the language is found, the token's
 * words with UPOS, lemma, features, head and relation. It is the tool for
 * answering "why did this phrase not match?";
 * reading and error handling are the shared loop of docloop.c.
 */
#include "docloop.h"

static const cli_opt opts[] = {
    CLI_DOC_OPTIONS,
    CLI_SYNTAX_OPTION,
};
#define NOPTS (sizeof opts / sizeof opts[0])

static const char *const kind_names[] = {"word", "number", "punct", "symbol"};

static const struct {
    unsigned bit;
    const char *name;
} flag_names[] = {
    {DYAD_TOKF_ELIDED, "elided"},   {DYAD_TOKF_CAPITAL, "capital"},
    {DYAD_TOKF_HYPHEN, "hyphen"},   {DYAD_TOKF_QUOTE, "quote"},
    {DYAD_TOKF_REPLACED, "replaced"},
};

/* Span text, or an empty slice when the span is not inside the text. */
static void span_json(FILE *f, const dyad_doc *doc, dyad_span sp)
{
    if (sp.start <= sp.end && sp.end <= doc->text_len)
        json_str(f, doc->text + sp.start, sp.end - sp.start);
    else
        json_str(f, "", 0);
}

static int on_doc(void *ud, cli_docs *d, const dyad_doc *doc)
{
    unsigned long long *nsent = ud;
    size_t ns = 0, nt = 0;
    const dyad_sentence *sv = dyad_coder_sentences(d->coder, &ns);
    const dyad_token *tv = dyad_coder_tokens(d->coder, &nt);
    const char *lang = dyad_coder_lang(d->coder);
    size_t nw = 0, wi = 0;
    const dyad_word *wv = dyad_coder_words(d->coder, &nw);
    FILE *f = stdout;
    for (size_t i = 0; sv && i < ns; i++) {
        const dyad_sentence *s = &sv[i];
        fputs("{\"doc\":", f);
        json_cstr(f, doc->id);
        fprintf(f, ",\"sent\":%zu,\"span\":[%lu,%lu],\"text\":", i, (unsigned long)s->span.start,
                (unsigned long)s->span.end);
        span_json(f, doc, s->span);
        fputs(",\"lang\":", f);
        json_cstr(f, lang);
        fputs(",\"tokens\":[", f);
        for (size_t k = 0; tv && k < s->n_tokens && (size_t)s->first_token + k < nt; k++) {
            const dyad_token *t = &tv[s->first_token + k];
            if (k)
                fputc(',', f);
            fputs("{\"text\":", f);
            span_json(f, doc, t->span);
            fprintf(f, ",\"span\":[%lu,%lu],\"norm\":", (unsigned long)t->span.start,
                    (unsigned long)t->span.end);
            json_cstr(f, t->norm);
            fputs(",\"stem\":", f);
            json_cstr(f, t->stem);
            fprintf(f, ",\"kind\":\"%s\",\"flags\":[", t->kind < 4 ? kind_names[t->kind] : "symbol");
            int first = 1;
            for (size_t b = 0; b < sizeof flag_names / sizeof flag_names[0]; b++)
                if (t->flags & flag_names[b].bit) {
                    fprintf(f, "%s\"%s\"", first ? "" : ",", flag_names[b].name);
                    first = 0;
                }
            fputc(']', f);
            /* the token's syntactic words (two for "du" = de + le) */
            size_t tk = (size_t)s->first_token + k;
            while (wi < nw && wv[wi].token < tk)
                wi++;
            if (wi < nw && wv[wi].token == tk) {
                fputs(",\"words\":[", f);
                for (size_t x = wi; x < nw && wv[x].token == tk; x++) {
                    fputs(x > wi ? ",{\"form\":" : "{\"form\":", f);
                    json_cstr(f, wv[x].form);
                    fputs(",\"lemma\":", f);
                    json_cstr(f, wv[x].lemma);
                    fprintf(f, ",\"upos\":\"%s\",\"feats\":", wv[x].upos);
                    json_cstr(f, wv[x].feats);
                    fprintf(f, ",\"id\":%u,\"head\":%u,\"deprel\":", wv[x].id, wv[x].head);
                    json_cstr(f, wv[x].deprel);
                    fputc('}', f);
                }
                fputc(']', f);
            }
            fputc('}', f);
        }
        fputs("]}\n", f);
    }
    *nsent += ns;
    return 0;
}

int cmd_tokens(int argc, char **argv)
{
    cli_args a;
    cli_docs d;
    unsigned long long nsent = 0;
    int rc = cli_parse(argc, argv, "dyad tokens [OPTIONS] [FILE|DIR|-]...",
                       "Print each sentence and its tokens as one JSON object per line. With\n"
                       "no FILE, read standard input. Exit status: 0 ok, 1 fatal error, 2 bad\n"
                       "usage, 3 some records were reported and skipped.",
                       opts, NOPTS, &a);
    if (rc != 0) {
        cli_args_free(&a);
        return rc < 0 ? EXIT_OK : rc;
    }
    rc = cli_docs_open(&d, "tokens", &a, opts, NOPTS);
    if (rc == 0)
        rc = cli_docs_want_syntax(&d, &a, opts, NOPTS);
    if (rc == 0) {
        rc = cli_docs_run(&d, &a, on_doc, &nsent);
        cli_docs_summary(&d, nsent, "sentences");
    }
    cli_docs_close(&d);
    cli_args_free(&a);
    return rc;
}
