/* events.c - the event coder: from triggers, actor mentions and cue words
 * to CAMEO events with polarity, modality, attribution, place, date and
 * evidence. It runs after actors.c, on the same token arrays.
 *
 * Per sentence:
 *  1. cues: negation, refusal, modality, attribution, speech and time words
 *     are matched in the cue tries (norm and stem keys, with gaps for
 *     "ne ... pas");
 *  2. triggers: longest match of stem-key sequences in the trigger trie;
 *  3. roles: the source is the subject of the trigger's clause (the nearest
 *     actor to its left not governed by a preposition, the antecedent of a
 *     relative "qui"/"who", the agent of a passive, or the subject shared
 *     with a coordinated verb); the target is the direct object or the
 *     object of one of the frame's prepositions (docs/formats.md);
 *  4. scope: a negation or refusal in the clause before the trigger negates
 *     it (a refused cooperation becomes CAMEO 12x); an intention cue maps a
 *     cooperative trigger to CAMEO 03x; "pourrait" makes it possible,
 *     "aurait"/"selon" reported; "selon X" / "X a affirmé que" is the
 *     attribution; a place after à/en/dans/in/at is the location; the
 *     pluperfect and time words move the event date.
 * Quotations are found across sentences: the speaker ("... » a déclaré X")
 * is the source of first-person actors inside the quote.
 * Finally repeats of (source, target, code, polarity, modality) in the
 * document are merged into one event with a mention count. */
#include "events.h"
#include "tree.h"
#include "dates.h"
#include "words.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const dyad_token *tok(const dyad_coder *c, uint32_t i)
{
    return &DYADI_VEC_AT(&c->tokens, dyad_token, i);
}

static int norm_in(const dyad_coder *c, uint32_t i, const char *const *words)
{
    if (i >= c->tokens.len)
        return 0;
    const char *k = tok(c, i)->norm;
    if (!k)
        return 0;
    for (; *words; words++)
        if (strcmp(k, *words) == 0)
            return 1;
    return 0;
}

/* An entry of language elang applies to a document in dlang ("*" and an
 * undetermined document match everything); two-letter tags, no strcmp. */
static int same_lang(const char *elang, const char *dlang)
{
    if (elang[0] == '*' || (dlang[0] == 'u' && dlang[1] == 'n' && dlang[2] == 'd'))
        return 1;
    return elang[0] == dlang[0] && elang[0] && elang[1] == dlang[1] &&
           (elang[1] == '\0' || elang[2] == dlang[2]);
}

static int stem_is(const dyad_coder *c, uint32_t i, const char *stem)
{
    return i < c->tokens.len && tok(c, i)->stem && strcmp(tok(c, i)->stem, stem) == 0;
}

/* ---- trie matching with gaps ------------------------------------------- */

typedef struct hit {
    uint32_t end;          /* exclusive */
    dyadi_node node;
    int words;             /* words of the pattern (TABARI: longer patterns first) */
    unsigned steps;        /* trie steps taken (TABARI gaps: bounded work) */
    int tabari;            /* set by the caller: TABARI word matching */
    uint32_t pos[MAX_DEPTH];   /* token of each pattern word (gaps not counted) */
    uint32_t npos;
} hit;

/* TABARI word matching (DYADI_LEX_WORDS): a token steps the trigger trie
 * by its norm key and by the prefix keys of its spelling (coder.c), never
 * by its stem; a gap spans any number of words up to the clause end, a
 * longer pattern beats one ending further. WALK_BUDGET bounds the work of
 * one start token whatever the sentence. */
#define WALK_BUDGET 20000u

/* Can token j be the word after a TABARI gap? */
static int gap_end(const dyad_coder *c, uint32_t j)
{
    const dyadi_pfx *px = &DYADI_VEC_AT(&c->pfx, dyadi_pfx, j);
    if (dyadi_lex_after_gap(c->lex, DYADI_TRIE_TRIGGER, tok(c, j)->norm_id))
        return 1;
    for (int k = 0; k < DYADI_MAX_PFX && px->id[k]; k++)
        if (dyadi_lex_after_gap(c->lex, DYADI_TRIE_TRIGGER, px->id[k]))
            return 1;
    return 0;
}

/* The walk of dyad's own tries (cues, and triggers of a lexicon that is not
 * foreign): stem or norm keys, gaps of 0 to MAX_GAP words, the longest
 * match. Kept apart from walk() below, whose TABARI word matching and word
 * positions cost dyad's own coding about 3% when shared. */
static void walk_plain(const dyad_coder *c, int trie, int use_stem, dyadi_node node, uint32_t j,
                       uint32_t end, int depth, hit *best)
{
    size_t n;
    if (depth > 0 && dyadi_lex_entries(c->lex, trie, node, &n) && n > 0 && j > best->end) {
        best->end = j;
        best->node = node;
    }
    if (depth >= MAX_DEPTH)
        return;
    if (j < end) {
        const dyad_token *t = tok(c, j);
        uint32_t key = use_stem ? t->stem_id : t->norm_id;
        if (key) {
            dyadi_node nn = dyadi_lex_step(c->lex, trie, node, key);
            if (nn)
                walk_plain(c, trie, use_stem, nn, j + 1, end, depth + 1, best);
        }
    }
    if (depth > 0) {
        dyadi_node g = dyadi_lex_step(c->lex, trie, node, DYADI_KEY_GAP);
        if (g)
            /* "..." is zero to MAX_GAP tokens ("expressed condolences" as
             * well as "expressed its deep condolences") */
            for (uint32_t skip = 0; skip <= MAX_GAP && j + skip < end; skip++) {
                /* a gap never crosses a clause boundary */
                if (skip > 0) {
                    const char *k = tok(c, j + skip - 1)->norm;
                    if (k && (k[0] == ';' || k[0] == ':' || k[0] == '.') && k[1] == '\0')
                        break;
                }
                walk_plain(c, trie, use_stem, g, j + skip, end, depth + 1, best);
            }
    }
}

/* path[0..nw) holds the tokens matched so far by pattern words (NULL: the
 * caller needs no positions) */
static void walk(const dyad_coder *c, int trie, int use_stem, dyadi_node node, uint32_t j,
                 uint32_t end, int depth, int nw, hit *best, uint32_t *path)
{
    size_t n;
    const int words = best->tabari;
    if (depth > 0 && dyadi_lex_entries(c->lex, trie, node, &n) && n > 0 &&
        (words ? nw > best->words || (nw == best->words && j > best->end) : j > best->end)) {
        best->end = j;
        best->node = node;
        best->words = nw;
        if (path) {
            memcpy(best->pos, path, (size_t)nw * sizeof *path);
            best->npos = (uint32_t)nw;
        }
    }
    if (depth >= MAX_DEPTH)
        return;
    if (words && ++best->steps > WALK_BUDGET)
        return;
    if (j < end) {
        const dyad_token *t = tok(c, j);
        uint32_t key = use_stem && !words ? t->stem_id : t->norm_id;
        if (key) {
            dyadi_node nn = dyadi_lex_step(c->lex, trie, node, key);
            if (nn) {
                if (path)
                    path[nw] = j;
                walk(c, trie, use_stem, nn, j + 1, end, depth + 1, nw + 1, best, path);
            }
        }
        if (words) {
            const dyadi_pfx *px = &DYADI_VEC_AT(&c->pfx, dyadi_pfx, j);
            for (int k = 0; k < DYADI_MAX_PFX && px->id[k]; k++) {
                dyadi_node nn = dyadi_lex_step(c->lex, trie, node, px->id[k]);
                if (nn) {
                    if (path)
                        path[nw] = j;
                    walk(c, trie, use_stem, nn, j + 1, end, depth + 1, nw + 1, best, path);
                }
            }
        }
    }
    if (depth > 0) {
        dyadi_node g = dyadi_lex_step(c->lex, trie, node, DYADI_KEY_GAP);
        if (g)
            /* "..." is zero to MAX_GAP tokens ("expressed condolences" as
             * well as "expressed its deep condolences"); TABARI's blank
             * any number */
            for (uint32_t skip = 0; (words || skip <= MAX_GAP) && j + skip < end; skip++) {
                /* a gap never crosses a clause boundary */
                if (skip > 0) {
                    const char *k = tok(c, j + skip - 1)->norm;
                    if (k && (k[0] == ';' || k[0] == ':' || k[0] == '.') && k[1] == '\0')
                        break;
                }
                if (words && !gap_end(c, j + skip))
                    continue;   /* no pattern word after a gap is this word */
                walk(c, trie, use_stem, g, j + skip, end, depth + 1, nw, best, path);
            }
    }
}


static const char *const DETS[] = {
    "le", "la", "les", "l'", "un", "une", "des", "du", "d'", "ce", "cette", "ces", "son", "sa",
    "ses", "leur", "leurs", "nos", "notre", "the", "a", "an", "its", "their", "his", "her",
    "this", "these", "our", "deux", "two", "both", "tous", "all", NULL};
static const char *const BOUNDARY[] = {";", ":", "«", "»", "\"", "“", "”", "(", ")", NULL};
static const char *const COMPLEMENTIZER[] = {"que", "qu'", "that", "whether", "si", NULL};
static const char *const RELATIVE[] = {"qui", "who", "which", "lequel", "laquelle", "lesquels",
                                       NULL};
static const char *const AND[] = {"et", "and", "ainsi", NULL};

static const char *const MONTHS_FR[] = {"janvier", "février", "mars", "avril", "mai", "juin",
                                        "juillet", "août", "septembre", "octobre", "novembre",
                                        "décembre", NULL};
static const char *const MONTHS_EN[] = {"january", "february", "march", "april", "may", "june",
                                        "july", "august", "september", "october", "november",
                                        "december", NULL};

/* ---- function-word classes ---------------------------------------------
 * The clause rules ask "is this token a determiner, a preposition, a
 * boundary...?" many times per token. Each token's class is looked up once
 * per document in a small hash table of the function words (built once per
 * process), and the rules test bits. */

enum {
    W_DET = 1u << 0, W_PREP = 1u << 1, W_BOUND = 1u << 2, W_COMP = 1u << 3,
    W_REL = 1u << 4, W_AND = 1u << 5, W_QOPEN = 1u << 6, W_QCLOSE = 1u << 7,
    W_QSTRAIGHT = 1u << 8, W_TIME = 1u << 9, W_MONTH = 1u << 10, /* month number in bits 16-19 */
    W_FIRST = 1u << 11, W_NDET_EN = 1u << 12, W_NDET_FR = 1u << 13 /* never before a verb */
};
static const char *const FIRST_PERSON[] = {"nous", "we", "us", "notre", "our", "nos", NULL};
/* Determiners that never stand before a verb (unlike French le/la/les/l',
 * which are also object pronouns: "il la condamne"). */
static const char *const NOUN_DETS_EN[] = {
    "the", "a", "an", "its", "their", "his", "her", "this", "these", "those", "our", "your", "my",
    NULL};
static const char *const NOUN_DETS_FR[] = {
    "un", "une", "des", "du", "au", "aux", "ce", "cette", "ces", "son", "sa", "ses", "notre",
    "votre", "mon", "ma", "mes", "nos", "vos", NULL};
static const char *const QOPEN[] = {"«", "“", NULL};
static const char *const QCLOSE[] = {"»", "”", NULL};
static const char *const QSTRAIGHT[] = {"\"", NULL};
static const char *const TIMEWORDS[] = {"hier", "yesterday", "semaine", "week", NULL};

#define WTAB_SIZE 1024u /* power of two, well over twice the words */
static struct wslot { const char *w; uint32_t cls; } wtab[WTAB_SIZE];
static pthread_once_t wtab_once = PTHREAD_ONCE_INIT;

static void wtab_add(const char *const *words, uint32_t cls)
{
    for (; *words; words++) {
        uint32_t i = dyadi_lex_hash(*words, strlen(*words)) & (WTAB_SIZE - 1);
        while (wtab[i].w && strcmp(wtab[i].w, *words) != 0)
            i = (i + 1) & (WTAB_SIZE - 1);
        wtab[i].w = *words;
        wtab[i].cls |= cls;
    }
}

static void wtab_build(void)
{
    wtab_add(DETS, W_DET);
    wtab_add(dyadi_prepositions, W_PREP);
    wtab_add(BOUNDARY, W_BOUND);
    wtab_add(COMPLEMENTIZER, W_COMP);
    wtab_add(RELATIVE, W_REL);
    wtab_add(AND, W_AND);
    wtab_add(QOPEN, W_QOPEN);
    wtab_add(QCLOSE, W_QCLOSE);
    wtab_add(QSTRAIGHT, W_QSTRAIGHT);
    wtab_add(TIMEWORDS, W_TIME);
    wtab_add(FIRST_PERSON, W_FIRST);
    wtab_add(NOUN_DETS_EN, W_NDET_EN);
    wtab_add(NOUN_DETS_FR, W_NDET_FR);
    for (int m = 0; m < 12; m++) {
        const char *const fr[] = {MONTHS_FR[m], NULL}, *const en[] = {MONTHS_EN[m], NULL};
        wtab_add(fr, (uint32_t)(W_MONTH | (uint32_t)(m + 1) << 16));
        wtab_add(en, (uint32_t)(W_MONTH | (uint32_t)(m + 1) << 16));
    }
}

static uint32_t wclass_of(const char *w)
{
    if (!w)
        return 0;
    uint32_t i = dyadi_lex_hash(w, strlen(w)) & (WTAB_SIZE - 1);
    while (wtab[i].w) {
        if (strcmp(wtab[i].w, w) == 0)
            return wtab[i].cls;
        i = (i + 1) & (WTAB_SIZE - 1);
    }
    return 0;
}

static int has_class(const dyad_coder *c, uint32_t i, uint32_t cls)
{
    return i < c->wclass.len && (DYADI_VEC_AT(&c->wclass, uint32_t, i) & cls) != 0;
}


/* Preposition governing tokens [first, ...), skipping determiners. */
static const char *governing_prep(const dyad_coder *c, uint32_t first, uint32_t sfirst)
{
    uint32_t i = first;
    while (i > sfirst && has_class(c, i - 1, W_DET) && !has_class(c, i - 1, W_PREP))
        i--;
    if (i > sfirst && has_class(c, i - 1, W_PREP))
        return tok(c, i - 1)->norm;
    /* "des"/"du"/"d'" are both determiners and prepositions */
    if (i < first && has_class(c, i, W_PREP) && (norm_in(c, i, (const char *const[]){"du", "des", "d'", NULL})))
        return i > sfirst ? tok(c, i)->norm : NULL;
    return NULL;
}

int dyadi_in_list(const char *word, const char *list)
{
    /* list: comma-separated norm keys */
    if (!word || !list)
        return 0;
    size_t wl = strlen(word);
    const char *p = list;
    while (*p) {
        const char *q = strchr(p, ',');
        size_t l = q ? (size_t)(q - p) : strlen(p);
        if (l == wl && strncmp(p, word, l) == 0)
            return 1;
        if (!q)
            break;
        p = q + 1;
    }
    return 0;
}

/* Does the preposition match one in the frame list? "au"/"aux" count as "à",
 * "du"/"des"/"d'" as "de". */
int dyadi_prep_matches(const char *prep, const char *list)
{
    if (!prep || !list)
        return 0;
    if (dyadi_in_list(prep, list))
        return 1;
    if ((strcmp(prep, "au") == 0 || strcmp(prep, "aux") == 0) && dyadi_in_list("à", list))
        return 1;
    if ((strcmp(prep, "du") == 0 || strcmp(prep, "des") == 0 || strcmp(prep, "d'") == 0) &&
        dyadi_in_list("de", list))
        return 1;
    return 0;
}

/* ---- quotations --------------------------------------------------------- */

typedef struct quote {
    uint32_t open, close;  /* token indices of the marks */
    const char *speaker;   /* actor code or NULL */
    dyad_span speaker_span;
} quote;

#define MAX_QUOTES 256


