/* scope.c - the codes a trigger takes from its scope: an intention makes a
 * cooperation CAMEO 03x, a refusal 12x, an appeal, demand or threat the
 * code its complement mirrors (0213, 1053, 1384). Part of the event coder. */
#include "events.h"
#include "tree.h"
#include "dates.h"
#include "words.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A code prefix and the code it gives. */
typedef struct code_map {
    const char *from, *to;
} code_map;

/* The code of the first entry of map whose prefix code starts with, or NULL. */
static const char *map_code(const code_map *map, size_t n, const char *code)
{
    for (size_t i = 0; i < n; i++)
        if (strncmp(code, map[i].from, strlen(map[i].from)) == 0)
            return map[i].to;
    return NULL;
}

/* CAMEO 03x for a cooperative action that is only intended. */
const char *dyadi_intent_code(const char *code)
{
    /* The codebook's 03x subcodes mirror the actions they announce:
     * 06x material cooperation -> 031x, 07x aid -> 033x, 04x meetings ->
     * 036, 05x diplomatic cooperation -> 032, 08x yielding -> 035x (083
     * political reform -> 034x), 045 mediation -> 039, 057 an agreement ->
     * 037 (settle a dispute); an intended conflict action is a threat. */
    static const code_map map[] = {
        {"061", "0311"}, {"062", "0312"}, {"063", "0313"}, {"064", "0314"}, {"06", "031"},
        {"071", "0331"}, {"072", "0332"}, {"073", "0333"}, {"074", "0334"}, {"07", "033"},
        {"045", "039"}, {"04", "036"}, {"057", "037"}, {"05", "032"},
        {"0831", "0341"}, {"0832", "0342"}, {"0833", "0343"}, {"0834", "0344"}, {"083", "034"},
        {"081", "0351"}, {"082", "0352"}, {"084", "0353"}, {"085", "0354"}, {"086", "0355"},
        {"087", "0356"}, {"08", "035"},
        {"18", "138"}, {"19", "138"}, {"20", "138"},
    };
    if (strncmp(code, "01", 2) == 0 || strncmp(code, "02", 2) == 0 || strncmp(code, "03", 2) == 0)
        return code;
    /* an announced sanction or restriction is the threat of it, with the
     * threat sub-codes ("will impose a curfew" 1323, "will withdraw its
     * inspectors" 136); an announced attack stays 138, as PETRARCH codes it */
    if (strncmp(code, "16", 2) == 0 || strncmp(code, "17", 2) == 0)
        return dyadi_threat_code(code);
    return map_code(map, sizeof map / sizeof map[0], code);
}

/* CAMEO 10x for an action someone says another actor must take: the
 * demand subcodes mirror the demanded action like the intent ones. NULL:
 * no demand code (a demand to attack is not coded as one). */
const char *dyadi_demand_code(const char *code)
{
    static const code_map map[] = {
        {"061", "1011"}, {"062", "1012"}, {"063", "1013"}, {"064", "1014"}, {"06", "101"},
        {"071", "1031"}, {"072", "1032"}, {"073", "1033"}, {"074", "1034"}, {"07", "103"},
        {"057", "107"}, {"05", "102"}, {"045", "108"}, {"04", "106"},
        {"0831", "1041"}, {"0832", "1042"}, {"0833", "1043"}, {"0834", "1044"}, {"083", "104"},
        {"081", "1051"}, {"082", "1052"}, {"084", "1053"}, {"085", "1054"}, {"086", "1055"},
        {"087", "1056"}, {"08", "105"}, {"03", "100"},
    };
    return map_code(map, sizeof map / sizeof map[0], code);
}

/* CAMEO 02x for an appeal whose complement is a cooperative action
 * ("urged Uganda to extradite", "a appelé Paris à livrer des armes"): the
 * appeal subcodes mirror the intent ones (031x -> 021x, 036 -> 026). NULL
 * when the complement is no cooperation. */
