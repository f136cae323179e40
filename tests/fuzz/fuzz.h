/* fuzz.h - shared by the fuzz harnesses (tests/fuzz/fuzz_*.c). Each
 * harness defines LLVMFuzzerTestOneInput for one entry point that reads
 * untrusted bytes. `make fuzz` links them with clang's libFuzzer, ASan and
 * UBSan (build-fuzz/fuzzer/); `make` links them with replay.c's main()
 * (build/fuzz/), which `make check` runs over the seed and regression
 * corpora (tests/cli/fuzz.sh). docs/ROBUSTNESS.md has the campaigns. */
#ifndef DYAD_FUZZ_H
#define DYAD_FUZZ_H
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dyad.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Write data to a file called name in this process's own folder under
 * $TMPDIR (or /tmp), removed at exit; its path, or NULL. The readers take
 * paths, and some of them (foreign dictionaries) the kind from the name. */
static char fuzz_dir[256];
static char fuzz_names[8][300];
static int fuzz_nnames;

static void fuzz_cleanup(void)
{
    for (int i = 0; i < fuzz_nnames; i++)
        unlink(fuzz_names[i]);
    if (fuzz_dir[0])
        rmdir(fuzz_dir);
}

static inline const char *fuzz_file(const char *name, const uint8_t *data, size_t size)
{
    if (!fuzz_dir[0]) {
        const char *t = getenv("TMPDIR");
        snprintf(fuzz_dir, sizeof fuzz_dir, "%s/dyad-fuzz-XXXXXX", t && *t ? t : "/tmp");
        if (!mkdtemp(fuzz_dir)) {
            fuzz_dir[0] = '\0';
            return NULL;
        }
        atexit(fuzz_cleanup);
    }
    static char path[300];
    snprintf(path, sizeof path, "%s/%s", fuzz_dir, name);
    int known = 0;
    for (int i = 0; i < fuzz_nnames; i++)
        known |= strcmp(fuzz_names[i], path) == 0;
    if (!known && fuzz_nnames < 8)
        snprintf(fuzz_names[fuzz_nnames++], sizeof fuzz_names[0], "%s", path);
    FILE *f = fopen(path, "wb");
    if (!f)
        return NULL;
    if (size && fwrite(data, 1, size, f) != size) {
        fclose(f);
        return NULL;
    }
    if (fclose(f) != 0)
        return NULL;
    return path;
}

/* Read every byte of a NUL-terminated string the library returned, so that
 * ASan sees a dangling or unterminated one. */
static inline size_t fuzz_touch(const char *s)
{
    return s ? strlen(s) : 0;
}

/* Read a file of the given bytes with a dyad_reader forced to format,
 * every record to the end. Odd first bytes set a 64-byte record cap, so
 * that the TOOBIG path is fuzzed too. */
static inline int fuzz_reader(const uint8_t *data, size_t size, dyad_input_format format,
                              const char *name)
{
    const char *path = fuzz_file(name, data, size);
    if (!path)
        return 0;
    /* one reader per record cap, reused as a long run reuses it */
    static dyad_reader *readers[2];
    int capped = size && (data[0] & 1);
    if (!readers[capped]) {
        dyad_reader_options o = {format, NULL, NULL, capped ? 64 : 0};
        if (!(readers[capped] = dyad_reader_new(&o)))
            return 0;
    }
    dyad_reader *r = readers[capped];
    if (dyad_reader_open(r, path) == DYAD_OK) {
        for (int i = 0; i < 100000; i++) {
            dyad_doc d;
            dyad_status st = dyad_reader_next(r, &d);
            if (st == DYAD_DONE)
                break;
            if (st != DYAD_OK) {
                fuzz_touch(dyad_reader_errmsg(r));
                continue;
            }
            volatile size_t sum = fuzz_touch(d.id) + fuzz_touch(d.date) + fuzz_touch(d.lang) +
                                  fuzz_touch(d.title);
            for (size_t k = 0; k < d.text_len; k++)
                sum += (unsigned char)d.text[k];
            (void)sum;
        }
    }
    fuzz_touch(dyad_reader_errmsg(r));
    return 0;
}

/* The compiled lexicon the coder harnesses use: $DYAD_LEXICON, else
 * build/dyad.lex (built by `make`). NULL when there is none. */
static inline const char *fuzz_lexicon_path(void)
{
    const char *p = getenv("DYAD_LEXICON");
    if (p && *p)
        return p;
    return access("build/dyad.lex", R_OK) == 0 ? "build/dyad.lex" : NULL;
}
#endif
