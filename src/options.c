/* options.c - TABARI-compatible coder settings: parsing of TABARI's
 * .options directives and OPTION records, and of the name/value pairs of
 * dyad_coder_set_option (include/dyad.h).
 *
 * A directive is a keyword and words: "SET: MINIMUM WORDS = 8",
 * "DEFAULT: SOURCE [DEFSRC] PRIOR TARGET [DEFTAR] AFTER", "COMMA: MIN = 4
 * MAX = 6 EMIN = 3 EMAX = 6 BMIN = 3 BMAX = 8", "COMPLEX: VERBS[5] CONJ[4]
 * NOACTPRIOR EXPLAIN", "FORWARD: ^^*****NNN*SSS [DOC] [OFF]". Case is
 * ignored; '=', '[' and ']' only separate words. The semantics follow the
 * TABARI validation suite's comments: "DEFAULT: OFF is needed first to
 * reset" PRIOR and AFTER (a DEFAULT: line only adds), a COMPLEX: line
 * states all its conditions, a COMMA: line sets the limits it names and
 * turns deletion on. Directives that change only TABARI's output or input
 * handling (OUTPUT:, LABEL:, SET: YYYY, TIME SHIFT, ...) are accepted and
 * have no effect. The coder's events.c reads the result (coder.h). */
#include "options.h"
#include "lex.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_WORDS 32
#define MAX_WORD 64

void dyadi_options_init(dyadi_options *o, const dyad_lexicon *lex)
{
    memset(o, 0, sizeof *o);
    if (!lex)
        return;
    if (dyadi_lex_flags(lex) & DYADI_LEX_ONE_VERB) {
        /* TABARI deletes comma-delimited clauses by default, with or
         * without an .options file */
        static const char builtin[] = "COMMA: MIN = 2 MAX = 10 EMIN = 2 EMAX = 10 BMIN = 255 BMAX = 0";
        char err[8];
        (void)dyadi_options_directive(o, builtin, sizeof builtin - 1, err, sizeof err);
    }
    const char *s = dyadi_lex_options(lex);
    while (s && *s) {
        size_t n = strcspn(s, "\n");
        char err[8];
        /* checked and reported when the lexicon was compiled */
        (void)dyadi_options_directive(o, s, n, err, sizeof err);
        s += n + (s[n] == '\n');
    }
}

/* Split into upper-case words; '=', '[', ']', ':' (after the keyword) and
 * blanks separate. Returns the count, or -1 when a word is too long or
 * there are too many. */
static int split(const char *s, size_t n, char w[MAX_WORDS][MAX_WORD])
{
    int nw = 0;
    size_t i = 0;
    while (i < n) {
        while (i < n && (isspace((unsigned char)s[i]) || s[i] == '=' || s[i] == '[' ||
                         s[i] == ']' || s[i] == ':'))
            i++;
        if (i >= n)
            break;
        if (nw == MAX_WORDS)
            return -1;
        size_t k = 0;
        while (i < n && !isspace((unsigned char)s[i]) && s[i] != '=' && s[i] != '[' &&
               s[i] != ']' && s[i] != ':') {
            if (k + 1 >= MAX_WORD)
                return -1;
            w[nw][k++] = (char)toupper((unsigned char)s[i++]);
        }
        w[nw][k] = '\0';
        nw++;
    }
    return nw;
}

static int number(const char *w, unsigned *out)
{
    char *end = NULL;
    if (!isdigit((unsigned char)w[0]))
        return -1;
    unsigned long v = strtoul(w, &end, 10);
    if (!end || *end || v > 100000)
        return -1;
    *out = (unsigned)v;
    return 0;
}

static int truth(const char *w, uint8_t *out)
{
    if (!strcasecmp(w, "TRUE") || !strcasecmp(w, "ON") || !strcasecmp(w, "YES") || !strcmp(w, "1"))
        *out = 1;
    else if (!strcasecmp(w, "FALSE") || !strcasecmp(w, "OFF") || !strcasecmp(w, "NO") ||
             !strcmp(w, "0"))
        *out = 0;
    else
        return -1;
    return 0;
}

static int code_ok(const char *w)
{
    size_t n = strlen(w);
    if (n == 0 || n >= DYADI_OPT_CODE || !strcmp(w, "PRIOR") || !strcmp(w, "AFTER") ||
        !strcmp(w, "SOURCE") || !strcmp(w, "TARGET"))
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!isalnum((unsigned char)w[i]) && w[i] != '~' && w[i] != '-')
            return 0;
    return 1;
}

/* SET: settings dyad accepts and ignores (they change TABARI's input,
 * output or interface, not the events). */
