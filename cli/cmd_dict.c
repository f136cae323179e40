/* cmd_dict.c - STUB `dyad dict` (being replaced). */
#include "cli.h"
#include <stdio.h>
#include <string.h>
int cmd_dict(int argc, char **argv)
{
    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], "--out") == 0 && i + 1 < argc) {
            FILE *f = fopen(argv[i + 1], "wb");
            if (!f) return EXIT_FAIL;
            fclose(f);
        }
    return EXIT_OK;
}
