/* conllu.c - reading CoNLL-U (training data and gold trees for evaluation).
 *
 * The whole file is read into one arena: the treebanks are small (a few
 * hundred thousand words) and training walks them many times. Multiword
 * token lines ("3-4 du") are kept as ranges beside the words; empty nodes
 * ("3.1") are skipped, as basic trees do not use them. A malformed line is
 * an error with its file and line: a tree silently dropped would skew
 * training and scores. */
#include "syntax/syntax.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_LINE ((size_t)1 << 20)
#define MAX_WORDS 4096

static int push_sent(dyadi_conllu *c, dyadi_csent *s)
{
    if (c->n == c->cap) {
        size_t nc = c->cap ? c->cap * 2 : 1024;
        dyadi_csent *q = realloc(c->s, nc * sizeof *q);
        if (!q)
            return 0;
        c->s = q;
        c->cap = nc;
    }
    c->s[c->n++] = *s;
    c->nwords += s->n;
    return 1;
}

static int parse_int(const char *s, int32_t *out)
{
    if (!*s)
        return 0;
    long v = 0;
    for (; *s; s++) {
        if (*s < '0' || *s > '9' || v > 100000)
            return 0;
        v = v * 10 + (*s - '0');
    }
    *out = (int32_t)v;
    return 1;
}

void dyadi_conllu_free(dyadi_conllu *c)
{
    if (!c)
        return;
    free(c->s);
    dyadi_arena_free(&c->arena);
    memset(c, 0, sizeof *c);
}

dyad_status dyadi_conllu_read(dyadi_conllu *c, const char *path, char *err, size_t errlen)
{
    memset(c, 0, sizeof *c);
    dyadi_arena_init(&c->arena, 0);
    dyad_status st = DYAD_ERR_NOMEM;
    FILE *f = fopen(path, "rb");
    char *line = NULL;
    size_t lcap = 0;
    dyadi_cword *w = malloc(MAX_WORDS * sizeof *w);
    dyadi_cmwt *mw = malloc(MAX_WORDS * sizeof *mw);
    dyadi_csent cur = {0};
    uint32_t nw = 0, nm = 0;
    unsigned long lineno = 0;
    if (!f) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        free(w);
        free(mw);
        return errno == ENOENT ? DYAD_ERR_NOTFOUND : DYAD_ERR_IO;
    }
    if (!w || !mw)
        goto fail;
    for (;;) {
        ssize_t r = getline(&line, &lcap, f);
        if (r < 0 && ferror(f)) {
            snprintf(err, errlen, "%s:%lu: read error: %s", path, lineno + 1, strerror(errno));
            st = DYAD_ERR_IO;
            goto fail;
        }
        lineno += r >= 0;
        size_t len = r > 0 ? (size_t)r : 0;
        if ((size_t)len > MAX_LINE) {
            snprintf(err, errlen, "%s:%lu: line over 1 MiB", path, lineno);
            st = DYAD_ERR_FORMAT;
            goto fail;
        }
        while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            line[--len] = '\0';
        if (r < 0 || len == 0) {
            if (nw) {
                cur.w = dyadi_arena_alloc(&c->arena, nw * sizeof *cur.w);
                cur.mwt = nm ? dyadi_arena_alloc(&c->arena, nm * sizeof *cur.mwt) : NULL;
                if (!cur.w || (nm && !cur.mwt))
                    goto fail;
                memcpy(cur.w, w, nw * sizeof *w);
                if (nm)
                    memcpy(cur.mwt, mw, nm * sizeof *mw);
                cur.n = nw;
                cur.nmwt = nm;
                for (uint32_t i = 0; i < nw; i++)
                    if (cur.w[i].head > (int32_t)nw) {
                        snprintf(err, errlen, "%s:%lu: HEAD %d of word %u is past the sentence's %u words",
                                 path, lineno, cur.w[i].head, i + 1, nw);
                        st = DYAD_ERR_FORMAT;
                        goto fail;
                    }
                if (!push_sent(c, &cur))
                    goto fail;
            }
            memset(&cur, 0, sizeof cur);
            nw = nm = 0;
            if (r < 0)
                break;
            continue;
        }
        if (line[0] == '#') {
            const char *v = NULL;
            if (strncmp(line, "# text = ", 9) == 0)
                v = line + 9;
            else if (strncmp(line, "# sent_id = ", 12) == 0)
                v = line + 12;
            if (v) {
                char *d = dyadi_arena_strndup(&c->arena, v, strlen(v));
                if (!d)
                    goto fail;
                if (line[2] == 't')
                    cur.text = d;
                else
                    cur.sent_id = d;
            }
            continue;
        }
        char *fld[10];
        int nf = 0;
        char *p = line;
        fld[nf++] = p;
        for (; *p && nf < 10; p++)
            if (*p == '\t') {
                *p = '\0';
                fld[nf++] = p + 1;
            }
        if (nf != 10 || strchr(fld[9], '\t')) {
            snprintf(err, errlen, "%s:%lu: expected 10 tab-separated fields", path, lineno);
            st = DYAD_ERR_FORMAT;
            goto fail;
        }
        if (strchr(fld[0], '.'))
            continue;   /* empty node */
        char *dash = strchr(fld[0], '-');
        if (dash) {
            int32_t a, b;
            *dash = '\0';
            if (!parse_int(fld[0], &a) || !parse_int(dash + 1, &b) || b < a || nm >= MAX_WORDS) {
                snprintf(err, errlen, "%s:%lu: bad multiword token range", path, lineno);
                st = DYAD_ERR_FORMAT;
                goto fail;
            }
            mw[nm].first = (uint32_t)a;
            mw[nm].last = (uint32_t)b;
            if (!(mw[nm].form = dyadi_arena_strndup(&c->arena, fld[1], strlen(fld[1]))))
                goto fail;
            nm++;
            continue;
        }
        int32_t id;
        if (!parse_int(fld[0], &id) || id != (int32_t)nw + 1 || nw >= MAX_WORDS) {
            snprintf(err, errlen, "%s:%lu: word id '%s' out of sequence (or over %d words)", path,
                     lineno, fld[0], MAX_WORDS);
            st = DYAD_ERR_FORMAT;
            goto fail;
        }
        dyadi_cword *x = &w[nw];
        const char **dst[7] = {&x->form, &x->lemma, &x->upos, &x->xpos, &x->feats, &x->deprel, &x->misc};
        const int src[7] = {1, 2, 3, 4, 5, 7, 9};
        for (int k = 0; k < 7; k++)
            if (!(*dst[k] = dyadi_arena_strndup(&c->arena, fld[src[k]], strlen(fld[src[k]]))))
                goto fail;
        if (strcmp(fld[6], "_") == 0)
            x->head = -1;
        else if (!parse_int(fld[6], &x->head)) {
            snprintf(err, errlen, "%s:%lu: bad HEAD '%s'", path, lineno, fld[6]);
            st = DYAD_ERR_FORMAT;
            goto fail;
        }
        nw++;
    }
    st = DYAD_OK;
fail:
    if (st == DYAD_ERR_NOMEM)
        snprintf(err, errlen, "%s: out of memory", path);
    free(line);
    free(w);
    free(mw);
    fclose(f);
    if (st != DYAD_OK)
        dyadi_conllu_free(c);
    return st;
}