/* The mention starting at or after token i within n tokens, or NULL. */
static const dyad_mention *mention_near(const dyad_coder *c, uint32_t i, uint32_t n)
{
    size_t nm;
    const dyad_mention *ms = dyad_coder_mentions(c, &nm);
    for (size_t k = 0; k < nm; k++)
        if (ms[k].kind == DYAD_MENTION_ACTOR && ms[k].first_token >= i && ms[k].first_token <= i + n)
            return &ms[k];
    return NULL;
}

static const dyad_mention *mention_before(const dyad_coder *c, uint32_t i, uint32_t n)
{
    size_t nm;
    const dyad_mention *ms = dyad_coder_mentions(c, &nm);
    const dyad_mention *best = NULL;
    for (size_t k = 0; k < nm; k++)
        if (ms[k].kind == DYAD_MENTION_ACTOR && ms[k].first_token + ms[k].n_tokens <= i &&
            ms[k].first_token + ms[k].n_tokens + n >= i)
            best = &ms[k];
    return best;
}

static int is_speech_stem(const dyad_coder *c, uint32_t i, const uint8_t *speech)
{
    return i < c->tokens.len && speech[i];
}

static size_t find_quotes(dyad_coder *c, quote *qs, const uint8_t *speech)
{
    size_t nq = 0;
    size_t nt = c->tokens.len;
    uint32_t open = UINT32_MAX;
    int straight_open = 0;
    for (uint32_t i = 0; i < nt && nq < MAX_QUOTES; i++) {
        const char *k = tok(c, i)->norm;
        if (!k)
            continue;
        uint32_t wc = DYADI_VEC_AT(&c->wclass, uint32_t, i);
        if (!(wc & (W_QOPEN | W_QCLOSE | W_QSTRAIGHT)))
            continue;
        int op = (wc & W_QOPEN) != 0, cl = (wc & W_QCLOSE) != 0;
        if (wc & W_QSTRAIGHT) {
            if (!straight_open) { op = 1; straight_open = 1; }
            else { cl = 1; straight_open = 0; }
        }
        if (op) {
            open = i;
        } else if (cl && open != UINT32_MAX) {
            quote *q = &qs[nq++];
            q->open = open;
            q->close = i;
            q->speaker = NULL;
            q->speaker_span.start = q->speaker_span.end = 0;
            /* "... » a déclaré X" / "..." said X / X said */
            for (uint32_t j = i + 1; j < nt && j <= i + 4; j++) {
                if (is_speech_stem(c, j, speech)) {
                    const dyad_mention *m = mention_near(c, j + 1, 3);
                    if (!m)
                        m = mention_before(c, j, 2);
                    if (m && m->first_token > i) {
                        q->speaker = m->code;
                        q->speaker_span = m->span;
                    }
                    break;
                }
            }
            /* "X a déclaré : « ... »" */
            if (!q->speaker && open >= 2) {
                for (uint32_t j = open; j-- > 0 && j + 5 > open;) {
                    if (is_speech_stem(c, j, speech)) {
                        const dyad_mention *m = mention_before(c, j, 4);
                        if (m) {
                            q->speaker = m->code;
                            q->speaker_span = m->span;
                        }
                        break;
                    }
                }
            }
            open = UINT32_MAX;
        }
    }
    return nq;
}

static const quote *quote_of(const quote *qs, size_t nq, uint32_t i)
{
    for (size_t k = 0; k < nq; k++)
        if (qs[k].open < i && i < qs[k].close)
            return &qs[k];
    return NULL;
}

/* ---- dates -------------------------------------------------------------- */

static const char *date_str(dyad_coder *c, uint32_t ymd)
{
    char buf[16];
    unsigned y = ymd / 10000, m = (ymd / 100) % 100, d = ymd % 100;
    if (!ymd)
        return NULL;
    if (d)
        snprintf(buf, sizeof buf, "%04u-%02u-%02u", y, m, d);
    else
        snprintf(buf, sizeof buf, "%04u-%02u", y, m);
    return dyadi_arena_strndup(&c->arena, buf, strlen(buf));
}


/* The date a sentence gives its events, once per sentence: the date its
 * words name relative to the article's ("le 5 juillet dernier", "hier",
 * "last Tuesday", "two days ago": dates.c); the article's date otherwise
 * (0 when unknown). */
static uint32_t sentence_date(const dyad_coder *c, uint32_t sfirst, uint32_t send)
{
    uint32_t named = dyadi_sentence_date(c->tokens.data, sfirst, send, c->date);
    return named ? named : c->date;
}

/* An event's date: the sentence's, unless the pluperfect ("avait soutenu",
 * "had supported") places it before the article: "../YYYY-MM" (ISO 8601-2
 * open interval), never an invented day. A date the sentence names ("le 5
 * juillet dernier, X avait signé") is kept. sdate_str is the sentence
 * date's string, made once per sentence. */
static const char *event_date(dyad_coder *c, const char *sdate_str, uint32_t sfirst,
                              uint32_t trig_first)
{
    uint32_t base = c->date;
    if (!base)
        return NULL;
    char bs[16];
    if (base % 100)
        snprintf(bs, sizeof bs, "%04u-%02u-%02u", base / 10000, base / 100 % 100, base % 100);
    else
        snprintf(bs, sizeof bs, "%04u-%02u", base / 10000, base / 100 % 100);
    if (sdate_str && strcmp(sdate_str, bs) != 0)
        return sdate_str;
    for (uint32_t i = trig_first; i > sfirst && i + 3 > trig_first; i--) {
        const char *k = tok(c, i - 1)->norm;
        if (k && (strcmp(k, "avait") == 0 || strcmp(k, "avaient") == 0 || strcmp(k, "had") == 0 ||
                  strcmp(k, "étaient") == 0 || strcmp(k, "était") == 0)) {
            char buf[24];
            unsigned y = base / 10000, m = (base / 100) % 100;
            snprintf(buf, sizeof buf, "../%04u-%02u", y, m);
            return dyadi_arena_strndup(&c->arena, buf, strlen(buf));
        }
    }
    return sdate_str;
}

/* ---- the coder ----------------------------------------------------------- */

/* CAMEO 03x for a cooperative action that is only intended. */
static const char *intent_code(const char *code)
{
    /* The codebook's 03x subcodes mirror the actions they announce:
     * 06x material cooperation -> 031x, 07x aid -> 033x, 04x meetings ->
     * 036, 05x diplomatic cooperation -> 032, 08x yielding -> 035x (083
     * political reform -> 034x); an intended conflict action is a threat. */
    static const struct { const char *from, *to; } map[] = {
        {"061", "0311"}, {"062", "0312"}, {"063", "0313"}, {"064", "0314"}, {"06", "031"},
        {"071", "0331"}, {"072", "0332"}, {"073", "0333"}, {"074", "0334"}, {"07", "033"},
        {"04", "036"}, {"05", "032"},
        {"0831", "0341"}, {"0832", "0342"}, {"0833", "0343"}, {"0834", "0344"}, {"083", "034"},
        {"081", "0351"}, {"082", "0352"}, {"084", "0353"}, {"085", "0354"}, {"086", "0355"},
        {"087", "0356"}, {"08", "035"},
        {"161", "1313"}, {"162", "1311"}, {"163", "1312"}, {"16", "131"},
        {"17", "137"}, {"18", "138"}, {"19", "138"}, {"20", "138"},
    };
    if (strncmp(code, "01", 2) == 0 || strncmp(code, "02", 2) == 0 || strncmp(code, "03", 2) == 0)
        return code;
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (strncmp(code, map[i].from, strlen(map[i].from)) == 0)
            return map[i].to;
    return NULL;
}

/* CAMEO 10x for an action someone says another actor must take: the
 * demand subcodes mirror the demanded action like the intent ones. NULL:
 * no demand code (a demand to attack is not coded as one). */
static const char *demand_code(const char *code)
{
    static const struct { const char *from, *to; } map[] = {
        {"061", "1011"}, {"062", "1012"}, {"063", "1013"}, {"064", "1014"}, {"06", "101"},
        {"071", "1031"}, {"072", "1032"}, {"073", "1033"}, {"074", "1034"}, {"07", "103"},
        {"057", "107"}, {"05", "102"}, {"04", "106"},
        {"0831", "1041"}, {"0832", "1042"}, {"0833", "1043"}, {"0834", "1044"}, {"083", "104"},
        {"081", "1051"}, {"082", "1052"}, {"084", "1053"}, {"085", "1054"}, {"086", "1055"},
        {"087", "1056"}, {"08", "105"}, {"03", "100"},
    };
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (strncmp(code, map[i].from, strlen(map[i].from)) == 0)
            return map[i].to;
    return NULL;
}

/* CAMEO 02x for an appeal whose complement is a cooperative action
 * ("urged Uganda to extradite", "a appelé Paris à livrer des armes"): the
 * appeal subcodes mirror the intent ones (031x -> 021x, 036 -> 026). NULL
 * when the complement is no cooperation. */
static const char *appeal_code(dyad_coder *c, const char *code)
{
    const char *ic = intent_code(code);
    if (!ic || strncmp(ic, "03", 2) != 0 || strcmp(ic, code) == 0)
        return NULL;
    char *s = dyadi_arena_strndup(&c->arena, ic, strlen(ic));
    if (s)
        s[1] = '2';
    return s;
}

/* CAMEO 13x for a threat whose complement is the threatened action
 * ("threatened to halt negotiations" 134, "menace d'imposer un couvre-feu"
 * 1323, "threatened to launch an offensive" 1384). NULL: no such code. */
static const char *threat_code(const char *code)
{
    static const struct { const char *from, *to; } map[] = {
        {"161", "1313"}, {"162", "1311"}, {"163", "1312"}, {"164", "134"}, {"165", "135"},
        {"166", "136"}, {"16", "131"},
        {"1721", "1321"}, {"1722", "1322"}, {"1723", "1323"}, {"1724", "1324"}, {"172", "132"},
        {"17", "137"}, {"14", "133"},
        {"191", "1381"}, {"192", "1382"}, {"20", "1383"}, {"19", "1384"}, {"18", "138"},
    };
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (strncmp(code, map[i].from, strlen(map[i].from)) == 0)
            return map[i].to;
    return NULL;
}

/* The trigger after ts[ti] that is its complement: the next verb trigger,
 * within 8 words of ti's end, with the trigger's complement word (comp=to,
 * à, de, that) between them ("urged Uganda to repatriate", "demanded that
 * the government end curbs"). -1 when none. */
static int complement_of(const dyad_coder *c, const trig *ts, size_t ntr, size_t ti)
{
    const trig *t = &ts[ti];
    if (!t->e->comp)
        return -1;
    for (size_t j = ti + 1; j < ntr; j++) {
        const trig *u = &ts[j];
        if (u->first < t->end)
            continue;
        if (u->first > t->end + 8 || u->e->kind == DYADI_TK_NOUN)
            return -1;
        for (uint32_t k = u->first; k > t->end; k--) {
            const char *w = tok(c, k - 1)->norm;
            if (dyadi_in_list(w, t->e->comp))
                return (int)j;
        }
        return -1;
    }
    return -1;
}

/* CAMEO 12x for a refused cooperative action. */
static const char *refusal_code(const char *code)
{
    if (strncmp(code, "06", 2) == 0 || strncmp(code, "07", 2) == 0)
        return "121";
    if (strncmp(code, "04", 2) == 0)
        return "125";
    if (strncmp(code, "08", 2) == 0)
        return "128";
    if (strncmp(code, "03", 2) == 0 || strncmp(code, "05", 2) == 0)
        return "120";
    return NULL;
}

/* Two mentions with one code may still be two actors: "Hillary Clinton
 * critique Donald Trump" (USA, USA in 2016), "le Front al-Nosra a attaqué
 * l'Armée syrienne libre" (SYRREB, SYRREB). They are one actor when either
 * was resolved by coreference ("Russia said it ..."), they read the same, or
 * the code is a bare country (two names of one state). */
static int distinct_same_code(const dyad_coder *c, const cand *a, const cand *b)
{
    /* bare country codes ("HTI" and "Port-au-Prince") are one state */
    if (a->coref || b->coref || !a->span.end || !b->span.end || strlen(a->code) <= 3)
        return 0;
    size_t la = a->span.end - a->span.start, lb = b->span.end - b->span.start;
    return !(la == lb && memcmp(c->doc->text + a->span.start, c->doc->text + b->span.start, la) == 0);
}

static const char *fill_country(dyad_coder *c, const char *country, const char *sector)
{
    char buf[64];
    int n = snprintf(buf, sizeof buf, "%s%s", country, sector);
    if (n < 0 || (size_t)n >= sizeof buf)
        return NULL;
    return dyadi_arena_strndup(&c->arena, buf, (size_t)n);
}

/* ---- TABARI options (options.c, dyad_coder_set_option) ------------------ */

/* How many events a sentence may give: SET: CODE BY ..., or the
 * dictionaries' convention. */
static int code_by(const dyad_coder *c, int one_verb)
{
    int m = c->opts.code_by;
    return m != DYADI_CODE_AUTO ? m : one_verb ? DYADI_CODE_CLAUSE : DYADI_CODE_ALL;
}

/* SET: MINIMUM WORDS: a sentence with fewer words is not coded ("Gondor's"
 * is one word). */
static int too_short(const dyad_coder *c, uint32_t sfirst, uint32_t send)
{
    if (!c->opts.min_words)
        return 0;
    unsigned n = 0;
    for (uint32_t i = sfirst; i < send; i++) {
        const dyad_token *k = tok(c, i);
        if ((k->kind == DYAD_TOK_WORD || k->kind == DYAD_TOK_NUMBER) && k->norm &&
            k->norm[0] != '\'')
            n++;
    }
    return n < c->opts.min_words;
}

/* An actor the text does not name (a default or forwarded code) as the
 * candidate cs[slot], past the sentence's nc; -1 when there is no room. */
static int extra_cand(dyad_coder *c, cand *cs, size_t slot, const char *code)
{
    if (slot >= MAX_CANDS)
        return -1;
    cand *cd = &cs[slot];
    memset(cd, 0, sizeof *cd);
    size_t n = strlen(code);
    cd->code = dyadi_arena_strndup(&c->arena, code, n);
    cd->country = dyadi_arena_strndup(&c->arena, code, n < 3 ? n : 3);
    cd->lat = cd->lon = NAN;
    cd->coref = 1;
    return cd->code && cd->country ? (int)slot : -1;
}

/* The first actor from candidate `from` on whose first token is at or
 * after `at` and whose code differs from `not`; -1 none. Places are not
 * actors, nor are agents with no actor ("a senior official", "---GOV")
 * unless SET: CONVERT AGENT says so. */
static int actor_from(const dyad_coder *c, const cand *cs, size_t nc, size_t from, uint32_t at,
                      const char *not)
{
    for (size_t k = from; k < nc; k++)
        if (!cs[k].place && cs[k].first >= at && (!not || strcmp(cs[k].code, not) != 0) &&
            (c->opts.convert_agent || strncmp(cs[k].code, "---", 3) != 0))
            return (int)k;
    return -1;
}

/* Roles the text leaves open, filled as TABARI's options say: FORWARD's
 * source of the story's previous sentence, then DEFAULT:. With PRIOR the
 * default source stands in for a missing subject; without it the first
 * actor of the sentence is the source (the default only when there is
 * none). The target is then an actor after the verb (AFTER) or after the
 * source, else the default target. */
static void fill_roles(dyad_coder *c, cand *cs, size_t nc, const trig *t, int *src, int *tgt)
{
    const dyadi_options *o = &c->opts;
    if (!o->forward && !o->def_source[0] && !o->def_target[0])
        return;
    size_t slot = nc;
    if (*src < 0 && o->forward) {
        const char *f = c->fwd.last[0] ? c->fwd.last : c->fwd.first;
        if (f[0] && (*src = extra_cand(c, cs, slot, f)) >= 0)
            slot++;
    }
    if (*src < 0 && o->def_source[0]) {
        if (!o->def_prior && (*src = actor_from(c, cs, nc, 0, 0, NULL)) >= 0 && *tgt == *src)
            *tgt = -1;
        if (*src < 0 && (*src = extra_cand(c, cs, slot, o->def_source)) >= 0)
            slot++;
    }
    if (*tgt < 0 && o->def_target[0] && *src >= 0) {
        const char *sc = cs[*src].code;
        if (o->def_after)
            *tgt = actor_from(c, cs, nc, 0, t->end, sc);
        else if ((size_t)*src < nc)
            *tgt = actor_from(c, cs, nc, (size_t)*src + 1, 0, sc);
        if (*tgt < 0)
            *tgt = extra_cand(c, cs, slot, o->def_target);
    }
}