const char *dyadi_appeal_code(dyad_coder *c, const char *code)
{
    const char *ic = dyadi_intent_code(code);
    if (!ic || strncmp(ic, "03", 2) != 0 || strcmp(ic, code) == 0)
        return NULL;
    if (strcmp(ic, "039") == 0)
        return "028";   /* the appeal to mediate is 028, as 038 */
    char *s = dyadi_arena_strndup(&c->arena, ic, strlen(ic));
    if (s)
        s[1] = '2';
    return s;
}

/* CAMEO 13x for a threat whose complement is the threatened action
 * ("threatened to halt negotiations" 134, "menace d'imposer un couvre-feu"
 * 1323, "threatened to launch an offensive" 1384). NULL: no such code. */
const char *dyadi_threat_code(const char *code)
{
    static const code_map map[] = {
        {"161", "1313"}, {"162", "1311"}, {"163", "1312"}, {"164", "134"}, {"165", "135"},
        {"166", "136"}, {"16", "131"},
        {"1721", "1321"}, {"1722", "1322"}, {"1723", "1323"}, {"1724", "1324"}, {"172", "132"},
        {"17", "137"}, {"14", "133"},
        {"191", "1381"}, {"192", "1382"}, {"20", "1383"}, {"19", "1384"}, {"18", "138"},
    };
    return map_code(map, sizeof map / sizeof map[0], code);
}

/* Is one of the words of the list comp among tokens [from, to)? */
static int comp_word_between(const dyad_coder *c, const char *comp, uint32_t from, uint32_t to)
{
    for (uint32_t k = to; k > from; k--)
        if (dyadi_in_list(dyadi_tok(c, k - 1)->norm, comp))
            return 1;
    return 0;
}

/* The trigger after ts[ti] that is its complement: the next verb trigger
 * (nouns and null phrases passed over), within 8 words of ti's end, with the trigger's complement word (comp=to,
 * à, de, that) between them ("urged Uganda to repatriate", "demanded that
 * the government end curbs"). -1 when none. */
int dyadi_complement_of(const dyad_coder *c, const trig *ts, size_t ntr, size_t ti)
{
    const trig *t = &ts[ti];
    if (!t->e->comp)
        return -1;
    for (size_t j = ti + 1; j < ntr; j++) {
        const trig *u = &ts[j];
        if (u->first < t->end)
            continue;
        if (u->first > t->end + 8)
            return -1;
        /* a null phrase inside the complement's subject ("demanded that
         * the Sudanese government end curbs") or a noun in the object
         * before the complement word ("called on the UN stabilization
         * mission to broker") is not the complement: look on for its
         * verb; a noun after it is ("threatening to give a news
         * conference that would damage ..." is no threat to damage) */
        if (u->e->code[0] == '-')
            continue;
        if (u->e->kind == DYADI_TK_NOUN) {
            if (comp_word_between(c, t->e->comp, t->end, u->first))
                return -1;
            continue;
        }
        return comp_word_between(c, t->e->comp, t->end, u->first) ? (int)j : -1;
    }
    return -1;
}

/* CAMEO 12x for a refused cooperative action. */
const char *dyadi_refusal_code(const char *code)
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

/* CAMEO 12x sub-code for a refused action, rejected proposal or rejected
 * request: the codebook's 121x-127 mirror what was refused ("refused to
 * release the hostages" 1243, "rejected calls for economic aid" 1221,
 * "rejected a proposal for a cease-fire" 1246). NULL: no such code. */
const char *dyadi_refusal_subcode(const char *code)
{
    static const code_map map[] = {
        {"061", "1211"}, {"062", "1212"}, {"063", "1213"}, {"06", "121"},
        {"071", "1221"}, {"072", "1222"}, {"073", "1223"}, {"074", "1224"}, {"07", "122"},
        {"0831", "1231"}, {"0832", "1232"}, {"0833", "1233"}, {"0834", "1234"}, {"083", "123"},
        {"081", "1241"}, {"082", "1242"}, {"084", "1243"}, {"085", "1244"}, {"086", "1245"},
        {"087", "1246"}, {"08", "124"},
        {"045", "126"}, {"057", "127"}, {"04", "125"}, {"03", "120"}, {"05", "120"},
    };
    return map_code(map, sizeof map / sizeof map[0], code);
}

