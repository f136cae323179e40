/* cmd_dict_more.c - two reports on the dictionaries, for the people who
 * keep them:
 *  - `dyad dict coverage`: per CAMEO event code of the compiled lexicon,
 *    how many French and English triggers code it, and which base
 *    (3-digit) codes have none in a language (a 4-digit trigger counts for
 *    its base code too);
 *  - `dyad dict unknown CORPUS...`: the capitalised phrases and agent-like
 *    plural nouns of a corpus that no actor entry matches, most frequent
 *    first, with an example sentence: what to add after a month of news.
 * Both read the lexicon through the internal header (like `dict build`);
 * `unknown` codes the corpus with the ordinary document loop.
 *
 * Exit status: 0; 1 the lexicon could not be read (or output failed);
 * 2 bad command line; 3 (unknown) some records were skipped. */
#include "cli.h"
#include "dict_more.h"
#include "docloop.h"
#include "lex.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define NOPTS(a) (sizeof(a) / sizeof((a)[0]))

/* ---- coverage ---------------------------------------------------------- */

static const cli_opt coverage_opts[] = {
    {"lexicon", 'l', "FILE", "compiled lexicon (default: $DYAD_LEXICON, then beside dyad)"},
    {"missing", 'm', NULL, "print only the base codes missing a language"},
};