static const char *const SET_IGNORED[] = {
    "YYYY", "TIME", "SKIP", "VERB", "ACTOR", "AGENT", "LABEL", "FBIS", "ALLCAPS", "CHECK",
    "DUP", "ISSUE", "DOC", "NONEWS", "PROBLEM", NULL};

static dyad_status bad(char *err, size_t errlen, dyad_status st, const char *fmt, const char *a)
{
    snprintf(err, errlen, fmt, a);
    return st;
}

static dyad_status set_directive(dyadi_options *o, char w[MAX_WORDS][MAX_WORD], int nw,
                                 char *err, size_t errlen)
{
    if (nw < 2)
        return bad(err, errlen, DYAD_ERR_FORMAT, "SET: without a setting%s", "");
    if (!strcmp(w[1], "CODE")) {
        int k = 2;
        if (k < nw && !strcmp(w[k], "BY"))
            k++;
        if (k + 1 != nw)
            return bad(err, errlen, DYAD_ERR_FORMAT, "SET: CODE needs BY CLAUSE, BY SENTENCE or ALL%s", "");
        if (!strcmp(w[k], "CLAUSE"))
            o->code_by = DYADI_CODE_CLAUSE;
        else if (!strcmp(w[k], "SENTENCE"))
            o->code_by = DYADI_CODE_SENTENCE;
        else if (!strcmp(w[k], "ALL"))
            o->code_by = DYADI_CODE_ALL;
        else
            return bad(err, errlen, DYAD_ERR_FORMAT, "SET: CODE BY '%s' (CLAUSE, SENTENCE or ALL)", w[k]);
        return DYAD_OK;
    }
    if (!strcmp(w[1], "MINIMUM") && nw >= 3 && !strcmp(w[2], "WORDS")) {
        unsigned v;
        if (nw != 4 || number(w[3], &v))
            return bad(err, errlen, DYAD_ERR_FORMAT, "SET: MINIMUM WORDS needs a number%s", "");
        o->min_words = v;
        return DYAD_OK;
    }
    if (!strcmp(w[1], "CONVERT") && nw >= 3 && !strcmp(w[2], "AGENT")) {
        uint8_t v;
        if (nw != 4 || truth(w[3], &v))
            return bad(err, errlen, DYAD_ERR_FORMAT, "SET: CONVERT AGENT needs TRUE or FALSE%s", "");
        o->convert_agent = v;
        return DYAD_OK;
    }
    for (size_t i = 0; SET_IGNORED[i]; i++)
        if (!strcmp(w[1], SET_IGNORED[i]))
            return DYAD_OK;
    return bad(err, errlen, DYAD_ERR_NOTFOUND, "unknown setting SET: %s", w[1]);
}

static dyad_status default_directive(dyadi_options *o, char w[MAX_WORDS][MAX_WORD], int nw,
                                     char *err, size_t errlen)
{
    if (nw == 2 && !strcmp(w[1], "OFF")) {
        o->def_source[0] = o->def_target[0] = '\0';
        o->def_prior = o->def_after = 0;
        return DYAD_OK;
    }
    dyadi_options n = *o;
    if (nw < 2)
        return bad(err, errlen, DYAD_ERR_FORMAT, "DEFAULT: needs SOURCE [CODE], TARGET [CODE] or OFF%s", "");
    for (int k = 1; k < nw; k++) {
        if (!strcmp(w[k], "SOURCE") || !strcmp(w[k], "TARGET")) {
            if (k + 1 >= nw || !code_ok(w[k + 1]))
                return bad(err, errlen, DYAD_ERR_FORMAT, "DEFAULT: %s needs a [CODE]", w[k]);
            char *dst = w[k][0] == 'S' ? n.def_source : n.def_target;
            snprintf(dst, DYADI_OPT_CODE, "%s", w[k + 1]);
            k++;
        } else if (!strcmp(w[k], "PRIOR")) {
            n.def_prior = 1;
        } else if (!strcmp(w[k], "AFTER")) {
            n.def_after = 1;
        } else {
            return bad(err, errlen, DYAD_ERR_FORMAT, "DEFAULT: unexpected '%s'", w[k]);
        }
    }
    *o = n;
    return DYAD_OK;
}

static dyad_status comma_directive(dyadi_options *o, char w[MAX_WORDS][MAX_WORD], int nw,
                                   char *err, size_t errlen)
{
    if (nw == 2 && !strcmp(w[1], "OFF")) {
        o->comma_on = 0;
        return DYAD_OK;
    }
    static const char *const names[] = {"MIN", "MAX", "EMIN", "EMAX", "BMIN", "BMAX"};
    dyadi_options n = *o;
    unsigned *dst[] = {&n.comma_min, &n.comma_max, &n.comma_emin, &n.comma_emax, &n.comma_bmin,
                       &n.comma_bmax};
    if (nw < 3)
        return bad(err, errlen, DYAD_ERR_FORMAT, "COMMA: needs NAME = N pairs or OFF%s", "");
    for (int k = 1; k < nw; k += 2) {
        size_t i = 0;
        while (i < 6 && strcmp(w[k], names[i]) != 0)
            i++;
        if (i == 6)
            return bad(err, errlen, DYAD_ERR_FORMAT, "COMMA: unknown limit '%s'", w[k]);
        if (k + 1 >= nw || number(w[k + 1], dst[i]))
            return bad(err, errlen, DYAD_ERR_FORMAT, "COMMA: %s needs a number", w[k]);
    }
    n.comma_on = 1;
    *o = n;
    return DYAD_OK;
}

