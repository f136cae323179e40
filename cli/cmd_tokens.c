/* cmd_tokens.c - STUB `dyad tokens` (being replaced). */
#include "cli.h"
int cmd_tokens(int argc, char **argv) { (void)argc; (void)argv; return EXIT_OK; }