/* FORWARD: a new story (its key from the document id) forgets the sources
 * of the previous one. */
static void forward_story(dyad_coder *c)
{
    char key[DYADI_OPT_FMT];
    if (!c->opts.forward)
        return;
    dyadi_options_story(&c->opts, c->doc->id, key, sizeof key);
    if (!key[0] || strcmp(key, c->fwd.story) != 0) {
        memset(&c->fwd, 0, sizeof c->fwd);
        snprintf(c->fwd.story, sizeof c->fwd.story, "%s", key);
    }
}

/* FORWARD: after a sentence, the actor (country part) of its first source
 * when the text named it; a sentence that used a forwarded or default
 * source leaves the story's first source to the next one, as the TABARI
 * suite expects ("secondary forwarding goes back to the original"). */
static void forward_update(dyad_coder *c, size_t events_before)
{
    if (!c->opts.forward || c->events.len <= events_before)
        return;
    /* the first source of the sentence: the first member of a compound */
    const dyad_event *e = &DYADI_VEC_AT(&c->events, dyad_event, events_before);
    for (size_t i = events_before + 1; i < c->events.len; i++) {
        const dyad_event *x = &DYADI_VEC_AT(&c->events, dyad_event, i);
        if (x->sent == e->sent && x->source.span.end && x->source.span.start < e->source.span.start)
            e = x;
    }
    if (!e->source.span.end) {
        c->fwd.last[0] = '\0';
        return;
    }
    const char *a = e->source.country && strlen(e->source.country) == 3 ? e->source.country
                                                                         : e->source.code;
    snprintf(c->fwd.last, sizeof c->fwd.last, "%.3s", a);
    if (!c->fwd.first[0])
        snprintf(c->fwd.first, sizeof c->fwd.first, "%s", c->fwd.last);
}

static int push_event1(dyad_coder *c, uint32_t sent, const trig *t, const cand *src,
                       const cand *tgt, const char *code, int polarity, int modality,
                       const char *attr_text, const char *attr_code, const cand *loc,
                       const char *edate, const char *rule)
{
    /* An agent of unknown country ("---CVL": "urged residents to
     * evacuate") takes the country of the other side: a domestic event.
     * With no country on either side there is no dyad. */
    cand sfill, tfill;
    if (strncmp(src->code, "---", 3) == 0 && !c->opts.convert_agent && !(t->alone && !tgt)) {
        if (!tgt || strncmp(tgt->code, "---", 3) == 0 || !tgt->country || strlen(tgt->country) != 3)
            return 0;
        sfill = *src;
        sfill.coref = 1; /* its country came from the other side */
        sfill.code = fill_country(c, tgt->country, src->code + 3);
        sfill.country = tgt->country;
        if (!sfill.code)
            return -1;
        src = &sfill;
    }
    if (tgt && strncmp(tgt->code, "---", 3) == 0 && !c->opts.convert_agent) {
        if (!src->country || strlen(src->country) != 3)
            tgt = NULL;
        else {
            tfill = *tgt;
            tfill.coref = 1;
            tfill.code = fill_country(c, src->country, tgt->code + 3);
            tfill.country = src->country;
            if (!tfill.code)
                return -1;
            tgt = &tfill;
        }
    }
    /* a capital that acts ("Ankara a déclaré", "Moscow condemned",
     * "sanctions imposed by Washington") is its government, as CAMEO coders
     * read it; TABARI and PETRARCH dictionaries code their own way */
    cand smet;
    if (src->capital && !src->place && src->code && strlen(src->code) == 3 &&
        !(dyadi_lex_flags(c->lex) & DYADI_LEX_FOREIGN)) {
        smet = *src;
        smet.code = fill_country(c, src->code, "GOV");
        if (!smet.code)
            return -1;
        src = &smet;
    }
    if (tgt && strcmp(src->code, tgt->code) == 0 && !distinct_same_code(c, src, tgt))
        return 0;
    const dyadi_cameo *cm = dyadi_lex_cameo(c->lex, code);
    size_t cl = strlen(code);
    if (!cm && cl >= 3 && cl <= 5 && code[cl - 1] >= 'A' && code[cl - 1] <= 'Z') {
        char digits[8];     /* TABARI's "174K": the taxonomy of 174 */
        memcpy(digits, code, cl - 1);
        digits[cl - 1] = '\0';
        cm = dyadi_lex_cameo(c->lex, digits);
    }
    /* merge repeats within the document */
    for (size_t i = 0; i < c->events.len; i++) {
        dyad_event *e = &DYADI_VEC_AT(&c->events, dyad_event, i);
        if (strcmp(e->code, code) == 0 && e->polarity == polarity && e->modality == modality &&
            strcmp(e->source.code, src->code) == 0 &&
            ((!e->target.code && !tgt) || (e->target.code && tgt && strcmp(e->target.code, tgt->code) == 0))) {
            if (e->sent != sent)
                e->mentions++;
            return 0;
        }
    }
    dyad_event *e = dyadi_vec_push(&c->events);
    if (!e)
        return -1;
    const char *text = c->doc->text;
    e->sent = sent;
    e->code = dyadi_arena_strndup(&c->arena, code, strlen(code));
    e->root = dyadi_arena_strndup(&c->arena, code, 2);
    e->quad = cm ? cm->quad : 0;
    e->goldstein = cm ? cm->goldstein : NAN;
    e->plover = cm ? cm->plover_type : NULL;
    e->source.code = src->code;
    e->source.country = src->country;
    e->source.span = src->span;
    e->source.text = dyadi_arena_strndup(&c->arena, text + src->span.start,
                                         src->span.end - src->span.start);
    if (tgt) {
        e->target.code = tgt->code;
        e->target.country = tgt->country;
        e->target.span = tgt->span;
        e->target.text = dyadi_arena_strndup(&c->arena, text + tgt->span.start,
                                             tgt->span.end - tgt->span.start);
    }
    e->polarity = (uint8_t)polarity;
    e->modality = (uint8_t)modality;
    e->attribution_text = attr_text;
    e->attribution_code = attr_code;
    e->lat = e->lon = NAN;
    e->location_id = e->location_type = e->location_rule = NULL;
    if (loc) {
        e->location = dyadi_arena_strndup(&c->arena, text + loc->span.start,
                                          loc->span.end - loc->span.start);
        e->location_country = loc->country;
        e->lat = loc->lat;
        e->lon = loc->lon;
        e->location_id = loc->entry;
        e->location_type = loc->ptype;
        e->location_rule = loc->how;
    }
    e->event_date = edate;
    e->trigger.start = tok(c, t->first)->span.start;
    e->trigger.end = tok(c, t->end - 1)->span.end;
    e->trigger_text = dyadi_arena_strndup(&c->arena, text + e->trigger.start,
                                          e->trigger.end - e->trigger.start);
    e->rule = rule;
    e->mentions = 1;
    return 0;
}

/* push_event1, once per member of a compound actor: a code "FRO/BIL/SAM"
 * (TABARI's [FRO/BIL/SAM], actors.c) gives one event per code. */
static int push_event(dyad_coder *c, uint32_t sent, const trig *t, const cand *src,
                      const cand *tgt, const char *code, int polarity, int modality,
                      const char *attr_text, const char *attr_code, const cand *loc,
                      const char *edate, const char *rule)
{
    for (int side = 0; side < 2; side++) {
        const cand *x = side == 0 ? src : tgt;
        if (!x || !x->code || !strchr(x->code, '/'))
            continue;
        cand part = *x;
        for (const char *p = x->code;;) {
            const char *q = strchr(p, '/');
            size_t l = q ? (size_t)(q - p) : strlen(p);
            part.code = dyadi_arena_strndup(&c->arena, p, l);
            part.country = dyadi_arena_strndup(&c->arena, p, l < 3 ? l : 3);
            if (!part.code || !part.country)
                return -1;
            if (l && push_event(c, sent, t, side == 0 ? &part : src, side == 1 ? &part : tgt,
                                code, polarity, modality, attr_text, attr_code, loc, edate,
                                rule) != 0)
                return -1;
            if (!q)
                return 0;
            p = q + 1;
        }
    }
    return push_event1(c, sent, t, src, tgt, code, polarity, modality, attr_text, attr_code, loc,
                       edate, rule);
}

/* ---- TABARI's sentence markers ----------------------------------------- */

/* Is the word at i read as a noun by TABARI: capitalised inside the
 * sentence, or right after an article? */
static int tabari_noun(const dyad_coder *c, uint32_t i, uint32_t sfirst)
{
    if (i <= sfirst)
        return 0;
    unsigned char b = (unsigned char)c->doc->text[tok(c, i)->span.start];
    return (b >= 'A' && b <= 'Z') || norm_in(c, i - 1, (const char *const[]){"the", "a", "an", NULL});
}

/* The marker a trigger pattern reaches from node, on any path (not only
 * the longest: TABARI discards a sentence on any [###] pattern):
 * DYADI_MARK_DISCARD, DYADI_MARK_COMPLEX or 0. A complex [+++] verb or
 * pattern counts only when its first word is read as a verb (noun: the
 * words of "Planetary Cup" as a noun); time phrases (noun entries) always. */
static int marker_walk(const dyad_coder *c, dyadi_node node, uint32_t j, uint32_t end, int depth,
                       int noun)
{
    int found = 0;
    size_t n = 0;
    const uint32_t *ids = depth > 0 ? dyadi_lex_entries(c->lex, DYADI_TRIE_TRIGGER, node, &n) : NULL;
    for (size_t k = 0; ids && k < n; k++) {
        const dyadi_trigger *e = dyadi_lex_trigger(c->lex, ids[k]);
        int mk = e ? dyadi_marker_code(e->code) : 0;
        if (mk == DYADI_MARK_DISCARD)
            return mk;
        if (mk == DYADI_MARK_COMPLEX && (!noun || e->kind == DYADI_TK_NOUN))
            found = mk;
    }
    if (depth >= MAX_DEPTH)
        return found;
    /* the keys a token steps by, as in walk(): its stem, and with TABARI
     * word matching its norm key and the prefix keys of its spelling */
    uint32_t keys[2 + DYADI_MAX_PFX];
    size_t nk = 0;
    if (j < end) {
        keys[nk++] = tok(c, j)->stem_id;   /* also unmarked phrases (<TIME>) */
        if (dyadi_lex_flags(c->lex) & DYADI_LEX_WORDS) {
            const dyadi_pfx *px = &DYADI_VEC_AT(&c->pfx, dyadi_pfx, j);
            keys[nk++] = tok(c, j)->norm_id;
            for (int k = 0; k < DYADI_MAX_PFX && px->id[k]; k++)
                keys[nk++] = px->id[k];
        }
    }
    for (size_t q = 0; q < nk; q++) {
        dyadi_node nn = keys[q] ? dyadi_lex_step(c->lex, DYADI_TRIE_TRIGGER, node, keys[q]) : 0;
        int r = nn ? marker_walk(c, nn, j + 1, end, depth + 1, noun) : 0;
        if (r == DYADI_MARK_DISCARD)
            return r;
        found = r ? r : found;
    }
    dyadi_node g = depth > 0 ? dyadi_lex_step(c->lex, DYADI_TRIE_TRIGGER, node, DYADI_KEY_GAP) : 0;
    for (uint32_t skip = 0; g && skip <= MAX_GAP && j + skip < end; skip++) {
        if (skip > 0 && norm_in(c, j + skip - 1, (const char *const[]){";", ":", ".", NULL}))
            break;  /* as walk(): a gap never crosses a clause boundary */
        int r = marker_walk(c, g, j + skip, end, depth + 1, noun);
        if (r == DYADI_MARK_DISCARD)
            return r;
        found = r ? r : found;
    }
    return found;
}

/* TABARI's discard [###] and complex [+++] markers: a sentence holding a
 * discard actor or pattern, a complex actor or a complex pattern read as a
 * verb codes nothing. Called once per sentence with foreign lexicons. */
static int sentence_vetoed(const dyad_coder *c, uint32_t s, uint32_t sfirst, uint32_t send)
{
    for (size_t k = 0; k < c->vetoes.len; k++)
        if (DYADI_VEC_AT(&c->vetoes, uint32_t, k) == s)
            return 1;
    dyadi_node root = dyadi_lex_root(c->lex, DYADI_TRIE_TRIGGER);
    for (uint32_t i = sfirst; root && i < send; i++)
        if (marker_walk(c, root, i, send, 0, tabari_noun(c, i, sfirst)))
            return 1;
    return 0;
}

static int cue_kind_of(const dyadi_cue *e)
{
    /* the kinds are fixed words (docs/formats.md): their first two letters
     * tell them apart, and this runs for every cue match */
    const char *k = e ? e->kind : NULL;
    if (!k || !k[0])
        return CUE_OTHER;
    switch (k[0]) {
    case 'n': return strcmp(k, "neg") == 0 ? CUE_NEG : CUE_OTHER;
    case 'r': return strcmp(k, "refuse") == 0 ? CUE_REFUSE : CUE_OTHER;
    case 'm': return strcmp(k, "modal") == 0 ? CUE_MODAL : CUE_OTHER;
    case 'a': return strcmp(k, "attrib") == 0 ? CUE_ATTRIB : CUE_OTHER;
    case 's': return k[1] == 'p' && strcmp(k, "speech") == 0 ? CUE_SPEECH : CUE_OTHER;
    case 't': return strcmp(k, "time") == 0 ? CUE_TIME : CUE_OTHER;
    }
    return CUE_OTHER;
}

static size_t find_cues(dyad_coder *c, uint32_t sfirst, uint32_t send, cue *out, size_t max)
{
    size_t n = 0;
    for (int pass = 0; pass < 2; pass++) {
        int trie = pass ? DYADI_TRIE_CUE_STEM : DYADI_TRIE_CUE;
        dyadi_node root = dyadi_lex_root(c->lex, trie);
        if (!root)
            continue;
        for (uint32_t i = sfirst; i < send && n < max; i++) {
            /* a verb cue never starts on a capitalised word inside the
             * sentence ("the United States" is no "state") */
            if (pass && i > sfirst && (tok(c, i)->flags & DYAD_TOKF_CAPITAL))
                continue;
            hit h;      /* cues need no word positions: no path */
            h.end = 0;
            h.node = 0;
            h.words = 0;
            h.steps = 0;
            h.tabari = 0;
            h.npos = 0;
            walk_plain(c, trie, pass, root, i, send, 0, &h);
            if (!h.end)
                continue;
            size_t ne;
            const uint32_t *ids = dyadi_lex_entries(c->lex, trie, h.node, &ne);
            for (size_t k = 0; k < ne && n < max; k++) {
                const dyadi_cue *e = dyadi_lex_cue(c->lex, ids[k]);
                if (!e || (e->lang && !same_lang(e->lang, c->lang)))
                    continue;
                /* determiners ("stop") and time words are not used by the
                 * scope rules: keeping them only lengthened every scan */
                int kd = cue_kind_of(e);
                if (kd == CUE_OTHER || kd == CUE_TIME)
                    continue;
                out[n].first = i;
                out[n].end = h.end;
                out[n].kind = kd;
                out[n].e = e;
                n++;
            }
        }
    }
    return n;
}

/* "cooperation", "coopération", "negotiations": a noun ending, used to
 * choose between a verb and a noun pattern on one stem (not to block a
 * verb pattern: nominal uses of verb patterns are codable events too). */
static int noun_suffix(const char *w)
{
    static const char *const suffixes[] = {"tion", "tions", "sion", "sions", "ment", "ments", NULL};
    size_t n = w ? strlen(w) : 0;
    for (const char *const *x = suffixes; *x; x++) {
        size_t m = strlen(*x);
        if (n >= m + 3 && memcmp(w + n - m, *x, m) == 0)
            return 1;
    }
    return 0;
}

