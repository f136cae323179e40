/* main.c - the dyad tool: dispatches to one subcommand per file in cli/. */
#include "cli.h"

#include <string.h>

static const struct {
    const char *name;
    cli_cmd_fn fn;
    const char *help;
} commands[] = {
    {"code", cmd_code, "code documents into events (JSON Lines)"},
    {"tokens", cmd_tokens, "print sentences and tokens as JSON Lines"},
    {"dict", cmd_dict, "build or check the dictionaries (dict build | dict check)"},
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
