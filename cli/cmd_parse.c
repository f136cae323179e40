/* cmd_parse.c - `dyad parse`: documents to CoNLL-U, or a model's scores.
 *
 * Without --eval it reads documents like every other command (text, JSON
 * Lines, stdin), runs the text stages, the tagger and the parser, and
 * writes CoNLL-U: one block per sentence with "# sent_id = DOC-N" and
 * "# text", multiword token lines for contractions, and each word's byte
 * span in the original document in MISC (TokenRange=START:END), so the
 * tree can be traced back to the input. With --eval GOLD.conllu it scores
 * the model of GOLD's language on the gold words (gold tokenisation). */
#include "docloop.h"

#include <string.h>

static const cli_opt opts[] = {
    CLI_DOC_OPTIONS,
    {"eval", 0, "GOLD", "score the model on a gold CoNLL-U file (gold tokenisation)"},
    {"out", 'o', "FILE", "with --eval: write the system's CoNLL-U there (for ud-eval)"},
    {"model", 0, "FILE", "with --eval: the model file (default: data/models/LANG.dsm)"},
    {"data", 0, "DIR", "data directory holding models/ (default: ./data, beside the tool)"},
    {"json", 0, NULL, "with --eval: print the scores as one JSON object"},
    {"gold-upos", 0, NULL, "with --eval: parse with the gold UPOS (tagging errors apart)"},
    {"raw", 0, NULL, "with --eval: parse GOLD's own text from scratch and align on characters"},
};
#define NOPTS (sizeof opts / sizeof opts[0])

static void put_field(FILE *f, const char *s)
{
    /* CoNLL-U fields hold no tab, newline or space-only value */
    if (!s || !*s) {
        fputc('_', f);
        return;
    }
    for (; *s; s++)
        fputc(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s, f);
}

static int on_doc(void *ud, cli_docs *d, const dyad_doc *doc)
{
    unsigned long long *nsent = ud;
    size_t nw = 0, ns = 0;
    const dyad_word *w = dyad_coder_words(d->coder, &nw);
    const dyad_sentence *sv = dyad_coder_sentences(d->coder, &ns);
    FILE *f = stdout;
    if (!w && cli_verbosity >= 1 && ns)
        fprintf(stderr, "dyad parse: %s: no syntax model for language '%s'; not parsed\n",
                doc->id ? doc->id : "?", dyad_coder_lang(d->coder));
    size_t i = 0;
    while (i < nw) {
        uint32_t s = w[i].sentence;
        size_t j = i;
        while (j < nw && w[j].sentence == s)
            j++;
        fprintf(f, "# sent_id = %s-%u\n", doc->id ? doc->id : "doc", s + 1);
        if (s < ns) {
            fputs("# text = ", f);
            const char *t = doc->text + sv[s].span.start;
            for (size_t k = 0; k < sv[s].span.end - sv[s].span.start; k++)
                fputc(t[k] == '\n' || t[k] == '\r' || t[k] == '\t' ? ' ' : t[k], f);
            fputc('\n', f);
        }
        for (size_t k = i; k < j; k++) {
            if ((w[k].flags & DYAD_WORDF_MWT) && (k == i || w[k - 1].token != w[k].token)) {
                size_t e = k;
                while (e + 1 < j && w[e + 1].token == w[k].token)
                    e++;
                fprintf(f, "%u-%u\t", w[k].id, w[e].id);
                const char *t = doc->text + w[k].span.start;
                fwrite(t, 1, w[k].span.end - w[k].span.start, f);
                fprintf(f, "\t_\t_\t_\t_\t_\t_\t_\tTokenRange=%u:%u\n", (unsigned)w[k].span.start,
                        (unsigned)w[k].span.end);
            }
            fprintf(f, "%u\t", w[k].id);
            put_field(f, w[k].form);
            fputc('\t', f);
            put_field(f, w[k].lemma);
            fprintf(f, "\t%s\t_\t%s\t%u\t%s\t_\t", w[k].upos, w[k].feats, w[k].head, w[k].deprel);
            if (w[k].flags & DYAD_WORDF_MWT)
                fputs("_\n", f);
            else
                fprintf(f, "TokenRange=%u:%u\n", (unsigned)w[k].span.start, (unsigned)w[k].span.end);
        }
        fputc('\n', f);
        (*nsent)++;
        i = j;
    }
    return ferror(f) ? EXIT_FAIL : 0;
}