static int nounish(const dyad_coder *c, uint32_t i, uint32_t sfirst)
{
    const dyad_token *t = tok(c, i);

    if ((t->flags & DYAD_TOKF_CAPITAL) && i > sfirst && !(tok(c, i - 1)->flags & DYAD_TOKF_QUOTE))
        return 1;
    uint32_t det = strcmp(c->lang, "fr") == 0 ? W_NDET_FR
                   : strcmp(c->lang, "en") == 0 ? W_NDET_EN : 0;
    return det && i > sfirst && has_class(c, i - 1, det);
}

static size_t find_triggers(dyad_coder *c, const dyadi_tree *tree, uint32_t sfirst, uint32_t send,
                            trig *out, size_t max)
{
    size_t n = 0;
    dyadi_node root = dyadi_lex_root(c->lex, DYADI_TRIE_TRIGGER);
    if (!root)
        return 0;
    /* TABARI word matching: the coder computed the tokens' prefix keys */
    const int tabari = c->pfx.len && c->pfx.len == c->tokens.len;
    const uint32_t lf = dyadi_lex_flags(c->lex);
    const int petrarch = (lf & DYADI_LEX_FOREIGN) && !(lf & DYADI_LEX_ONE_VERB);
    uint32_t i = sfirst;
    while (i < send && n < max) {
        hit h;
        h.end = 0;
        h.node = 0;
        h.words = 0;
        h.steps = 0;
        h.tabari = tabari;
        h.npos = 0;
        uint32_t path[MAX_DEPTH];
        /* only foreign patterns use the word positions (slots, vword) */
        if (lf & DYADI_LEX_FOREIGN)
            walk(c, DYADI_TRIE_TRIGGER, 1, root, i, send, 0, 0, &h, path);
        else
            walk_plain(c, DYADI_TRIE_TRIGGER, 1, root, i, send, 0, &h);
        /* PETRARCH: a verb entered as written ("LEFT", key "left=") beats
         * the one its stem reaches (LEAVE) when no longer pattern matched */
        if (petrarch && (!h.end || h.end == i + 1) && tok(c, i)->kind == DYAD_TOK_WORD) {
            const char *w = tok(c, i)->norm;
            char wk[128];
            int wl = w ? snprintf(wk, sizeof wk, "%s=", w) : -1;
            uint32_t id = wl > 1 && (size_t)wl < sizeof wk ? dyadi_lex_key(c->lex, wk, (size_t)wl) : 0;
            dyadi_node xn = id ? dyadi_lex_step(c->lex, DYADI_TRIE_TRIGGER, root, id) : 0;
            size_t nx = 0;
            if (xn && dyadi_lex_entries(c->lex, DYADI_TRIE_TRIGGER, xn, &nx) && nx) {
                h.end = i + 1;
                h.node = xn;
                h.pos[0] = i;
                h.npos = 1;
            }
        }
        if (!h.end) {
            i++;
            continue;
        }
        size_t ne;
        const uint32_t *ids = dyadi_lex_entries(c->lex, DYADI_TRIE_TRIGGER, h.node, &ne);
        const dyadi_trigger *best = NULL, *among_e = NULL, *conv_e = NULL;
        for (size_t k = 0; k < ne; k++) {
            const dyadi_trigger *e = dyadi_lex_trigger(c->lex, ids[k]);
            if (!e)
                continue;
            if (e->lang && !same_lang(e->lang, c->lang))
                continue;
            /* PETRARCH's "- % * [030:030]" beside the verb's own AGREE
             * [081]: kept aside for a compound source with no target */
            if (e->among == 1 && petrarch && !among_e) {
                among_e = e;
                continue;
            }
            /* a verb pattern on a word used as a noun ("the government",
             * "sa coopération", "the Department", "United"): a capitalised
             * word inside the sentence or one after a determiner is not
             * the verb */
            if (tree && !dyadi_tree_pos_ok(tree, i, h.end, e)) {
                /* a verb's stem on its noun ("negotiations", "l'arrestation"):
                 * a nominal event with the verb's frame, never a verb */
                const dyad_word *w = e->kind == DYADI_TK_VERB ? dyadi_tree_word(tree, i) : NULL;
                if (!w || strcmp(w->upos, "NOUN") != 0 || !(e = dyadi_tree_as_noun(c, e)))
                    continue;
                conv_e = e;
            }
            if (!tree && e->kind == DYADI_TK_VERB && nounish(c, i, sfirst))
                continue;
            /* TABARI: the noun ending "'s" stops a verb reading ("Estonia
             * donate's cash") */
            if (e->kind == DYADI_TK_VERB && c->pfx.len && norm_in(c, h.end, (const char *const[]){"'s", NULL}))
                continue;
            /* a noun pattern of its own beats a verb's read as a noun
             * ("attaque" over "attaquer") */
            if (best && best == conv_e && e != conv_e && e->kind == DYADI_TK_NOUN) {
                best = e;
                continue;
            }
            /* the same words from a literal pattern and from a synset
             * member ("* DOLLAR", "* &CURRENCY"): the literal one */
            if (best && e->syn < best->syn && e->kind == best->kind) {
                best = e;
                continue;
            }
            /* one stem for a verb and its noun ("coopérer"/"coopération"):
             * after a determiner, the noun */
            if (best && best->kind == DYADI_TK_VERB && e->kind == DYADI_TK_NOUN &&
                i > sfirst && has_class(c, i - 1, c->lang[0] == 'f' ? W_NDET_FR : W_NDET_EN))
                best = e;
            if (!best)
                best = e;
        }
        /* the verb as written (PETRARCH's exact head) leaves the block's
         * '% *' entry on the stem's node */
        if (petrarch && !among_e && best && h.end == i + 1 && tok(c, i)->stem_id) {
            dyadi_node sn = dyadi_lex_step(c->lex, DYADI_TRIE_TRIGGER, root, tok(c, i)->stem_id);
            size_t ns = 0;
            const uint32_t *sids =
                sn && sn != h.node ? dyadi_lex_entries(c->lex, DYADI_TRIE_TRIGGER, sn, &ns) : NULL;
            for (size_t k = 0; sids && k < ns && !among_e; k++) {
                const dyadi_trigger *e = dyadi_lex_trigger(c->lex, sids[k]);
                if (e && e->among == 1 && (!e->lang || same_lang(e->lang, c->lang)))
                    among_e = e;
            }
        }
        if (!best && among_e && !(among_e->kind == DYADI_TK_VERB && nounish(c, i, sfirst))) {
            best = among_e;
            among_e = NULL;
        }
        if (best) {
            out[n].first = i;
            out[n].end = h.end;
            out[n].e = best;
            out[n].as_noun = conv_e && best == conv_e;
            out[n].src = out[n].tgt = -1;
            memcpy(out[n].pos, h.pos, h.npos * sizeof *h.pos);
            out[n].npos = h.npos;
            out[n].alone = 0;
            out[n].among_e = among_e;
            n++;
            i = h.end;
        } else {
            i++;
        }
    }
    return n;
}

/* Is there a clause boundary strictly between tokens a and b? */
static int boundary_between(const dyad_coder *c, uint32_t a, uint32_t b)
{
    for (uint32_t i = a + 1; i < b; i++)
        if (has_class(c, i, W_BOUND))
            return 1;
    return 0;
}

/* ---- TABARI conventions (lexicons with DYADI_LEX_ONE_VERB) -------------- */

/* TABARI deletes comma-delimited clauses before coding: the words between
 * two commas when there are COMMA: MIN to MAX of them (2 to 10 by default),
 * the words between the last comma and the end of the sentence when there
 * are EMIN to EMAX, and those before the first comma when there are BMIN
 * to BMAX (off by default) ("Osgiliath, the state's fiercest foe, could be
 * drawn into ..."). The spans found, as [first, end) token ranges, go to
 * lo/hi; returns their number. */
#define MAX_HIDDEN 32
/* Is the span (a, b) between two commas one item of a list of actors
 * ("Mordor, the Shire, Fornost and Bree"): an actor with at most articles
 * and three other words before it? */
static int list_item(const dyad_coder *c, const cand *cs, size_t nc, uint32_t a, uint32_t b)
{
    for (size_t k = 0; k < nc; k++) {
        if (cs[k].first <= a || cs[k].end != b)
            continue;
        int words = 0;
        for (uint32_t j = a + 1; j < cs[k].first; j++)
            if (!has_class(c, j, W_DET) && ++words > 3)
                return 0;
        return 1;
    }
    return 0;
}

static size_t comma_clauses(const dyad_coder *c, const cand *cs, size_t nc, uint32_t sfirst,
                            uint32_t send, uint32_t *lo, uint32_t *hi)
{
    const dyadi_options *o = &c->opts;
    if (!o->comma_on)
        return 0;
    size_t n = 0;
    uint32_t last = UINT32_MAX, stop = send;
    while (stop > sfirst && norm_in(c, stop - 1, (const char *const[]){".", "?", "!", NULL}))
        stop--;
    for (uint32_t i = sfirst; i < stop && n < MAX_HIDDEN; i++) {
        if (!norm_in(c, i, (const char *const[]){",", NULL}))
            continue;
        if (last != UINT32_MAX && i - last - 1 >= o->comma_min && i - last - 1 <= o->comma_max &&
            !list_item(c, cs, nc, last, i)) {
            lo[n] = last;
            hi[n++] = i;        /* the closing comma stays, as a list separator */
        } else if (last == UINT32_MAX && i - sfirst >= o->comma_bmin && i - sfirst <= o->comma_bmax) {
            lo[n] = sfirst;
            hi[n++] = i;        /* an initial clause */
        }
        last = i;
    }
    if (last != UINT32_MAX && n < MAX_HIDDEN && stop - last - 1 >= o->comma_emin &&
        stop - last - 1 <= o->comma_emax && !list_item(c, cs, nc, last, stop)) {
        lo[n] = last;
        hi[n++] = stop;
    }
    return n;
}

static int hidden_at(const uint32_t *lo, const uint32_t *hi, size_t n, uint32_t i)
{
    for (size_t k = 0; k < n; k++)
        if (i >= lo[k] && i < hi[k])
            return 1;
    return 0;
}

/* The actor after cs[k] in a TABARI compound ("Arnor, Osgiliath and
 * Gondor", "Fornost and the evil awful Gondor", "neither X nor Y"): joined
 * by ',', "and" or "nor",
 * with articles and up to three other words between; -1 when none. */
static int compound_next(const dyad_coder *c, const cand *cs, size_t nc, size_t k)
{
    if (k + 1 >= nc)
        return -1;
    uint32_t j = cs[k].end, f = cs[k + 1].first;
    int conj = 0;
    while (j < f && (norm_in(c, j, (const char *const[]){",", "nor", NULL}) || has_class(c, j, W_AND))) {
        conj = 1;
        j++;
    }
    if (!conj)
        return -1;
    for (int words = 0; j < f; j++) {
        if (has_class(c, j, W_DET))
            continue;
        if (tok(c, j)->kind != DYAD_TOK_WORD || ++words > 3 ||
            has_class(c, j, W_PREP | W_AND | W_BOUND | W_COMP | W_REL))
            return -1;
    }
    return (int)k + 1;
}

/* Does the conjunction at token i join two actors of a compound, the
 * second starting before `limit`? */
static int joins_actors(const dyad_coder *c, const cand *cs, size_t nc, uint32_t i, uint32_t limit)
{
    for (size_t k = 0; k + 1 < nc; k++)
        if (cs[k].end <= i && cs[k + 1].first > i && cs[k + 1].first < limit &&
            compound_next(c, cs, nc, k) == (int)k + 1)
            return 1;
    return 0;
}

/* TABARI's COMPLEX: a sentence with VERBS or more verbs, or CONJ or more
 * conjunctions that join no actors, or with no actor before its first verb
 * (NOACTPRIOR, unless a DEFAULT: source stands in), is too complex to code;
 * null-coded verbs, verbs read as nouns and words of an actor's phrase do
 * not count. */
static int too_complex(const dyad_coder *c, const cand *cs, size_t nc, const trig *ts, size_t ntr,
                       uint32_t sfirst, uint32_t send)
{
    const dyadi_options *o = &c->opts;
    if (!o->complex_verbs && !o->complex_conj && !o->noactprior)
        return 0;
    unsigned verbs = 0, conj = 0;
    uint32_t first_verb = UINT32_MAX;
    for (size_t k = 0; k < ntr; k++) {
        const dyadi_trigger *e = ts[k].e;
        if (e->code[0] == '-' || dyadi_marker_code(e->code) || e->kind == DYADI_TK_NOUN)
            continue;
        uint32_t i = ts[k].first;
        if (tabari_noun(c, i, sfirst))
            continue;   /* a noun (see the trigger loop) */
        uint32_t v = e->vword < ts[k].npos ? ts[k].pos[e->vword] : i;
        int in_actor = 0;
        for (size_t a = 0; a < nc && !in_actor; a++)
            in_actor = cs[a].first <= v && v < cs[a].end;   /* "Security forces" */
        if (in_actor)
            continue;
        verbs++;
        if (first_verb == UINT32_MAX)
            first_verb = v;
    }
    for (uint32_t i = sfirst; i < send; i++) {
        if (!norm_in(c, i, (const char *const[]){"and", "or", "but", NULL}))
            continue;
        conj += !joins_actors(c, cs, nc, i, send);
    }
    if ((o->complex_verbs && verbs >= o->complex_verbs) || (o->complex_conj && conj >= o->complex_conj))
        return 1;
    /* (a DEFAULT: SOURCE fills the missing actor) */
    if (o->noactprior && first_verb != UINT32_MAX && !o->def_source[0]) {
        /* an actor, or a pronoun standing for one */
        int prior = 0;
        for (size_t k = 0; k < nc && !prior; k++)
            prior = cs[k].end <= first_verb;
        for (uint32_t i = sfirst; i < first_verb && !prior; i++)
            prior = norm_in(c, i, (const char *const[]){"he", "she", "it", "they", "we", NULL});
        return !prior;
    }
    return 0;
}

/* The actor a TABARI pattern's '+' or '$' points at: slot 1 is before the
 * pattern's first word (the nearest actor before it), slot k + 2 after its
 * word k (the first actor after that word), skipping `skip` actors (TABARI's
 * '^'); -1 when none. */
static int slot_actor(const cand *cs, size_t nc, const trig *t, unsigned slot, unsigned skip,
                      int other)
{
    if (slot == 1) {
        for (size_t k = nc; k-- > 0;)
            if (cs[k].end <= t->first && (int)k != other && skip-- == 0)
                return (int)k;
        return -1;
    }
    unsigned a = slot - 2;
    uint32_t anchor = a < t->npos ? t->pos[a] : t->end - 1;
    for (size_t k = 0; k < nc; k++)
        if (cs[k].first > anchor && (int)k != other && skip-- == 0)
            return (int)k;
    return -1;
}

/* TABARI's roles: the pattern's '+' and '$' actors when it has them (see
 * slot_actor); otherwise the source is the first actor of the clause
 * before the verb, or the first one after the verb when the target took
 * the only one before it ("+ WAS * DEAD"), and the target is the first
 * actor after the verb (after the pattern's own preposition, "* WITH +",
 * when it has one). The passive ("was condemned by") swaps the roles
 * unless the pattern placed them. */
