/* cmd_train.c - `dyad train`: a tagger and parser model from CoNLL-U files.
 *
 * A thin client of dyad_model_train: it checks the files, refuses a file
 * that names itself a test split (scores on it would no longer mean
 * anything), prints one line per epoch with the dev scores, and writes the
 * model. The shipped models are made by tools/train_models.sh with it. */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

static const cli_opt opts[] = {
    {"lang", 0, "LANG", "the model's language (fr, en)"},
    {"dev", 0, "FILE", "CoNLL-U file to tune on: the best epoch is kept"},
    {"out", 'o', "FILE", "model file to write (data/models/LANG.dsm)"},
    {"tagger-epochs", 0, "N", "tagger training epochs (default 10)"},
    {"parser-epochs", 0, "N", "parser training epochs (default 15)"},
    {"jackknife", 0, "K", "train the parser on tags from K held-out taggers (default 4; 0: gold tags)"},
    {"seed", 0, "N", "shuffling seed (default 1)"},
    {"prune", 0, "W", "drop features whose averaged weights all stay under W (default 0.1)"},
    {"prune-labeler", 0, "W", "the same for the arc labeler (default 3.0: its rows are wide)"},
    {"allow-test", 0, NULL, "accept files whose name says they are test splits"},
};
#define NOPTS (sizeof opts / sizeof opts[0])

static int num(const char *s, unsigned dflt, unsigned max, unsigned *out)
{
    if (!s) {
        *out = dflt;
        return 1;
    }
    char *end;
    unsigned long v = strtoul(s, &end, 10);
    if (!*s || *end || v > max)
        return 0;
    *out = (unsigned)v;
    return 1;
}

static int is_test_file(const char *p)
{
    const char *b = strrchr(p, '/');
    b = b ? b + 1 : p;
    return strstr(b, "test") != NULL;
}

int cmd_train(int argc, char **argv)
{
    cli_args a;
    int rc = cli_parse(argc, argv, "dyad train --lang LANG -o MODEL [--dev DEV.conllu] TRAIN.conllu...",
                       "Train the tagger, lemmatiser and dependency parser of one language from\n"
                       "Universal Dependencies CoNLL-U files. Deterministic: the same files and\n"
                       "options give the same model bytes. Exit status: 0 ok, 1 error, 2 bad usage.",
                       opts, NOPTS, &a);
    if (rc != 0) {
        cli_args_free(&a);
        return rc < 0 ? EXIT_OK : rc;
    }
    dyad_train_options o;
    memset(&o, 0, sizeof o);
    o.lang = cli_get(&a, opts, NOPTS, "lang");
    o.out = cli_get(&a, opts, NOPTS, "out");
    o.dev = cli_get(&a, opts, NOPTS, "dev");
    o.train = a.pos;
    o.ntrain = a.npos;
    o.progress = cli_verbosity > 0 ? stderr : NULL;
    rc = EXIT_USAGE;
    if (!o.lang || !o.out || a.npos == 0) {
        fprintf(stderr, "dyad train: --lang, --out and at least one training file are required\n");
        goto done;
    }
    if (!num(cli_get(&a, opts, NOPTS, "tagger-epochs"), 10, 100, &o.tagger_epochs) ||
        !num(cli_get(&a, opts, NOPTS, "parser-epochs"), 15, 100, &o.parser_epochs) ||
        !num(cli_get(&a, opts, NOPTS, "jackknife"), 4, 20, &o.jackknife) ||
        !num(cli_get(&a, opts, NOPTS, "seed"), 1, 0xFFFFFFFFu, &o.seed) || o.jackknife == 1 ||
        o.tagger_epochs == 0 || o.parser_epochs == 0) {
        fprintf(stderr, "dyad train: epochs must be 1..100, --jackknife 0 or 2..20, --seed a number\n");
        goto done;
    }
    const char *pr = cli_get(&a, opts, NOPTS, "prune");
    o.prune = 0.1;
    if (pr) {
        char *end;
        o.prune = strtod(pr, &end);
        if (!*pr || *end || o.prune < 0 || o.prune > 100) {
            fprintf(stderr, "dyad train: --prune takes a weight from 0 to 100\n");
            goto done;
        }
    }
    const char *pl = cli_get(&a, opts, NOPTS, "prune-labeler");
    o.prune_labeler = 3.0;
    if (pl) {
        char *end;
        o.prune_labeler = strtod(pl, &end);
        if (!*pl || *end || o.prune_labeler < 0 || o.prune_labeler > 100) {
            fprintf(stderr, "dyad train: --prune-labeler takes a weight from 0 to 100\n");
            goto done;
        }
    }
    if (!cli_get(&a, opts, NOPTS, "allow-test")) {
        for (size_t i = 0; i <= a.npos; i++) {
            const char *p = i < a.npos ? a.pos[i] : o.dev;
            if (p && is_test_file(p)) {
                fprintf(stderr, "dyad train: %s looks like a test split; never train or tune on one "
                                "(--allow-test to insist)\n", p);
                goto done;
            }
        }
    }
    char err[512] = "";
    dyad_status st = dyad_model_train(&o, err, sizeof err);
    if (st != DYAD_OK) {
        fprintf(stderr, "dyad train: %s\n", err[0] ? err : dyad_strerror(st));
        rc = st == DYAD_ERR_ARG ? EXIT_USAGE : EXIT_FAIL;
        goto done;
    }
    rc = EXIT_OK;
done:
    cli_args_free(&a);
    return rc;
}