static dyad_status complex_directive(dyadi_options *o, char w[MAX_WORDS][MAX_WORD], int nw,
                                     char *err, size_t errlen)
{
    dyadi_options n = *o;
    n.complex_verbs = n.complex_conj = 0;
    n.noactprior = 0;
    for (int k = 1; k < nw; k++) {
        if (!strcmp(w[k], "VERBS") || !strcmp(w[k], "CONJ")) {
            if (k + 1 >= nw || number(w[k + 1], w[k][0] == 'V' ? &n.complex_verbs : &n.complex_conj))
                return bad(err, errlen, DYAD_ERR_FORMAT, "COMPLEX: %s needs [N]", w[k]);
            k++;
        } else if (!strcmp(w[k], "NOACTPRIOR")) {
            n.noactprior = 1;
        } else if (strcmp(w[k], "EXPLAIN") != 0 && strcmp(w[k], "NOSOURCE") != 0 &&
                   strcmp(w[k], "NOTARGET") != 0) {
            return bad(err, errlen, DYAD_ERR_FORMAT, "COMPLEX: unexpected '%s'", w[k]);
        }
    }
    *o = n;
    return DYAD_OK;
}

static dyad_status forward_directive(dyadi_options *o, char w[MAX_WORDS][MAX_WORD], int nw,
                                     char *err, size_t errlen)
{
    if (nw < 2)
        return bad(err, errlen, DYAD_ERR_FORMAT, "FORWARD: needs an id template or OFF%s", "");
    if (!strcmp(w[nw - 1], "OFF")) {
        o->forward = 0;
        return DYAD_OK;
    }
    if (!strchr(w[1], 'N'))
        return bad(err, errlen, DYAD_ERR_FORMAT, "FORWARD: template '%s' has no story positions (N)", w[1]);
    for (int k = 2; k < nw; k++)
        if (strcmp(w[k], "DOC") != 0)
            return bad(err, errlen, DYAD_ERR_FORMAT, "FORWARD: unexpected '%s'", w[k]);
    snprintf(o->forward_fmt, sizeof o->forward_fmt, "%s", w[1]);
    o->forward = 1;
    return DYAD_OK;
}

dyad_status dyadi_options_directive(dyadi_options *o, const char *s, size_t n, char *err,
                                    size_t errlen)
{
    char w[MAX_WORDS][MAX_WORD];
    /* a leading "OPTION:" as in the validation records */
    while (n && isspace((unsigned char)*s)) {
        s++;
        n--;
    }
    if (n >= 7 && strncasecmp(s, "OPTION:", 7) == 0) {
        s += 7;
        n -= 7;
    }
    while (n && isspace((unsigned char)s[n - 1]))
        n--;
    const char *colon = memchr(s, ':', n);
    if (!colon)
        return bad(err, errlen, DYAD_ERR_FORMAT, "directive without 'KEYWORD:'%s", "");
    int nw = split(s, n, w);
    if (nw < 0)
        return bad(err, errlen, DYAD_ERR_FORMAT, "directive too long%s", "");
    if (nw == 0)
        return bad(err, errlen, DYAD_ERR_FORMAT, "empty directive%s", "");
    if (!strcmp(w[0], "SET"))
        return set_directive(o, w, nw, err, errlen);
    if (!strcmp(w[0], "DEFAULT"))
        return default_directive(o, w, nw, err, errlen);
    if (!strcmp(w[0], "COMMA"))
        return comma_directive(o, w, nw, err, errlen);
    if (!strcmp(w[0], "COMPLEX"))
        return complex_directive(o, w, nw, err, errlen);
    if (!strcmp(w[0], "FORWARD"))
        return forward_directive(o, w, nw, err, errlen);
    if (!strcmp(w[0], "OUTPUT") || !strcmp(w[0], "LABEL") || !strcmp(w[0], "COLUMN") ||
        !strcmp(w[0], "ISSUE"))
        return DYAD_OK;
    return bad(err, errlen, DYAD_ERR_NOTFOUND, "unknown directive '%s:'", w[0]);
}

/* ---- dyad_coder_set_option --------------------------------------------- */