static void tabari_roles(const dyad_coder *c, const cand *cs, size_t nc, uint32_t cfirst,
                         const trig *t, int passive, int prev_src, int *src, int *tgt)
{
    const dyadi_trigger *e = t->e;
    uint32_t vtok = e->vword < t->npos ? t->pos[e->vword] : t->first;
    int g = e->tslot ? slot_actor(cs, nc, t, e->tslot, e->tskip, -1) : -1;
    int s = e->sslot ? slot_actor(cs, nc, t, e->sslot, e->sskip, g) : -1;
    /* a clause opening on a subject pronoun ("and then it requested") is
     * about the previous clause's source */
    static const char *const SUBJ[] = {"he", "she", "it", "they", NULL};
    if (s < 0 && cfirst < vtok && prev_src >= 0 &&
        (norm_in(c, cfirst, SUBJ) || (cfirst + 1 < vtok && norm_in(c, cfirst + 1, SUBJ))))
        s = prev_src;
    if (s < 0) {
        for (size_t k = 0; k < nc && s < 0; k++)
            if (cs[k].first >= cfirst && cs[k].end <= vtok && (int)k != g)
                s = (int)k;
        /* "Bree Prime Minister Romendacil", "Gondor's Prime Minister":
         * the country and the official composed from it are one actor */
        while (s >= 0 && (size_t)s + 1 < nc && (int)s + 1 != g && cs[s + 1].end <= vtok &&
               (cs[s + 1].first == cs[s].end ||
                (cs[s + 1].first == cs[s].end + 1 &&
                 norm_in(c, cs[s].end, (const char *const[]){"'s", "'", NULL}))) &&
               cs[s + 1].code && cs[s].code && strncmp(cs[s + 1].code, cs[s].code, 3) == 0)
            s++;
        if (s < 0 && e->tslot) {
            for (size_t k = 0; k < nc && s < 0; k++)
                if (cs[k].first > vtok && (int)k != g)
                    s = (int)k;
        }
        if (s < 0)
            s = prev_src;
    }
    if (g < 0) {
        const char *pp = e->prep && !strchr(e->prep, ',') ? e->prep : NULL;
        int after = -1, after_pp = -1;
        for (size_t k = 0; k < nc; k++) {
            if (cs[k].first <= vtok || (int)k == s)
                continue;
            if (after < 0 && (s < 0 || strcmp(cs[k].code, cs[s].code) != 0))
                after = (int)k;
            if (after_pp < 0 && pp && cs[k].governed && dyadi_prep_matches(cs[k].prep, pp))
                after_pp = (int)k;
        }
        g = after_pp >= 0 ? after_pp : after;
        /* none after the verb, but an object or possessive pronoun ("to
         * assist it", "burned down its embassy"): the nearest actor before
         * the verb that is not the source */
        static const char *const OBJ[] = {"it", "him", "her", "them", "its", "their", NULL};
        for (uint32_t j = vtok + 1; g < 0 && j < vtok + 4 && j < c->tokens.len; j++) {
            if (tok(c, j)->kind != DYAD_TOK_WORD)
                break;
            if (!norm_in(c, j, OBJ))
                continue;
            for (size_t k = nc; k-- > 0;)
                if (cs[k].end <= vtok && cs[k].first >= cfirst && (int)k != s &&
                    (s < 0 || strcmp(cs[k].code, cs[s].code) != 0)) {
                    g = (int)k;
                    break;
                }
            break;
        }
        /* none after the verb: the subject of a "that" clause before it
         * ("requested that Elrond assist") */
        for (size_t k = 0; g < 0 && k < nc; k++)
            if (cs[k].first > cfirst && cs[k].end <= vtok && (int)k != s &&
                norm_in(c, cs[k].first - 1, (const char *const[]){"that", NULL}) &&
                (s < 0 || strcmp(cs[k].code, cs[s].code) != 0))
                g = (int)k;
        if (passive && !e->sslot && g >= 0) {
            int x = s;
            s = g;
            g = x;
        }
    }
    if (s >= 0 && g >= 0 && strcmp(cs[s].code, cs[g].code) == 0)
        g = -1;
    *src = s;
    *tgt = g;
}

/* TABARI codes one verb per clause: after a coded verb, a later trigger
 * starts a new event only in a new clause, that is after ';' or a
 * conjunction ("and", "but", "while", "whereas") that does not join two
 * actors and is followed by a new subject (an actor or a pronoun, after at
 * most one word: "and then it requested") or by the trigger itself, two
 * words apart at most ("condemned the attack and promised aid"); not "met
 * Eriador and Calenardhon leaders during a brief visit", nor "an attack by
 * sheep and evil awful goats". The clause starts after the conjunction
 * (*start). */
static int new_clause(const dyad_coder *c, const cand *cs, size_t nc, uint32_t from,
                      uint32_t trig_first, uint32_t *start)
{
    static const char *const conj[] = {"and", "but", "while", "whereas", NULL};
    for (uint32_t i = from; i < trig_first; i++) {
        if (norm_in(c, i, (const char *const[]){";", NULL})) {
            *start = i + 1;
            return 1;
        }
        if (!norm_in(c, i, conj))
            continue;
        if (joins_actors(c, cs, nc, i, trig_first))
            continue;
        int subject = 0;
        uint32_t j = i + 1;
        for (uint32_t w = i + 1; w <= i + 2 && w < trig_first && !subject; w++) {
            if (norm_in(c, w, (const char *const[]){"he", "she", "it", "they", "we", NULL})) {
                subject = 1;
                j = w + 1;
            }
            for (size_t k = 0; k < nc && !subject; k++)
                if (cs[k].first == w && cs[k].end <= trig_first) {
                    subject = 1;
                    j = cs[k].end;
                }
        }
        if (subject || trig_first <= j + 2) {
            *start = i + 1;
            return 1;
        }
    }
    return 0;
}

/* "une coopération renforcée entre Moscou et Pyongyang", "talks between
 * X and Y": X is the source and Y the target (reciprocal triggers code
 * both directions). */
static int between_pair(const dyad_coder *c, const cand *cs, size_t nc, uint32_t tend,
                        int *src, int *tgt)
{
    for (size_t k = 0; k + 1 < nc; k++) {
        if (cs[k].first >= tend && cs[k].first <= tend + 3 && cs[k].prep && !cs[k].place &&
            (strcmp(cs[k].prep, "entre") == 0 || strcmp(cs[k].prep, "between") == 0) &&
            has_class(c, cs[k].end, W_AND)) {
            size_t j = k + 1;
            uint32_t f = cs[k].end + 1;
            while (f < cs[j].first && has_class(c, f, W_DET))
                f++;
            if (cs[j].first == f && !cs[j].place) {
                *src = (int)k;
                *tgt = (int)j;
                return 1;
            }
        }
    }
    return 0;
}

/* Is trigger t a refusal (a refuse cue covers its first token)? */
static int is_refusal_head(const dyad_coder *c, const cue *cues, size_t ncu, const trig *t)
{
    (void)c;
    for (size_t k = 0; k < ncu; k++)
        if (cues[k].kind == CUE_REFUSE && cues[k].first <= t->first && cues[k].end > t->first)
            return 1;
    return 0;
}

/* Are two verbs coordinated with no new subject between them: an "et"/
 * "and" or a comma between them and no actor outside a preposition? */
static int coordinated(const dyad_coder *c, const cand *cs, size_t nc, uint32_t from,
                       uint32_t to)
{
    int conj = 0;
    for (uint32_t i = from; i < to; i++) {
        if (has_class(c, i, W_AND))
            conj = 1;
        if (has_class(c, i, W_BOUND) || has_class(c, i, W_COMP) || has_class(c, i, W_REL))
            return 0;
    }
    if (!conj)
        return 0;
    for (size_t k = 0; k < nc; k++)
        if (cs[k].first > from && cs[k].first < to && !cs[k].governed && !cs[k].place) {
            /* a new subject right after the conjunction */
            uint32_t j = cs[k].first;
            while (j > from && has_class(c, j - 1, W_DET))
                j--;
            if (j > from && has_class(c, j - 1, W_AND))
                return 0;
        }
    return 1;
}

/* A boundary between a and b that is not a short parenthesis ("Le groupe
 * État islamique (Daech) a été défait"): an aside is not a clause break. */
static int boundary_outside_parens(const dyad_coder *c, uint32_t a, uint32_t b)
{
    for (uint32_t i = a + 1; i < b; i++) {
        if (!has_class(c, i, W_BOUND))
            continue;
        if (norm_in(c, i, (const char *const[]){"(", NULL})) {
            uint32_t j = i + 1;
            while (j < b && j <= i + 5 && !norm_in(c, j, (const char *const[]){")", NULL}))
                j++;
            if (j < b && norm_in(c, j, (const char *const[]){")", NULL})) {
                i = j;
                continue;
            }
        }
        return 1;
    }
    return 0;
}

/* A clause boundary between a and b other than quotation marks: an object
 * may be quoted ("en louant une « relation constructive avec Cuba »"). */
static int clause_break(const dyad_coder *c, uint32_t a, uint32_t b)
{
    for (uint32_t i = a + 1; i < b; i++)
        if (has_class(c, i, W_BOUND) && !has_class(c, i, W_QOPEN | W_QCLOSE | W_QSTRAIGHT))
            return 1;
    return 0;
}

/* The source of a trigger: see the file comment. */
static int find_source(const dyad_coder *c, const cand *cs, size_t nc, uint32_t sfirst,
                       uint32_t tfirst, const uint8_t *attrib_tok)
{
    /* Relative clause: "... la Chine de Xi Jinping qui a refusé de ..." */
    for (uint32_t i = tfirst; i > sfirst && i + 6 > tfirst; i--) {
        if (has_class(c, i - 1, W_REL)) {
            /* the head of the noun phrase before the relative pronoun:
             * walk back over "X de Y" chains to X */
            int best = -1;
            for (size_t k = nc; k-- > 0;) {
                if (cs[k].place || cs[k].end > i - 1)
                    continue;
                if (cs[k].end + 2 < i - 1 && best < 0)
                    break;
                /* "le dispositif militaire russe en Syrie, qui appuie": a
                 * place-like complement is not the head */
                if (best < 0 && cs[k].prep && dyadi_in_list(cs[k].prep, "en,à,au,aux,dans,in,at")) {
                    uint32_t f = cs[k].first;
                    while (f > sfirst && has_class(c, f - 1, W_DET | W_PREP))
                        f--;
                    i = f + 1; /* continue the search before it */
                    continue;
                }
                if (best < 0) {
                    best = (int)k;
                } else if (cs[k].end + 3 >= cs[best].first &&
                           (governing_prep(c, cs[best].first, sfirst) != NULL) &&
                           (strcmp(governing_prep(c, cs[best].first, sfirst), "de") == 0 ||
                            strcmp(governing_prep(c, cs[best].first, sfirst), "of") == 0)) {
                    best = (int)k;
                } else {
                    break;
                }
            }
            if (best >= 0)
                return best;
            /* the head is not an actor ("X publie un communiqué qui
             * condamne Y"): the document or act speaks for the subject of
             * the clause it belongs to */
            for (size_t k = 0; k < nc; k++) {
                if (cs[k].end > i - 1 || cs[k].place || cs[k].governed || attrib_tok[cs[k].first])
                    continue;
                if (boundary_between(c, cs[k].end - 1, i - 1))
                    continue;
                int comp = 0;
                for (uint32_t j = cs[k].end; j + 1 < i; j++)
                    if (has_class(c, j, W_COMP | W_REL))
                        comp = 1;
                if (!comp)
                    return (int)k;
            }
            break;
        }
        if (has_class(c, i - 1, W_BOUND) || has_class(c, i - 1, W_COMP))
            break;
    }
    int infinitive = tfirst > sfirst &&
                     norm_in(c, tfirst - 1, (const char *const[]){"to", "pour", "afin", NULL});
    int found = -1;
    for (size_t k = nc; k-- > 0;) {
        if (cs[k].end > tfirst || cs[k].place)
            continue;
        /* "(Daech)": an alias in parentheses stands for the actor before it */
        if (cs[k].end < tfirst && norm_in(c, cs[k].end, (const char *const[]){")", NULL}) &&
            cs[k].first > 0 && norm_in(c, cs[k].first - 1, (const char *const[]){"(", NULL}))
            continue;
        if (boundary_outside_parens(c, cs[k].end - 1, tfirst))
            break;
        /* a complementizer between the mention and the trigger: the mention
         * belongs to the main clause ("X a affirmé que Y ...") */
        int comp = 0;
        for (uint32_t i = cs[k].end; i < tfirst; i++)
            if (has_class(c, i, W_COMP) || has_class(c, i, W_REL))
                comp = 1;
        if (comp)
            break;
        if (cs[k].governed || attrib_tok[cs[k].first])
            continue;
        if (infinitive) {
            /* "X est prêt à envoyer des travailleurs ... pour aider": the
             * subject of an infinitive is the clause's subject, the first
             * actor, not the nearest (often the object of the main verb) */
            found = (int)k;
            continue;
        }
        return (int)k;
    }
    return found;
}

/* The target: direct object or the object of one of the frame's
 * prepositions, to the right of the trigger within the clause. */
static int find_target(const dyad_coder *c, const cand *cs, size_t nc, uint32_t tend,
                       const dyadi_trigger *e, int src, const uint8_t *attrib_tok,
                       int want_passive_agent)
{
    for (size_t k = 0; k < nc; k++) {
        if (cs[k].first < tend || cs[k].place || (int)k == src)
            continue;
        if (cs[k].first > tend + 10)
            break;
        if (clause_break(c, tend - 1, cs[k].first) || attrib_tok[cs[k].first])
            break;
        if (want_passive_agent) {
            if (cs[k].prep && (strcmp(cs[k].prep, "par") == 0 || strcmp(cs[k].prep, "by") == 0))
                return (int)k;
            /* "tués par un bombardement américain", "killed by a US
             * airstrike": the agent is an act, its nationality the actor */
            if (cs[k].adj && cs[k].first <= tend + 5)
                for (uint32_t j = tend; j < cs[k].first; j++)
                    if (norm_in(c, j, (const char *const[]){"par", "by", NULL}))
                        return (int)k;
            return -1;
        }
        if (cs[k].governed) {
            if (dyadi_prep_matches(cs[k].prep, e->prep))
                return (int)k;
            /* the object is someone's act: "a dénoncé la décision de son
             * homologue", "condemned the invasion by Russia", "criticized
             * the policy of Iran": its owner or agent is the target */
            if (e->obj == DYADI_OBJ_TARGET && cs[k].first <= tend + 8 &&
                dyadi_prep_matches(cs[k].prep, "de,of,par,by,avec"))
                return (int)k;
            continue;
        }
        /* an adjective of nationality on a frame that names its target with
         * a preposition is the agent of the noun ("les sanctions
         * occidentales contre le pays"): look further for the preposition */
        if (cs[k].adj && e->prep && e->obj != DYADI_OBJ_TARGET) {
            int later = -1;
            for (size_t j = k + 1; j < nc && cs[j].first <= tend + 10; j++)
                if (cs[j].governed && !cs[j].place && dyadi_prep_matches(cs[j].prep, e->prep)) {
                    later = (int)j;
                    break;
                }
            if (later >= 0 && !boundary_between(c, tend - 1, cs[later].first))
                return later;
        }
        if (e->obj == DYADI_OBJ_TARGET && cs[k].first <= tend + 4)
            return (int)k;
        /* an adjective of nationality right after the trigger's noun names
         * the partner: "acheter des drones iraniens", "buy Iranian drones" */
        if (cs[k].adj && cs[k].first == tend)
            return (int)k;
        /* the object is a theme ("acheter des drones iraniens"): an adjective
         * of nationality inside it names the partner */
        if (e->obj == DYADI_OBJ_THEME && cs[k].first <= tend + 3)
            return (int)k;
    }
    return -1;
}

/* Is trigger t a cooperation (roots 03-08) inside what an attributed
 * speaker says ("X ..., affirmant que la coopération ...")? Then, with no
 * actors of its own, it is that speaker's stance. */
static int stance_of_speaker(const dyadi_trigger *e, int attr_cand, uint32_t attr_from,
                             uint32_t sfirst, const trig *t)
{
    return attr_cand >= 0 && t->first >= attr_from && attr_from > sfirst && e->code[0] == '0' &&
           e->code[1] >= '3' && e->code[1] <= '8';
}

