/* evaluate.c - scoring a model on gold CoNLL-U, and finding a language's model.
 *
 * With gold tokenisation the system sees exactly the gold words, so words
 * align one to one: UPOS, lemma, UFeats, UAS and LAS are plain proportions
 * over every word, punctuation included, which is how the CoNLL 2018 scorer
 * (../shared/tools/ud-eval) counts them; the test suite checks that the two
 * agree on the system file this writes. Lemmas compare exactly (a gold "_"
 * matches anything); UFeats compares the universal features only and LAS
 * the universal part of the relation, as that scorer does. */
#include "syntax/syntax.h"
#include "foreign.h"

#include <stdio.h>

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Universal features of a FEATS string (the scorer ignores language-specific
 * ones): names in the UD universal set. */
static int universal_feat(const char *name, size_t n)
{
    static const char *const u[] = {
        "PronType", "NumType", "Poss", "Reflex", "Foreign", "Abbr", "Gender", "Animacy",
        "Number", "Case", "Definite", "Degree", "VerbForm", "Mood", "Tense", "Aspect",
        "Voice", "Evident", "Polarity", "Person", "Polite"};
    for (size_t i = 0; i < sizeof u / sizeof *u; i++)
        if (strlen(u[i]) == n && memcmp(u[i], name, n) == 0)
            return 1;
    return 0;
}

static int feats_equal(const char *a, const char *b)
{
    /* both are sorted by feature name in UD: compare the universal items in order */
    for (;;) {
        while (*a && !universal_feat(a, strcspn(a, "="))) {
            a += strcspn(a, "|");
            a += *a == '|';
        }
        while (*b && !universal_feat(b, strcspn(b, "="))) {
            b += strcspn(b, "|");
            b += *b == '|';
        }
        if ((*a == '\0' || *a == '_') && (*b == '\0' || *b == '_'))
            return 1;
        size_t na = strcspn(a, "|"), nb = strcspn(b, "|");
        if (na != nb || memcmp(a, b, na) != 0)
            return 0;
        a += na;
        a += *a == '|';
        b += nb;
        b += *b == '|';
    }
}

/* ---- from raw text ---------------------------------------------------------
 * Words are aligned on their characters with whitespace removed: a word is
 * (first char, end char, part, parts), parts > 1 for the words of a multiword
 * token, which share their token's characters. */
typedef struct cspan {
    uint32_t a, b;          /* character offsets, whitespace not counted */
    uint16_t part, nparts;
    int32_t head;           /* index of the head in the same array, -1 root */
    uint8_t upos;
    const char *lemma, *feats, *deprel;
} cspan;

static int is_space_at(const char *s, size_t n, size_t i, size_t *len)
{
    unsigned char c = (unsigned char)s[i];
    *len = 1;
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
        return 1;
    if (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xA0) {  /* no-break space */
        *len = 2;
        return 1;
    }
    if (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
        ((unsigned char)s[i + 2] == 0xAF || ((unsigned char)s[i + 2] >= 0x80 && (unsigned char)s[i + 2] <= 0x8A))) {
        *len = 3;
        return 1;
    }
    if (c >= 0xC0) {
        *len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
        if (i + *len > n)
            *len = n - i;
    }
    return 0;
}

/* Characters (not bytes) of s that are not whitespace. */
static uint32_t nonspace_chars(const char *s)
{
    size_t n = strlen(s), i = 0, l;
    uint32_t c = 0;
    while (i < n) {
        c += !is_space_at(s, n, i, &l);
        i += l;
    }
    return c;
}

static int cmp_cspan(const void *x, const void *y)
{
    const cspan *p = x, *q = y;
    if (p->a != q->a)
        return p->a < q->a ? -1 : 1;
    if (p->b != q->b)
        return p->b < q->b ? -1 : 1;
    return (p->part > q->part) - (p->part < q->part);
}

static int same_rel(const char *x, const char *y)
{
    size_t a = strcspn(x, ":"), b = strcspn(y, ":");
    return a == b && memcmp(x, y, a) == 0;
}

static double f1(size_t correct, size_t gold, size_t sys)
{
    return gold + sys ? 200.0 * (double)correct / (double)(gold + sys) : 0;
}

