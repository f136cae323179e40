/* roles.c - roles by word order, for dyad's own triggers in sentences the
 * parser did not see (or where the tree names no actor): the source is the
 * subject of the trigger's clause (nearest actor on its left not governed
 * by a preposition, a relative's antecedent, a passive's agent, a shared
 * subject), the target the object or the object of a frame preposition.
 * The tree's roles are in tree.c; TABARI's and PETRARCH's positional ones
 * in roles_tabari.c. */
#include "events.h"
#include "dates.h"
#include "words.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Preposition governing tokens [first, ...), skipping determiners. */
uint32_t dyadi_governing_prep_at(const dyad_coder *c, uint32_t first, uint32_t sfirst)
{
    uint32_t i = first;
    while (i > sfirst && has_class(c, i - 1, W_DET) && !has_class(c, i - 1, W_PREP))
        i--;
    /* "des"/"du"/"d'" are both determiners and prepositions; opening the
     * sentence they are articles ("Des manifestants ont défilé") */
    if (i > sfirst && has_class(c, i - 1, W_PREP) &&
        !(i - 1 == sfirst && dyadi_norm_in(c, i - 1, (const char *const[]){"du", "des", "d'", NULL})))
        return i - 1;
    if (i < first && has_class(c, i, W_PREP) && (dyadi_norm_in(c, i, (const char *const[]){"du", "des", "d'", NULL})))
        return i > sfirst ? i : UINT32_MAX;
    return UINT32_MAX;
}

const char *dyadi_governing_prep(const dyad_coder *c, uint32_t first, uint32_t sfirst)
{
    uint32_t i = dyadi_governing_prep_at(c, first, sfirst);
    return i == UINT32_MAX ? NULL : dyadi_tok(c, i)->norm;
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

/* Is there a clause boundary strictly between tokens a and b? */
int dyadi_boundary_between(const dyad_coder *c, uint32_t a, uint32_t b)
{
    for (uint32_t i = a + 1; i < b; i++)
        if (has_class(c, i, W_BOUND))
            return 1;
    return 0;
}

/* A boundary between a and b that is not a short parenthesis ("Le groupe
 * État islamique (Daech) a été défait"): an aside is not a clause break. */
static int boundary_outside_parens(const dyad_coder *c, uint32_t a, uint32_t b)
{
    for (uint32_t i = a + 1; i < b; i++) {
        if (!has_class(c, i, W_BOUND))
            continue;
        if (dyadi_norm_in(c, i, (const char *const[]){"(", NULL})) {
            uint32_t j = i + 1;
            while (j < b && j <= i + 5 && !dyadi_norm_in(c, j, (const char *const[]){")", NULL}))
                j++;
            if (j < b && dyadi_norm_in(c, j, (const char *const[]){")", NULL})) {
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

/* Roles the text leaves open, filled as TABARI's options say: FORWARD's
 * source of the story's previous sentence, then DEFAULT:. With PRIOR the
 * default source stands in for a missing subject; without it the first
 * actor of the sentence is the source (the default only when there is
 * none). The target is then an actor after the verb (AFTER) or after the
 * source, else the default target. */
void dyadi_fill_roles(dyad_coder *c, cand *cs, size_t nc, const trig *t, int *src, int *tgt)
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

/* "une coopération renforcée entre Moscou et Pyongyang", "talks between
 * X and Y": X is the source and Y the target (reciprocal triggers code
 * both directions). */
int dyadi_between_pair(const dyad_coder *c, const cand *cs, size_t nc, uint32_t tend,
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
int dyadi_is_refusal_head(const dyad_coder *c, const cue *cues, size_t ncu, const trig *t)
{
    (void)c;
    for (size_t k = 0; k < ncu; k++)
        if (cues[k].kind == CUE_REFUSE && cues[k].first <= t->first && cues[k].end > t->first)
            return 1;
    return 0;
}

/* Are two verbs coordinated with no new subject between them: an "et"/
 * "and" or a comma between them and no actor outside a preposition? */
int dyadi_coordinated(const dyad_coder *c, const cand *cs, size_t nc, uint32_t from,
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

/* The source of a trigger: see the file comment. */
int dyadi_find_source(const dyad_coder *c, const cand *cs, size_t nc, uint32_t sfirst,
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
                           (dyadi_governing_prep(c, cs[best].first, sfirst) != NULL) &&
                           (strcmp(dyadi_governing_prep(c, cs[best].first, sfirst), "de") == 0 ||
                            strcmp(dyadi_governing_prep(c, cs[best].first, sfirst), "of") == 0)) {
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
                if (dyadi_boundary_between(c, cs[k].end - 1, i - 1))
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
                     dyadi_norm_in(c, tfirst - 1, (const char *const[]){"to", "pour", "afin", NULL});
    int found = -1;
    for (size_t k = nc; k-- > 0;) {
        if (cs[k].end > tfirst || cs[k].place)
            continue;
        /* "(Daech)": an alias in parentheses stands for the actor before it */
        if (cs[k].end < tfirst && dyadi_norm_in(c, cs[k].end, (const char *const[]){")", NULL}) &&
            cs[k].first > 0 && dyadi_norm_in(c, cs[k].first - 1, (const char *const[]){"(", NULL}))
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
int dyadi_find_target(const dyad_coder *c, const cand *cs, size_t nc, uint32_t tend,
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
                    if (dyadi_norm_in(c, j, (const char *const[]){"par", "by", NULL}))
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
            if (later >= 0 && !dyadi_boundary_between(c, tend - 1, cs[later].first))
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
int dyadi_stance_of_speaker(const dyadi_trigger *e, int attr_cand, uint32_t attr_from,
                             uint32_t sfirst, const trig *t)
{
    return attr_cand >= 0 && t->first >= attr_from && attr_from > sfirst && e->code[0] == '0' &&
           e->code[1] >= '3' && e->code[1] <= '8';
}