/* PETRARCH codes verb phrases of its parse, never a noun. A verb form
 * after an article and one to three modifiers ("during a brief private
 * visit to Eriador") heads a noun phrase. Not decided here: a participle
 * after a noun ("a declaration demanding", "a suicide car bombing": a
 * reduced relative or a gerund a parser would often read as a verb), and
 * a derived noun the stem matched ("a peaceful demonstration"), which
 * dyad codes as a nominal event on purpose (noun_suffix). The modifiers
 * are plain lower-case
 * words (no function word, no auxiliary or adverb a verb phrase would
 * start with, no plural noun that could be the subject, "the countries
 * visited"), outside any actor's phrase ("the Gondor government visited"). */
static int petr_noun_phrase(const dyad_coder *c, const cand *cs, size_t nc, uint32_t sfirst,
                            uint32_t vfirst)
{
    static const char *const VERBAL[] = {
        "will", "would", "shall", "should", "can", "could", "may", "might", "must", "has", "have",
        "had", "is", "are", "was", "were", "be", "been", "being", "do", "does", "did", "not",
        "n't", "also", "never", "then", "to", "who", "which", "that", NULL};
    const char *v = tok(c, vfirst)->norm;
    size_t vl = v ? strlen(v) : 0;
    if (c->lang[0] != 'e')
        return 0;
    /* a plural right after a preposition ("for meetings", "of attacks"):
     * no verb form follows a preposition with an -s */
    if (vfirst > sfirst && vl > 3 && v[vl - 1] == 's' && v[vl - 2] != 's' &&
        has_class(c, vfirst - 1, W_PREP))
        return 1;
    if (noun_suffix(v) ||
        (vl > 4 && (strcmp(v + vl - 3, "ing") == 0 || strcmp(v + vl - 2, "ed") == 0)))
        return 0;
    uint32_t i = vfirst;
    int mods = 0;
    while (i > sfirst && mods < 3) {
        uint32_t j = i - 1;
        const dyad_token *k = tok(c, j);
        const char *w = k->norm;
        size_t l = w ? strlen(w) : 0;
        if (k->kind != DYAD_TOK_WORD || !l || (k->flags & DYAD_TOKF_CAPITAL) ||
            has_class(c, j, W_DET | W_PREP | W_AND | W_BOUND | W_COMP | W_REL) ||
            norm_in(c, j, VERBAL) || w[l - 1] == 's' || (l > 2 && strcmp(w + l - 2, "ly") == 0))
            break;
        for (size_t a = 0; a < nc; a++)
            if (cs[a].first <= j && j < cs[a].end)
                return 0;
        mods++;
        i = j;
    }
    return mods > 0 && i > sfirst && has_class(c, i - 1, W_NDET_EN);
}

