/* foreignutil.h - TABARI/PETRARCH dictionaries compiled for a unit test:
 * the compiler's messages and counts, the lexicon (an unlinked-on-close
 * temporary file) and a coder on it; and the event checks the foreign
 * tests share. Include after testutil.h. */
#ifndef DYAD_FOREIGNUTIL_H
#define DYAD_FOREIGNUTIL_H
#include <stdlib.h>
#include <unistd.h>

#include "foreign.h"

typedef struct foreign_lex {
    char path[64];
    char msgs[65536];           /* the compiler's messages, FILE:LINE: ... */
    dyadi_dict_stats st;
    dyadi_foreign_stats fx;
    dyad_status rc;             /* of the compilation */
    dyad_lexicon *lex;
    dyad_coder *c;
} foreign_lex;

/* Compile spec ("tabari:FILE.project", "petrarch:f1,f2") with data/'s
 * taxonomy and cues, open the lexicon and a coder. NULL when out of
 * memory, the compilation failed or the lexicon does not open (f->rc and
 * f->msgs are then lost: tests that check a failing compilation call
 * dyadi_foreign_compile themselves). */
static inline foreign_lex *foreign_lex_open(const char *spec)
{
    foreign_lex *f = calloc(1, sizeof *f);
    if (!f)
        return NULL;
    snprintf(f->path, sizeof f->path, "/tmp/dyad-test-foreign-XXXXXX");
    int fd = mkstemp(f->path);
    FILE *m = fd >= 0 ? tmpfile() : NULL;
    if (fd >= 0)
        close(fd);
    if (!m) {
        free(f);
        return NULL;
    }
    dyadi_dict_opts o = {"data", f->path, 0, m, 1};
    char err[512];
    f->rc = dyadi_foreign_compile(spec, &o, &f->st, &f->fx, err, sizeof err);
    rewind(m);
    size_t n = fread(f->msgs, 1, sizeof f->msgs - 1, m);
    f->msgs[n] = '\0';
    fclose(m);
    if (f->rc != DYAD_OK || dyad_lexicon_open(f->path, &f->lex, NULL, 0) != DYAD_OK ||
        !(f->c = dyad_coder_new(f->lex))) {
        dyad_lexicon_free(f->lex);
        unlink(f->path);
        free(f);
        return NULL;
    }
    return f;
}

static inline void foreign_lex_close(foreign_lex *f)
{
    if (!f)
        return;
    dyad_coder_free(f->c);
    dyad_lexicon_free(f->lex);
    unlink(f->path);
    free(f);
}

/* Code one English document (id "t1"); DYAD_OK or the coder's status. */
static inline dyad_status foreign_run(dyad_coder *c, const char *date, const char *text)
{
    dyad_doc doc = {0};
    doc.id = "t1";
    doc.text = text;
    doc.text_len = strlen(text);
    doc.lang = "en";
    doc.date = date;
    return dyad_coder_run(c, &doc);
}

/* Is SRC -> TGT CODE among the events of the coder's last document (TGT
 * NULL: an event with no target)? */
static inline int has_event(dyad_coder *c, const char *src, const char *tgt, const char *code)
{
    size_t n = 0;
    const dyad_event *ev = dyad_coder_events(c, &n);
    for (size_t i = 0; i < n; i++)
        if (strcmp(ev[i].code, code) == 0 && ev[i].source.code &&
            strcmp(ev[i].source.code, src) == 0 &&
            (tgt ? ev[i].target.code && strcmp(ev[i].target.code, tgt) == 0 : !ev[i].target.code))
            return 1;
    return 0;
}

/* Does coding text (dated 1995-01-01) produce SRC -> TGT CODE? */
static inline int codes(dyad_coder *c, const char *text, const char *src, const char *tgt,
                        const char *code)
{
    assert_int_equal(foreign_run(c, "1995-01-01", text), DYAD_OK);
    return has_event(c, src, tgt, code);
}
#endif
