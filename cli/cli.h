/* cli.h - shared pieces of the dyad command-line tool (a thin client of dyad.h). */
#ifndef DYAD_CLI_H
#define DYAD_CLI_H
#include <stdio.h>
#include <stddef.h>
#include "dyad.h"

/* Exit codes, documented in docs/cli.md. */
enum {
    EXIT_OK = 0,        /* everything read was processed */
    EXIT_FAIL = 1,      /* a fatal error: nothing or not all could be done */
    EXIT_USAGE = 2,     /* bad command line */
    EXIT_SKIPPED = 3    /* finished, but some records were reported and skipped */
};

/* One option of a subcommand. The same table parses argv and prints --help. */
typedef struct cli_opt {
    const char *name;       /* long name without "--" */
    char short_name;        /* 0 when none */
    const char *arg;        /* metavariable ("FILE") or NULL for a flag */
    const char *help;
} cli_opt;

typedef struct cli_args {
    const char **values;    /* per option: its value, "1" for a set flag, NULL if absent */
    const char **pos;       /* positional arguments */
    size_t npos;
} cli_args;

/* Parse argv (argv[0] is the subcommand name). On error prints to stderr
 * and returns EXIT_USAGE; on --help prints help and returns -1; else 0.
 * The caller frees with cli_args_free. */
int cli_parse(int argc, char **argv, const char *usage, const char *summary,
              const cli_opt *opts, size_t nopts, cli_args *out);
void cli_args_free(cli_args *a);
const char *cli_get(const cli_args *a, const cli_opt *opts, size_t nopts, const char *name);

/* Global verbosity: -q sets 0, default 1, -v sets 2. */
extern int cli_verbosity;

/* JSON output helpers: strings are escaped; invalid UTF-8 becomes U+FFFD. */
void json_str(FILE *f, const char *s, size_t n);
void json_cstr(FILE *f, const char *s);  /* NULL writes null */

/* Subcommands: each in its own file cli/cmd_<name>.c. */
typedef int (*cli_cmd_fn)(int argc, char **argv);
int cmd_code(int argc, char **argv);
int cmd_tokens(int argc, char **argv);
int cmd_dict(int argc, char **argv);
int cmd_eval(int argc, char **argv);
int cmd_actors(int argc, char **argv);
int cmd_ingest(int argc, char **argv);
int cmd_query(int argc, char **argv);
int cmd_relations(int argc, char **argv);
int cmd_graph(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_train(int argc, char **argv);
int cmd_parse(int argc, char **argv);
int cmd_serve(int argc, char **argv);
#endif