dyad_status dyadi_events_run(dyad_coder *c)
{
    size_t nsent = c->sents.len, nt = c->tokens.len;
    size_t nm;
    const dyad_mention *ms = dyad_coder_mentions(c, &nm);
    dyad_status st = DYAD_OK;
    if (!dyadi_lex_root(c->lex, DYADI_TRIE_TRIGGER))
        return DYAD_OK;
    pthread_once(&wtab_once, wtab_build);
    const int foreign = (dyadi_lex_flags(c->lex) & DYADI_LEX_FOREIGN) != 0;
    const int one_verb = (dyadi_lex_flags(c->lex) & DYADI_LEX_ONE_VERB) != 0;
    const int petrarch = foreign && !one_verb;
    const int by = code_by(c, one_verb);
    forward_story(c);
    c->wclass.len = 0;
    /* tokens of one spelling share their norm string (coder.c's per-document
     * key cache), so a small cache keyed by the pointer saves most lookups */
    struct { const char *norm; uint32_t cls; } wcache[256];
    memset(wcache, 0, sizeof wcache);
    for (size_t i = 0; i < nt; i++) {
        uint32_t *w = dyadi_vec_push(&c->wclass);
        if (!w)
            return DYAD_ERR_NOMEM;
        const char *norm = tok(c, i)->norm;
        size_t slot = ((uintptr_t)norm >> 4) & 255u;
        if (norm && wcache[slot].norm == norm) {
            *w = wcache[slot].cls;
            continue;
        }
        *w = wclass_of(norm);
        wcache[slot].norm = norm;
        wcache[slot].cls = *w;
    }

    dyadi_tree tree;
    dyadi_tree_init(&tree);
    /* per-token marks: speech verbs, tokens inside an attribution phrase */
    uint8_t *speech = calloc(nt ? nt : 1, 1);
    uint8_t *attrib_tok = calloc(nt ? nt : 1, 1);
    cue *cues = malloc(MAX_CUES * sizeof *cues);
    uint32_t *cue_off = NULL;
    dyadi_vec cuev;
    dyadi_vec_init(&cuev, sizeof(cue), 1);
    trig *ts = malloc(MAX_TRIGS * sizeof *ts);
    cand *cs = malloc(MAX_CANDS * sizeof *cs);
    quote *qs = malloc(MAX_QUOTES * sizeof *qs);
    if (!speech || !attrib_tok || !cues || !ts || !cs || !qs) {
        st = DYAD_ERR_NOMEM;
        goto done;
    }
    /* cues for the whole document first (quotes need the speech verbs);
     * kept per sentence for the main pass */
    cue_off = malloc((nsent + 1) * sizeof *cue_off);
    if (!cue_off) {
        st = DYAD_ERR_NOMEM;
        goto done;
    }
    dyadi_vec_init(&cuev, sizeof(cue), (size_t)MAX_CUES * (nsent + 1));
    for (size_t s = 0; s < nsent; s++) {
        const dyad_sentence *se = &DYADI_VEC_AT(&c->sents, dyad_sentence, s);
        /* TABARI has no negation, modality or attribution layer: its
         * patterns ("WILL NOT *", "SAID *") carry them, so with TABARI
         * dictionaries dyad's cues are left out */
        size_t ncu = one_verb ? 0
                              : find_cues(c, se->first_token, se->first_token + se->n_tokens, cues,
                                          MAX_CUES);
        cue_off[s] = (uint32_t)cuev.len;
        for (size_t k = 0; k < ncu; k++) {
            cue *slot = dyadi_vec_push(&cuev);
            if (!slot) {
                st = DYAD_ERR_NOMEM;
                goto done;
            }
            *slot = cues[k];
        }
        for (size_t k = 0; k < ncu; k++)
            if (cues[k].kind == CUE_SPEECH || cues[k].kind == CUE_ATTRIB)
                for (uint32_t i = cues[k].first; i < cues[k].end; i++)
                    speech[i] = 1;
    }
    cue_off[nsent] = (uint32_t)cuev.len;
    size_t nq = find_quotes(c, qs, speech);
    for (size_t k = 0; k < nq; k++) {
        if (qs[k].close <= qs[k].open + 1)
            continue; /* empty quotes */
        dyad_quote *dq = dyadi_vec_push(&c->quotes);
        if (!dq) {
            st = DYAD_ERR_NOMEM;
            goto done;
        }
        size_t lo = 0, hi = nsent;
        while (hi - lo > 1) { /* the sentence holding the opening mark */
            size_t mid = (lo + hi) / 2;
            if (DYADI_VEC_AT(&c->sents, dyad_sentence, mid).first_token <= qs[k].open)
                lo = mid;
            else
                hi = mid;
        }
        dq->sent = (uint32_t)lo;
        dq->span.start = tok(c, qs[k].open + 1)->span.start;
        dq->span.end = tok(c, qs[k].close - 1)->span.end;
        dq->speaker = qs[k].speaker;
        dq->speaker_span = qs[k].speaker ? qs[k].speaker_span : (dyad_span){0, 0};
    }
    memset(speech, 0, nt ? nt : 1);

    size_t mi = 0;
    for (size_t s = 0; s < nsent; s++) {
        const dyad_sentence *se = &DYADI_VEC_AT(&c->sents, dyad_sentence, s);
        uint32_t sfirst = se->first_token, send = se->first_token + se->n_tokens;
        if (too_short(c, sfirst, send))
            continue;

        /* candidates */
        size_t nc = 0;
        while (mi < nm && ms[mi].sent < s)
            mi++;
        for (size_t k = mi; k < nm && ms[k].sent == s && nc < MAX_CANDS; k++) {
            cand *cd = &cs[nc++];
            cd->first = ms[k].first_token;
            cd->end = ms[k].first_token + ms[k].n_tokens;
            cd->code = ms[k].code;
            cd->country = ms[k].country;
            cd->span = ms[k].span;
            cd->place = ms[k].kind == DYAD_MENTION_PLACE;
            cd->adj = ms[k].resolved_by && strcmp(ms[k].resolved_by, "demonym") == 0;
            cd->capital = ms[k].lat == ms[k].lat; /* has coordinates: a capital */
            cd->posted = ms[k].resolved_by && strcmp(ms[k].resolved_by, "place-in-actor-phrase") == 0;
            cd->coref = ms[k].resolved_by && strncmp(ms[k].resolved_by, "coreference", 11) == 0;
            cd->lat = ms[k].lat;
            cd->lon = ms[k].lon;
            cd->entry = ms[k].entry;
            cd->how = ms[k].resolved_by;
            cd->ptype = ms[k].place_type;
            cd->prep = governing_prep(c, cd->first, sfirst);
            cd->governed = cd->prep != NULL;
        }
        /* first-person words inside a quotation stand for the speaker */
        for (uint32_t i = sfirst; i < send && nc < MAX_CANDS; i++) {
            if (!has_class(c, i, W_FIRST))
                continue;
            const quote *q = quote_of(qs, nq, i);
            if (!q || !q->speaker)
                continue;
            /* insert in order */
            size_t pos = nc;
            while (pos > 0 && cs[pos - 1].first > i)
                pos--;
            memmove(&cs[pos + 1], &cs[pos], (nc - pos) * sizeof *cs);
            nc++;
            cand *cd = &cs[pos];
            cd->first = i;
            cd->end = i + 1;
            cd->code = q->speaker;
            cd->country = dyadi_arena_strndup(&c->arena, q->speaker, 3);
            cd->span = tok(c, i)->span;
            cd->place = 0;
            cd->adj = 0;
            cd->capital = 0;
            cd->posted = 0;
            cd->coref = 1;
            cd->lat = cd->lon = NAN;
            cd->entry = cd->how = cd->ptype = NULL;
            cd->prep = governing_prep(c, i, sfirst);
            cd->governed = cd->prep != NULL;
        }

        size_t ncu = cue_off[s + 1] - cue_off[s];
        if (ncu)
            memcpy(cues, (cue *)cuev.data + cue_off[s], ncu * sizeof *cues);
        size_t ntr = find_triggers(c, NULL, sfirst, send, ts, MAX_TRIGS);
        /* dyad's own triggers read the tree of a sentence that can give a
         * dyad: a trigger and two actors (parsed now when the coder parses
         * on demand; parsing costs about 6 us a word, so the others keep
         * word order): a verb pattern fires on a verb only, roles come from
         * the tree */
        int has_tree = 0;
        if (!foreign && ntr > 0 && (c->lazy_model || c->words.len)) {
            int actors = 0;
            for (size_t k = 0; k < nc; k++)
                actors += !cs[k].place;
            dyad_status tst = DYAD_OK;
            int r = actors >= 2 ? dyadi_tree_sentence(&tree, c, s, sfirst, send, cs, nc, &tst) : 0;
            if (r < 0) {
                st = tst;
                goto done;
            }
            if (r > 0) {
                has_tree = 1;
                ntr = find_triggers(c, &tree, sfirst, send, ts, MAX_TRIGS);
            }
        }
        if (foreign && sentence_vetoed(c, (uint32_t)s, sfirst, send))
            continue;
        uint32_t cfirst = sfirst;  /* TABARI: the current clause's first token */
        if (one_verb) {
            /* TABARI deletes comma-delimited clauses: their actors and
             * verbs take no part */
            uint32_t hlo[MAX_HIDDEN], hhi[MAX_HIDDEN];
            size_t nh = comma_clauses(c, cs, nc, sfirst, send, hlo, hhi);
            size_t w = 0;
            for (size_t k = 0; k < nc; k++)
                if (!hidden_at(hlo, hhi, nh, cs[k].first))
                    cs[w++] = cs[k];
            nc = w;
            w = 0;
            for (size_t k = 0; k < ntr; k++)
                if (!hidden_at(hlo, hhi, nh, ts[k].first))
                    ts[w++] = ts[k];
            ntr = w;
            if (too_complex(c, cs, nc, ts, ntr, sfirst, send))
                continue;
        }
        /* attribution: "selon X", "according to X" mark X; "X a affirmé que"
         * marks X as the attribution of what follows que */
        const char *attr_text = NULL, *attr_code = NULL;
        int said_cand = -1;              /* "X said ...": X, for a 010 statement */
        int attr_cand = -1;              /* the attribution's actor, for demands */
        uint32_t said_first = 0, said_end = 0;
        size_t events_before = c->events.len;
        uint32_t attr_from = send; /* events after this token are attributed */
        for (size_t k = 0; k < ncu; k++) {
            /* speech verbs ("continue", "ajouter") only find quote
             * speakers; attribution comes from attribution cues */
            if (cues[k].kind != CUE_ATTRIB)
                continue;
            for (uint32_t i = cues[k].first; i < cues[k].end; i++)
                speech[i] = 1;
            /* a preposition-like cue: selon X */
            int after = 0;
            /* "selon X", "according to X": the source follows the cue;
             * "X a déclaré", "X said (that)": it precedes it */
            int forward = cues[k].kind == CUE_ATTRIB && cues[k].e->value &&
                          strcmp(cues[k].e->value, "according") == 0;
            /* "des sources ont rapporté", "sources said": an actor right
             * before the cue is its subject, whatever the cue's kind */
            for (size_t j = 0; j < nc && forward; j++)
                if (!cs[j].place && !cs[j].governed && cs[j].end == cues[k].first)
                    forward = 0;
            for (size_t j = 0; j < nc && forward; j++) {
                if (cs[j].first >= cues[k].end && cs[j].first <= cues[k].end + 3 && !cs[j].place) {
                    attr_code = cs[j].code;
                    attr_cand = (int)j;
                    uint32_t a0 = tok(c, cues[k].first)->span.start, a1 = cs[j].span.end;
                    attr_text = dyadi_arena_strndup(&c->arena, c->doc->text + a0, a1 - a0);
                    for (uint32_t i = cs[j].first; i < cs[j].end; i++)
                        attrib_tok[i] = 1;
                    attr_from = sfirst;
                    after = 1;
                    break;
                }
            }
            if (after)
                continue;
            /* X <speech verb> (que) ...: X is the attribution of the clause */
            if (!forward && cues[k].end < send) {
                /* a participle ("..., affirmant que", "..., saying that")
                 * speaks for the subject of its clause, however far */
                const char *cw = tok(c, cues[k].first)->norm;
                size_t cwl = cw ? strlen(cw) : 0;
                int participle = cwl > 4 && (strcmp(cw + cwl - 3, "ant") == 0 ||
                                             strcmp(cw + cwl - 3, "ing") == 0);
                for (size_t j = nc; j-- > 0;) {
                    if (cs[j].end <= cues[k].first &&
                        (boundary_between(c, cs[j].end - 1, cues[k].first) ||
                         has_class(c, cues[k].first - 1, W_BOUND)))
                        break; /* « ... », a déclaré X: the speaker is not in the quote */
                    if (cs[j].end <= cues[k].first && !cs[j].governed && !cs[j].place) {
                        /* the speaker stands right before its verb ("X a
                         * déclaré", "X said", "des sources ont même affirmé");
                         * an actor further left is the subject of an earlier
                         * clause ("Israel lifted the curfew, port officials
                         * said") */
                        if (cs[j].end + 3 < cues[k].first && !participle)
                            break;
                        if (participle) {
                            /* the first actor of the clause, not the nearest */
                            size_t f = j;
                            while (f > 0 && cs[f - 1].first >= sfirst && !cs[f - 1].governed &&
                                   !cs[f - 1].place && !boundary_between(c, cs[f - 1].end - 1, cs[f].first))
                                f--;
                            while (f < j && (cs[f].governed || cs[f].place))
                                f++;
                            j = f;
                        }
                        if (!attr_code) {
                            said_cand = (int)j;
                            attr_cand = (int)j;
                            said_first = cues[k].first;
                            said_end = cues[k].end;
                            attr_code = cs[j].code;
                            uint32_t a0 = cs[j].span.start, a1 = cs[j].span.end;
                            /* include the head noun before an adjective ("Des sources occidentales") */
                            uint32_t f = cs[j].first;
                            while (f > sfirst && tok(c, f - 1)->kind == DYAD_TOK_WORD &&
                                   f + 3 > cs[j].first)
                                f--;
                            a0 = tok(c, f)->span.start;
                            attr_text = dyadi_arena_strndup(&c->arena, c->doc->text + a0, a1 - a0);
                            attr_from = cues[k].end;
                            /* the speaker is not the subject of a "que"/"that"
                             * clause; of an infinitive ("a annoncé se rendre
                             * en Italie") it is */
                            int infinitive = 0;
                            for (size_t x = 0; x < ntr; x++)
                                if (ts[x].first >= cues[k].end && ts[x].first <= cues[k].end + 1)
                                    infinitive = 1;
                            if (!infinitive)
                                for (uint32_t i = cs[j].first; i < cs[j].end; i++)
                                    attrib_tok[i] = 1;
                        }
                        break;
                    }
                }
            }
        }

        /* the sentence's date, once for all its events */
        const char *sdate =
            ntr > 0 || said_cand >= 0 ? date_str(c, sentence_date(c, sfirst, send)) : NULL;
        int prev_src = -1, prev_verb = -1;
        /* foreign dictionaries: the clause of the last coded verb (new_clause) */
        size_t ev_mark = c->events.len;
        int last_ti = -1, consumed = 0, skip_ti = -1;
        uint32_t consumed_end = 0;
        for (size_t ti = 0; ti < ntr; ti++) {
            trig *t = &ts[ti];
            const dyadi_trigger *e = t->e;
            if ((int)ti == skip_ti)
                continue;   /* the complement of an appeal coded with it */
            if (foreign) {
                if (last_ti >= 0 && c->events.len > ev_mark) {
                    consumed = 1;
                    consumed_end = ts[last_ti].end;
                }
                ev_mark = c->events.len;
                /* TABARI: the clause this verb is in (its source is the
                 * clause's first actor, whatever CODE BY says) */
                uint32_t start;
                int fresh = one_verb && last_ti >= 0 && t->first >= ts[last_ti].end &&
                            new_clause(c, cs, nc, ts[last_ti].end, t->first, &start);
                if (fresh)
                    cfirst = start;
                last_ti = (int)ti;
                if (by == DYADI_CODE_CLAUSE && consumed && t->first >= consumed_end) {
                    if (!fresh && !new_clause(c, cs, nc, consumed_end, t->first, &start))
                        continue;
                    consumed = 0;
                }
                /* TABARI's weak verb ("SAID [023?]") codes only when no
                 * other verb of its clause does */
                if (one_verb && e->weak) {
                    int later = 0;
                    uint32_t dummy;
                    for (size_t tj = ti + 1; tj < ntr && !later; tj++)
                        later = ts[tj].first >= t->end && !ts[tj].e->weak &&
                                ts[tj].e->code[0] != '-' &&
                                !new_clause(c, cs, nc, t->end, ts[tj].first, &dummy);
                    if (later)
                        continue;
                }
                /* TABARI's nouns: a verb form capitalised inside the
                 * sentence ("is about To Restore") or right after an
                 * article ("the restore") is not a verb */
                if (e->kind != DYADI_TK_NOUN && t->first > sfirst) {
                    if (tabari_noun(c, t->first, sfirst))
                        continue;
                    if (!one_verb && petr_noun_phrase(c, cs, nc, sfirst, t->first))
                        continue;
                }
            }
            if (by == DYADI_CODE_SENTENCE && c->events.len > events_before)
                break;
            if (speech[t->first] && speech[t->end - 1])
                continue; /* the speech verb itself, not "claim responsibility" */
            if (e->code[0] == '-' || dyadi_marker_code(e->code)) {
                /* a null trigger ("---"): matched so that a shorter pattern
                 * does not code the phrase; no event, but a null pattern
                 * uses the verb (a bare verb coded "---" does not) */
                if (one_verb && t->end > t->first + 1) {
                    consumed = 1;
                    consumed_end = t->end;
                }
                continue;
            }
            /* passive voice: être/be right before a verb trigger */
            int passive = 0;
            if (e->kind == DYADI_TK_VERB)
                for (uint32_t i = t->first; i > sfirst && i + 3 > t->first; i--)
                    if (stem_is(c, i - 1, "être") || stem_is(c, i - 1, "be") ||
                        norm_in(c, i - 1, (const char *const[]){"été", "was", "were", "been", "being", "is", "are", NULL})) {
                        /* "a été arrêté", "was arrested": only with a
                         * participle-like trigger form */
                        const char *k = tok(c, t->first)->norm;
                        size_t l = strlen(k);
                        int fr = c->lang[0] == 'f';
                        if ((l > 2 && (strcmp(k + l - 2, "ed") == 0 || strcmp(k + l - 2, "en") == 0)) ||
                            (fr && l > 2 && (strstr(k + (l > 4 ? l - 4 : 0), "é") != NULL)) ||
                            (fr && l > 1 && k[l - 1] == 't'))
                            passive = 1;
                        break;
                    }
            /* A refusal verb whose complement is itself a trigger ("a refusé
             * de condamner", "refused to meet") is a cue on that trigger,
             * not an event of its own. */
            if (ti + 1 < ntr && e->kind == DYADI_TK_VERB && t->end == t->first + 1 &&
                is_refusal_head(c, cues, ncu, t) && ts[ti + 1].first <= t->end + 3)
                continue; /* "reject ... request" (an expression) is its own event */
            if (!passive && e->kind == DYADI_TK_VERB && t->end < send &&
                norm_in(c, t->end, (const char *const[]){"par", "by", NULL})) {
                passive = 2; /* "détruites par X", "destroyed by X" */
            }
            int src = -1, tgt = -1, speaker_noun = 0;
            /* TABARI's positional roles (tabari_roles): for TABARI
             * lexicons, and for foreign patterns that place their actors */
            const int positional = e->kind != DYADI_TK_NOUN &&
                                   (one_verb || (foreign && (e->tslot || e->sslot)));
            tree_roles tro;
            int use_tree = 0;
            if (has_tree && !positional) {
                dyadi_tree_roles(&tree, c, cs, nc, t, &tro);
                /* a nominal event needs both sides, or a compound of
                 * partners ("Israel and Lebanon renewed negotiations") */
                use_tree = e->kind == DYADI_TK_NOUN ? tro.nsrc > 0 && (tro.ntgt > 0 ||
                                                                       (tro.nsrc > 1 && e->recip))
                                                    : tro.nsrc > 0 || tro.subj_known || tro.passive;
            }
            if (use_tree) {
                src = tro.nsrc ? tro.src[0] : -1;
                tgt = tro.ntgt ? tro.tgt[0] : -1;
                passive = tro.passive;
                /* a subject the tree names but no actor covers ("Kyrgyz
                 * Prime Minister ...", misattached on news text): the
                 * nearest actor by word order, as without a tree */
                if (src < 0 && e->kind != DYADI_TK_NOUN)
                    src = passive ? find_target(c, cs, nc, t->end, e, -1, attrib_tok, 1)
                                  : find_source(c, cs, nc, sfirst, t->first, attrib_tok);
                if (src < 0)
                    continue;
                /* the passive's subject the tree misread: by word order */
                if (tgt < 0 && passive && e->kind != DYADI_TK_NOUN)
                    tgt = find_source(c, cs, nc, sfirst, t->first, attrib_tok);
                if (tgt == src)
                    tgt = -1;
                /* "la Syrie a reçu le soutien de la Russie" (rev=1, from=de),
                 * "praised by": the subject is the target */
                if (e->rev && e->from && tro.giver >= 0 && tro.giver != src) {
                    tgt = src;
                    src = tro.giver;
                } else if (e->rev && tgt >= 0) {
                    int x = src;
                    src = tgt;
                    tgt = x;
                }
            } else if (e->kind == DYADI_TK_NOUN) {
                /* "l'offensive russe en Ukraine", "la visite de X à Y",
                 * "the Russian invasion of Ukraine" */
                for (size_t k = 0; k < nc; k++) {
                    if (cs[k].place)
                        continue;
                    if (cs[k].first == t->end && !cs[k].governed)
                        src = (int)k;              /* adjective after the noun */
                    else if (cs[k].end == t->first && !cs[k].governed)
                        src = (int)k;              /* adjective before (en) */
                    else if (cs[k].first > t->end && cs[k].first <= t->end + 3 && cs[k].prep &&
                             (strcmp(cs[k].prep, "de") == 0 || strcmp(cs[k].prep, "du") == 0 ||
                              strcmp(cs[k].prep, "of") == 0 || strcmp(cs[k].prep, "by") == 0)) {
                        /* "l'arrestation de X", "the invasion of X": the
                         * genitive is the target for gen=target nouns */
                        if (e->gen_target && strcmp(cs[k].prep, "by") != 0) {
                            if (tgt < 0)
                                tgt = (int)k;
                        } else if (src < 0) {
                            src = (int)k;
                        }
                    }
                }
                if (src < 0)
                    between_pair(c, cs, nc, t->end, &src, &tgt);
                /* "répondu ... affirmant que la coopération actuelle
                 * permettrait ...": an actorless cooperation noun in what
                 * someone says is that speaker's stance towards a partner */
                if (src < 0 && stance_of_speaker(e, attr_cand, attr_from, sfirst, t)) {
                    src = attr_cand;
                    speaker_noun = 1;
                }
                if (src < 0)
                    continue;
                for (size_t k = 0; k < nc && tgt < 0; k++) {
                    if ((int)k == src || cs[k].first < t->end || cs[k].first > cs[src].end + 4)
                        continue;
                    if (cs[k].governed && dyadi_prep_matches(cs[k].prep, e->prep)) {
                        tgt = (int)k;
                        break;
                    }
                }
                if (tgt < 0 && !speaker_noun)
                    continue; /* a nominal trigger needs both actors */
            } else if (positional) {
                tabari_roles(c, cs, nc, cfirst, t, passive, prev_src, &src, &tgt);
                /* no source: fill_roles (DEFAULT:, FORWARD) may give one */
            } else if (passive == 2 || (passive && (e->passive || e->obj == DYADI_OBJ_TARGET))) {
                tgt = find_source(c, cs, nc, sfirst, t->first, attrib_tok);
                src = find_target(c, cs, nc, t->end, e, tgt, attrib_tok, 1);
                if (src < 0)
                    continue;
            } else {
                src = find_source(c, cs, nc, sfirst, t->first, attrib_tok);
                /* coordinated verbs share their subject: "qui a refusé de
                 * condamner ... et refusé également d'appliquer ..." */
                if (prev_verb >= 0 && prev_src >= 0 &&
                    coordinated(c, cs, nc, ts[prev_verb].end, t->first))
                    src = prev_src;
                if (src < 0)
                    src = prev_src;
                tgt = find_target(c, cs, nc, t->end, e, src, attrib_tok, 0);
                if (tgt < 0 && (src < 0 || e->kind == DYADI_TK_EXPR))
                    between_pair(c, cs, nc, t->end, &src, &tgt);
                /* "buy Iranian drones": an adjective of nationality inside
                 * the trigger's own words names the partner */
                if (tgt < 0 && e->kind == DYADI_TK_EXPR)
                    for (size_t k = 0; k < nc; k++)
                        if (cs[k].adj && cs[k].first > t->first && cs[k].end <= t->end &&
                            (int)k != src) {
                            tgt = (int)k;
                            break;
                        }
                /* "la Syrie a reçu le soutien de la Russie": with rev=1 and
                 * from=de, the object of "de" is the source and the subject
                 * the target */
                if (e->rev && e->from && src >= 0) {
                    for (size_t k = 0; k < nc; k++) {
                        if (cs[k].first < t->end || cs[k].first > t->end + 8 || cs[k].place ||
                            (int)k == src)
                            continue;
                        if (boundary_between(c, t->end - 1, cs[k].first))
                            break;
                        if (cs[k].governed && dyadi_prep_matches(cs[k].prep, e->from)) {
                            tgt = src;
                            src = (int)k;
                            break;
                        }
                    }
                    if (tgt >= 0 && src != tgt)
                        goto roles_done;
                }
                /* praise or blame of someone inside a quotation ("« Les
                 * travailleurs coréens sont qualifiés »", a déclaré X): the
                 * grammatical subject is the target, the speaker the source */
                if (e->rev && tgt < 0 && src >= 0) {
                    const quote *q = quote_of(qs, nq, t->first);
                    if (q && q->speaker && nc < MAX_CANDS &&
                        strncmp(q->speaker, cs[src].code, 3) != 0) {
                        cand *cd = &cs[nc];
                        memset(cd, 0, sizeof *cd);
                        cd->code = q->speaker;
                        cd->country = dyadi_arena_strndup(&c->arena, q->speaker, 3);
                        cd->span = tok(c, q->close)->span;
                        cd->lat = cd->lon = NAN;
                        tgt = src;
                        src = (int)nc;
                    }
                } else if (e->rev && src >= 0 && tgt >= 0) {
                    int x = src;
                    src = tgt;
                    tgt = x;
                }
            }
            /* the same stance when a verb pattern matched the noun
             * ("saying that the current cooperation would ...") */
            if (e->kind != DYADI_TK_NOUN && tgt < 0 && noun_suffix(tok(c, t->first)->norm) &&
                stance_of_speaker(e, attr_cand, attr_from, sfirst, t)) {
                src = attr_cand;
                speaker_noun = 1;
            }
        roles_done:
            fill_roles(c, cs, nc, t, &src, &tgt);
            if (src < 0)
                continue;
            if (e->kind != DYADI_TK_NOUN) {
                prev_src = src;
                prev_verb = (int)ti;
            }
            if (tgt >= 0 && strcmp(cs[tgt].code, cs[src].code) == 0 &&
                !distinct_same_code(c, &cs[src], &cs[tgt]))
                continue; /* an actor acting on itself is no dyad */

            /* scope: negation, refusal, modality in the clause before the trigger */
            int polarity = DYAD_ASSERTED, modality = speaker_noun ? DYAD_INTENDED : e->mode;
            int refused = 0, required = 0;
            /* a nominal trigger names an event the sentence presupposes
             * ("a refusé de condamner l'offensive russe"): the clause's
             * negation and modality are about the verb, not the noun */
            for (size_t k = 0; k < ncu && e->kind != DYADI_TK_NOUN; k++) {
                const cue *q = &cues[k];
                /* the tagger knows a month "May" from the modal */
                if (has_tree && (q->kind == CUE_NEG || q->kind == CUE_MODAL || q->kind == CUE_REFUSE) &&
                    !dyadi_tree_cue_ok(&tree, q->first, q->end))
                    continue;
                int before = q->end <= t->first + 1 && q->first + 8 >= t->first &&
                             !boundary_between(c, q->end - 1, t->first);
                int around = q->first < t->first && q->end > t->first; /* ne ... pas */
                if (q->kind == CUE_NEG && (before || around ||
                                            (q->first >= t->end && q->first <= t->end + 1 &&
                                             strcmp(c->lang, "fr") == 0))) {
                    polarity = DYAD_NEGATED;
                } else if (q->kind == CUE_REFUSE && before && q->end <= t->first) {
                    polarity = DYAD_NEGATED;
                    refused = 1;
                } else if (q->kind == CUE_MODAL && before && q->end <= t->first + 1) {
                    const char *v = q->e->value ? q->e->value : "";
                    if (strcmp(v, "required") == 0) {
                        required = 1;
                        continue;
                    }
                    int mo = strcmp(v, "intended") == 0 ? DYAD_INTENDED
                             : strcmp(v, "possible") == 0 ? DYAD_POSSIBLE
                             : strcmp(v, "reported") == 0 ? DYAD_REPORTED : DYAD_ACTUAL;
                    if (mo == DYAD_INTENDED || (mo == DYAD_POSSIBLE && modality != DYAD_INTENDED) ||
                        (mo == DYAD_REPORTED && modality == DYAD_ACTUAL))
                        modality = mo;
                }
            }
            /* the French conditional ("menacerait", "pourraient attaquer")
             * makes the event only possible */
            if (modality == DYAD_ACTUAL && e->kind == DYADI_TK_VERB && c->lang[0] == 'f') {
                const char *w = tok(c, t->first)->norm;
                size_t wl = w ? strlen(w) : 0;
                if ((wl > 5 && strcmp(w + wl - 4, "rait") == 0) ||
                    (wl > 7 && strcmp(w + wl - 6, "raient") == 0))
                    modality = DYAD_POSSIBLE;
            }
            /* a negated refusal-free verb: "n'a pas condamné" -> negated.
             * A refused cooperation is a CAMEO rejection. */
            const char *code = e->code;
            if (polarity == DYAD_NEGATED && (refused || e->neg_code)) {
                /* "did not accept refugees" with neg_code=1223: CAMEO codes
                 * the refusal; a generic 12x only for an explicit refusal */
                const char *rc = e->neg_code ? e->neg_code : refusal_code(e->code);
                if (rc) {
                    code = rc;
                    polarity = DYAD_ASSERTED;
                }
            }
            /* "urged Uganda to extradite ...": an appeal, a demand or a
             * threat takes the code its complement mirrors (0213, 1053,
             * 1384), and the complement is no event of its own */
            if (!foreign && polarity == DYAD_ASSERTED &&
                (strncmp(code, "02", 2) == 0 || strncmp(code, "10", 2) == 0 ||
                 strncmp(code, "13", 2) == 0)) {
                int cj = complement_of(c, ts, ntr, ti);
                const char *cc = cj < 0 ? NULL
                                 : code[0] == '0' ? appeal_code(c, ts[cj].e->code)
                                 : code[1] == '0' ? demand_code(ts[cj].e->code)
                                                  : threat_code(ts[cj].e->code);
                if (cc) {
                    code = cc;
                    skip_ti = cj;
                    /* "threatened to launch an offensive against Iraq": the
                     * complement's target is the threat's */
                    if (tgt < 0)
                        tgt = find_target(c, cs, nc, ts[cj].end, ts[cj].e, src, attrib_tok, 0);
                }
            }
            /* (PETRARCH codes intentions only through its patterns; dyad's
             * 03x re-coding is kept with its dictionaries: 10 more of the
             * 277 codebook examples right, 7 fewer PETRARCH unit tests) */
            if (modality == DYAD_INTENDED && polarity == DYAD_ASSERTED) {
                const char *ic = intent_code(code);
                if (ic)
                    code = ic;
            }
            /* "X said Y must do Z": X demands Z of Y (10x). Said by no one
             * (the article's own "must"), it is only possible. */
            if (required && polarity == DYAD_ASSERTED) {
                const char *dc = demand_code(e->code);
                if (attr_cand >= 0 && t->first >= attr_from && dc &&
                    strcmp(cs[attr_cand].code, cs[src].code) != 0) {
                    tgt = src;
                    src = attr_cand;
                    code = dc;
                    modality = DYAD_ACTUAL;
                } else {
                    modality = DYAD_POSSIBLE;
                }
            }
            if (modality == DYAD_ACTUAL && attr_code && t->first >= attr_from && !required)
                modality = DYAD_REPORTED;
            /* location: a place (or a capital that is neither actor) after
             * à/en/dans/in/at in the sentence */
            /* the tree: a place in an oblique of the trigger's verb or of
             * its object ("a rencontré X à Ankara", "strikes in Syria") */
            int tloc = has_tree ? dyadi_tree_place(&tree, cs, t, src, tgt) : -1;
            const cand *loc = tloc >= 0 ? &cs[tloc] : NULL;
            for (size_t k = 0; k < nc && !loc; k++)
                if ((cs[k].place || (cs[k].capital && (int)k != src && (int)k != tgt)) && !cs[k].posted &&
                    cs[k].prep && dyadi_in_list(cs[k].prep, "à,en,dans,au,aux,in,at,near,près")) {
                    loc = &cs[k];
                    break;
                }
            if (!loc)
                for (size_t k = 0; k < nc; k++)
                    if (cs[k].place && !cs[k].posted) {
                        loc = &cs[k];
                        break;
                    }
            const char *edate = event_date(c, sdate, sfirst, t->first);
            int use_attr = attr_code && t->first >= attr_from;
            const char *rule = e->id;
            const char *q_text = NULL, *q_code = NULL;
            {
                /* an event inside a quotation is attributed to its speaker */
                const quote *q = quote_of(qs, nq, t->first);
                if (q && q->speaker && !use_attr) {
                    q_code = q->speaker;
                    q_text = dyadi_arena_strndup(&c->arena, c->doc->text + q->speaker_span.start,
                                                 q->speaker_span.end - q->speaker_span.start);
                }
            }
            /* An intended cooperation with no partner in its sentence ("Kim
             * est prêt à envoyer des travailleurs dans le Donbass") is with
             * the partner the previous sentence was about: its last actor
             * from another country. Marked in the rule, so it can be
             * filtered; gold sentences coded alone never use it. */
            if (tgt < 0 && modality == DYAD_INTENDED && polarity == DYAD_ASSERTED &&
                strncmp(code, "03", 2) == 0 && s > 0) {
                const dyad_mention *pm = NULL;
                for (size_t k = 0; k < nm; k++)
                    if (ms[k].sent == s - 1 && ms[k].kind == DYAD_MENTION_ACTOR && ms[k].country &&
                        strcmp(ms[k].country, cs[src].country ? cs[src].country : "") != 0)
                        pm = &ms[k];
                if (pm && nc < MAX_CANDS) {
                    cand *cd = &cs[nc];
                    memset(cd, 0, sizeof *cd);
                    cd->code = pm->code;
                    cd->country = pm->country;
                    cd->span = pm->span;
                    cd->lat = cd->lon = NAN;
                    tgt = (int)nc;
                    size_t rl = strlen(e->id);
                    char *r = dyadi_arena_alloc(&c->arena, rl + 32);
                    if (r) {
                        memcpy(r, e->id, rl);
                        memcpy(r + rl, "+target:previous-sentence", 26);
                        rule = r;
                    }
                }
            }
            /* coordinated objects: "a rencontré X et Y" gives two events */
            int tgts[8], ntg = 0;
            tgts[ntg++] = tgt;
            while (positional && tgt >= 0 && ntg < 8) {
                int k = compound_next(c, cs, nc, (size_t)tgts[ntg - 1]);
                if (k < 0 || k == src)
                    break;
                tgts[ntg++] = k;
            }
            while (!positional && tgt >= 0 && ntg < 8) {
                int last = tgts[ntg - 1];
                uint32_t j = cs[last].end;
                if (!has_class(c, j, W_AND) && !(norm_in(c, j, (const char *const[]){",", NULL})))
                    break;
                size_t k = (size_t)last + 1;
                if (k >= nc || cs[k].place || cs[k].first > j + 4 || (int)k == src)
                    break;
                if (cs[k].governed && !dyadi_prep_matches(cs[k].prep, e->prep) &&
                    !(cs[last].prep && cs[k].prep && strcmp(cs[last].prep, cs[k].prep) == 0))
                    break;
                tgts[ntg++] = (int)k;
            }
            /* coordinated subjects: "la Chine et la Russie ont signé", "X, Y
             * and Z condemned": each is a source. The subject's neighbours to
             * its left joined by et/and/a comma, none governed by a
             * preposition. */
            int srcs[8], nsr = 0;
            srcs[nsr++] = src;
            /* TABARI: the source is the clause's first actor, and its
             * compound follows it */
            while (positional && nsr < 8) {
                int k = compound_next(c, cs, nc, (size_t)srcs[nsr - 1]);
                if (k < 0 || k == tgt || cs[k].end > t->first)
                    break;
                srcs[nsr++] = k;
            }
            if (!positional && e->kind != DYADI_TK_NOUN && !passive && src < (int)nc) {
                int k = src;
                while (k > 0 && nsr < 8) {
                    uint32_t f = cs[k].first;
                    while (f > sfirst && has_class(c, f - 1, W_DET) && !has_class(c, f - 1, W_PREP))
                        f--;
                    if (foreign) {
                        /* TABARI/PETRARCH compounds allow adjectives: "Fornost
                         * and the evil awful Gondor" (words of no function
                         * class, outside any mention) */
                        int nadj = 0;
                        while (f > sfirst && nadj < 3 && tok(c, f - 1)->kind == DYAD_TOK_WORD &&
                               !has_class(c, f - 1, W_DET | W_PREP | W_AND | W_BOUND | W_COMP | W_REL) &&
                               !norm_in(c, f - 1, (const char *const[]){"nor", NULL}) &&
                               !(k > 0 && cs[k - 1].end > f - 1)) {
                            f--;
                            nadj++;
                        }
                        while (f > sfirst && has_class(c, f - 1, W_DET) && !has_class(c, f - 1, W_PREP))
                            f--;
                    }
                    if (f == sfirst)
                        break;
                    uint32_t conj = f - 1;
                    /* foreign lexicons: "neither X nor Y" is a compound too */
                    if (!has_class(c, conj, W_AND) &&
                        !norm_in(c, conj, (const char *const[]){",", NULL}) &&
                        !(foreign && norm_in(c, conj, (const char *const[]){"nor", NULL})))
                        break;
                    /* ", and" / ", et" (serial comma) */
                    if (has_class(c, conj, W_AND) && conj > sfirst &&
                        norm_in(c, conj - 1, (const char *const[]){",", NULL}))
                        conj--;
                    int p = k - 1;
                    /* foreign lexicons: "lawmakers in Fornost and Gondor":
                     * the place of an agent ("Fornost") stands for the agent
                     * composed with it (FORLEG) */
                    if (foreign && cs[p].end == conj && cs[p].place && p > 0 &&
                        cs[p - 1].end + 1 == cs[p].first && !cs[p - 1].place && cs[p - 1].code &&
                        cs[p].code && strncmp(cs[p - 1].code, cs[p].code, 3) == 0 &&
                        !attrib_tok[cs[p - 1].first]) {
                        srcs[nsr++] = p - 1;
                        k = p - 1;
                        continue;
                    }
                    if (cs[p].end != conj || cs[p].governed || cs[p].place || attrib_tok[cs[p].first])
                        break;
                    srcs[nsr++] = p;
                    k = p;
                }
            }
            /* the tree's coordinations, when its roles were kept */
            if (use_tree && !e->rev && tro.nsrc > 1 && src == tro.src[0]) {
                nsr = 0;
                for (int i = 0; i < tro.nsrc; i++)
                    if (tro.src[i] != tgt)
                        srcs[nsr++] = tro.src[i];
            }
            if (use_tree && !e->rev && tro.ntgt > 1 && tgt == tro.tgt[0]) {
                ntg = 0;
                for (int i = 0; i < tro.ntgt; i++)
                    if (tro.tgt[i] != src)
                        tgts[ntg++] = tro.tgt[i];
            }
            const char *a_text = use_attr ? attr_text : q_text, *a_code = use_attr ? attr_code : q_code;
            if (e->among == 2 && ntg >= 2) {
                /* "Arnor has exchanged prisoners with Gondor and Osgiliath"
                 * ("HAS * WITH %"): the compound acts among its members */
                for (int i = 0; i < ntg; i++)
                    for (int j = 0; j < ntg; j++)
                        if (i != j && strcmp(cs[tgts[i]].code, cs[tgts[j]].code) != 0 &&
                            push_event(c, (uint32_t)s, t, &cs[tgts[i]], &cs[tgts[j]], code, polarity,
                                       modality, a_text, a_code, loc, edate, rule) != 0) {
                            st = DYAD_ERR_NOMEM;
                            goto done;
                        }
                continue;
            }
            if (tgt < 0 && nsr >= 2 && t->among_e && polarity == DYAD_ASSERTED)
                code = t->among_e->code;   /* PETRARCH '% *': the compound's own code */
            if (tgt < 0 && nsr >= 2 && (e->recip || e->among == 1 || t->among_e)) {
                /* "X et Y ont signé un accord": each with the other */
                for (int i = 0; i < nsr; i++)
                    for (int j = 0; j < nsr; j++)
                        if (i != j && push_event(c, (uint32_t)s, t, &cs[srcs[i]], &cs[srcs[j]], code,
                                                 polarity, modality, a_text, a_code, loc, edate,
                                                 rule) != 0) {
                            st = DYAD_ERR_NOMEM;
                            goto done;
                        }
                continue;
            }
            for (int i = 0; i < nsr; i++)
                for (int g = 0; g < ntg; g++) {
                    const cand *sc = &cs[srcs[i]];
                    const cand *tc = tgts[g] >= 0 ? &cs[tgts[g]] : NULL;
                    if (tc && g > 0 && strcmp(tc->code, sc->code) == 0)
                        continue;
                    if (push_event(c, (uint32_t)s, t, sc, tc, code, polarity, modality, a_text,
                                   a_code, loc, edate, rule) != 0 ||
                        /* reciprocal actions ("se sont rencontrés", "signed
                         * with") are coded in both directions, as CAMEO coders do */
                        (e->recip && !speaker_noun && tc &&
                         push_event(c, (uint32_t)s, t, tc, sc, code, polarity, modality, a_text,
                                    a_code, loc, edate, rule) != 0) ||
                        /* paired codes (TABARI [032:033]): "left for X" is
                         * also a visit X received */
                        (e->pair_code && tc && code == e->code &&
                         push_event(c, (uint32_t)s, t, tc, sc, e->pair_code, polarity, modality,
                                    a_text, a_code, loc, edate, rule) != 0)) {
                        st = DYAD_ERR_NOMEM;
                        goto done;
                    }
                }
        }
        /* "X said (that) ..." with no event of X's own in the sentence: X
         * made a statement, CAMEO 010, with no target (it is not a dyad).
         * PETRARCH codes the speech verb as its dictionary says ("SAID
         * [023]"), and an agent of no country ("a senior official said",
         * ---GOV) is its speaker too. */
        const dyadi_trigger *said_e = NULL;
        for (size_t k = 0; petrarch && said_cand >= 0 && k < ntr && !said_e; k++)
            if (ts[k].first == said_first && ts[k].e->kind != DYADI_TK_NOUN &&
                ts[k].e->code[0] != '-' && !dyadi_marker_code(ts[k].e->code))
                said_e = ts[k].e;
        if (said_cand >= 0 && (said_e || strncmp(cs[said_cand].code, "---", 3) != 0)) {
            int has = 0;
            for (size_t i = events_before; i < c->events.len && !has; i++)
                has = strcmp(DYADI_VEC_AT(&c->events, dyad_event, i).source.code,
                             cs[said_cand].code) == 0;
            if (!has) {
                static const dyadi_trigger said = {.kind = DYADI_TK_VERB, .code = "010",
                                                   .id = "speech:said", .lang = "*"};
                const dyadi_trigger *sp = said_e ? said_e : &said;
                trig t = {said_first, said_end, sp, said_cand, -1, {0}, 0, said_e != NULL, NULL, 0};
                if (push_event(c, (uint32_t)s, &t, &cs[said_cand], NULL, sp->code, DYAD_ASSERTED,
                               DYAD_ACTUAL, NULL, NULL, NULL, event_date(c, sdate, sfirst, said_first),
                               sp->id) != 0) {
                    st = DYAD_ERR_NOMEM;
                    goto done;
                }
            }
        }
        forward_update(c, events_before);
        memset(speech + sfirst, 0, send - sfirst);
    }
done:
    dyadi_tree_free(&tree);
    free(speech);
    free(attrib_tok);
    free(cues);
    free(cue_off);
    dyadi_vec_free(&cuev);
    free(ts);
    free(cs);
    free(qs);
    if (st != DYAD_OK)
        snprintf(c->errmsg, sizeof c->errmsg, "events: %s", dyad_strerror(st));
    return st;
}
