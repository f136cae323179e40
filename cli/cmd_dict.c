/* cmd_dict.c - `dyad dict build` compiles the text dictionaries in data/
 * into the binary lexicon; `dyad dict check` lints them. A thin client of
 * the compiler (src/dictsrc.h): problems go to stderr as FILE:LINE, the
 * summary to stdout.
 *
 * Exit status: 0 clean; 1 errors in the data (build: nothing written;
 * check: also duplicates, conflicting codes, role dates, unknown codes) or
 * the compiler could not run; 2 bad command line. */
#include "cli.h"
#include "dict_more.h"
#include "dictsrc.h"
#include "foreign.h"

#include <string.h>

static const cli_opt build_opts[] = {
    {"data", 'd', "DIR", "dictionary sources (default: data)"},
    {"out", 'o', "FILE", "the binary lexicon to write (required)"},
    {"dict", 0, "SPEC", "TABARI/PETRARCH dictionaries instead of DIR's actors and triggers: tabari:FILE.project, petrarch:DIR"},
    {"tabari", 0, "FILE", "same as --dict tabari:FILE"},
    {"petrarch", 0, "PATH", "same as --dict petrarch:PATH"},
};

static const cli_opt check_opts[] = {
    {"data", 'd', "DIR", "dictionary sources (default: data)"},
    {"dict", 0, "SPEC", "check the conversion of TABARI/PETRARCH dictionaries (see build)"},
};

#define NOPTS(a) (sizeof(a) / sizeof((a)[0]))

static void print_counts(const dyadi_dict_stats *st)
{
    printf("files %zu, lines %zu\n", st->files, st->lines);
    printf("actors %zu (roles %zu), triggers %zu, cues %zu, cameo codes %zu\n", st->actors,
           st->roles, st->triggers, st->cues, st->cameo);
    printf("keys %zu, trie nodes: actor %zu, trigger %zu, cue %zu, cue-stem %zu\n", st->keys,
           st->nodes[DYADI_TRIE_ACTOR], st->nodes[DYADI_TRIE_TRIGGER], st->nodes[DYADI_TRIE_CUE],
           st->nodes[DYADI_TRIE_CUE_STEM]);
}

static int dict_build(int argc, char **argv)
{
    cli_args a;
    int rc = cli_parse(argc, argv, "dyad dict build [--data DIR] [--dict SPEC] --out FILE [-q]",
                       "Compile the dictionaries in DIR into the binary lexicon FILE.",
                       build_opts, NOPTS(build_opts), &a);
    if (rc != 0)
        goto done;
    const char *out = cli_get(&a, build_opts, NOPTS(build_opts), "out");
    if (!out || a.npos) {
        fprintf(stderr, "dyad dict build: %s (see --help)\n",
                out ? "unexpected argument" : "--out FILE is required");
        rc = EXIT_USAGE;
        goto done;
    }
    char spec[4096] = "";
    const char *dict = cli_get(&a, build_opts, NOPTS(build_opts), "dict");
    const char *tab = cli_get(&a, build_opts, NOPTS(build_opts), "tabari");
    const char *pet = cli_get(&a, build_opts, NOPTS(build_opts), "petrarch");
    if ((dict != NULL) + (tab != NULL) + (pet != NULL) > 1) {
        fprintf(stderr, "dyad dict build: give one of --dict, --tabari, --petrarch\n");
        rc = EXIT_USAGE;
        goto done;
    }
    if (dict || tab || pet)
        snprintf(spec, sizeof spec, "%s%s", dict ? "" : tab ? "tabari:" : "petrarch:",
                 dict ? dict : tab ? tab : pet);
    char ddir[4096];
    const char *data = cli_get(&a, build_opts, NOPTS(build_opts), "data");
    if (spec[0]) {
        dyadi_foreign_data_dir(data, ddir, sizeof ddir);
        data = ddir;
    }
    dyadi_dict_opts o = {data, out, 0, stderr, cli_verbosity};
    dyadi_dict_stats st;
    dyadi_foreign_stats fx;
    char err[1024];
    dyad_status s = spec[0] ? dyadi_foreign_compile(spec, &o, &st, &fx, err, sizeof err)
                            : dyadi_dict_compile(&o, &st, err, sizeof err);
    if (s != DYAD_OK) {
        fprintf(stderr, "dyad dict build: %s\n", err);
        rc = EXIT_FAIL;
        goto done;
    }
    if (st.errors) {
        fprintf(stderr, "dyad dict build: %zu error%s in the dictionaries, %s not written\n",
                st.errors, st.errors == 1 ? "" : "s", out);
        rc = EXIT_FAIL;
        goto done;
    }
    if (cli_verbosity > 0 && spec[0])
        dyadi_foreign_print(stdout, &fx);
    if (cli_verbosity > 0) {
        print_counts(&st);
        printf("wrote %s: %llu bytes (%zu warnings)\n", out, (unsigned long long)st.file_size,
               st.warnings);
    }
    rc = EXIT_OK;
done:
    cli_args_free(&a);
    return rc < 0 ? EXIT_OK : rc;
}