/* A dependency on the way down from an appeal, demand, refusal or threat
 * to the action it is about: its object or clausal complement ("rejected
 * a proposal", "demanded that ... end"), a noun's modifier ("calls for
 * economic aid", "demands to release") or an oblique ("asked ... for aid"). */
static int rel_base(const dyad_word *w, const char *rel)
{
    size_t n = strlen(rel);
    return w->deprel && strncmp(w->deprel, rel, n) == 0 && (w->deprel[n] == '\0' || w->deprel[n] == ':');
}

/* ... or an adverbial clause without a subject of its own ("renewed an
 * appeal to Belgium to extradite", "staged rallies, saying ..."; not
 * "before he is to call elections"). */
static int complement_rel(const dyadi_tree *tr, const dyad_word *w)
{
    static const char *const rels[] = {"obj", "xcomp", "ccomp", "nmod", "acl", "obl", NULL};
    for (size_t i = 0; rels[i]; i++)
        if (rel_base(w, rels[i]))
            return 1;
    if (!rel_base(w, "advcl"))
        return 0;
    for (uint32_t k = tr->kid[w - tr->w]; k; k = tr->sib[k - 1])
        if (rel_base(&tr->w[k - 1], "nsubj"))
            return 0;
    return 1;
}

static int on_trigger(const trig *t, uint32_t tok)
{
    for (uint32_t k = 0; k < t->npos; k++)
        if (t->pos[k] == tok)
            return 1;
    return tok >= t->first && tok < t->end && t->npos == 0;
}

/* The word of trigger u whose head is outside it ("aid" in "food aid"),
 * else its first word. */
static const dyad_word *phrase_head(const dyadi_tree *tr, const trig *u)
{
    const dyad_word *first = dyadi_tree_word(tr, u->first);
    for (uint32_t i = u->first; i < u->end; i++) {
        const dyad_word *w = dyadi_tree_word(tr, i);
        if (w && w->head && w->head <= tr->nw &&
            (tr->w[w->head - 1].token < u->first || tr->w[w->head - 1].token >= u->end))
            return w;
    }
    return first;
}

/* The trigger after ts[ti] that the tree puts under it as what it is
 * about: the first one, within 16 words, whose word reaches a word of
 * ts[ti] in at most 4 steps up through complement_rel dependencies
 * ("rejected North Korea's demand to sever the alliance", "would not meet
 * demands to release prisoners"), from ts[from] on. -1 when none. */
int dyadi_complement_tree(const dyadi_tree *tr, const trig *ts, size_t ntr, size_t ti, size_t from)
{
    const trig *t = &ts[ti];
    for (size_t j = from > ti ? from : ti + 1; j < ntr; j++) {
        const trig *u = &ts[j];
        if (u->first < t->end || u->e->code[0] == '-')
            continue;
        if (u->first > t->end + 16)
            return -1;
        const dyad_word *w = phrase_head(tr, u);
        for (int step = 0; w && step < 4 && complement_rel(tr, w); step++) {
            if (!w->head || w->head > tr->nw)
                break;
            w = &tr->w[w->head - 1];
            if (on_trigger(t, w->token))
                return (int)j;
        }
    }
    return -1;
}

/* CAMEO 14xy for a protest (141-145) whose purpose is a change the
 * codebook names: its y mirrors the 083y, 024y or 104y the purpose is
 * coded ("staged rallies, saying he must resign" 0831 -> 1411, "une
 * grève de la faim pour réclamer la démission" 1041 -> 1421). NULL when
 * the purpose is no such change. */
