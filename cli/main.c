/* main.c - the dyad tool: dispatches to one subcommand per file in cli/. */
#include "cli.h"

#include <signal.h>
#include <string.h>

static const struct {
    const char *name;
    cli_cmd_fn fn;
    const char *help;
} commands[] = {
    {"code", cmd_code, "code documents into events (JSON Lines)"},
    {"tokens", cmd_tokens, "print sentences and tokens as JSON Lines"},
    {"dict", cmd_dict, "build or check the dictionaries (dict build | dict check)"},
    {"eval", cmd_eval, "score dyad against gold standards (precision, recall, F1)"},
    {"actors", cmd_actors, "print actor and place mentions as JSON Lines"},
    {"ingest", cmd_ingest, "code documents into the event store (SQLite)"},
    {"query", cmd_query, "filter the stored events (table, CSV, JSON Lines)"},
    {"relations", cmd_relations, "dyad relations over time from the event store"},
    {"graph", cmd_graph, "export the actor network (dot, graphml, gexf, json)"},
    {"export", cmd_export, "export the stored events (GDELT, Phoenix, CSV, JSON Lines)"},
    {"parse", cmd_parse, "tag and parse documents into CoNLL-U, or score a model (--eval)"},
    {"train", cmd_train, "train a tagger and parser model from CoNLL-U files"},
    {"serve", cmd_serve, "serve the event store: HTTP API and dashboard"},
};

static void usage(FILE *f)
{
    fprintf(f, "usage: dyad COMMAND [OPTIONS] [ARGS]\n\ncommands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].help);
    fprintf(f, "\n'dyad COMMAND --help' describes a command. 'dyad --version' prints the version.\n");
}

int main(int argc, char **argv)
{
    /* Over a file-size limit (ulimit -f) a write fails with EFBIG, which is
     * reported with the file's name, instead of the process dying silently. */
    signal(SIGXFSZ, SIG_IGN);
    if (argc < 2) {
        usage(stderr);
        return EXIT_USAGE;
    }
    if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "version") == 0) {
        printf("dyad %s\n", dyad_version());
        return EXIT_OK;
    }
    if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "help") == 0) {
        usage(stdout);
        return EXIT_OK;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(argv[1], commands[i].name) == 0)
            return commands[i].fn(argc - 1, argv + 1);
    fprintf(stderr, "dyad: unknown command '%s'\n", argv[1]);
    usage(stderr);
    return EXIT_USAGE;
}