static int dict_check(int argc, char **argv)
{
    cli_args a;
    int rc = cli_parse(argc, argv, "dyad dict check [--data DIR]",
                       "Lint the dictionaries in DIR: syntax, codes, dates, duplicates and\n"
                       "conflicting codes, each reported as FILE:LINE on stderr. Exit 1 if\n"
                       "any error or conflict is found (warnings alone do not fail).",
                       check_opts, NOPTS(check_opts), &a);
    if (rc != 0)
        goto done;
    if (a.npos) {
        fprintf(stderr, "dyad dict check: unexpected argument '%s' (see --help)\n", a.pos[0]);
        rc = EXIT_USAGE;
        goto done;
    }
    /* check reports everything it finds unless told -q. */
    const char *dict = cli_get(&a, check_opts, NOPTS(check_opts), "dict");
    char ddir[4096];
    const char *data = cli_get(&a, check_opts, NOPTS(check_opts), "data");
    if (dict) {
        dyadi_foreign_data_dir(data, ddir, sizeof ddir);
        data = ddir;
    }
    dyadi_dict_opts o = {data, NULL, 1, stderr, cli_verbosity};
    dyadi_dict_stats st;
    dyadi_foreign_stats fx;
    char err[1024];
    dyad_status s = dict ? dyadi_foreign_compile(dict, &o, &st, &fx, err, sizeof err)
                         : dyadi_dict_compile(&o, &st, err, sizeof err);
    if (s == DYAD_OK && dict && cli_verbosity > 0)
        dyadi_foreign_print(stdout, &fx);
    if (s != DYAD_OK) {
        fprintf(stderr, "dyad dict check: %s\n", err);
        rc = EXIT_FAIL;
        goto done;
    }
    size_t findings = st.errors + st.duplicates + st.conflicts + st.dates + st.codes;
    if (cli_verbosity > 0)
        print_counts(&st);
    printf("%zu errors, %zu warnings, %zu duplicates, %zu conflicts, %zu date problems, "
           "%zu unknown or inconsistent codes (%zu city homonyms, not counted)\n",
           st.errors, st.warnings, st.duplicates, st.conflicts, st.dates, st.codes, st.homonyms);
    rc = findings ? EXIT_FAIL : EXIT_OK;
done:
    cli_args_free(&a);
    return rc < 0 ? EXIT_OK : rc;
}

int cmd_dict(int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], "build") == 0)
        return dict_build(argc - 1, argv + 1);
    if (argc >= 2 && strcmp(argv[1], "check") == 0)
        return dict_check(argc - 1, argv + 1);
    if (argc >= 2 && strcmp(argv[1], "coverage") == 0)
        return dict_coverage(argc - 1, argv + 1);
    if (argc >= 2 && strcmp(argv[1], "unknown") == 0)
        return dict_unknown(argc - 1, argv + 1);
    FILE *f = argc >= 2 && (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0) ? stdout
                                                                                            : stderr;
    fprintf(f, "usage: dyad dict build [--data DIR] [--dict SPEC] --out FILE [-q]\n"
               "       dyad dict check [--data DIR] [--dict SPEC]\n"
               "       dyad dict coverage [--lexicon FILE] [--missing]\n"
               "       dyad dict unknown [OPTIONS] CORPUS...\n\n"
               "build compiles the dictionaries (docs/formats.md) into a binary lexicon;\n"
               "check lints them; coverage counts the triggers of each CAMEO code per\n"
               "language; unknown lists the names and agent nouns of a corpus that no\n"
               "entry matches. 'dyad dict build --help' says more.\n");
    return f == stdout ? EXIT_OK : EXIT_USAGE;
}