/* Index of code in the taxonomy (binary search), or -1. */
static long cameo_index(const dyad_lexicon *lex, const char *code)
{
    size_t lo = 0, hi = dyadi_lex_cameo_count(lex);
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int r = strcmp(dyadi_lex_cameo_at(lex, mid)->code, code);
        if (r == 0)
            return (long)mid;
        if (r < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

int dict_coverage(int argc, char **argv)
{
    cli_args a;
    dyad_lexicon *lex = NULL;
    size_t (*cnt)[2] = NULL, (*base)[2] = NULL;
    int rc = cli_parse(argc, argv, "dyad dict coverage [--lexicon FILE] [--missing]",
                       "Per CAMEO event code, the number of French and English triggers of the\n"
                       "compiled lexicon that code it (exact code; for a base 3-digit code also\n"
                       "with its 4-digit codes), then the base codes without a trigger in a\n"
                       "language.",
                       coverage_opts, NOPTS(coverage_opts), &a);
    if (rc != 0)
        goto done;
    if (a.npos) {
        fprintf(stderr, "dyad dict coverage: unexpected argument '%s' (see --help)\n", a.pos[0]);
        rc = EXIT_USAGE;
        goto done;
    }
    const char *path = cli_get(&a, coverage_opts, NOPTS(coverage_opts), "lexicon");
    int only_missing = cli_get(&a, coverage_opts, NOPTS(coverage_opts), "missing") != NULL;
    char err[512] = "";
    dyad_status st = dyad_lexicon_open(path, &lex, err, sizeof err);
    if (st != DYAD_OK) {
        fprintf(stderr, "dyad dict coverage: cannot open lexicon%s%s: %s\n", path ? " " : "",
                path ? path : "", err[0] ? err : dyad_strerror(st));
        rc = EXIT_FAIL;
        goto done;
    }
    size_t nc = dyadi_lex_cameo_count(lex);
    if (nc == 0) {
        fprintf(stderr, "dyad dict coverage: the lexicon has no CAMEO taxonomy\n");
        rc = EXIT_FAIL;
        goto done;
    }
    cnt = calloc(nc, sizeof *cnt);
    base = calloc(nc, sizeof *base);
    if (!cnt || !base) {
        fprintf(stderr, "dyad dict coverage: out of memory\n");
        rc = EXIT_FAIL;
        goto done;
    }
    size_t nt = dyadi_lex_count(lex, DYADI_TRIE_TRIGGER), other = 0;
    for (size_t i = 0; i < nt; i++) {
        const dyadi_trigger *t = dyadi_lex_trigger(lex, (uint32_t)i);
        if (!t || !t->code || !t->lang)
            continue;
        int l = strcmp(t->lang, "fr") == 0 ? 0 : strcmp(t->lang, "en") == 0 ? 1 : -1;
        long k = cameo_index(lex, t->code);
        if (l < 0 || k < 0) {
            other++;        /* null triggers (---), markers, other languages */
            continue;
        }
        cnt[k][l]++;
        size_t len = strlen(t->code);
        if (len == 3)
            base[k][l]++;
        else if (len == 4) {
            char b[4] = {t->code[0], t->code[1], t->code[2], '\0'};
            long bk = cameo_index(lex, b);
            if (bk >= 0)
                base[bk][l]++;
        }
    }
    if (!only_missing)
        printf("code\tfr\ten\tfr_with_subcodes\ten_with_subcodes\tname\n");
    size_t nbase = 0, miss[2] = {0, 0};
    for (size_t k = 0; k < nc; k++) {
        const dyadi_cameo *e = dyadi_lex_cameo_at(lex, k);
        int is_base = strlen(e->code) == 3;
        nbase += is_base;
        if (is_base) {
            miss[0] += base[k][0] == 0;
            miss[1] += base[k][1] == 0;
        }
        if (only_missing && !(is_base && (base[k][0] == 0 || base[k][1] == 0)))
            continue;
        if (is_base)
            printf("%s\t%zu\t%zu\t%zu\t%zu\t%s\n", e->code, cnt[k][0], cnt[k][1], base[k][0],
                   base[k][1], e->name ? e->name : "");
        else
            printf("%s\t%zu\t%zu\t\t\t%s\n", e->code, cnt[k][0], cnt[k][1], e->name ? e->name : "");
    }
    for (int l = 0; l < 2; l++) {
        printf("# base codes without %s trigger: %zu of %zu", l ? "an English" : "a French",
               miss[l], nbase);
        const char *sep = ":";
        for (size_t k = 0; k < nc; k++) {
            const dyadi_cameo *e = dyadi_lex_cameo_at(lex, k);
            if (strlen(e->code) == 3 && base[k][l] == 0) {
                printf("%s %s", sep, e->code);
                sep = "";
            }
        }
        printf("\n");
    }
    printf("# triggers: %zu, of which %zu coded no taxonomy code in fr/en (null or other)\n", nt,
           other);
    rc = ferror(stdout) ? EXIT_FAIL : EXIT_OK;
done:
    free(cnt);
    free(base);
    dyad_lexicon_free(lex);
    cli_args_free(&a);
    return rc < 0 ? EXIT_OK : rc;
}

/* ---- unknown ----------------------------------------------------------- */

static const cli_opt unknown_opts[] = {
    CLI_DOC_OPTIONS,
    {"top", 'n', "N", "phrases to list per kind (default 50)"},
    {"min", 0, "N", "list a phrase seen at least N times (default 2)"},
};

#define MAX_PHRASE 160u         /* bytes of a phrase key */
#define MAX_EXAMPLE 240u        /* bytes of an example sentence */
#define MAX_RUN 8u              /* words of a capitalised phrase */
#define MAX_ENTRIES (1u << 18)  /* distinct phrases tracked; later new ones are counted as dropped */

typedef struct uentry {
    char *key;              /* the phrase as first written (NUL-terminated) */
    char *example;          /* its first sentence, cut at MAX_EXAMPLE bytes */
    unsigned long long n;
    uint32_t hash;
    uint8_t agent;          /* 0 name, 1 agent noun */
} uentry;

typedef struct utable {
    uentry *slots;          /* open addressing, power of two */
    size_t cap, len;
    unsigned long long dropped;
    int nomem;
} utable;

/* FNV-1a of the phrase with ASCII letters folded, as phrases compare */
static uint32_t fnv(const char *s, size_t n, int agent)
{
    uint32_t h = 2166136261u ^ (uint32_t)agent;
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        h ^= (ch >= 'A' && ch <= 'Z') ? ch + 32u : ch;
        h *= 16777619u;
    }
    return h;
}

static int table_grow(utable *t)
{
    size_t ncap = t->cap ? t->cap * 2 : 1024;
    uentry *ns = calloc(ncap, sizeof *ns);
    if (!ns)
        return -1;
    for (size_t i = 0; i < t->cap; i++) {
        if (!t->slots[i].key)
            continue;
        size_t j = t->slots[i].hash & (ncap - 1);
        while (ns[j].key)
            j = (j + 1) & (ncap - 1);
        ns[j] = t->slots[i];
    }
    free(t->slots);
    t->slots = ns;
    t->cap = ncap;
    return 0;
}

/* Count the phrase (compared with ASCII case folded) once, keeping the
 * first spelling and sentence seen. */
static void table_add(utable *t, const char *shown, size_t slen, const char *sent, size_t sentlen,
                      int agent)
{
    if (t->nomem)
        return;
    if ((t->len + 1) * 2 > t->cap && t->len < MAX_ENTRIES && table_grow(t) < 0) {
        t->nomem = 1;
        return;
    }
    uint32_t h = fnv(shown, slen, agent);
    size_t j = h & (t->cap - 1);
    while (t->slots[j].key) {
        uentry *e = &t->slots[j];
        if (e->hash == h && e->agent == agent && strlen(e->key) == slen &&
            strncasecmp(e->key, shown, slen) == 0) {
            e->n++;
            return;
        }
        j = (j + 1) & (t->cap - 1);
    }
    if (t->len >= MAX_ENTRIES) {
        t->dropped++;
        return;
    }
    uentry *e = &t->slots[j];
    size_t el = sentlen < MAX_EXAMPLE ? sentlen : MAX_EXAMPLE;
    /* do not cut a UTF-8 sequence */
    while (el < sentlen && el > 0 && ((unsigned char)sent[el] & 0xC0) == 0x80)
        el--;
    e->key = malloc(slen + 1);
    e->example = malloc(el + 1);
    if (!e->key || !e->example) {
        free(e->key);
        free(e->example);
        e->key = e->example = NULL;
        t->nomem = 1;
        return;
    }
    memcpy(e->key, shown, slen);
    e->key[slen] = '\0';
    for (size_t i = 0; i < el; i++)     /* one line per example */
        e->example[i] = (sent[i] == '\n' || sent[i] == '\t' || sent[i] == '\r') ? ' ' : sent[i];
    e->example[el] = '\0';
    e->hash = h;
    e->agent = (uint8_t)agent;
    e->n = 1;
    t->len++;
}

static void table_free(utable *t)
{
    for (size_t i = 0; i < t->cap; i++) {
        free(t->slots[i].key);
        free(t->slots[i].example);
    }
    free(t->slots);
    memset(t, 0, sizeof *t);
}

static int in_list(const char *w, const char *const *list)
{
    for (; *list; list++)
        if (strcmp(w, *list) == 0)
            return 1;
    return 0;
}

/* Lower-case words allowed inside a name ("Conseil de sécurité", "Bank of
 * England"), and articles dropped before one. */
static const char *const CONNECT[] = {"de", "du", "des", "d'", "la", "le", "l'", "et", "of", "the",
                                      "and", "for", "on", "al", "el", "y", NULL};
static const char *const ARTICLE[] = {"le", "la", "les", "l'", "the", "un", "une", "a", "an", NULL};
/* Determiners before a plural agent noun ("les manifestants", "the rioters"). */
static const char *const PLURAL_DET[] = {"les", "des", "ces", "leurs", "plusieurs", "the", "these",
                                         "those", "their", "several", "many", NULL};
/* Endings of agent nouns in the plural, French and English. */
static const char *const AGENT_END[] = {"eurs", "euses", "istes", "ants", "ents", "iers", "aires",
                                        "iens", "ers", "ists", "ians", "ors", "ives", "ees", NULL};

/* Plural adjectives and nouns with those endings that are no agents. */
static const char *const NOT_AGENT[] = {"derniers", "premiers", "meilleurs", "différents",
                                        "nombreux", "listes", "pistes", "milliers", "centaines",
                                        "others", "numbers", "members", "matters", "papers",
                                        "centers", "letters", "orders", "borders", "waters", NULL};

static int agent_like(const char *norm)
{
    size_t n = strlen(norm);
    if (n < 6 || in_list(norm, NOT_AGENT))
        return 0;
    /* "documents", "bombardements", "governments" */
    if (strcmp(norm + n - 5, "ments") == 0)
        return 0;
    for (const char *const *e = AGENT_END; *e; e++) {
        size_t k = strlen(*e);
        if (n > k && strcmp(norm + n - k, *e) == 0)
            return 1;
    }
    return 0;
}

typedef struct ustate {
    utable t;
    unsigned char *covered;     /* per token: inside a mention */
    size_t ncovered;
} ustate;

static int word(const dyad_token *t)
{
    return t->kind == DYAD_TOK_WORD;
}

static int on_doc_unknown(void *ud, cli_docs *d, const dyad_doc *doc)
{
    ustate *s = ud;
    size_t ntok, nsent, nm;
    const dyad_token *tk = dyad_coder_tokens(d->coder, &ntok);
    const dyad_sentence *se = dyad_coder_sentences(d->coder, &nsent);
    const dyad_mention *ms = dyad_coder_mentions(d->coder, &nm);
    if (ntok > s->ncovered) {
        unsigned char *nc = realloc(s->covered, ntok);
        if (!nc) {
            fprintf(stderr, "dyad dict unknown: out of memory\n");
            return EXIT_FAIL;
        }
        s->covered = nc;
        s->ncovered = ntok;
    }
    memset(s->covered, 0, ntok);
    for (size_t i = 0; i < nm; i++)
        for (uint32_t k = ms[i].first_token; k < ms[i].first_token + ms[i].n_tokens && k < ntok; k++)
            s->covered[k] = 1;
    for (size_t si = 0; si < nsent; si++) {
        uint32_t a = se[si].first_token, b = a + se[si].n_tokens;
        if (b > ntok)
            b = (uint32_t)ntok;
        const char *sent = doc->text + se[si].span.start;
        size_t sentlen = se[si].span.end - se[si].span.start;
        for (uint32_t i = a; i < b;) {
            const dyad_token *t = &tk[i];
            /* agent-like plural noun after a determiner */
            if (word(t) && !(t->flags & DYAD_TOKF_CAPITAL) && !s->covered[i] && i > a &&
                t->norm && in_list(tk[i - 1].norm ? tk[i - 1].norm : "", PLURAL_DET) &&
                agent_like(t->norm)) {
                size_t l = strlen(t->norm);
                table_add(&s->t, t->norm, l, sent, sentlen, 1);
            }
            if (!word(t) || !(t->flags & DYAD_TOKF_CAPITAL) || s->covered[i]) {
                i++;
                continue;
            }
            /* a run of capitalised words, with connectors between them */
            uint32_t j = i + 1, end = i + 1, words = 1;
            while (j < b && words < MAX_RUN && !s->covered[j]) {
                if (word(&tk[j]) && (tk[j].flags & DYAD_TOKF_CAPITAL)) {
                    end = ++j;
                    words++;
                } else if (word(&tk[j]) && tk[j].norm && in_list(tk[j].norm, CONNECT)) {
                    j++;
                } else {
                    break;
                }
            }
            uint32_t first = i;
            /* a sentence's first word is capitalised anyway: unless the
             * next word is capitalised too it is a common word ("Selon le
             * Zorglub Institut"); articles and connectors before a name go */
            if (first == a && (end - first == 1 || !(tk[first + 1].flags & DYAD_TOKF_CAPITAL) ||
                               (tk[first].norm && in_list(tk[first].norm, ARTICLE))))
                first++;
            while (first < end && tk[first].norm &&
                   (in_list(tk[first].norm, ARTICLE) || in_list(tk[first].norm, CONNECT)))
                first++;
            if (first < end) {
                const char *p = doc->text + tk[first].span.start;
                size_t len = tk[end - 1].span.end - tk[first].span.start;
                if (len <= MAX_PHRASE)
                    table_add(&s->t, p, len, sent, sentlen, 0);
            }
            i = end;
        }
    }
    return 0;
}

static int cmp_entry(const void *x, const void *y)
{
    const uentry *a = *(const uentry *const *)x, *b = *(const uentry *const *)y;
    if (a->n != b->n)
        return a->n < b->n ? 1 : -1;
    return strcmp(a->key, b->key);
}

static int parse_count(const char *v, const char *name, unsigned long *out)
{
    char *end;
    if (!v)
        return 0;
    errno = 0;
    unsigned long n = strtoul(v, &end, 10);
    if (errno || end == v || *end || n > 1000000) {
        fprintf(stderr, "dyad dict unknown: --%s must be a number up to 1000000, not '%s'\n", name,
                v);
        return -1;
    }
    *out = n;
    return 0;
}

int dict_unknown(int argc, char **argv)
{
    cli_args a;
    cli_docs d;
    int opened = 0;
    ustate s;
    uentry **list = NULL;
    memset(&s, 0, sizeof s);
    int rc = cli_parse(argc, argv, "dyad dict unknown [OPTIONS] CORPUS...",
                       "Code the corpus and list, most frequent first, the capitalised phrases\n"
                       "and the agent-like plural nouns (\"les manifestants\", \"the rioters\")\n"
                       "that no actor entry matches: count, phrase, an example sentence.\n"
                       "Output: TSV lines `name|agent COUNT PHRASE EXAMPLE`.",
                       unknown_opts, NOPTS(unknown_opts), &a);
    if (rc != 0)
        goto done;
    unsigned long top = 50, min = 2;
    if (parse_count(cli_get(&a, unknown_opts, NOPTS(unknown_opts), "top"), "top", &top) ||
        parse_count(cli_get(&a, unknown_opts, NOPTS(unknown_opts), "min"), "min", &min)) {
        rc = EXIT_USAGE;
        goto done;
    }
    if (a.npos == 0) {
        fprintf(stderr, "dyad dict unknown: give the corpus (files, folders or -)\n");
        rc = EXIT_USAGE;
        goto done;
    }
    rc = cli_docs_open(&d, "dict unknown", &a, unknown_opts, NOPTS(unknown_opts));
    opened = 1;
    if (rc != 0)
        goto done;
    if (!d.lex) {
        fprintf(stderr, "dyad dict unknown: no lexicon: every phrase would be unknown\n");
        rc = EXIT_FAIL;
        goto done;
    }
    rc = cli_docs_run(&d, &a, on_doc_unknown, &s);
    if (rc == EXIT_FAIL)
        goto done;
    if (s.t.nomem) {
        fprintf(stderr, "dyad dict unknown: out of memory\n");
        rc = EXIT_FAIL;
        goto done;
    }
    list = malloc((s.t.len ? s.t.len : 1) * sizeof *list);
    if (!list) {
        fprintf(stderr, "dyad dict unknown: out of memory\n");
        rc = EXIT_FAIL;
        goto done;
    }
    size_t n = 0;
    for (size_t i = 0; i < s.t.cap; i++)
        if (s.t.slots[i].key)
            list[n++] = &s.t.slots[i];
    if (n > 1)
        qsort(list, n, sizeof *list, cmp_entry);
    for (int kind = 0; kind < 2; kind++) {
        unsigned long shown = 0;
        for (size_t i = 0; i < n && shown < top; i++) {
            if (list[i]->agent != kind || list[i]->n < min)
                continue;
            printf("%s\t%llu\t%s\t%s\n", kind ? "agent" : "name", list[i]->n, list[i]->key,
                   list[i]->example);
            shown++;
        }
    }
    if (s.t.dropped)
        fprintf(stderr, "dyad dict unknown: %llu occurrences of phrases past the first %u "
                        "distinct ones were not counted\n",
                s.t.dropped, MAX_ENTRIES);
    cli_docs_summary(&d, s.t.len, "distinct unknown phrases");
    if (ferror(stdout))
        rc = EXIT_FAIL;
done:
    free(list);
    table_free(&s.t);
    free(s.covered);
    if (opened)
        cli_docs_close(&d);
    cli_args_free(&a);
    return rc < 0 ? EXIT_OK : rc;
}