static dyad_status eval_raw(const dyad_model *m, const dyadi_conllu *g, const char *gold_path,
                            const char *out_path, dyad_parse_scores *sc, char *err, size_t errlen)
{
    dyad_status st = DYAD_ERR_NOMEM;
    size_t tlen = 0, ngw = g->nwords;
    for (size_t i = 0; i < g->n; i++) {
        if (!g->s[i].text) {
            snprintf(err, errlen, "%s: sentence %zu has no '# text' line: cannot score from raw text",
                     gold_path, i + 1);
            return DYAD_ERR_FORMAT;
        }
        tlen += strlen(g->s[i].text) + 1;
    }
    char *text = malloc(tlen + 1);
    cspan *gw = malloc((ngw ? ngw : 1) * sizeof *gw);
    uint32_t *gsent = malloc((g->n ? g->n : 1) * 2 * sizeof *gsent);
    uint32_t *cmap = malloc((tlen + 1) * sizeof *cmap);
    cspan *sw = NULL;
    uint32_t *ssent = NULL, *gtok = NULL, *stok = NULL;
    size_t ngt = 0, nst = 0;
    dyad_coder *c = dyad_coder_new(NULL);
    FILE *out = NULL;
    if (!text || !gw || !gsent || !cmap || !c)
        goto done;
    /* the gold words' characters */
    size_t o = 0, k = 0;
    uint32_t ch = 0;
    gtok = malloc((ngw ? ngw : 1) * 2 * sizeof *gtok);
    if (!gtok)
        goto done;
    for (size_t i = 0; i < g->n; i++) {
        const dyadi_csent *s = &g->s[i];
        size_t l = strlen(s->text);
        memcpy(text + o, s->text, l);
        o += l;
        text[o++] = '\n';
        gsent[2 * i] = ch;
        size_t base = k;
        uint32_t mi = 0;
        for (uint32_t j = 0; j < s->n;) {
            while (mi < s->nmwt && s->mwt[mi].last < j + 1)
                mi++;
            uint32_t first = j, last = j;
            const char *form = s->w[j].form;
            if (mi < s->nmwt && s->mwt[mi].first == j + 1 && s->mwt[mi].last <= s->n) {
                last = s->mwt[mi].last - 1;
                form = s->mwt[mi].form;
            }
            uint32_t nc = nonspace_chars(form);
            gtok[2 * ngt] = ch;
            gtok[2 * ngt + 1] = ch + nc;
            ngt++;
            for (uint32_t x = first; x <= last; x++) {
                cspan *e = &gw[k++];
                e->a = ch;
                e->b = ch + nc;
                e->part = (uint16_t)(x - first);
                e->nparts = (uint16_t)(last - first + 1);
                e->head = s->w[x].head > 0 ? (int32_t)(base + (size_t)s->w[x].head - 1) : -1;
                int u = dyadi_upos_id(s->w[x].upos);
                e->upos = (uint8_t)(u < 0 ? 16 : u);
                e->lemma = s->w[x].lemma;
                e->feats = s->w[x].feats;
                e->deprel = s->w[x].deprel;
            }
            ch += nc;
            j = last + 1;
        }
        gsent[2 * i + 1] = ch;
    }
    text[o] = '\0';
    /* byte offset -> non-space characters before it */
    uint32_t cc = 0;
    for (size_t i = 0; i < o;) {
        size_t l;
        int sp = is_space_at(text, o, i, &l);
        for (size_t z = 0; z < l && i + z <= o; z++)
            cmap[i + z] = cc;
        cc += !sp;
        i += l;
    }
    cmap[o] = cc;
    /* dyad's own reading of the text */
    dyad_coder_set_model(c, m->lang, m);
    dyad_doc doc = {.id = "raw", .lang = m->lang, .text = text, .text_len = o};
    st = dyad_coder_run(c, &doc);
    if (st != DYAD_OK) {
        snprintf(err, errlen, "%s: coding the raw text: %s", gold_path, dyad_errmsg(c));
        goto done;
    }
    st = DYAD_ERR_NOMEM;
    size_t nsw = 0, nss = 0, ntk = 0;
    const dyad_word *w = dyad_coder_words(c, &nsw);
    const dyad_sentence *sv = dyad_coder_sentences(c, &nss);
    const dyad_token *tv = dyad_coder_tokens(c, &ntk);
    sw = malloc((nsw ? nsw : 1) * sizeof *sw);
    ssent = malloc((nss ? nss : 1) * 2 * sizeof *ssent);
    stok = malloc((ntk ? ntk : 1) * 2 * sizeof *stok);
    if (!sw || !ssent || !stok)
        goto done;
    for (size_t i = 0; i < nss; i++) {
        ssent[2 * i] = cmap[sv[i].span.start];
        ssent[2 * i + 1] = cmap[sv[i].span.end];
    }
    for (size_t i = 0; i < ntk; i++) {
        stok[2 * nst] = cmap[tv[i].span.start];
        stok[2 * nst + 1] = cmap[tv[i].span.end];
        nst += stok[2 * nst + 1] > stok[2 * nst];
    }
    for (size_t i = 0; i < nsw; i++) {
        size_t first = i;
        while (first > 0 && w[first - 1].token == w[i].token)
            first--;
        size_t last = i;
        while (last + 1 < nsw && w[last + 1].token == w[i].token)
            last++;
        cspan *e = &sw[i];
        e->a = cmap[w[i].span.start];
        e->b = cmap[w[i].span.end];
        e->part = (uint16_t)(i - first);
        e->nparts = (uint16_t)(last - first + 1);
        e->head = w[i].head ? (int32_t)(i - (w[i].id - w[i].head)) : -1;
        int u = dyadi_upos_id(w[i].upos);
        e->upos = (uint8_t)(u < 0 ? 16 : u);
        e->lemma = w[i].lemma;
        e->feats = w[i].feats;
        e->deprel = w[i].deprel;
    }
    /* align: for each system word, the gold word with the same characters
     * and part (binary search: gold words are in text order) */
    size_t *gi = malloc((nsw ? nsw : 1) * sizeof *gi);
    if (!gi)
        goto done;
    size_t nal = 0, upos = 0, lemma = 0, feats = 0, uas = 0, las = 0;
    for (size_t i = 0; i < nsw; i++) {
        gi[i] = SIZE_MAX;
        cspan key = sw[i];
        const cspan *hit = bsearch(&key, gw, ngw, sizeof *gw, cmp_cspan);
        if (hit && hit->nparts == sw[i].nparts)
            gi[i] = (size_t)(hit - gw);
    }
    /* a gold multiword token ("don't" = do + n't) against dyad's words inside
     * its characters, whatever their tokens: aligned in order when there are
     * as many (the scorer aligns them by their forms) */
    for (size_t j = 0; j < ngw; j++) {
        if (gw[j].nparts < 2 || gw[j].part != 0)
            continue;
        size_t first = SIZE_MAX, cnt = 0, lo = 0, hi = nsw;
        while (lo < hi) {   /* dyad's words are in text order: the first at or after a */
            size_t mid = (lo + hi) / 2;
            if (sw[mid].a < gw[j].a)
                lo = mid + 1;
            else
                hi = mid;
        }
        for (size_t i = lo; i < nsw; i++) {
            if (sw[i].a >= gw[j].a && sw[i].b <= gw[j].b && sw[i].b > sw[i].a) {
                if (first == SIZE_MAX)
                    first = i;
                cnt++;
            } else if (first != SIZE_MAX) {
                break;
            }
        }
        if (first == SIZE_MAX || cnt != gw[j].nparts)
            continue;
        for (size_t x = 0; x < cnt; x++)
            gi[first + x] = j + x;
    }
    for (size_t i = 0; i < nsw; i++) {
        if (gi[i] == SIZE_MAX)
            continue;
        const cspan *gx = &gw[gi[i]], *sx = &sw[i];
        nal++;
        upos += gx->upos == sx->upos;
        lemma += strcmp(gx->lemma, "_") == 0 || strcmp(gx->lemma, sx->lemma) == 0;
        feats += feats_equal(gx->feats, sx->feats);
        int hok = (sx->head < 0 && gx->head < 0) ||
                  (sx->head >= 0 && gi[sx->head] != SIZE_MAX && (int32_t)gi[sx->head] == gx->head);
        uas += hok;
        las += hok && same_rel(gx->deprel, sx->deprel);
    }
    free(gi);
    /* tokens and sentences: spans equal on both sides (both lists sorted) */
    size_t tok_ok = 0, sent_ok = 0;
    for (size_t a = 0, b = 0; a < ngt && b < nst;) {
        if (gtok[2 * a] == stok[2 * b] && gtok[2 * a + 1] == stok[2 * b + 1]) {
            tok_ok++, a++, b++;
        } else if (gtok[2 * a] < stok[2 * b] || (gtok[2 * a] == stok[2 * b] && gtok[2 * a + 1] < stok[2 * b + 1])) {
            a++;
        } else {
            b++;
        }
    }
    for (size_t a = 0, b = 0; a < g->n && b < nss;) {
        if (gsent[2 * a] == ssent[2 * b] && gsent[2 * a + 1] == ssent[2 * b + 1])
            sent_ok++, a++, b++;
        else if (gsent[2 * a] <= ssent[2 * b])
            a++;
        else
            b++;
    }
    sc->words = ngw;
    sc->sentences = g->n;
    sc->tokens = f1(tok_ok, ngt, nst);
    sc->sentences_f1 = f1(sent_ok, g->n, nss);
    sc->words_f1 = f1(nal, ngw, nsw);
    sc->upos = f1(upos, ngw, nsw);
    sc->lemma = f1(lemma, ngw, nsw);
    sc->ufeats = f1(feats, ngw, nsw);
    sc->uas = f1(uas, ngw, nsw);
    sc->las = f1(las, ngw, nsw);
    if (out_path) {
        if (!(out = fopen(out_path, "w"))) {
            snprintf(err, errlen, "%s: cannot write", out_path);
            st = DYAD_ERR_IO;
            goto done;
        }
        for (size_t i = 0; i < nsw; i++) {
            if (w[i].id == 1)
                fprintf(out, "%s# sent_id = %u\n", i ? "\n" : "", w[i].sentence + 1);
            if ((w[i].flags & DYAD_WORDF_MWT) && (i == 0 || w[i - 1].token != w[i].token)) {
                size_t e = i;
                while (e + 1 < nsw && w[e + 1].token == w[i].token)
                    e++;
                fprintf(out, "%u-%u\t%.*s\t_\t_\t_\t_\t_\t_\t_\t_\n", w[i].id, w[e].id,
                        (int)(w[i].span.end - w[i].span.start), text + w[i].span.start);
            }
            fprintf(out, "%u\t%s\t%s\t%s\t_\t%s\t%u\t%s\t_\t_\n", w[i].id, w[i].form, w[i].lemma,
                    w[i].upos, w[i].feats, w[i].head, w[i].deprel);
        }
        fputc('\n', out);
        if (fclose(out) != 0) {
            out = NULL;
            snprintf(err, errlen, "%s: write error", out_path);
            st = DYAD_ERR_IO;
            goto done;
        }
        out = NULL;
    }
    st = DYAD_OK;
done:
    if (st == DYAD_ERR_NOMEM && err && errlen && !err[0])
        snprintf(err, errlen, "out of memory");
    if (out)
        fclose(out);
    dyad_coder_free(c);
    free(text);
    free(gw);
    free(gsent);
    free(cmap);
    free(sw);
    free(ssent);
    free(gtok);
    free(stok);
    return st;
}

