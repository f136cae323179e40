/* cmd_code.c - STUB `dyad code` (being replaced). */
#include "cli.h"
int cmd_code(int argc, char **argv) { (void)argc; (void)argv; return EXIT_OK; }