static int run_eval(const cli_args *a)
{
    const char *gold = cli_get(a, opts, NOPTS, "eval");
    const char *lang = cli_get(a, opts, NOPTS, "lang");
    const char *mpath = cli_get(a, opts, NOPTS, "model");
    char err[512];
    dyad_model *m = NULL;
    if (!mpath && (!lang || strcmp(lang, "auto") == 0)) {
        /* the language from the file name: .../en/ewt-test.conllu, fr_gsd-... */
        if (strstr(gold, "/fr/") || strstr(gold, "fr_") || strstr(gold, "/fr-"))
            lang = "fr";
        else if (strstr(gold, "/en/") || strstr(gold, "en_") || strstr(gold, "/en-"))
            lang = "en";
        else {
            fprintf(stderr, "dyad parse: --eval needs --lang (fr, en) or --model\n");
            return EXIT_USAGE;
        }
    }
    dyad_status st = mpath ? dyad_model_open(mpath, lang, &m, err, sizeof err)
                           : dyad_model_open_lang(cli_get(a, opts, NOPTS, "data"), lang, &m, err, sizeof err);
    if (st != DYAD_OK) {
        fprintf(stderr, "dyad parse: %s\n", err);
        return EXIT_FAIL;
    }
    dyad_parse_scores sc;
    unsigned flags = cli_get(a, opts, NOPTS, "gold-upos") ? DYAD_EVAL_GOLD_UPOS : 0;
    int raw = cli_get(a, opts, NOPTS, "raw") != NULL;
    if (raw)
        flags |= DYAD_EVAL_RAW;
    st = dyad_model_eval_conllu(m, gold, cli_get(a, opts, NOPTS, "out"), flags, &sc, err, sizeof err);
    dyad_model_free(m);
    if (st != DYAD_OK) {
        fprintf(stderr, "dyad parse: %s\n", err);
        return EXIT_FAIL;
    }
    if (cli_get(a, opts, NOPTS, "json")) {
        printf("{\"gold\":");
        json_cstr(stdout, gold);
        printf(",\"lang\":\"%s\",\"sentences\":%zu,\"words\":%zu,\"upos\":%.2f,\"lemma\":%.2f,"
               "\"ufeats\":%.2f,\"uas\":%.2f,\"las\":%.2f",
               lang ? lang : "", sc.sentences, sc.words, sc.upos, sc.lemma, sc.ufeats, sc.uas, sc.las);
        if (raw)
            printf(",\"raw\":true,\"tokens\":%.2f,\"sentences_f1\":%.2f,\"words_f1\":%.2f}\n", sc.tokens,
                   sc.sentences_f1, sc.words_f1);
        else
            printf(",\"words_per_second\":%.0f}\n", sc.words_per_second);
    } else if (raw) {
        printf("%s (raw text, F1): %zu sentences, %zu words\n", gold, sc.sentences, sc.words);
        printf("Tokens %.2f  Sentences %.2f  Words %.2f  UPOS %.2f  Lemmas %.2f  UFeats %.2f  UAS %.2f  LAS %.2f\n",
               sc.tokens, sc.sentences_f1, sc.words_f1, sc.upos, sc.lemma, sc.ufeats, sc.uas, sc.las);
    } else {
        printf("%s (gold tokenisation): %zu sentences, %zu words\n", gold, sc.sentences, sc.words);
        printf("UPOS %.2f  Lemmas %.2f  UFeats %.2f  UAS %.2f  LAS %.2f  (%.0f words/s)\n", sc.upos,
               sc.lemma, sc.ufeats, sc.uas, sc.las, sc.words_per_second);
    }
    return EXIT_OK;
}

int cmd_parse(int argc, char **argv)
{
    cli_args a;
    cli_docs d;
    unsigned long long nsent = 0;
    int rc = cli_parse(argc, argv, "dyad parse [OPTIONS] [FILE|DIR|-]... | dyad parse --eval GOLD.conllu",
                       "Tag and parse documents into CoNLL-U (Universal Dependencies), each word\n"
                       "with its byte span in MISC; or score a model on a gold CoNLL-U file.\n"
                       "Exit status: 0 ok, 1 fatal error, 2 bad usage, 3 some records were\n"
                       "reported and skipped.",
                       opts, NOPTS, &a);
    if (rc != 0) {
        cli_args_free(&a);
        return rc < 0 ? EXIT_OK : rc;
    }
    if (cli_get(&a, opts, NOPTS, "eval")) {
        rc = run_eval(&a);
        cli_args_free(&a);
        return rc;
    }
    rc = cli_docs_open(&d, "parse", &a, opts, NOPTS);
    if (rc == 0)
        rc = cli_docs_load_models(&d, cli_get(&a, opts, NOPTS, "data"), 1);
    if (rc == 0) {
        rc = cli_docs_run(&d, &a, on_doc, &nsent);
        cli_docs_summary(&d, nsent, "sentences");
    }
    cli_docs_close(&d);
    cli_args_free(&a);
    return rc;
}