DYAD_API dyad_status dyad_model_eval_conllu(const dyad_model *m, const char *gold_path,
                                            const char *out_path, unsigned flags,
                                            dyad_parse_scores *sc, char *err, size_t errlen)
{
    if (!m || !gold_path || !sc)
        return DYAD_ERR_ARG;
    memset(sc, 0, sizeof *sc);
    dyadi_conllu g;
    dyad_status st = dyadi_conllu_read(&g, gold_path, err, errlen);
    if (st != DYAD_OK)
        return st;
    if (flags & DYAD_EVAL_RAW) {
        st = eval_raw(m, &g, gold_path, out_path, sc, err, errlen);
        dyadi_conllu_free(&g);
        return st;
    }
    FILE *out = NULL;
    dyadi_arena a;
    dyadi_arena_init(&a, 0);
    dyadi_sword *w = NULL;
    void *mem = NULL;
    size_t wcap = 0;
    st = DYAD_ERR_NOMEM;
    if (out_path && !(out = fopen(out_path, "w"))) {
        snprintf(err, errlen, "%s: cannot write", out_path);
        st = DYAD_ERR_IO;
        goto done;
    }
    size_t upos = 0, lemma = 0, feats = 0, uas = 0, las = 0, all = 0;
    double busy = 0;
    for (size_t i = 0; i < g.n; i++) {
        const dyadi_csent *s = &g.s[i];
        if (s->n > wcap) {
            wcap = s->n * 2;
            free(w);
            free(mem);
            w = malloc(wcap * sizeof *w);
            mem = malloc(dyadi_pstate_need(wcap));
            if (!w || !mem)
                goto done;
        }
        dyadi_arena_reset(&a);
        memset(w, 0, s->n * sizeof *w);
        for (uint32_t j = 0; j < s->n; j++) {
            w[j].form = s->w[j].form;
            if (!dyadi_sword_keys(&w[j], &a, s->w[j].form, strlen(s->w[j].form), j == 0))
                goto done;
        }
        double t1 = now_s();
        dyadi_tag(m, w, s->n, &a);
        if (flags & DYAD_EVAL_GOLD_UPOS)
            for (uint32_t j = 0; j < s->n; j++) {
                int u = dyadi_upos_id(s->w[j].upos);
                w[j].upos = (uint8_t)(u < 0 ? 16 : u);
            }
        dyadi_parse(m, w, s->n, mem);
        busy += now_s() - t1;
        for (uint32_t j = 0; j < s->n; j++) {
            const dyadi_cword *gw = &s->w[j];
            const char *deprel = dyadi_model_str(m, m->labels[w[j].label]);
            const char *ft = dyadi_model_str(m, m->feats[w[j].feats]);
            upos += strcmp(dyadi_upos_names[w[j].upos], gw->upos) == 0;
            /* a gold lemma "_" (unannotated) matches anything, as in the scorer */
            lemma += strcmp(gw->lemma, "_") == 0 || strcmp(w[j].lemma, gw->lemma) == 0;
            feats += feats_equal(ft, gw->feats);
            int hok = w[j].head == gw->head;
            uas += hok;
            /* LAS compares the universal part of the relation, as the scorer does */
            size_t la = strcspn(deprel, ":"), lb = strcspn(gw->deprel, ":");
            las += hok && la == lb && memcmp(deprel, gw->deprel, la) == 0;
            all++;
        }
        if (out) {
            if (s->sent_id)
                fprintf(out, "# sent_id = %s\n", s->sent_id);
            if (s->text)
                fprintf(out, "# text = %s\n", s->text);
            uint32_t mi = 0;
            for (uint32_t j = 0; j < s->n; j++) {
                while (mi < s->nmwt && s->mwt[mi].last < j + 1)
                    mi++;
                if (mi < s->nmwt && s->mwt[mi].first == j + 1)
                    fprintf(out, "%u-%u\t%s\t_\t_\t_\t_\t_\t_\t_\t_\n", s->mwt[mi].first, s->mwt[mi].last,
                            s->mwt[mi].form);
                fprintf(out, "%u\t%s\t%s\t%s\t_\t%s\t%d\t%s\t_\t_\n", j + 1, s->w[j].form, w[j].lemma,
                        dyadi_upos_names[w[j].upos], dyadi_model_str(m, m->feats[w[j].feats]), w[j].head,
                        dyadi_model_str(m, m->labels[w[j].label]));
            }
            fputc('\n', out);
        }
    }
    sc->words = all;
    sc->sentences = g.n;
    if (all) {
        sc->upos = 100.0 * (double)upos / (double)all;
        sc->lemma = 100.0 * (double)lemma / (double)all;
        sc->ufeats = 100.0 * (double)feats / (double)all;
        sc->uas = 100.0 * (double)uas / (double)all;
        sc->las = 100.0 * (double)las / (double)all;
    }
    sc->words_per_second = busy > 0 ? (double)all / busy : 0;
    st = DYAD_OK;
    if (out && fclose(out) != 0) {
        snprintf(err, errlen, "%s: write error", out_path);
        st = DYAD_ERR_IO;
    }
    out = NULL;
done:
    if (st == DYAD_ERR_NOMEM)
        snprintf(err, errlen, "out of memory");
    if (out)
        fclose(out);
    free(w);
    free(mem);
    dyadi_arena_free(&a);
    dyadi_conllu_free(&g);
    return st;
}

DYAD_API dyad_status dyad_model_open_lang(const char *data_dir, const char *lang, dyad_model **out,
                                          char *err, size_t errlen)
{
    if (!lang || !out || strlen(lang) > 7 || strchr(lang, '/'))
        return DYAD_ERR_ARG;
    char dir[PATH_MAX], path[PATH_MAX + 32];
    dyadi_foreign_data_dir(data_dir, dir, sizeof dir);
    snprintf(path, sizeof path, "%s/models/%s.dsm", dir, lang);
    return dyad_model_open(path, lang, out, err, errlen);
}