const char *dyadi_protest_code(dyad_coder *c, const char *code, const char *purpose)
{
    if (strncmp(code, "14", 2) != 0 || code[2] < '1' || code[2] > '5' || code[3] != '\0')
        return NULL;
    if (strlen(purpose) != 4 || purpose[3] < '1' || purpose[3] > '4' ||
        (strncmp(purpose, "083", 3) != 0 && strncmp(purpose, "024", 3) != 0 &&
         strncmp(purpose, "104", 3) != 0))
        return NULL;
    char *s = dyadi_arena_strndup(&c->arena, purpose, 4);
    if (s)
        memcpy(s, code, 3);
    return s;
}

const char *dyadi_violence_code(const char *code, const char *source_code)
{
    static const char *const unarmed[] = {"CVL", "OPP", "CRM", "BUS", "EDU", "MED", "REL", "LAB",
                                          "HLH", "REF", "AGR", "ENV", NULL};
    if (code[0] != '1' || code[1] != '9' || !source_code || strlen(source_code) < 6)
        return code;
    /* the sector right after the country: "USACVL", "FRAOPP", "---CRM" */
    for (size_t i = 0; unarmed[i]; i++)
        if (strncmp(source_code + 3, unarmed[i], 3) == 0)
            return "180";
    return code;
}

/* Is word x (an index) one of trigger t's words after its first: its
 * pattern words, or the words of its span when they were not recorded? */
static int inner_word(const dyadi_tree *tr, const trig *t, uint32_t x)
{
    uint32_t tok = tr->w[x].token;
    if (t->npos == 0)
        return tok > t->first && tok < t->end;
    for (uint32_t k = 1; k < t->npos; k++)
        if (t->pos[k] == tok)
            return 1;
    return 0;
}

/* The case markers of an oblique or nominal modifier that names whom the
 * inner action is done to or with ("break relations with Russia", "cut off
 * power to Nakhichevan", "ban voting in East Jerusalem", "rompre les
 * relations avec Moscou"); not a cause or a time ("over unpaid bills"). */
static const char *const INNER_CASES = "with,to,against,on,from,into,in,avec,à,contre,sur,en,dans,envers";

/* A modifier inside a noun phrase, climbed from an actor word to the
 * phrase's head ("Ugandan opposition candidates": "opposition" to
 * "candidates"). */
static int phrase_rel(const dyad_word *w)
{
    static const char *const rels[] = {"compound", "amod", "flat", "appos", NULL};
    for (size_t i = 0; rels[i]; i++)
        if (rel_base(w, rels[i]))
            return 1;
    return 0;
}

/* Does word y hang on the inner action of trigger t: its object, an
 * oblique with one of INNER_CASES, or such a modifier of that object
 * ("rompre les relations avec la Russie")? *loc: by a locative case. */
static int inner_slot(const dyadi_tree *tr, const trig *t, uint32_t y, int *loc)
{
    const dyad_word *w = &tr->w[y];
    if (!w->head || w->head > tr->nw)
        return 0;
    uint32_t h = w->head - 1;
    *loc = 0;
    if (rel_base(w, "obj") || rel_base(w, "iobj"))
        return inner_word(tr, t, h);
    if (!rel_base(w, "obl") && !rel_base(w, "nmod"))
        return 0;
    const char *cm = NULL;
    for (uint32_t d = tr->kid[y]; d && !cm; d = tr->sib[d - 1])
        if (rel_base(&tr->w[d - 1], "case"))
            cm = tr->w[d - 1].lemma ? tr->w[d - 1].lemma : tr->w[d - 1].form;
    if (!cm || !dyadi_in_list(cm, INNER_CASES))
        return 0;
    *loc = dyadi_in_list(cm, "in,en,dans");
    if (inner_word(tr, t, h))
        return 1;
    const dyad_word *o = &tr->w[h];
    return rel_base(w, "nmod") && rel_base(o, "obj") && tr->cand[h] < 0 && o->head &&
           o->head <= tr->nw && inner_word(tr, t, o->head - 1);
}

