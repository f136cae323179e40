/* testutil.h - shared helpers for the cmocka unit tests. */
#ifndef DYAD_TESTUTIL_H
#define DYAD_TESTUTIL_H
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <stdio.h>
#include <cmocka.h>
#include "dyad.h"

/* Path of the shared data folder (../shared/data from the repository), or
 * NULL when absent: tests that need it skip cleanly. */
static inline const char *test_shared_data(void)
{
    static const char *p = "../shared/data";
    FILE *f = fopen("../shared/data/dyad-dev-gold/README.md", "r");
    if (!f)
        return NULL;
    fclose(f);
    return p;
}
#endif