dyad_status dyadi_options_set(dyadi_options *o, const char *name, const char *value, char *err,
                              size_t errlen)
{
    if (!name || !value)
        return bad(err, errlen, DYAD_ERR_ARG, "option name and value must not be NULL%s", "");
    static const struct { const char *name; size_t off; } nums[] = {
        {"min_words", offsetof(dyadi_options, min_words)},
        {"comma_min", offsetof(dyadi_options, comma_min)},
        {"comma_max", offsetof(dyadi_options, comma_max)},
        {"comma_emin", offsetof(dyadi_options, comma_emin)},
        {"comma_emax", offsetof(dyadi_options, comma_emax)},
        {"comma_bmin", offsetof(dyadi_options, comma_bmin)},
        {"comma_bmax", offsetof(dyadi_options, comma_bmax)},
        {"complex_verbs", offsetof(dyadi_options, complex_verbs)},
        {"complex_conj", offsetof(dyadi_options, complex_conj)},
    };
    static const struct { const char *name; size_t off; } flags[] = {
        {"default_prior", offsetof(dyadi_options, def_prior)},
        {"default_after", offsetof(dyadi_options, def_after)},
        {"comma", offsetof(dyadi_options, comma_on)},
        {"noactprior", offsetof(dyadi_options, noactprior)},
        {"convert_agent", offsetof(dyadi_options, convert_agent)},
    };
    for (size_t i = 0; i < sizeof nums / sizeof *nums; i++)
        if (!strcmp(name, nums[i].name)) {
            unsigned v;
            if (number(value, &v))
                return bad(err, errlen, DYAD_ERR_ARG, "option %s needs a number", name);
            *(unsigned *)((char *)o + nums[i].off) = v;
            return DYAD_OK;
        }
    for (size_t i = 0; i < sizeof flags / sizeof *flags; i++)
        if (!strcmp(name, flags[i].name)) {
            uint8_t v;
            if (truth(value, &v))
                return bad(err, errlen, DYAD_ERR_ARG, "option %s needs true or false", name);
            *((uint8_t *)o + flags[i].off) = v;
            return DYAD_OK;
        }
    if (!strcmp(name, "code_by")) {
        static const char *const modes[] = {"auto", "clause", "sentence", "all"};
        for (int i = 0; i < 4; i++)
            if (!strcasecmp(value, modes[i])) {
                o->code_by = i;
                return DYAD_OK;
            }
        return bad(err, errlen, DYAD_ERR_ARG, "code_by must be auto, clause, sentence or all, not '%s'",
                   value);
    }
    if (!strcmp(name, "one_actor")) {
        static const char *const modes[] = {"auto", "all", "kinds", "none"};
        for (int i = 0; i < 4; i++)
            if (!strcasecmp(value, modes[i])) {
                o->one_actor = (uint8_t)i;
                return DYAD_OK;
            }
        return bad(err, errlen, DYAD_ERR_ARG, "one_actor must be auto, all, kinds or none, not '%s'",
                   value);
    }
    if (!strcmp(name, "default_source") || !strcmp(name, "default_target")) {
        if (value[0] && !code_ok(value))
            return bad(err, errlen, DYAD_ERR_ARG, "'%s' is not an actor code", value);
        char *dst = name[8] == 's' ? o->def_source : o->def_target;
        snprintf(dst, DYADI_OPT_CODE, "%s", value);
        return DYAD_OK;
    }
    if (!strcmp(name, "forward")) {
        if (!value[0] || !strcasecmp(value, "off")) {
            o->forward = 0;
            return DYAD_OK;
        }
        if (strlen(value) >= DYADI_OPT_FMT || !strchr(value, 'N'))
            return bad(err, errlen, DYAD_ERR_ARG, "forward needs an id template with N positions, not '%s'",
                       value);
        snprintf(o->forward_fmt, sizeof o->forward_fmt, "%s", value);
        o->forward = 1;
        return DYAD_OK;
    }
    return bad(err, errlen, DYAD_ERR_NOTFOUND, "unknown option '%s'", name);
}

void dyadi_options_story(const dyadi_options *o, const char *id, char *out, size_t outlen)
{
    size_t k = 0;
    if (outlen)
        out[0] = '\0';
    if (!o->forward || !id || !outlen)
        return;
    const char *f = o->forward_fmt;
    /* '^' marks the blanks between TABARI's date and id ("950116  FRWD-001-002");
     * dyad's ids start at the first character */
    while (*f == '^')
        f++;
    while (*id == ' ')
        id++;
    size_t idn = strlen(id);
    for (size_t i = 0; f[i] && i < idn; i++)
        if (f[i] == 'N' && k + 1 < outlen)
            out[k++] = id[i];
    out[k] = '\0';
}
