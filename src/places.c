/* places.c - which place a place name means.
 *
 * The lexicon holds every GeoNames city over 15,000 people and every
 * admin-1 region that has one (data/actors/cities.tsv, regions.tsv), so a
 * name has candidates: "Florida" is a US state, a Uruguayan department and
 * a Cuban town; "Montana" a US state and a Bulgarian province; "Bolton" an
 * English town and, in the news, John Bolton. actors.c finds the matches;
 * this module then, per document:
 *   - drops a one-word place that is part of a person's name: a word the
 *     document uses as a surname ("John R. Bolton ... Bolton said"), or one
 *     followed by a capitalised word the lexicon does not know ("Ali
 *     Soufan", "Kobe Bryant"): names of people are not in the lexicon,
 *     titles and places are ("Florida Governor", "Kobe, Japan" stay);
 *   - chooses among the city and region candidates of a name by population
 *     (a region counting the people of its cities, so a state beats a
 *     same-name town abroad), a candidate whose country the document names
 *     elsewhere counting a hundred times its population (context).
 * Capitals, countries and other actors are left to actors.c: a capital
 * stands for its government there. */
#include "places.h"
#include "text_tables.h"

#include <string.h>

/* A candidate in a country the document names counts as if it were this
 * many times more populous: "Santa Fe" in a text that names the United
 * States is the city of New Mexico (84,000) rather than the Argentine
 * province (2.2 million), but "Florida" near a mention of Cuba is still the
 * state (13 million) rather than the Cuban town (50,000). */
#define CONTEXT_WEIGHT 100.0

void dyadi_places_init(dyadi_places *p)
{
    memset(p, 0, sizeof *p);
}

void dyadi_places_note_country(dyadi_places *p, const char *code)
{
    if (!code || strlen(code) < 3)
        return;
    for (size_t i = 0; i < p->ncountry; i++)
        if (strncmp(p->country[i].code, code, 3) == 0) {
            p->country[i].n++;
            return;
        }
    if (p->ncountry < DYADI_PLACES_MAX_COUNTRIES) {
        p->country[p->ncountry].code = code;
        p->country[p->ncountry].n = 1;
        p->ncountry++;
    }
}

static uint32_t country_count(const dyadi_places *p, const char *code)
{
    if (!code || strlen(code) < 3)
        return 0;
    for (size_t i = 0; i < p->ncountry; i++)
        if (strncmp(p->country[i].code, code, 3) == 0)
            return p->country[i].n;
    return 0;
}

static const dyad_token *tk(const dyad_coder *c, uint32_t i)
{
    return &DYADI_VEC_AT(&c->tokens, dyad_token, i);
}

static int cap_word(const dyad_token *t)
{
    return t->kind == DYAD_TOK_WORD && (t->flags & DYAD_TOKF_CAPITAL);
}

/* An initial: one capital letter, with or without its full stop ("R."). */
static int initial(const dyad_coder *c, uint32_t i)
{
    const dyad_token *t = tk(c, i);
    return cap_word(t) && t->norm && t->norm[0] && (t->norm[1] == '\0' ||
                                                    (t->norm[1] == '.' && t->norm[2] == '\0'));
}

/* Words that open place names, not persons' ("Northern Virginia", "New
 * Delhi", "Fort Worth", "Saint-Louis"): after them a place is a place. */
static const char *const PLACE_OPENERS[] = {
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
    "upper", "lower", "greater", "new", "old", "great", "little", "saint", "st", "san", "santa",
    "são", "port", "fort", "mount", "lake", "cape", "el", "al", "la", "le", "los", "las", "nord",
    "sud", "est", "ouest", "haute", "haut", "basse", "bas", "grand", "grande", "petit", "petite",
    "nouvelle", "nouveau", "province", "state", "district", "region", "county", NULL};

static int opener(const char *w)
{
    for (const char *const *o = PLACE_OPENERS; w && *o; o++)
        if (strcmp(*o, w) == 0)
            return 1;
    return 0;
}

static const char *const LOCATIVES[] = {"in", "at", "near", "à", "dans", "en", "près", NULL};

static int locative(const char *w)
{
    for (const char *const *l = LOCATIVES; w && *l; l++)
        if (strcmp(*l, w) == 0)
            return 1;
    return 0;
}

/* 1 when tokens j, i (adjacent words) are a place phrase of the lexicon. */
static int place_pair(const dyad_coder *c, uint32_t j, uint32_t i)
{
    uint32_t kj = tk(c, j)->norm_id, ki = tk(c, i)->norm_id;
    if (!kj || !ki || j + 1 != i)
        return 0;
    dyadi_node n = dyadi_lex_step(c->lex, DYADI_TRIE_ACTOR, dyadi_lex_root(c->lex, DYADI_TRIE_ACTOR),
                                  kj);
    n = n ? dyadi_lex_step(c->lex, DYADI_TRIE_ACTOR, n, ki) : 0;
    if (!n)
        return 0;
    size_t ne;
    const uint32_t *ids = dyadi_lex_entries(c->lex, DYADI_TRIE_ACTOR, n, &ne);
    for (size_t e = 0; e < ne; e++) {
        const dyadi_actor *a = dyadi_lex_actor(c->lex, ids[e]);
        if (a && a->kind != DYADI_AK_PERSON)
            return 1;
    }
    return 0;
}

