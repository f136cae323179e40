/* roles_tabari.c - TABARI's and PETRARCH's own conventions, kept apart
 * from dyad's: positional roles from the pattern's slots, one verb per
 * clause (CODE BY), comma-delimited clauses deleted, complex sentences,
 * sentence markers ([###], [+++]) and nouns read the TABARI way. Used only
 * with dictionaries converted from them (foreign.c). */
#include "events.h"
#include "dates.h"
#include "words.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* How many events a sentence may give: SET: CODE BY ..., or the
 * dictionaries' convention. */
int dyadi_code_by(const dyad_coder *c, int one_verb)
{
    int m = c->opts.code_by;
    return m != DYADI_CODE_AUTO ? m : one_verb ? DYADI_CODE_CLAUSE : DYADI_CODE_ALL;
}

/* Is the word at i read as a noun by TABARI: capitalised inside the
 * sentence, or right after an article? */
int dyadi_tabari_noun(const dyad_coder *c, uint32_t i, uint32_t sfirst)
{
    if (i <= sfirst)
        return 0;
    unsigned char b = (unsigned char)c->doc->text[dyadi_tok(c, i)->span.start];
    return (b >= 'A' && b <= 'Z') || dyadi_norm_in(c, i - 1, (const char *const[]){"the", "a", "an", NULL});
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
    /* the keys a token steps by, as in dyadi_trie_walk(): its stem, and with TABARI
     * word matching its norm key and the prefix keys of its spelling */
    uint32_t keys[2 + DYADI_MAX_PFX];
    size_t nk = 0;
    if (j < end) {
        keys[nk++] = dyadi_tok(c, j)->stem_id;   /* also unmarked phrases (<TIME>) */
        if (dyadi_lex_flags(c->lex) & DYADI_LEX_WORDS) {
            const dyadi_pfx *px = &DYADI_VEC_AT(&c->pfx, dyadi_pfx, j);
            keys[nk++] = dyadi_tok(c, j)->norm_id;
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
        if (skip > 0 && dyadi_norm_in(c, j + skip - 1, (const char *const[]){";", ":", ".", NULL}))
            break;  /* as dyadi_trie_walk(): a gap never crosses a clause boundary */
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
int dyadi_sentence_vetoed(const dyad_coder *c, uint32_t s, uint32_t sfirst, uint32_t send)
{
    for (size_t k = 0; k < c->vetoes.len; k++)
        if (DYADI_VEC_AT(&c->vetoes, uint32_t, k) == s)
            return 1;
    dyadi_node root = dyadi_lex_root(c->lex, DYADI_TRIE_TRIGGER);
    for (uint32_t i = sfirst; root && i < send; i++)
        if (marker_walk(c, root, i, send, 0, dyadi_tabari_noun(c, i, sfirst)))
            return 1;
    return 0;
}

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

size_t dyadi_comma_clauses(const dyad_coder *c, const cand *cs, size_t nc, uint32_t sfirst,
                            uint32_t send, uint32_t *lo, uint32_t *hi)
{
    const dyadi_options *o = &c->opts;
    if (!o->comma_on)
        return 0;
    size_t n = 0;
    uint32_t last = UINT32_MAX, stop = send;
    while (stop > sfirst && dyadi_norm_in(c, stop - 1, (const char *const[]){".", "?", "!", NULL}))
        stop--;
    for (uint32_t i = sfirst; i < stop && n < MAX_HIDDEN; i++) {
        if (!dyadi_norm_in(c, i, (const char *const[]){",", NULL}))
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

int dyadi_hidden_at(const uint32_t *lo, const uint32_t *hi, size_t n, uint32_t i)
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
int dyadi_compound_next(const dyad_coder *c, const cand *cs, size_t nc, size_t k)
{
    if (k + 1 >= nc)
        return -1;
    uint32_t j = cs[k].end, f = cs[k + 1].first;
    int conj = 0;
    while (j < f && (dyadi_norm_in(c, j, (const char *const[]){",", "nor", NULL}) || has_class(c, j, W_AND))) {
        conj = 1;
        j++;
    }
    if (!conj)
        return -1;
    for (int words = 0; j < f; j++) {
        if (has_class(c, j, W_DET))
            continue;
        if (dyadi_tok(c, j)->kind != DYAD_TOK_WORD || ++words > 3 ||
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
            dyadi_compound_next(c, cs, nc, k) == (int)k + 1)
            return 1;
    return 0;
}

/* TABARI's COMPLEX: a sentence with VERBS or more verbs, or CONJ or more
 * conjunctions that join no actors, or with no actor before its first verb
 * (NOACTPRIOR, unless a DEFAULT: source stands in), is too complex to code;
 * null-coded verbs, verbs read as nouns and words of an actor's phrase do
 * not count. */
int dyadi_too_complex(const dyad_coder *c, const cand *cs, size_t nc, const trig *ts, size_t ntr,
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
        if (dyadi_tabari_noun(c, i, sfirst))
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
        if (!dyadi_norm_in(c, i, (const char *const[]){"and", "or", "but", NULL}))
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
            prior = dyadi_norm_in(c, i, (const char *const[]){"he", "she", "it", "they", "we", NULL});
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
void dyadi_tabari_roles(const dyad_coder *c, const cand *cs, size_t nc, uint32_t cfirst,
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
        (dyadi_norm_in(c, cfirst, SUBJ) || (cfirst + 1 < vtok && dyadi_norm_in(c, cfirst + 1, SUBJ))))
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
                 dyadi_norm_in(c, cs[s].end, (const char *const[]){"'s", "'", NULL}))) &&
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
            if (dyadi_tok(c, j)->kind != DYAD_TOK_WORD)
                break;
            if (!dyadi_norm_in(c, j, OBJ))
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
                dyadi_norm_in(c, cs[k].first - 1, (const char *const[]){"that", NULL}) &&
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
int dyadi_new_clause(const dyad_coder *c, const cand *cs, size_t nc, uint32_t from,
                      uint32_t trig_first, uint32_t *start)
{
    static const char *const conj[] = {"and", "but", "while", "whereas", NULL};
    for (uint32_t i = from; i < trig_first; i++) {
        if (dyadi_norm_in(c, i, (const char *const[]){";", NULL})) {
            *start = i + 1;
            return 1;
        }
        if (!dyadi_norm_in(c, i, conj))
            continue;
        if (joins_actors(c, cs, nc, i, trig_first))
            continue;
        int subject = 0;
        uint32_t j = i + 1;
        for (uint32_t w = i + 1; w <= i + 2 && w < trig_first && !subject; w++) {
            if (dyadi_norm_in(c, w, (const char *const[]){"he", "she", "it", "they", "we", NULL})) {
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
int dyadi_petr_noun_phrase(const dyad_coder *c, const cand *cs, size_t nc, uint32_t sfirst,
                            uint32_t vfirst)
{
    static const char *const VERBAL[] = {
        "will", "would", "shall", "should", "can", "could", "may", "might", "must", "has", "have",
        "had", "is", "are", "was", "were", "be", "been", "being", "do", "does", "did", "not",
        "n't", "also", "never", "then", "to", "who", "which", "that", NULL};
    const char *v = dyadi_tok(c, vfirst)->norm;
    size_t vl = v ? strlen(v) : 0;
    if (c->lang[0] != 'e')
        return 0;
    /* a plural right after a preposition ("for meetings", "of attacks"):
     * no verb form follows a preposition with an -s */
    if (vfirst > sfirst && vl > 3 && v[vl - 1] == 's' && v[vl - 2] != 's' &&
        has_class(c, vfirst - 1, W_PREP))
        return 1;
    if (dyadi_noun_suffix(v) ||
        (vl > 4 && (strcmp(v + vl - 3, "ing") == 0 || strcmp(v + vl - 2, "ed") == 0)))
        return 0;
    uint32_t i = vfirst;
    int mods = 0;
    while (i > sfirst && mods < 3) {
        uint32_t j = i - 1;
        const dyad_token *k = dyadi_tok(c, j);
        const char *w = k->norm;
        size_t l = w ? strlen(w) : 0;
        if (k->kind != DYAD_TOK_WORD || !l || (k->flags & DYAD_TOKF_CAPITAL) ||
            has_class(c, j, W_DET | W_PREP | W_AND | W_BOUND | W_COMP | W_REL) ||
            dyadi_norm_in(c, j, VERBAL) || w[l - 1] == 's' || (l > 2 && strcmp(w + l - 2, "ly") == 0))
            break;
        for (size_t a = 0; a < nc; a++)
            if (cs[a].first <= j && j < cs[a].end)
                return 0;
        mods++;
        i = j;
    }
    return mods > 0 && i > sfirst && has_class(c, i - 1, W_NDET_EN);
}