int dyadi_inner_target(const dyadi_tree *tr, const cand *cs, size_t nc, const trig *t, int src)
{
    int best = -1, best_loc = -1;
    if (t->e->kind != DYADI_TK_EXPR || (t->npos == 1 || (t->npos == 0 && t->end <= t->first + 1)))
        return -1;
    for (uint32_t x = 0; x < tr->nw; x++) {
        int k = tr->cand[x], loc = 0;
        /* not an actor word of the pattern itself ("military aid") */
        if (k < 0 || (size_t)k >= nc || k == src || cs[k].place ||
            (cs[k].first < t->end && cs[k].end > t->first) ||
            (src >= 0 && cs[src].code && cs[k].code && strcmp(cs[k].code, cs[src].code) == 0))
            continue;
        /* up to the top of the actor's words, then to the head of its
         * noun phrase */
        uint32_t y = x;
        while (tr->w[y].head && tr->w[y].head <= tr->nw && tr->cand[tr->w[y].head - 1] == k)
            y = tr->w[y].head - 1;
        for (int step = 0; step < 3 && phrase_rel(&tr->w[y]) && tr->w[y].head && tr->w[y].head <= tr->nw;
             step++)
            y = tr->w[y].head - 1;
        if (!inner_slot(tr, t, y, &loc))
            continue;
        /* a place it happens in only when no one is named it is done to */
        if (loc && best_loc < 0)
            best_loc = k;
        else if (!loc && best < 0)
            best = k;
    }
    return best >= 0 ? best : best_loc;
}


/* Is word y a maker's mark on a noun of trigger t's words: a compound, an
 * adjective, a possessor ("a U.S. request", "French mediation", "Belarus's
 * calls") or a "by"/"from"/"of" modifier ("calls by Kofi Annan", "an
 * offer from Kabul", "la proposition de la France")? */
static int maker_slot(const dyadi_tree *tr, const trig *t, uint32_t y)
{
    const dyad_word *w = &tr->w[y];
    if (!w->head || w->head > tr->nw)
        return 0;
    const dyad_word *h = &tr->w[w->head - 1];
    if (h->token <= t->first || h->token >= t->end || !h->upos || strcmp(h->upos, "NOUN") != 0)
        return 0;
    if (rel_base(w, "compound") || rel_base(w, "amod") || rel_base(w, "nmod:poss"))
        return 1;
    if (!rel_base(w, "nmod") && !rel_base(w, "obl"))
        return 0;
    for (uint32_t d = tr->kid[y]; d; d = tr->sib[d - 1]) {
        const dyad_word *cw = &tr->w[d - 1];
        if (rel_base(cw, "case") && cw->lemma)
            return dyadi_in_list(cw->lemma, "by,from,of,de,par");
    }
    return 0;
}

int dyadi_rejected_maker(const dyadi_tree *tr, const cand *cs, size_t nc, const trig *t, int src)
{
    if (t->e->kind != DYADI_TK_EXPR)
        return -1;
    for (uint32_t x = 0; x < tr->nw; x++) {
        int k = tr->cand[x];
        if (k < 0 || (size_t)k >= nc || k == src || cs[k].place ||
            (src >= 0 && cs[src].code && cs[k].code && strcmp(cs[k].code, cs[src].code) == 0))
            continue;
        uint32_t y = x;
        while (tr->w[y].head && tr->w[y].head <= tr->nw && tr->cand[tr->w[y].head - 1] == k)
            y = tr->w[y].head - 1;
        /* up through its noun phrase ("Belarus's rulers") */
        for (int step = 0; step < 3 && !maker_slot(tr, t, y); step++) {
            if (!(phrase_rel(&tr->w[y]) || rel_base(&tr->w[y], "nmod:poss")) || !tr->w[y].head ||
                tr->w[y].head > tr->nw)
                break;
            y = tr->w[y].head - 1;
        }
        if (maker_slot(tr, t, y))
            return k;
    }
    return -1;
}