void dyadi_places_scan_names(dyadi_places *p, const dyad_coder *c)
{
    const dyad_sentence *ss = c->sents.data;
    for (size_t s = 0; s < c->sents.len; s++) {
        uint32_t first = ss[s].first_token, end = first + ss[s].n_tokens;
        for (uint32_t i = first + 1; i < end && p->nname < DYADI_PLACES_MAX_NAMES; i++) {
            const dyad_token *t = tk(c, i);
            if (!cap_word(t) || !t->norm || initial(c, i))
                continue;
            uint32_t j = i - 1;
            /* "R ." before the surname: step over the full stop */
            if (tk(c, j)->kind == DYAD_TOK_PUNCT && tk(c, j)->norm &&
                strcmp(tk(c, j)->norm, ".") == 0 && j > first)
                j--;
            /* "John Bolton", "John R. Bolton": a capitalised word or an
             * initial before it, which does not open place names
             * ("Northern Virginia"), is no function word with a capital
             * ("The Manhattan district") nor the sentence's first word
             * ("Make Melbourne ..."); the word ends the run of capitals
             * ("Adviser John Bolton", not "New York City"), and the pair
             * is no place or organisation phrase of the lexicon ("Hong
             * Kong") */
            int given = (cap_word(tk(c, j)) && j > first && !opener(tk(c, j)->norm) &&
                         !dyadi_stopword_langs(tk(c, j)->norm)) ||
                        initial(c, j);
            if (!given || (i + 1 < end && cap_word(tk(c, i + 1))) || place_pair(c, j, i))
                continue;
            p->name_word[p->nname++] = t->norm;
        }
    }
    /* a word the document also writes after a locative preposition ("in
     * Melbourne", "à Bolton") is a place there: it is no surname. One pass
     * over the tokens; only those after a locative are compared. */
    unsigned char placed[DYADI_PLACES_MAX_NAMES] = {0};
    for (size_t i = 1; i < c->tokens.len && p->nname; i++) {
        if (!cap_word(tk(c, i)) || !tk(c, i)->norm || !locative(tk(c, i - 1)->norm))
            continue;
        for (size_t k = 0; k < p->nname; k++)
            if (strcmp(tk(c, i)->norm, p->name_word[k]) == 0)
                placed[k] = 1;
    }
    size_t keep = 0;
    for (size_t k = 0; k < p->nname; k++)
        if (!placed[k])
            p->name_word[keep++] = p->name_word[k];
    p->nname = keep;
}

int dyadi_place_in_name(const dyadi_places *p, const dyad_coder *c, uint32_t ti, uint32_t n,
                        uint32_t sent_end)
{
    if (n != 1)
        return 0;
    const char *w = tk(c, ti)->norm;
    for (size_t i = 0; w && i < p->nname; i++)
        if (strcmp(p->name_word[i], w) == 0)
            return 1;
    /* a given name: the next word is capitalised and unknown to the
     * lexicon (a surname it cannot know) */
    return ti + 1 < sent_end && cap_word(tk(c, ti + 1)) && tk(c, ti + 1)->norm_id == 0 &&
           !initial(c, ti + 1);
}

static int lang_fits(const char *elang, const char *dlang)
{
    return !elang || elang[0] == '*' || elang[0] == '\0' ||
           (dlang && elang[0] == dlang[0] && elang[1] == dlang[1]);
}

const dyadi_actor *dyadi_place_choose(const dyadi_places *p, const dyad_coder *c,
                                      dyadi_node node, const dyadi_actor *cur,
                                      const dyad_token *first, const char **rule)
{
    size_t n;
    const uint32_t *ids = dyadi_lex_entries(c->lex, DYADI_TRIE_ACTOR, node, &n);
    const dyadi_actor *best = NULL;
    double best_w = -1;
    int best_ctx = 0;
    size_t cands = 0;
    for (size_t i = 0; i < n; i++) {
        const dyadi_actor *a = dyadi_lex_actor(c->lex, ids[i]);
        if (!a || (a->kind != DYADI_AK_CITY && a->kind != DYADI_AK_REGION) ||
            !lang_fits(a->lang, c->lang) || !(first->flags & DYAD_TOKF_CAPITAL))
            continue;
        cands++;
        /* the document's other mentions: not this one's own reading */
        const char *ac = a->country ? a->country : a->code;
        uint32_t seen = country_count(p, ac);
        const char *own = cur ? (cur->country ? cur->country : cur->code) : NULL;
        if (seen && own && strncmp(own, ac, 3) == 0)
            seen--;
        int ctx = seen > 0;
        double w = (double)(a->pop ? a->pop : 1) * (ctx ? CONTEXT_WEIGHT : 1.0);
        if (!best || w > best_w) {
            best = a;
            best_w = w;
            best_ctx = ctx;
        }
    }
    if (!best) {
        *rule = "place:only";
        return cur;
    }
    *rule = cands == 1 ? "place:only" : best_ctx ? "place:context" : "place:population";
    return best;
}
