/* tree.h - roles read from the dependency tree (tree.c), for dyad's own
 * triggers when a syntax model tagged and parsed the sentence. Internal. */
#ifndef DYAD_TREE_H
#define DYAD_TREE_H
#include "events.h"

/* One sentence's words seen as a tree: per token its first word, per word
 * its first child and next sibling, and per word the actor candidate that
 * covers it. Word indices are positions in the sentence (id - 1); the
 * arrays are +1 (0: none). The memory is reused from sentence to sentence. */
typedef struct dyadi_tree {
    const dyad_word *w;   /* the sentence's words, borrowed from the coder */
    uint32_t nw;
    uint32_t sfirst, nt;  /* its tokens */
    uint32_t *tokw;       /* nt: first word of each token, +1 */
    uint32_t *kid;        /* nw: first child, +1 */
    uint32_t *sib;        /* nw: next sibling (in word order), +1 */
    int32_t *cand;        /* nw: candidate index, or -1 */
    size_t cap_w, cap_t;
    size_t cursor;        /* DYAD_SYNTAX_ALL: where to look for the next sentence's words */
} dyadi_tree;

void dyadi_tree_init(dyadi_tree *t);
void dyadi_tree_free(dyadi_tree *t);

/* The tree of sentence s (tokens [sfirst, send)), parsed now when the coder
 * parses on demand (dyadi_coder_parse), with candidates cs mapped onto its
 * words. 1: it has words; 0: no model or no words; -1: an error in *st. */
int dyadi_tree_sentence(dyadi_tree *t, dyad_coder *c, size_t s, uint32_t sfirst, uint32_t send,
                        const cand *cs, size_t nc, dyad_status *st);

/* The word of token i (its first word for a contraction), or NULL. */
const dyad_word *dyadi_tree_word(const dyadi_tree *t, uint32_t i);

/* May trigger e, matched on tokens [i, end), fire there, given their parts
 * of speech? A verb pattern needs a verb (or a participle) at i, a noun
 * pattern a noun among its words. */
int dyadi_tree_pos_ok(const dyadi_tree *t, uint32_t i, uint32_t end, const dyadi_trigger *e);

/* A verb trigger met on its noun ("negotiations"): a copy of e, in the
 * coder's arena, coded as a nominal event whose "of" complement is the
 * verb's object; NULL when out of memory. */
const dyadi_trigger *dyadi_tree_as_noun(dyad_coder *c, const dyadi_trigger *e);

/* Roles of trigger tr from the tree. Sources and targets are candidate
 * indices (coordinated actors give several, at most TREE_MAX each);
 * rule names the construction ("tree:subj", "tree:relcl", ...). */
#define TREE_MAX 8
typedef struct tree_roles {
    int src[TREE_MAX], tgt[TREE_MAX];
    int nsrc, ntgt;
    int passive;        /* the verb is passive: its subject was the target */
    int subj_known;     /* the verb has a subject in the tree, actor or not */
    int tgt_none;       /* the passive's subject is no actor the word order could
                           replace: a bare number ("400 ont été arrêtés"), the
                           thing a theme's participle qualifies ("a bill signed
                           by the minister") */
    int giver;          /* frames with from= ("receive aid from X"): X, or -1 */
    const char *rule;   /* how the source was found, static storage */
} tree_roles;
void dyadi_tree_roles(const dyadi_tree *t, const cand *cs, const trig *tr, tree_roles *out);

/* Is trigger tr a past participle that qualifies an actor, with its agent
 * ("les rebelles soutenus par la Turquie", "rebels supported by Turkey")?
 * Such a participle says who the actor is, not what happened. */
int dyadi_tree_actor_participle(const dyadi_tree *t, const trig *tr);

/* May the words of a cue on tokens [first, end) be one, given their parts
 * of speech? Not when every one is a name or a noun ("in May", "Will
 * Smith"). */
int dyadi_tree_cue_ok(const dyadi_tree *t, uint32_t first, uint32_t end);

/* The place of trigger tr's event: a place (or a capital that is neither
 * side) in a locative oblique of its verb, then of its object, the first
 * such oblique that names one: its own place, else the place noun's "of"
 * complement ("in the city of Arauca"), a compound before a possessor
 * ("in Syria's Aleppo province"), never a place measured from ("north of
 * Baghdad"); then a locative place under a time word of the verb ("on
 * Thursday in Barcelona"); or -1. */
int dyadi_tree_place(const dyadi_tree *t, const cand *cs, const trig *tr, int src, int tgt);

/* 1 when nominal trigger tr's noun is the object or an oblique of a verb
 * that is not a light verb ("protested against a possible attack on
 * Iraq", "to avert US military action"; not "launched an offensive"):
 * an event named inside another's clause, whose place is only one named
 * in its own phrase. */
int dyadi_tree_embedded_nominal(const dyadi_tree *t, const trig *tr);

/* 1 when the word of token pt is in the phrase of trigger tr's noun
 * ("the attack on the embassy in Kabul"), or the sentence has no tree. */
int dyadi_tree_in_phrase(const dyadi_tree *t, const trig *tr, uint32_t pt);

#endif
