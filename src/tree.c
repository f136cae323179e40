/* tree.c - roles from the dependency tree. When a syntax model tagged and
 * parsed a sentence (syntax/stage.c), dyad's own triggers (not TABARI's or
 * PETRARCH's, whose patterns place their actors by word order) take their
 * source and target from the verb's dependents instead of from the actors'
 * positions:
 *
 *  - the subject (nsubj) is the source, the object (obj, iobj) or an
 *    oblique/nominal modifier whose case marker is in the frame's prep list
 *    the target; in the passive the subject (nsubj:pass) is the target and
 *    the agent (obl:agent, "by"/"par") the source;
 *  - a verb with no subject of its own inherits one: an xcomp its
 *    controller's ("refused to condemn", "prêt à envoyer"; the object of
 *    "urged X to"), a coordinated verb the first verb's, a relative clause
 *    or a present participle its head noun ("China, which refused ...");
 *  - an actor phrase is read from the subtree of the dependent: the
 *    candidate covering it, else one reached through compound, amod, nmod,
 *    appos or flat ("the President of Turkey", "Khalilzad, a US envoy");
 *    each conjunct of a coordination is an actor of its own.
 *
 * Each construction is a small function below; events.c calls
 * dyadi_tree_roles for each trigger and keeps its word-order rules for
 * sentences the model did not parse. Nothing here allocates per token: the
 * views of a sentence are built in memory reused from sentence to sentence. */
#include "tree.h"

#include <stdlib.h>
#include <string.h>

#define NONE UINT32_MAX

void dyadi_tree_init(dyadi_tree *t)
{
    memset(t, 0, sizeof *t);
}

void dyadi_tree_free(dyadi_tree *t)
{
    free(t->tokw);
    free(t->kid);
    free(t->sib);
    free(t->cand);
    memset(t, 0, sizeof *t);
}

/* p = realloc(p, n cells), keeping p when that fails: 0, or -1 */
#define GROW(p, n) ((tmp = realloc((p), (n) * sizeof *(p))) != NULL ? ((p) = tmp, 0) : -1)

/* Grow the views to nw words and nt tokens. 0, or -1 out of memory. */
static int reserve(dyadi_tree *t, size_t nw, size_t nt)
{
    void *tmp;
    if (nw > t->cap_w) {
        size_t cap = nw < 64 ? 64 : nw * 2;
        if (GROW(t->kid, cap) || GROW(t->sib, cap) || GROW(t->cand, cap))
            return -1;
        t->cap_w = cap;
    }
    if (nt > t->cap_t) {
        size_t cap = nt < 64 ? 64 : nt * 2;
        if (GROW(t->tokw, cap))
            return -1;
        t->cap_t = cap;
    }
    return 0;
}

int dyadi_tree_sentence(dyadi_tree *t, dyad_coder *c, size_t s, uint32_t sfirst, uint32_t send,
                        const cand *cs, size_t nc, dyad_status *st)
{
    t->nw = 0;
    t->w = NULL;
    *st = DYAD_OK;
    size_t lo;
    if (c->lazy_model) {
        lo = c->words.len;
        if ((*st = dyadi_coder_parse(c, s)) != DYAD_OK)
            return -1;
    } else {
        /* every sentence was parsed: the words are in sentence order */
        const dyad_word *all = c->words.data;
        while (t->cursor < c->words.len && all[t->cursor].token < sfirst)
            t->cursor++;
        lo = t->cursor;
    }
    const dyad_word *all = c->words.data;
    size_t hi = lo;
    while (hi < c->words.len && all[hi].token < send && all[hi].token >= sfirst)
        hi++;
    if (hi == lo)
        return 0;
    if (reserve(t, hi - lo, send - sfirst) != 0) {
        *st = DYAD_ERR_NOMEM;
        return -1;
    }
    t->w = all + lo;
    t->nw = (uint32_t)(hi - lo);
    t->sfirst = sfirst;
    t->nt = send - sfirst;
    memset(t->tokw, 0, t->nt * sizeof *t->tokw);
    memset(t->kid, 0, t->nw * sizeof *t->kid);
    /* children in word order: walk backwards, pushing at the front */
    for (uint32_t i = t->nw; i-- > 0;) {
        const dyad_word *w = &t->w[i];
        t->cand[i] = -1;
        t->sib[i] = 0;
        t->tokw[w->token - sfirst] = i + 1;
        if (w->head && w->head <= t->nw && w->head != i + 1) {
            t->sib[i] = t->kid[w->head - 1];
            t->kid[w->head - 1] = i + 1;
        }
    }
    /* each candidate's tokens, and each token's words (two for "du") */
    for (size_t k = 0; k < nc; k++)
        for (uint32_t j = cs[k].first; j < cs[k].end && j >= sfirst && j < send; j++)
            for (uint32_t i = t->tokw[j - sfirst]; i && i <= t->nw && t->w[i - 1].token == j; i++)
                if (t->cand[i - 1] < 0)
                    t->cand[i - 1] = (int32_t)k;
    return 1;
}

const dyad_word *dyadi_tree_word(const dyadi_tree *t, uint32_t i)
{
    return t->nw && i >= t->sfirst && i - t->sfirst < t->nt && t->tokw[i - t->sfirst]
               ? &t->w[t->tokw[i - t->sfirst] - 1]
               : NULL;
}

/* ---- small views -------------------------------------------------------- */

static uint32_t head(const dyadi_tree *t, uint32_t i)
{
    const dyad_word *w = &t->w[i];
    return w->head && w->head <= t->nw ? w->head - 1 : NONE;
}

/* deprel is rel, or rel with a subtype ("obl" matches "obl:arg") */
static int rel_base(const dyad_word *w, const char *rel)
{
    size_t n = strlen(rel);
    return w->deprel && strncmp(w->deprel, rel, n) == 0 && (w->deprel[n] == '\0' || w->deprel[n] == ':');
}

static int rel_is(const dyad_word *w, const char *rel)
{
    return w->deprel && strcmp(w->deprel, rel) == 0;
}

static int upos_is(const dyad_word *w, const char *u)
{
    return w->upos && strcmp(w->upos, u) == 0;
}

static int feat(const dyad_word *w, const char *f)
{
    return w->feats && strstr(w->feats, f) != NULL;
}

/* The first child of v with this exact deprel, or NONE. */
static uint32_t child(const dyadi_tree *t, uint32_t v, const char *rel)
{
    for (uint32_t k = t->kid[v]; k; k = t->sib[k - 1])
        if (rel_is(&t->w[k - 1], rel))
            return k - 1;
    return NONE;
}

/* The case marker of a nominal dependent: the lemma of its "case" child
 * ("with", "contre", "à" for "au"), or NULL. */
static const char *case_of(const dyadi_tree *t, uint32_t d)
{
    for (uint32_t k = t->kid[d]; k; k = t->sib[k - 1])
        if (rel_is(&t->w[k - 1], "case"))
            return t->w[k - 1].lemma ? t->w[k - 1].lemma : t->w[k - 1].form;
    return NULL;
}

static int is_relative_pronoun(const dyad_word *w)
{
    static const char *const rel[] = {"who", "which", "that", "whom", "qui", "que", "lequel",
                                      "laquelle", "lesquels", "lesquelles", "dont", NULL};
    if (feat(w, "PronType=Rel"))
        return 1;
    for (int i = 0; rel[i]; i++)
        if (w->lemma && strcmp(w->lemma, rel[i]) == 0)
            return 1;
    return 0;
}

static int nominal(const dyad_word *w)
{
    return upos_is(w, "NOUN") || upos_is(w, "PROPN");
}

/* The antecedent of relative pronoun r by position: the nominal right
 * before it, over punctuation ("India, which ..."), or NONE. */
static uint32_t antecedent(const dyadi_tree *t, uint32_t r)
{
    uint32_t i = r;
    while (i > 0 && upos_is(&t->w[i - 1], "PUNCT"))
        i--;
    if (i == 0 || !nominal(&t->w[i - 1]))
        return NONE;
    /* the head of its flat name or compound ("Kim Jong-un", "Vladimir Putin") */
    uint32_t x = i - 1;
    while ((rel_base(&t->w[x], "flat") || rel_is(&t->w[x], "compound")) && head(t, x) != NONE)
        x = head(t, x);
    return x;
}

/* Is the case marker of nominal d "by" or "par" (an agent)? */
static int agent_case(const dyadi_tree *t, uint32_t d)
{
    const char *cm = case_of(t, d);
    return cm && (strcmp(cm, "by") == 0 || strcmp(cm, "par") == 0);
}

/* A breadth-first walk down the tree from one word, at most three levels
 * deep and 32 words wide (actor phrases and complements are short). */
typedef struct walk {
    uint32_t word[32], depth[32];
    size_t head, tail;
} walk;

static void walk_push(walk *q, uint32_t x, uint32_t depth)
{
    if (depth < 3 && q->tail < 32) {
        q->word[q->tail] = x;
        q->depth[q->tail++] = depth;
    }
}

static void walk_start(walk *q, uint32_t x)
{
    q->head = q->tail = 0;
    walk_push(q, x, 0);
}

/* The next word and its depth: 1, or 0 when the walk is over. */
static int walk_next(walk *q, uint32_t *x, uint32_t *depth)
{
    if (q->head >= q->tail)
        return 0;
    *x = q->word[q->head];
    *depth = q->depth[q->head++];
    return 1;
}

/* ---- actor phrases ------------------------------------------------------ */

/* The first actor with a sector or an organisation code (not a bare
 * country, not a place, not an agent of no country) in the nominal
 * modifiers, appositions and compounds below d, or -1. */
static int organisation_below(const dyadi_tree *t, const cand *cs, uint32_t d)
{
    walk q;
    uint32_t x, dx;
    walk_start(&q, d);
    while (walk_next(&q, &x, &dx))
        for (uint32_t k = t->kid[x]; k; k = t->sib[k - 1]) {
            const dyad_word *w = &t->w[k - 1];
            if (!(rel_base(w, "nmod") || rel_base(w, "appos") || rel_base(w, "compound") ||
                  rel_base(w, "flat")))
                continue;
            int cd = t->cand[k - 1];
            if (cd >= 0 && !cs[cd].place && cs[cd].code && strlen(cs[cd].code) > 3 &&
                strncmp(cs[cd].code, "---", 3) != 0)
                return cd;
            walk_push(&q, k - 1, dx + 1);
        }
    return -1;
}

/* The actor candidate of the phrase headed by d: the one covering d, else
 * the nearest one down compound, amod, nmod, appos and flat arcs ("the
 * President of Turkey", "Khalilzad, a US peace envoy", "l'armée russe").
 * Places are locations, not actors, unless nothing else names one. */
static int actor_of(const dyadi_tree *t, const cand *cs, uint32_t d)
{
    if (d == NONE)
        return -1;
    int own = t->cand[d] >= 0 && !cs[t->cand[d]].place ? t->cand[d] : -1;
    if (own >= 0 && strncmp(cs[own].code, "---", 3) != 0)
        return own;
    /* an agent of no country speaks for the organisation of its phrase:
     * "les responsables Afrique de la FIDH", "a spokeswoman for the
     * Department of Justice" (not for a bare country, which only gives
     * it a nationality: "residents of Syria" stay civilians) */
    if (own >= 0) {
        int org = organisation_below(t, cs, d);
        return org >= 0 ? org : own;
    }
    walk q;
    uint32_t x, dx;
    walk_start(&q, d);
    while (walk_next(&q, &x, &dx)) {
        /* a participle's complement names the actor too: "suspects liés
         * au Front al-Nosra", "fighters loyal to X" */
        int from_acl = rel_is(&t->w[x], "acl");
        for (uint32_t k = t->kid[x]; k; k = t->sib[k - 1]) {
            const dyad_word *w = &t->w[k - 1];
            if (from_acl ? !rel_base(w, "obl")
                         : !(rel_base(w, "compound") || rel_base(w, "amod") || rel_base(w, "nmod") ||
                             rel_base(w, "appos") || rel_base(w, "flat") || rel_is(w, "det:poss") ||
                             rel_is(w, "acl")))
                continue;
            int cd = t->cand[k - 1];
            if (cd >= 0 && !cs[cd].place)
                return cd;
            walk_push(&q, k - 1, dx + 1);
        }
    }
    return -1;
}

/* Does word i lie under word a (within 32 steps)? */
static int descends(const dyadi_tree *t, uint32_t i, uint32_t a)
{
    for (int n = 0; n < 32 && i != NONE; n++, i = head(t, i))
        if (i == a)
            return 1;
    return 0;
}

/* "des Gilets jaunes ont tenté de forcer le passage mais la gendarmerie
 * les a gazés", "the protesters tried to force the gate but the police
 * dispersed them": a greedy parse reads the second clause's subject as a
 * conjunct of the first clause's object and hangs the second verb
 * elsewhere. A nominal n that is a conj with a coordinator of its own,
 * whose phrase is followed, over clitic pronouns, auxiliaries and
 * adverbs, by a finite verb (or one with a finite auxiliary) that has no
 * subject and does not govern n, is that verb's subject: returns the
 * verb, or NONE. */
static int speech_lemma(const dyad_word *w)
{
    return w->lemma && dyadi_in_list(w->lemma, "say,tell,report,add,dire,déclarer,affirmer,indiquer,ajouter,rapporter");
}

static uint32_t misread_conj_subject(const dyadi_tree *t, uint32_t n)
{
    if (!rel_is(&t->w[n], "conj") || !nominal(&t->w[n]))
        return NONE;
    /* "killing 12 people, activists in Beirut said": with no coordinator,
     * only the closing attribution's speaker */
    int bare = child(t, n, "cc") == NONE;
    uint32_t i = n + 1;
    while (i < t->nw && descends(t, i, n))
        i++;
    /* the speaker's own place, hung elsewhere ("activists in Beirut said") */
    while (bare && i + 1 < t->nw && upos_is(&t->w[i], "ADP") &&
           (upos_is(&t->w[i + 1], "PROPN") || upos_is(&t->w[i + 1], "NOUN")))
        i += 2;
    while (i < t->nw && (upos_is(&t->w[i], "AUX") || upos_is(&t->w[i], "ADV") ||
                         (upos_is(&t->w[i], "PRON") && !is_relative_pronoun(&t->w[i]))))
        i++;
    if (i >= t->nw || !upos_is(&t->w[i], "VERB") || descends(t, n, i) ||
        child(t, i, "nsubj") != NONE || child(t, i, "nsubj:pass") != NONE ||
        (bare && !speech_lemma(&t->w[i])))
        return NONE;
    /* "Neither the EU nor the US would endorse": a verb hung under a
     * first conjunct that is the root (no verb's object) is the whole
     * coordination's, not the second conjunct's alone */
    uint32_t h = head(t, n);
    if (h != NONE && head(t, h) == NONE && descends(t, i, h))
        return NONE;
    int finite = feat(&t->w[i], "VerbForm=Fin");
    for (uint32_t k = t->kid[i]; k && !finite; k = t->sib[k - 1])
        finite = rel_base(&t->w[k - 1], "aux") && feat(&t->w[k - 1], "VerbForm=Fin");
    return finite ? i : NONE;
}

/* The nominal that misread_conj_subject makes v's subject, or NONE. */
static uint32_t conj_subject_of(const dyadi_tree *t, uint32_t v)
{
    for (uint32_t x = v, n = 0; x > 0 && n < 12; n++) {
        x--;
        if (misread_conj_subject(t, x) == v)
            return x;
    }
    return NONE;
}

/* Is there an "and"/"et" between words from and k, on k or on k's head
 * (where a greedy parse leaves it: "Russia, and Switzerland met")? */
static int coordinator_before(const dyadi_tree *t, uint32_t from, uint32_t k)
{
    for (uint32_t c = from + 1; c < k; c++)
        if (rel_is(&t->w[c], "cc") && (head(t, c) == k || head(t, c) == head(t, k)))
            return 1;
    return 0;
}

/* Has x a coordinated nominal after word `after`: a conj child of x, or a
 * sibling of x with x's own deprel, with its "and"/"et" before it? */
static int list_goes_on(const dyadi_tree *t, uint32_t x, uint32_t after)
{
    uint32_t h = head(t, x);
    for (int pass = 0; pass < 2; pass++) {
        uint32_t p = pass ? h : x;
        if (p == NONE)
            continue;
        for (uint32_t k = t->kid[p]; k; k = t->sib[k - 1]) {
            const dyad_word *w = &t->w[k - 1];
            if (k - 1 <= after || !nominal(w) || !coordinator_before(t, after, k - 1))
                continue;
            if (pass ? (t->w[x].deprel && w->deprel && strcmp(w->deprel, t->w[x].deprel) == 0)
                     : rel_is(w, "conj"))
                return 1;
        }
    }
    return 0;
}

/* "The US, Russia, and Switzerland met", "Syria, Iraq and Iran signed":
 * a greedy parse reads the second name of a list as an apposition of the
 * first, or as a modifier with no preposition ("l'Allemagne, la France et
 * l'Italie"), and the last, with its "and", as the verb's second subject
 * or a conjunct. Two proper names of actors of different countries are no
 * apposition; when the list goes on with a coordinator after the second,
 * it is a list member (a member for add_members). */
static int list_read_as_appos(const dyadi_tree *t, const cand *cs, uint32_t d, uint32_t a)
{
    int unmarked_nmod = rel_is(&t->w[a], "nmod") && case_of(t, a) == NULL;
    if (!(rel_is(&t->w[a], "appos") || unmarked_nmod) || !upos_is(&t->w[a], "PROPN") ||
        !upos_is(&t->w[d], "PROPN"))
        return 0;
    int cd = t->cand[d], ca = t->cand[a];
    if (cd < 0 || ca < 0 || cs[cd].place || cs[ca].place || !cs[cd].code || !cs[ca].code ||
        strncmp(cs[cd].code, "---", 3) == 0 || strncmp(cs[ca].code, "---", 3) == 0 ||
        strncmp(cs[cd].code, cs[ca].code, 3) == 0)
        return 0;
    return list_goes_on(t, d, a) || list_goes_on(t, a, a);
}

static void conj_chain(const dyadi_tree *t, const cand *cs, uint32_t d, int *list, int *n);

/* Add the actor of each conjunct of d ("Russia and China") to list. */
static void add_conjuncts(const dyadi_tree *t, const cand *cs, uint32_t d, int *list, int *n)
{
    for (uint32_t k = d == NONE ? 0 : t->kid[d]; k; k = t->sib[k - 1]) {
        if (!rel_is(&t->w[k - 1], "conj") || misread_conj_subject(t, k - 1) != NONE)
            continue;
        int b = actor_of(t, cs, k - 1);
        int dup = 0;
        for (int i = 0; i < *n; i++)
            dup |= list[i] == b;
        if (b >= 0 && !dup && *n < TREE_MAX)
            list[(*n)++] = b;
        /* "Egypt, Jordan and Iraq": a greedy parse chains the last
         * conjunct under the one before it */
        if (b >= 0 && !dup && t->kid[k - 1])
            conj_chain(t, cs, k - 1, list, n);
    }
}

/* Has an actor of list[0..n) the country of candidate b? ("the workers
 * and the elected officials" of one country are one side of a country's
 * events; "the ministers of Egypt and Jordan" are two.) */
static int country_listed(const cand *cs, const int *list, int n, int b)
{
    const char *cb = cs[b].country ? cs[b].country : cs[b].code;
    for (int i = 0; i < n; i++) {
        const char *ci = cs[list[i]].country ? cs[list[i]].country : cs[list[i]].code;
        if (list[i] == b || (ci && cb && strlen(ci) >= 3 && strncmp(ci, cb, 3) == 0))
            return 1;
    }
    return 0;
}

/* Add the actor of d and of each of its conjuncts ("Russia and China",
 * "sanctions against Iran and Syria") to list. */
static void add_members(const dyadi_tree *t, const cand *cs, uint32_t d, int *list, int *n)
{
    int a = actor_of(t, cs, d);
    if (a >= 0 && *n < TREE_MAX)
        list[(*n)++] = a;
    for (uint32_t k = d == NONE ? 0 : t->kid[d]; k; k = t->sib[k - 1])
        if (list_read_as_appos(t, cs, d, k - 1)) {
            /* each recursion adds a member or stops, whatever the tree */
            int dup = *n >= TREE_MAX;
            for (int i = 0; i < *n; i++)
                dup |= list[i] == t->cand[k - 1];
            if (!dup)
                add_members(t, cs, k - 1, list, n);
        }
    add_conjuncts(t, cs, d, list, n);
    /* "the ministers of Egypt, Jordan and Iraq", "les dirigeants de la
     * France et de l'Allemagne": a head noun of no country whose actor is
     * its "of" complement (or one actor phrase with it) has the
     * complement's conjuncts as members too */
    if (a >= 0 && d != NONE)
        for (uint32_t k = t->kid[d]; k; k = t->sib[k - 1])
            if (rel_base(&t->w[k - 1], "nmod") && t->cand[k - 1] == a) {
                int more[TREE_MAX], nm = 0;
                add_conjuncts(t, cs, k - 1, more, &nm);
                for (int i = 0; i < nm && *n < TREE_MAX; i++)
                    if (!country_listed(cs, list, *n, more[i]))
                        list[(*n)++] = more[i];
                break;
            }
}

/* The conjuncts chained under conjunct d, each once (a chain can be no
 * longer than the sentence, and each step goes down the tree). */
static void conj_chain(const dyadi_tree *t, const cand *cs, uint32_t d, int *list, int *n)
{
    for (uint32_t k = t->kid[d]; k; k = t->sib[k - 1])
        if (rel_is(&t->w[k - 1], "conj") && nominal(&t->w[k - 1]) &&
            misread_conj_subject(t, k - 1) == NONE) {
            int b = actor_of(t, cs, k - 1);
            int dup = 0;
            for (int i = 0; i < *n; i++)
                dup |= list[i] == b;
            if (b >= 0 && !dup && *n < TREE_MAX) {
                list[(*n)++] = b;
                conj_chain(t, cs, k - 1, list, n);
            }
        }
}

/* ---- constructions ------------------------------------------------------ */

static uint32_t agent_of(const dyadi_tree *t, uint32_t v);

/* A passive verb, or a past participle with an agent ("les infrastructures
 * détruites par les rebelles", "a city shelled by Russian forces"). */
static int passive_verb(const dyadi_tree *t, uint32_t v)
{
    if (child(t, v, "nsubj:pass") != NONE || child(t, v, "aux:pass") != NONE ||
        child(t, v, "expl:pass") != NONE)
        return 1;
    const dyad_word *w = &t->w[v];
    /* "Criticized by Germany, the government ...": an opening participle
     * the tagger read as a finite past is passive by its obl:agent */
    int opening = v == 0 || (v == 1 && upos_is(&t->w[0], "ADV"));
    if (!((feat(w, "VerbForm=Part") || (opening && child(t, v, "obl:agent") != NONE)) &&
          feat(w, "Tense=Past")) ||
        agent_of(t, v) == NONE)
        return 0;
    /* an active compound tense with a "par"/"by" oblique is no passive:
     * "le Rwanda a répondu par la voix de son porte-parole", "Erdogan
     * attacked the proclamation by Trump" (a subject of its own, or the
     * perfect's auxiliary) */
    if (child(t, v, "nsubj") != NONE || child(t, v, "aux:tense") != NONE)
        return 0;
    for (uint32_t k = t->kid[v]; k; k = t->sib[k - 1]) {
        const dyad_word *a = &t->w[k - 1];
        if (rel_is(a, "aux") && a->lemma && (strcmp(a->lemma, "have") == 0 || strcmp(a->lemma, "avoir") == 0))
            return 0;
    }
    return 1;
}

/* The first child of v whose deprel is rel (or a subtype of it) and whose
 * case marker is in the comma-separated list, or NONE. */
static uint32_t marked_child(const dyadi_tree *t, uint32_t v, const char *rel, const char *list)
{
    for (uint32_t k = t->kid[v]; k; k = t->sib[k - 1]) {
        const char *cm = rel_base(&t->w[k - 1], rel) ? case_of(t, k - 1) : NULL;
        if (cm && dyadi_in_list(cm, list))
            return k - 1;
    }
    return NONE;
}

/* The agent of a passive: obl:agent, or an oblique introduced by by/par. */
static uint32_t agent_of(const dyadi_tree *t, uint32_t v)
{
    uint32_t a = child(t, v, "obl:agent");
    return a != NONE ? a : marked_child(t, v, "obl", "by,par");
}

/* The first construction met names the roles: a verb that shares a
 * subject says so, not the relative clause its first verb sits in. */
static void set_rule(tree_roles *out, const char *rule)
{
    if (!out->rule)
        out->rule = rule;
}

/* "President Trump and the previous Congress could not reach an agreement",
 * "Le président et le Parlement ont signé": a greedy parser reads the first
 * conjunct as the root and the verb as its conj, with the second conjunct
 * for subject and the "and"/"et" on the verb. When the verb v (a conj of a
 * nominal p before it) has its coordinator between p and its subject s,
 * p is a co-subject: its members join the sources. */
static void misattached_cosubject(const dyadi_tree *t, const cand *cs, uint32_t v, uint32_t s,
                                  tree_roles *out)
{
    uint32_t p = head(t, v);
    if (p == NONE || !rel_is(&t->w[v], "conj") || !nominal(&t->w[p]) || p >= s)
        return;
    uint32_t cc = child(t, v, "cc");
    if (cc == NONE || cc <= p || cc >= s)
        return;
    add_members(t, cs, p, out->src, &out->nsrc);
}

/* "The US, Russia, and Switzerland met": the list's last member, with its
 * "and", read as a second subject of the same verb. A verb has one
 * subject, so a later nominal subject with a coordinator of its own is a
 * co-subject of the first (s): its members join the sources. */
static void listed_cosubjects(const dyadi_tree *t, const cand *cs, uint32_t v, uint32_t s,
                              tree_roles *out)
{
    for (uint32_t k = t->kid[v]; k; k = t->sib[k - 1])
        if (k - 1 > s && rel_is(&t->w[k - 1], t->w[s].deprel) && nominal(&t->w[k - 1]) &&
            coordinator_before(t, s, k - 1))
            add_members(t, cs, k - 1, out->src, &out->nsrc);
}

/* The sentence's root when it is a nominal before word v, or NONE. */
static uint32_t nominal_root_before(const dyadi_tree *t, uint32_t v)
{
    for (uint32_t i = 0; i < v; i++)
        if (head(t, i) == NONE)
            return nominal(&t->w[i]) ? i : NONE;
    return NONE;
}

/* "Russia on Monday accused Ukraine of ..., the defence ministry said",
 * "Iran on Sunday expelled two diplomats, officials said": a greedy parse
 * makes the fronted subject the root (its date a modifier of it) and
 * hangs the verb as an adverbial clause of the trailing speech verb,
 * whose speaker it would inherit. An adverbial clause v with no subject
 * and no subordinator of its own, before its head, whose words before it
 * all belong to a nominal root's phrase (or to v's own), has that root
 * for subject: returns it, or NONE. */
static uint32_t root_read_before_verb(const dyadi_tree *t, uint32_t v)
{
    uint32_t p = head(t, v);
    if (!rel_is(&t->w[v], "advcl") || p == NONE || p < v || child(t, v, "mark") != NONE ||
        child(t, v, "nsubj") != NONE || child(t, v, "nsubj:pass") != NONE)
        return NONE;
    uint32_t r = nominal_root_before(t, v);
    if (r == NONE || !descends(t, p, r))
        return NONE;
    for (uint32_t i = 0; i < v; i++)
        if (i != r && descends(t, i, p) && !descends(t, i, v))
            return NONE;
    return r;
}

/* "Warren Christopher telephoned Russian Foreign Minister Andrei Kozyrev",
 * "Boris Yeltsin on Saturday hosted Japanese Prime Minister Ryutaro
 * Hashimoto": a greedy parse reads a title and name after the verb as its
 * subject, and the true subject before the verb as an oblique with no
 * preposition or as the root. When v's nsubj comes after v and a nominal
 * before v can be its subject (an unmarked dependent of v, or a nominal
 * root before v with no other clause of its own in between),
 * returns that nominal and sets *obj to the misread subject; else NONE. */
static uint32_t subject_before_object(const dyadi_tree *t, uint32_t v, uint32_t *obj)
{
    uint32_t s = child(t, v, "nsubj");
    if (s == NONE || s < v || child(t, v, "obj") != NONE || child(t, v, "expl") != NONE ||
        (v > 0 && upos_is(&t->w[v - 1], "PUNCT")))
        return NONE;
    uint32_t pre = NONE;
    for (uint32_t k = t->kid[v]; k && pre == NONE; k = t->sib[k - 1])
        if (k - 1 < v && nominal(&t->w[k - 1]) && !case_of(t, k - 1) &&
            (rel_base(&t->w[k - 1], "obl") || rel_is(&t->w[k - 1], "nmod")))
            pre = k - 1;
    if (pre == NONE) {
        uint32_t r = nominal_root_before(t, v);
        if (r == NONE || !descends(t, v, r))
            return NONE;
        /* no other clause of the root between it and v */
        for (uint32_t i = r + 1; i < v; i++)
            if (head(t, i) == r && (rel_is(&t->w[i], "conj") || rel_is(&t->w[i], "parataxis")))
                return NONE;
        pre = r;
    }
    *obj = s;
    return pre;
}

/* "C'est la Turquie qui a rappelé ...", "It was Russia that vetoed ...":
 * in a cleft the relative clause's antecedent is the focus, the nominal
 * root whose subject is the pronoun "ce"/"it" with a copula, wherever the
 * parser hung the clause. The focus before relative pronoun r, or NONE. */
static uint32_t cleft_focus(const dyadi_tree *t, uint32_t r)
{
    uint32_t f = r;
    for (int n = 0; n < 32 && head(t, f) != NONE; n++)
        f = head(t, f);
    if (f >= r || !nominal(&t->w[f]) || child(t, f, "cop") == NONE)
        return NONE;
    uint32_t p = child(t, f, "nsubj");
    const dyad_word *pw = p == NONE ? NULL : &t->w[p];
    return pw && upos_is(pw, "PRON") && pw->lemma && dyadi_in_list(pw->lemma, "ce,it") ? f : NONE;
}

/* The antecedent of the relative pronoun s, the subject of v, when the
 * parser did not hang v on it: a cleft's focus ("c'est X qui", the
 * parser's advcl:cleft or a clause hung elsewhere), else the nominal right
 * before s; when that names no actor and is a nominal modifier with a
 * case marker, the noun it modifies ("les embuscades de Daech dans le
 * désert, qui ont coûté la vie", "the attacks by the rebels in the north,
 * which killed"): a relative clause qualifies the head of its phrase. */
static uint32_t relative_antecedent(const dyadi_tree *t, const cand *cs, uint32_t v, uint32_t s)
{
    if (rel_is(&t->w[v], "advcl:cleft") && head(t, v) != NONE)
        return head(t, v);
    uint32_t a = antecedent(t, s);
    if (a != NONE && actor_of(t, cs, a) >= 0)
        return a;
    uint32_t f = cleft_focus(t, s);
    if (f != NONE)
        return f;
    uint32_t h = a == NONE ? NONE : head(t, a);
    if (h != NONE && rel_base(&t->w[a], "nmod") && case_of(t, a) && nominal(&t->w[h]) &&
        actor_of(t, cs, h) >= 0)
        return h;
    return a;
}

/* The source of verb v: its subject, or the subject it inherits. Sets
 * out->subj_known when v (or its controller) has a subject that is no
 * actor, so that no word-order guess replaces it. */
static void subject(const dyadi_tree *t, const cand *cs, uint32_t v, int depth, tree_roles *out)
{
    if (depth > 4 || v == NONE)
        return;
    const dyad_word *vw = &t->w[v];
    uint32_t misread, pre = subject_before_object(t, v, &misread);
    if (pre != NONE) {
        out->subj_known = 1;
        set_rule(out, "tree:object-read-as-subject");
        add_members(t, cs, pre, out->src, &out->nsrc);
        return;
    }
    uint32_t s = child(t, v, "nsubj");
    if (s == NONE)
        s = child(t, v, "nsubj:outer");
    if (s != NONE) {
        out->subj_known = 1;
        /* "China, which refused ...": the relative pronoun stands for the
         * noun; when the parser hung the clause elsewhere, for the nominal
         * right before it */
        uint32_t ante = NONE;
        if (is_relative_pronoun(&t->w[s]))
            ante = rel_base(vw, "acl") ? head(t, v) : relative_antecedent(t, cs, v, s);
        if (ante != NONE) {
            set_rule(out, "tree:relative-clause");
            add_members(t, cs, ante, out->src, &out->nsrc);
        } else {
            set_rule(out, "tree:subject");
            add_members(t, cs, s, out->src, &out->nsrc);
            misattached_cosubject(t, cs, v, s, out);
            listed_cosubjects(t, cs, v, s, out);
        }
        return;
    }
    /* a subject the parse put elsewhere: the root before v, or a
     * conjunct of the clause before */
    uint32_t rn = root_read_before_verb(t, v);
    uint32_t cn = rn != NONE ? rn : conj_subject_of(t, v);
    if (cn != NONE) {
        out->subj_known = 1;
        set_rule(out, rn != NONE ? "tree:subject-read-as-root" : "tree:subject-read-as-conjunct");
        add_members(t, cs, cn, out->src, &out->nsrc);
        return;
    }
    uint32_t p = head(t, v);
    if (p == NONE)
        return;
    /* "Dozens of IS members in Syria were arrested ...", "India, which ...,
     * refused": a verb the parser hung under a nominal (often the root)
     * with no subject of its own has that nominal for subject */
    if ((rel_is(vw, "parataxis") || rel_is(vw, "conj") || rel_is(vw, "dep") ||
         rel_is(vw, "appos")) && nominal(&t->w[p])) {
        out->subj_known = 1;
        set_rule(out, "tree:nominal-head");
        add_members(t, cs, p, out->src, &out->nsrc);
        return;
    }
    if (rel_is(vw, "xcomp")) {
        /* object control ("urged Iran to stop", "a appelé X à"), else
         * subject control ("refused to condemn", "est prêt à envoyer") */
        uint32_t o = child(t, p, "obj");
        if (o == NONE)
            o = child(t, p, "iobj");
        if (o != NONE && !upos_is(&t->w[p], "ADJ") && actor_of(t, cs, o) >= 0) {
            out->subj_known = 1;
            set_rule(out, "tree:object-control");
            add_members(t, cs, o, out->src, &out->nsrc);
            return;
        }
        set_rule(out, "tree:subject-control");
        subject(t, cs, p, depth + 1, out);
    } else if (rel_is(vw, "conj")) {
        set_rule(out, "tree:shared-subject");
        subject(t, cs, p, depth + 1, out);
    } else if (rel_is(vw, "acl:relcl") || (rel_is(vw, "acl") && !feat(vw, "Tense=Past"))) {
        /* a relative clause with no subject of its own, a present
         * participle ("the troops attacking the city") */
        out->subj_known = 1;
        set_rule(out, "tree:head-noun");
        add_members(t, cs, p, out->src, &out->nsrc);
    } else if (rel_is(vw, "advcl") && (feat(vw, "VerbForm=Inf") || feat(vw, "VerbForm=Part") ||
                                       feat(vw, "VerbForm=Ger"))) {
        set_rule(out, "tree:adverbial-clause");
        subject(t, cs, p, depth + 1, out);
    }
}

static void add_one(int *list, int *n, int a)
{
    for (int i = 0; i < *n; i++)
        if (list[i] == a)
            return;
    if (a >= 0 && *n < TREE_MAX)
        list[(*n)++] = a;
}

/* Obliques and nominal modifiers of x whose case marker is in the frame's
 * list ("sanctions against Iran", "commercer avec la Russie"). */
static void frame_obliques(const dyadi_tree *t, const cand *cs, uint32_t x, const char *preps,
                           int src0, tree_roles *out)
{
    for (uint32_t k = t->kid[x]; k && preps; k = t->sib[k - 1]) {
        const dyad_word *w = &t->w[k - 1];
        if (!(rel_base(w, "obl") || rel_base(w, "nmod") || rel_base(w, "iobj")))
            continue;
        const char *cm = case_of(t, k - 1);
        if (!cm || !dyadi_prep_matches(cm, preps))
            continue;
        int before = out->ntgt;
        add_members(t, cs, k - 1, out->tgt, &out->ntgt);
        for (int i = before; i < out->ntgt; i++)
            if (out->tgt[i] == src0) {
                memmove(&out->tgt[i], &out->tgt[i + 1], (size_t)(out->ntgt - i - 1) * sizeof *out->tgt);
                out->ntgt--;
                i--;
            }
    }
}

/* A nationality adjective (amod) on noun x, or its possessor: the partner
 * of the event x is the theme of ("rejected the Russian proposal",
 * "rejected Russia's proposal", "did not accede to the protesters'
 * demands"; French writes the possessor with "de", a frame oblique). */
static void adjective_partner(const dyadi_tree *t, const cand *cs, uint32_t x, int src0,
                              tree_roles *out)
{
    for (uint32_t k = t->kid[x]; k; k = t->sib[k - 1]) {
        int a = t->cand[k - 1];
        if (rel_base(&t->w[k - 1], "amod") && a >= 0 && cs[a].adj && a != src0) {
            add_one(out->tgt, &out->ntgt, a);
            return;
        }
    }
    for (uint32_t k = t->kid[x]; k; k = t->sib[k - 1]) {
        int a = rel_is(&t->w[k - 1], "nmod:poss") ? actor_of(t, cs, k - 1) : -1;
        if (a >= 0 && a != src0 && !cs[a].place) {
            add_one(out->tgt, &out->ntgt, a);
            return;
        }
    }
}

/* The direct object of v; in French a partitive ("acheter du pétrole
 * russe", parsed as obl:arg with "de") stands for it. */
static uint32_t object(const dyadi_tree *t, uint32_t v)
{
    uint32_t o = child(t, v, "obj");
    if (o != NONE || subject_before_object(t, v, &o) != NONE)
        return o;
    o = marked_child(t, v, "obl:arg", "de");
    if (o != NONE && child(t, o, "det") != NONE)
        return o;
    /* "a critiqué les États-Unis" read as an oblique with no case marker:
     * a bare nominal after the verb is its object */
    for (uint32_t k = t->kid[v]; k; k = t->sib[k - 1])
        if (k - 1 > v && (rel_base(&t->w[k - 1], "obl") || rel_base(&t->w[k - 1], "nmod")) &&
            nominal(&t->w[k - 1]) && !case_of(t, k - 1))
            return k - 1;
    return NONE;
}

/* "ont comparu pour « outrage » et « incitation à la révolte » devant un
 * tribunal militaire", "received military aid for its troops in the north
 * from France": a greedy parse hangs the verb's last oblique on the noun
 * before it. When no dependent of the verb names the giver, a nominal
 * modifier with a from= preposition below the verb's object and obliques
 * does, for prepositions that do not also mark a noun's own complement
 * ("devant", "before", "from"; not "de"/"of"). The actor, or -1. */
static int misattached_giver(const dyadi_tree *t, const cand *cs, uint32_t v, const dyadi_trigger *e,
                             int src0)
{
    for (uint32_t n = 0; n < t->nw; n++) {
        if (!rel_base(&t->w[n], "nmod") || head(t, n) == v)
            continue;
        /* below v through nominals only, within the verb's own clause */
        uint32_t x = head(t, n);
        for (int d = 0; d < 4 && x != NONE && x != v && !upos_is(&t->w[x], "VERB"); d++)
            x = head(t, x);
        const char *cm = x == v ? case_of(t, n) : NULL;
        int a = cm && !dyadi_in_list(cm, "de,du,des,of") && dyadi_prep_matches(cm, e->from) ? actor_of(t, cs, n)
                                                                                          : -1;
        if (a >= 0 && a != src0)
            return a;
    }
    return -1;
}

/* "received military aid from Russia", "a reçu une aide de la Russie"
 * (from=from|de): the actor of such an oblique, on the verb, on its object
 * or on the expression's words, is the giver. */
static int giver(const dyadi_tree *t, const cand *cs, uint32_t v, const trig *tr, int src0)
{
    const dyadi_trigger *e = tr->e;
    uint32_t heads[MAX_DEPTH + 2];
    size_t nh = 0;
    heads[nh++] = v;
    uint32_t o = child(t, v, "obj");
    if (o != NONE)
        heads[nh++] = o;
    for (uint32_t i = tr->first; i < tr->end && nh < MAX_DEPTH + 2; i++) {
        const dyad_word *w = dyadi_tree_word(t, i);
        if (w)
            heads[nh++] = (uint32_t)(w - t->w);
    }
    for (size_t h = 0; h < nh; h++)
        for (uint32_t k = t->kid[heads[h]]; k; k = t->sib[k - 1]) {
            const dyad_word *w = &t->w[k - 1];
            const char *cm = rel_base(w, "obl") || rel_base(w, "nmod") ? case_of(t, k - 1) : NULL;
            int a = cm && dyadi_prep_matches(cm, e->from) ? actor_of(t, cs, k - 1) : -1;
            if (a >= 0 && a != src0)
                return a;
        }
    return misattached_giver(t, cs, v, e, src0);
}

/* "a averti que le Royaume-Uni devra payer", "warned that Iran would pay
 * a heavy price", "urged that Israel withdraw": a warning, an appeal, a
 * demand or a criticism whose object names no actor is addressed to the
 * subject of its complement clause, when that subject is an actor of another country
 * (what a government says of its own side is no dyad). */
static void clause_addressee(const dyadi_tree *t, const cand *cs, uint32_t v, const dyadi_trigger *e,
                             int src0, tree_roles *out)
{
    static const char *const roots[] = {"02", "10", "11", "13", NULL};
    int ok = 0;
    for (int i = 0; roots[i] && e->code; i++)
        ok |= strncmp(e->code, roots[i], 2) == 0;
    if (!ok)
        return;
    uint32_t cc = child(t, v, "ccomp");
    uint32_t s = cc == NONE ? NONE : child(t, cc, "nsubj");
    int a = actor_of(t, cs, s);
    if (a < 0 || a == src0 || cs[a].place)
        return;
    if (src0 >= 0 && cs[src0].country && cs[a].country && strcmp(cs[src0].country, cs[a].country) == 0)
        return;
    add_one(out->tgt, &out->ntgt, a);
}

/* "demande l'ouverture d'une enquête par les autorités russes", "called
 * for an inquiry by the United Nations": an appeal or a demand whose
 * requested act names its agent inside the verb's complement is addressed
 * to that agent. Breadth-first below v's complements, from the second
 * level on (a "par"/"by" oblique of the verb itself is its means: "a
 * demandé par la voix de son porte-parole"), but for an obl:agent the
 * parser hung on the verb when it has an object. */
static void requested_agent(const dyadi_tree *t, const cand *cs, uint32_t v, const dyadi_trigger *e,
                            int src0, tree_roles *out)
{
    if (!e->code || (strncmp(e->code, "02", 2) != 0 && strncmp(e->code, "10", 2) != 0))
        return;
    walk q;
    uint32_t x, dx;
    walk_start(&q, v);
    while (walk_next(&q, &x, &dx)) {
        for (uint32_t k = t->kid[x]; k; k = t->sib[k - 1]) {
            const dyad_word *w = &t->w[k - 1];
            if (!(rel_base(w, "obj") || rel_base(w, "obl") || rel_base(w, "nmod")))
                continue;
            /* an active verb with an object has no agent of its own: an
             * obl:agent on it is its object's, misattached */
            int own = dx == 0 && rel_is(w, "obl:agent") && child(t, v, "obj") != NONE;
            if (own || (dx >= 1 && (rel_is(w, "obl:agent") || rel_is(w, "nmod:agent") ||
                                    agent_case(t, k - 1)))) {
                int a = actor_of(t, cs, k - 1);
                if (a >= 0 && a != src0 && !cs[a].place) {
                    add_one(out->tgt, &out->ntgt, a);
                    return;
                }
            }
            walk_push(&q, k - 1, dx + 1);
        }
    }
}

/* "a réclamé la démission du gouvernement", "called for the resignation
 * of the prime minister", "demanded the president's ouster": a call, a
 * demand or a protest for a change of leadership (CAMEO 0241, 1041, 1411)
 * is aimed at the leader its noun names, the noun's "de"/"of" complement
 * or its possessor (the expression's own word, or the verb's object). */
static void leader_to_change(const dyadi_tree *t, const cand *cs, uint32_t v, const trig *tr, int src0,
                             tree_roles *out)
{
    const char *code = tr->e->code;
    if (!code || !dyadi_in_list(code, "0241,1041,1411"))
        return;
    uint32_t nouns[MAX_DEPTH + 1];
    size_t nn = 0;
    for (uint32_t i = tr->first; i < tr->end && nn < MAX_DEPTH; i++) {
        const dyad_word *w = dyadi_tree_word(t, i);
        if (w && (uint32_t)(w - t->w) != v && nominal(w))
            nouns[nn++] = (uint32_t)(w - t->w);
    }
    uint32_t o = child(t, v, "obj");
    if (o != NONE)
        nouns[nn++] = o;
    for (size_t h = 0; h < nn && !out->ntgt; h++)
        for (uint32_t k = t->kid[nouns[h]]; k && !out->ntgt; k = t->sib[k - 1]) {
            const dyad_word *w = &t->w[k - 1];
            const char *cm = case_of(t, k - 1);
            if (!(rel_is(w, "nmod:poss") || (rel_base(w, "nmod") && cm && dyadi_in_list(cm, "de,of"))))
                continue;
            int before = out->ntgt;
            add_members(t, cs, k - 1, out->tgt, &out->ntgt);
            for (int i = before; i < out->ntgt; i++)
                if (out->tgt[i] == src0 || cs[out->tgt[i]].place) {
                    memmove(&out->tgt[i], &out->tgt[i + 1], (size_t)(out->ntgt - i - 1) * sizeof *out->tgt);
                    out->ntgt--;
                    i--;
                }
        }
}

/* "a rappelé son ambassadeur en Italie", "a décidé d'envoyer un émissaire
 * au Burundi", "recalled its embassy staff to ...": an expression that
 * names its own official (an ambassador, an envoy, an embassy) or forces
 * aims its act at the country they are posted in. The actors stage reads that place as
 * where the official serves ("place-of-agent"), so no actor covers it: the
 * place in a frame oblique of the verb or of the expression's words is the
 * target. */
static void posted_place(const dyadi_tree *t, const cand *cs, uint32_t v, const trig *tr, int src0,
                         tree_roles *out)
{
    const dyadi_trigger *e = tr->e;
    if (e->kind != DYADI_TK_EXPR || !e->prep)
        return;
    uint32_t heads[MAX_DEPTH + 1];
    size_t nh = 0;
    int official = 0;
    heads[nh++] = v;
    for (uint32_t i = tr->first; i < tr->end && nh < MAX_DEPTH + 1; i++) {
        const dyad_word *w = dyadi_tree_word(t, i);
        if (w && (uint32_t)(w - t->w) != v)
            heads[nh++] = (uint32_t)(w - t->w);
        /* the agent is a state's official (ambassador, envoy, embassy:
         * GOV) or its forces (MIL: "strengthened its forces in Lebanon"),
         * not workers or civilians sent somewhere */
        int a = w ? t->cand[w - t->w] : -1;
        size_t l = a >= 0 && cs[a].code ? strlen(cs[a].code) : 0;
        official |= l > 3 && cs[a].how && strcmp(cs[a].how, "composition:agent+in+place") == 0 &&
                    (strcmp(cs[a].code + l - 3, "GOV") == 0 || strcmp(cs[a].code + l - 3, "MIL") == 0);
    }
    if (!official)
        return;
    for (size_t h = 0; h < nh && !out->ntgt; h++)
        for (uint32_t k = t->kid[heads[h]]; k && !out->ntgt; k = t->sib[k - 1]) {
            const dyad_word *w = &t->w[k - 1];
            const char *cm = rel_base(w, "obl") || rel_base(w, "nmod") ? case_of(t, k - 1) : NULL;
            int a = cm && dyadi_prep_matches(cm, e->prep) ? t->cand[k - 1] : -1;
            if (a >= 0 && a != src0 && cs[a].place && cs[a].how && strcmp(cs[a].how, "place-of-agent") == 0 &&
                cs[a].code && strlen(cs[a].code) == 3)
                add_one(out->tgt, &out->ntgt, a);
        }
}

/* "met with Assad", "sided with the rebels", "intruded on Iraqi
 * airspace": a phrasal verb written with its preposition (PETRARCH's verb
 * forms "meet with", "side with") has no prep in its frame; the
 * preposition is the expression's own last word, and the nominal it
 * marks is the target (a preposition in the gap of "refuse ... direct
 * assistance" belongs to other words). */
static void particle_object(const dyadi_tree *t, const cand *cs, const trig *tr, int src0, tree_roles *out)
{
    const dyad_word *w = tr->end > tr->first ? dyadi_tree_word(t, tr->end - 1) : NULL;
    uint32_t n = w && rel_is(w, "case") ? head(t, (uint32_t)(w - t->w)) : NONE;
    if (n == NONE || !(rel_base(&t->w[n], "obl") || rel_base(&t->w[n], "nmod")))
        return;
    int tmp[TREE_MAX], nt = 0;
    add_members(t, cs, n, tmp, &nt);
    for (int k = 0; k < nt; k++)
        if (tmp[k] != src0)
            add_one(out->tgt, &out->ntgt, tmp[k]);
}

/* "Switzerland expelled two Russian diplomats", "freed 150 Palestinian
 * prisoners": when the actors stage read the expression's own noun and
 * its nationality as one actor ("Russian diplomats", demonym + agent), no
 * amod is left for adjective_partner; that actor is the partner, when it
 * is of another country than the source (not "Kenya deployed Kenyan
 * soldiers"). Only a nationality: "envoyer des travailleurs dans le
 * Donbass" sends them to a place, not to its people; but the victims of
 * violence where it happened are that place's people ("killed 20
 * civilians in Idlib", kill ... civilian). */
static void composed_theme(const dyadi_tree *t, const cand *cs, const trig *tr, uint32_t v, int src0,
                           tree_roles *out)
{
    const char *sc = src0 >= 0 ? cs[src0].country : NULL;
    const char *code = tr->e->code ? tr->e->code : "";
    const int violence = (code[0] == '1' && code[1] >= '7') || (code[0] == '2' && code[1] == '0');
    for (uint32_t i = tr->first; i < tr->end && !out->ntgt; i++) {
        const dyad_word *w = dyadi_tree_word(t, i);
        uint32_t x = w ? (uint32_t)(w - t->w) : NONE;
        int a = x != NONE && x != v && nominal(w) ? t->cand[x] : -1;
        if (a < 0 || a == src0 || cs[a].place || !cs[a].how ||
            !(dyadi_in_list(cs[a].how, "composition:demonym+agent,composition:agent+demonym") ||
              (violence && strcmp(cs[a].how, "composition:agent+in+place") == 0)) ||
            !cs[a].country || (sc && strcmp(sc, cs[a].country) == 0))
            continue;
        add_one(out->tgt, &out->ntgt, a);
    }
}

/* "threatened to impose sanctions on Germany", "threatened on Monday to
 * break relations with Russia": an expression that spans its own
 * complement verb ("threaten ... sanction", comp=to) names the threat,
 * and the one threatened is that verb's object or the nominal of one of
 * its target-like obliques (the words of PETRARCH's converted expressions
 * use the same list). */
static void complement_in_span(const dyadi_tree *t, const cand *cs, const trig *tr, uint32_t v, int src0,
                               tree_roles *out)
{
    for (uint32_t i = tr->first + 1; i < tr->end && !out->ntgt; i++) {
        const dyad_word *w = dyadi_tree_word(t, i);
        uint32_t x = w ? (uint32_t)(w - t->w) : NONE;
        /* an xcomp, or an advcl when a time word stands between
         * ("threatened on Tuesday to cut off") */
        if (x == NONE || x == v || !upos_is(w, "VERB") || !(rel_is(w, "xcomp") || rel_is(w, "advcl")) ||
            head(t, x) != v)
            continue;
        int tmp[TREE_MAX], nt = 0;
        add_members(t, cs, child(t, x, "obj"), tmp, &nt);
        uint32_t o = nt ? NONE : marked_child(t, x, "obl", "to,with,against,on,into,at,contre,avec,à,sur");
        if (o != NONE)
            add_members(t, cs, o, tmp, &nt);
        for (int k = 0; k < nt; k++)
            if (tmp[k] != src0 && !cs[tmp[k]].place)
                add_one(out->tgt, &out->ntgt, tmp[k]);
    }
}

/* The target of verb v for trigger e. */
static void target(const dyadi_tree *t, const cand *cs, uint32_t v, const trig *tr, tree_roles *out)
{
    const dyadi_trigger *e = tr->e;
    int src0 = out->nsrc ? out->src[0] : -1;
    out->giver = e->from ? giver(t, cs, v, tr, src0) : -1;
    uint32_t o = object(t, v);
    if (e->obj == DYADI_OBJ_TARGET && o != NONE) {
        int tmp[TREE_MAX], nt = 0;
        add_members(t, cs, o, tmp, &nt);
        for (int i = 0; i < nt; i++)
            if (tmp[i] != src0)
                add_one(out->tgt, &out->ntgt, tmp[i]);
        if (out->ntgt)
            return;
    }
    if (e->obj == DYADI_OBJ_TARGET) {
        int a = actor_of(t, cs, child(t, v, "iobj"));
        if (a >= 0 && a != src0)
            add_one(out->tgt, &out->ntgt, a);
        if (out->ntgt)
            return;
    }
    /* "will give Tanzania a grant", "gave Ukraine 5 million dollars": an
     * indirect object is the recipient whatever the frame says of the
     * direct one (French writes it with "à", a frame oblique) */
    if (!out->ntgt && e->obj != DYADI_OBJ_TARGET) {
        int a = actor_of(t, cs, child(t, v, "iobj"));
        if (a >= 0 && a != src0)
            add_one(out->tgt, &out->ntgt, a);
    }
    if (!out->ntgt)
        frame_obliques(t, cs, v, e->prep, src0, out);
    /* the words of an expression ("impose sanctions on", "lancer une
     * offensive contre") and a theme object carry the frame's obliques too */
    for (uint32_t i = tr->first; i < tr->end && !out->ntgt; i++) {
        const dyad_word *w = dyadi_tree_word(t, i);
        uint32_t x = w ? (uint32_t)(w - t->w) : NONE;
        if (x != NONE && x != v)
            frame_obliques(t, cs, x, e->prep, src0, out);
    }
    if (!out->ntgt && !e->prep)
        particle_object(t, cs, tr, src0, out);
    if (!out->ntgt)
        posted_place(t, cs, v, tr, src0, out);
    if (!out->ntgt && o != NONE && e->obj != DYADI_OBJ_TARGET)
        frame_obliques(t, cs, o, e->prep, src0, out);
    /* "acheter des drones iraniens", "buy Iranian drones", "free 150
     * Palestinian prisoners": a nationality adjective on the object that is
     * a theme, or on the expression's own noun, names the partner */
    if (!out->ntgt && o != NONE && e->obj != DYADI_OBJ_TARGET)
        adjective_partner(t, cs, o, src0, out);
    for (uint32_t i = tr->first; i < tr->end && !out->ntgt; i++) {
        const dyad_word *w = dyadi_tree_word(t, i);
        uint32_t x = w ? (uint32_t)(w - t->w) : NONE;
        if (x != NONE && x != v)
            adjective_partner(t, cs, x, src0, out);
    }
    if (!out->ntgt && e->kind == DYADI_TK_EXPR && e->obj != DYADI_OBJ_TARGET)
        composed_theme(t, cs, tr, v, src0, out);
    if (!out->ntgt && e->kind == DYADI_TK_EXPR && e->comp)
        complement_in_span(t, cs, tr, v, src0, out);
    /* "allowed candidate Ouattara to run", "sent Ukraine humanitarian
     * aid" parsed with the recipient as an object: an expression names its
     * own theme ("candidate", "aid"), so an actor that is another object of
     * the verb is the one it goes to (the object
     * word itself, not an actor inside its phrase: "blew up power lines
     * leading into Kabul") */
    for (uint32_t k = t->kid[v]; k && !out->ntgt && e->kind == DYADI_TK_EXPR && e->obj != DYADI_OBJ_TARGET;
         k = t->sib[k - 1]) {
        if (!rel_is(&t->w[k - 1], "obj"))
            continue;
        /* the expression's theme is its last word ("asylum", "military
         * assistance"); the gap before it may hold the recipient */
        const dyad_word *w0 = dyadi_tree_word(t, tr->first), *w1 = dyadi_tree_word(t, tr->end - 1);
        int inside = (w0 && (uint32_t)(w0 - t->w) == k - 1) || (w1 && (uint32_t)(w1 - t->w) == k - 1);
        int a = inside ? -1 : t->cand[k - 1];
        if (a >= 0 && a != src0 && !cs[a].place)
            add_one(out->tgt, &out->ntgt, a);
    }
    if (!out->ntgt)
        leader_to_change(t, cs, v, tr, src0, out);
    if (!out->ntgt)
        clause_addressee(t, cs, v, e, src0, out);
    if (!out->ntgt)
        requested_agent(t, cs, v, e, src0, out);
}

/* "un mandat d'arrêt a été émis contre l'ancien ministre par le tribunal",
 * "sanctions were imposed on Iran by the European Union": an event noun
 * that is the passive subject of a verb is that verb's act, as its object
 * is in the active ("le tribunal a émis un mandat d'arrêt contre"); the
 * verb's agent is its source and the frame's obliques on the verb its
 * target. */
static void noun_passive_subject(const dyadi_tree *t, const cand *cs, uint32_t n,
                                 const dyadi_trigger *e, tree_roles *out)
{
    uint32_t v = head(t, n);
    if (v == NONE || !rel_is(&t->w[n], "nsubj:pass") || !upos_is(&t->w[v], "VERB"))
        return;
    if (!out->nsrc) {
        uint32_t a = agent_of(t, v);
        if (a != NONE)
            add_members(t, cs, a, out->src, &out->nsrc);
        if (out->nsrc)
            out->rule = "tree:noun-passive-subject";
    }
    if (!out->ntgt)
        frame_obliques(t, cs, v, e->prep, out->nsrc ? out->src[0] : -1, out);
}

/* "des manifestations ont eu lieu à Séoul contre la présidente", "the
 * visit took place in Moscow", "protests were held against the bill": the
 * verb an event noun is the subject of says where and against whom it
 * happened; the frame's obliques on that verb are the noun's targets. */
static void noun_subject_obliques(const dyadi_tree *t, const cand *cs, uint32_t n,
                                  const dyadi_trigger *e, tree_roles *out)
{
    uint32_t v = head(t, n);
    if (out->ntgt || v == NONE || !rel_is(&t->w[n], "nsubj") || !upos_is(&t->w[v], "VERB"))
        return;
    frame_obliques(t, cs, v, e->prep, out->nsrc ? out->src[0] : -1, out);
}

/* "Lors d'une visite en Chine, le président a signé ...", "au cours d'un
 * voyage en Allemagne", "pendant sa visite au Japon", "during a visit to
 * China, the president signed ...": an event noun that frames the time of
 * a clause is the act of that clause's subject. The verb it frames (its
 * own case marker, or the word it hangs on, says so), or NONE. */
static uint32_t framing_verb(const dyadi_tree *t, uint32_t n)
{
    static const char FRAME[] = "lors,cours,pendant,durant,during,occasion";
    const char *cm = case_of(t, n);
    uint32_t x = head(t, n);
    if (x == NONE || !(rel_base(&t->w[n], "obl") || rel_base(&t->w[n], "nmod")))
        return NONE;
    int framed = cm && dyadi_in_list(cm, FRAME);
    if (!framed && !upos_is(&t->w[x], "VERB")) {
        /* "au cours d'un voyage", "lors d'une visite": through the word */
        framed = t->w[x].lemma && dyadi_in_list(t->w[x].lemma, FRAME);
        x = head(t, x);
    }
    return framed && x != NONE && upos_is(&t->w[x], "VERB") ? x : NONE;
}

/* A nominal event: "l'offensive russe en Ukraine", "Russia's invasion of
 * Ukraine", "the talks with Iran", "l'arrestation de X par Y". The source is
 * the possessor, a nationality adjective, the agent ("by"/"par") or, for
 * nouns whose complement is the agent, "of"/"de"; the target an oblique of
 * the frame or, with gen=target, "of"/"de". With no source of its own, the
 * noun is the act of the subject of the verb whose object it is ("Turkey
 * announced the arrest of ...", "a mené une offensive contre"). */
static void noun_roles(const dyadi_tree *t, const cand *cs, uint32_t n, const dyadi_trigger *e,
                       tree_roles *out)
{
    for (uint32_t k = t->kid[n]; k; k = t->sib[k - 1]) {
        const dyad_word *w = &t->w[k - 1];
        int a = actor_of(t, cs, k - 1);
        if (a < 0)
            continue;
        const char *cm = case_of(t, k - 1);
        if (rel_is(w, "nmod:poss") || (rel_base(w, "amod") && cs[a].adj)) {
            out->rule = "tree:noun-owner";
            add_one(out->src, &out->nsrc, a);
        } else if ((rel_base(w, "nmod") || rel_base(w, "obl")) && cm) {
            int agent = strcmp(cm, "by") == 0 || strcmp(cm, "par") == 0;
            int gen = strcmp(cm, "of") == 0 || strcmp(cm, "de") == 0;
            if (agent || (gen && !e->gen_target)) {
                out->rule = "tree:noun-agent";
                add_members(t, cs, k - 1, out->src, &out->nsrc);
            } else if ((gen && e->gen_target) || dyadi_prep_matches(cm, e->prep)) {
                add_members(t, cs, k - 1, out->tgt, &out->ntgt);
            }
        }
    }
    /* "l'arrestation de suspects liés au Front": the participle hangs on
     * the event noun as often as on its complement */
    if (!out->ntgt && e->gen_target)
        for (uint32_t k = t->kid[n]; k && !out->ntgt; k = t->sib[k - 1])
            if (rel_is(&t->w[k - 1], "acl")) {
                int a = actor_of(t, cs, k - 1);
                if (a >= 0)
                    add_one(out->tgt, &out->ntgt, a);
            }
    if (!out->nsrc) {
        uint32_t v = head(t, n);
        if (v != NONE && rel_is(&t->w[n], "obj") && upos_is(&t->w[v], "VERB")) {
            subject(t, cs, v, 1, out);
            if (out->nsrc)
                out->rule = "tree:noun-object-of-verb";
        }
    }
    noun_passive_subject(t, cs, n, e, out);
    noun_subject_obliques(t, cs, n, e, out);
    if (!out->nsrc) {
        uint32_t v = framing_verb(t, n);
        if (v != NONE) {
            subject(t, cs, v, 1, out);
            if (out->nsrc)
                out->rule = "tree:noun-frames-clause";
        }
    }
    for (int i = 0; i < out->ntgt; i++)
        for (int j = 0; j < out->nsrc; j++)
            if (out->tgt[i] == out->src[j]) {
                memmove(&out->tgt[i], &out->tgt[i + 1], (size_t)(out->ntgt - i - 1) * sizeof *out->tgt);
                out->ntgt--;
                i--;
                break;
            }
}

/* "Hundreds of Kenyan teachers marched against the government", "des
 * manifestants rassemblés devant le Parlement": after a quantity noun the
 * parser often hangs the main verb on the noun as a participle ("acl",
 * Voice=Pass), which subject() leaves without a subject (a passive
 * participle's noun is its target). A verb whose frame takes no object
 * has no passive: its participle is active and the noun is its subject.
 * 1 when it named the source. */
static int intransitive_participle(const dyadi_tree *t, const cand *cs, uint32_t v, const dyadi_trigger *e,
                                   tree_roles *out)
{
    if (e->obj != DYADI_OBJ_NONE || !rel_is(&t->w[v], "acl") || child(t, v, "nsubj") != NONE ||
        child(t, v, "nsubj:pass") != NONE)
        return 0;
    uint32_t p = head(t, v);
    if (p == NONE || !nominal(&t->w[p]))
        return 0;
    out->subj_known = 1;
    set_rule(out, "tree:intransitive-participle");
    add_members(t, cs, p, out->src, &out->nsrc);
    return out->nsrc > 0;
}

/* "Longtemps accusée de laxisme par ses alliés occidentaux, la Turquie a
 * renforcé ...", "Criticized by the opposition, the government announced
 * ...": a participle that opens the sentence qualifies the main clause's
 * subject. When the parser made the participle the root and the main verb
 * its conj or parataxis, that verb's subject (after the participle's
 * comma) is the participle's noun. */
static void fronted_participle_subject(const dyadi_tree *t, const cand *cs, uint32_t v,
                                       tree_roles *out)
{
    if (head(t, v) != NONE)
        return;
    for (uint32_t i = 0; i < v; i++)
        if (!upos_is(&t->w[i], "ADV"))
            return;
    for (uint32_t k = t->kid[v]; k; k = t->sib[k - 1]) {
        uint32_t m = k - 1;
        if (m <= v || !(rel_is(&t->w[m], "conj") || rel_is(&t->w[m], "parataxis")))
            continue;
        uint32_t s = child(t, m, "nsubj");
        if (s == NONE)
            continue;
        int comma = 0;
        for (uint32_t i = v + 1; i < s && !comma; i++)
            comma = upos_is(&t->w[i], "PUNCT");
        if (comma) {
            set_rule(out, "tree:fronted-participle");
            add_members(t, cs, s, out->src, &out->nsrc);
        }
        return;
    }
}

/* "a deal establishing diplomatic relations between Israel and Morocco":
 * a reciprocal event whose subject names no actor and whose "between"/
 * "entre" oblique names a pair is that pair's, both ways (the first
 * member becomes the source; the coder codes each direction). */
static void between_pair(const dyadi_tree *t, const cand *cs, const trig *tr, tree_roles *out)
{
    if (!tr->e->recip || out->nsrc || out->ntgt < 2)
        return;
    const dyad_word *w = dyadi_tree_word(t, cs[out->tgt[0]].first);
    const char *cm = w ? case_of(t, (uint32_t)(w - t->w)) : NULL;
    if (!cm || !dyadi_in_list(cm, "between,entre"))
        return;
    out->src[out->nsrc++] = out->tgt[0];
    memmove(out->tgt, out->tgt + 1, (size_t)(out->ntgt - 1) * sizeof out->tgt[0]);
    out->ntgt--;
    out->rule = "tree:between-pair";
}

/* The author an act noun n names: its "de"/"by"/"of"/"par" complement, its
 * possessor or its nationality adjective ("une offensive de Daech", "an
 * ambush by rebels", "les frappes russes"), not a place it happened in
 * ("une embuscade au Soudan du Sud"). After a locative marker (locative:
 * "dans", "in") the noun may be a place itself ("in the French colony",
 * "dans le nord de la Syrie"): neither an adjective nor a bare country
 * then. The actor, or -1. */
static int act_author(const dyadi_tree *t, const cand *cs, uint32_t n, int locative)
{
    for (uint32_t k = t->kid[n]; k; k = t->sib[k - 1]) {
        const dyad_word *w = &t->w[k - 1];
        const char *cm = rel_base(w, "nmod") ? case_of(t, k - 1) : NULL;
        int a = -1;
        if ((cm && dyadi_in_list(cm, "de,by,of,par")) || rel_is(w, "nmod:poss"))
            a = actor_of(t, cs, k - 1);
        else if (!locative && rel_base(w, "amod") && t->cand[k - 1] >= 0 && cs[t->cand[k - 1]].adj)
            a = t->cand[k - 1];
        if (a >= 0 && !cs[a].place && !(locative && cs[a].code && strlen(cs[a].code) == 3))
            return a;
    }
    return -1;
}

/* "trois soldats ont été tués lors d'une embuscade des rebelles", "l'armée
 * avait été expulsée de Palmyre suite à une offensive de Daech", "were
 * killed in an ambush by rebels": a passive with no agent that happened
 * in, during or after an act whose own phrase names its author (the
 * act's "de"/"by" complement or nationality adjective; the act itself no
 * actor) has that author for agent. The act is an oblique of the verb
 * with a circumstance marker, or of its "lors" adverb. */
static void circumstance_agent(const dyadi_tree *t, const cand *cs, uint32_t v, tree_roles *out)
{
    static const char MARKS[] = "suite,lors,après,dans,durant,pendant,sous,in,during,after,following,amid,under";
    uint32_t heads[8];
    size_t nh = 0;
    heads[nh++] = v;
    for (uint32_t k = t->kid[v]; k && nh < 8; k = t->sib[k - 1])
        if (rel_is(&t->w[k - 1], "advmod") && t->w[k - 1].lemma && strcmp(t->w[k - 1].lemma, "lors") == 0)
            heads[nh++] = k - 1;
    for (size_t h = 0; h < nh && !out->nsrc; h++)
        for (uint32_t k = t->kid[heads[h]]; k && !out->nsrc; k = t->sib[k - 1]) {
            uint32_t n = k - 1;
            const char *cm = rel_base(&t->w[n], "obl") && upos_is(&t->w[n], "NOUN") && t->cand[n] < 0
                                 ? case_of(t, n)
                                 : NULL;
            if (!cm || !(h > 0 || dyadi_in_list(cm, MARKS)))
                continue;
            int a = act_author(t, cs, n, dyadi_in_list(cm, "dans,sous,in,under"));
            if (a >= 0) {
                set_rule(out, "tree:passive-circumstance-agent");
                add_one(out->src, &out->nsrc, a);
            }
        }
}

void dyadi_tree_roles(const dyadi_tree *t, const cand *cs, const trig *tr, tree_roles *out)
{
    memset(out, 0, sizeof *out);
    out->giver = -1;
    const dyad_word *vw = dyadi_tree_word(t, tr->first);
    if (!vw)
        return;
    uint32_t v = (uint32_t)(vw - t->w);
    if (tr->e->kind == DYADI_TK_NOUN) {
        noun_roles(t, cs, v, tr->e, out);
        return;
    }
    /* a participle on a noun with an agent, whatever its features say
     * ("des décodeurs promis par la Chine"), is passive when the verb
     * has an object to promote ("crimes committed by" is no "commit to")
     * and none of its own left (no passive has one) */
    int acl_agent = rel_base(vw, "acl") && child(t, v, "obl:agent") != NONE &&
                    child(t, v, "obj") == NONE && tr->e->obj != DYADI_OBJ_NONE;
    if ((acl_agent || passive_verb(t, v)) && tr->e->kind != DYADI_TK_NOUN) {
        out->passive = 1;
        out->rule = "tree:passive";
        uint32_t a = agent_of(t, v);
        if (a != NONE)
            add_members(t, cs, a, out->src, &out->nsrc);
        else
            circumstance_agent(t, cs, v, out);
        uint32_t s = child(t, v, "nsubj:pass");
        if (s != NONE) {
            out->subj_known = 1;
            out->tgt_none = upos_is(&t->w[s], "NUM");
            add_members(t, cs, s, out->tgt, &out->ntgt);
        } else if (rel_base(&t->w[v], "acl") && head(t, v) != NONE) {
            /* "les infrastructures détruites par": the noun it qualifies
             * (a theme's noun is a thing: "a bill signed by the minister") */
            if (tr->e->obj == DYADI_OBJ_THEME)
                out->tgt_none = 1;
            else
                add_members(t, cs, head(t, v), out->tgt, &out->ntgt);
        } else {
            /* "was arrested and charged": the first verb's subject */
            tree_roles inh;
            memset(&inh, 0, sizeof inh);
            subject(t, cs, v, 1, &inh);
            if (!inh.nsrc)
                fronted_participle_subject(t, cs, v, &inh);
            for (int i = 0; i < inh.nsrc; i++)
                if (!out->nsrc || inh.src[i] != out->src[0])
                    add_one(out->tgt, &out->ntgt, inh.src[i]);
            out->subj_known = inh.subj_known;
        }
        /* "des armes livrées par la Russie à la Syrie", "aid promised by
         * China to Burundi": the subject of a passive whose object is a
         * theme is no actor; the frame's oblique is the target (not for a
         * verb with no object, "crimes committed by", nor a reciprocal
         * frame) */
        if (!out->ntgt && tr->e->obj == DYADI_OBJ_THEME && !tr->e->recip)
            frame_obliques(t, cs, v, tr->e->prep, out->nsrc ? out->src[0] : -1, out);
        return;
    }
    if (!intransitive_participle(t, cs, v, tr->e, out))
        subject(t, cs, v, 0, out);
    target(t, cs, v, tr, out);
    between_pair(t, cs, tr, out);
}

int dyadi_tree_actor_participle(const dyadi_tree *t, const trig *tr)
{
    const dyad_word *vw = dyadi_tree_word(t, tr->first);
    if (!vw || tr->e->kind == DYADI_TK_NOUN)
        return 0;
    uint32_t v = (uint32_t)(vw - t->w), h = head(t, v);
    return rel_is(vw, "acl") && feat(vw, "Tense=Past") && h != NONE &&
           nominal(&t->w[h]) && t->cand[h] >= 0 && agent_of(t, v) != NONE;
}

/* The first word of trigger e's rule id ("fr:expr:manifester ...",
 * "en:verb:meet") when the id is of this kind (":expr:", ":verb:"), and
 * w's form in lower case. 1 when both fit their buffers. */
static int rule_lemma(const dyad_word *w, const dyadi_trigger *e, const char *kind, char *lemma, char *form,
                      size_t cap)
{
    if (!w->form || !e->id || strlen(e->id) < 9 || strncmp(e->id + 2, kind, 6) != 0)
        return 0;
    const char *l = e->id + 8;
    size_t n = strcspn(l, " ");
    size_t m = strlen(w->form);
    if (n == 0 || n >= cap || m >= cap)
        return 0;
    memcpy(lemma, l, n);
    lemma[n] = '\0';
    for (size_t k = 0; k <= m; k++)
        form[k] = (char)(w->form[k] >= 'A' && w->form[k] <= 'Z' ? w->form[k] - 'A' + 'a' : w->form[k]);
    return 1;
}

/* An expression opened by a verb ("manifester ... démission", "protest
 * ... resignation") read on a noun of its stem that is no form of the
 * verb, an agent noun ("les manifestants ont exigé la démission",
 * "protesters demanded"): those words are an actor, not the expression.
 * The verb is the first word of the rule id, "fr:expr:manifester ...". */
static int expr_on_agent_noun(const dyad_word *w, const dyadi_trigger *e)
{
    char lemma[64], form[64];
    if (!upos_is(w, "NOUN") || !rule_lemma(w, e, ":expr:", lemma, form, sizeof lemma))
        return 0;
    char lang[3] = {e->id[0], e->id[1], '\0'};
    return !dyadi_form_of_verb(form, lemma, lang);
}

/* "Russia and China met yesterday", "The US, Russia and Switzerland met
 * yesterday": an English irregular past of a verb pattern ("met", "fought",
 * "held") that the tagger read as a noun, lower case and with no
 * determiner, is the verb: no noun of the verb is written off its base
 * ("meeting", "fight" are). The stem reached the pattern through the
 * irregular forms, so the word is that verb's form. */
static int past_read_as_noun(const dyadi_tree *t, const dyad_word *w, const dyadi_trigger *e)
{
    char lemma[64], form[64];
    if (!upos_is(w, "NOUN") || strncmp(e->id ? e->id : "", "en", 2) != 0 ||
        !rule_lemma(w, e, ":verb:", lemma, form, sizeof lemma) || strcmp(form, w->form) != 0 ||
        child(t, (uint32_t)(w - t->w), "det") != NONE)
        return 0;
    /* a complement of the noun ("shot at Israeli soldiers") keeps the
     * nominal event, whose frame reads it */
    for (uint32_t k = t->kid[w - t->w]; k; k = t->sib[k - 1])
        if (rel_base(&t->w[k - 1], "nmod") && case_of(t, k - 1))
            return 0;
    size_t nl = strlen(lemma), nf = strlen(form);
    size_t nb = nl > 3 && (lemma[nl - 1] == 'e' || lemma[nl - 1] == 'y') ? nl - 1 : nl;
    /* a plural ("allies", "supplies") is a noun */
    return strncmp(form, lemma, nb) != 0 && nf > 1 && form[nf - 1] != 's';
}

/* "suspected terrorist Osama bin Laden", "les ingénieurs italiens
 * enlevés": a participle qualifying a noun (amod, or a past participle in
 * acl with nothing a passive lacks: no object, no clause) and with no
 * agent says what the noun is, not what happened; its noun is no source
 * ("a judge in Texas ruled the practice unconstitutional", misread as
 * acl, keeps its clause). */
static int qualifying_participle(const dyadi_tree *t, uint32_t v)
{
    const dyad_word *w = &t->w[v];
    if (!feat(w, "VerbForm=Part") || agent_of(t, v) != NONE)
        return 0;
    /* "hundreds of students demonstrated in front of the palace" read as
     * a noun root with its participle: with no verb at the root, the
     * participle is the sentence's verb */
    uint32_t r = v;
    for (int n = 0; n < 32 && head(t, r) != NONE; n++)
        r = head(t, r);
    if (r == v || !upos_is(&t->w[r], "VERB"))
        return 0;
    if (rel_is(w, "amod"))
        return 1;
    return rel_is(w, "acl") && feat(w, "Tense=Past") && child(t, v, "obj") == NONE &&
           child(t, v, "ccomp") == NONE && child(t, v, "xcomp") == NONE && child(t, v, "iobj") == NONE;
}

int dyadi_tree_pos_ok(const dyadi_tree *t, uint32_t i, uint32_t end, const dyadi_trigger *e)
{
    const dyad_word *w = dyadi_tree_word(t, i);
    if (!w || !w->upos)
        return 1;
    if (e->kind == DYADI_TK_EXPR && expr_on_agent_noun(w, e))
        return 0;
    if (e->kind == DYADI_TK_VERB && qualifying_participle(t, (uint32_t)(w - t->w)))
        return 0;
    if (e->kind == DYADI_TK_VERB)
        return upos_is(w, "VERB") || (upos_is(w, "ADJ") && feat(w, "VerbForm=Part")) ||
               past_read_as_noun(t, w, e);
    if (e->kind == DYADI_TK_NOUN) {
        /* the head noun may come last ("reinforced cooperation") */
        for (uint32_t j = i; j < end; j++) {
            const dyad_word *x = dyadi_tree_word(t, j);
            if (x && (upos_is(x, "NOUN") || upos_is(x, "PROPN")))
                return 1;
        }
        return 0;
    }
    return 1;
}

const dyadi_trigger *dyadi_tree_as_noun(dyad_coder *c, const dyadi_trigger *e)
{
    dyadi_trigger *n = dyadi_arena_alloc(&c->arena, sizeof *n);
    if (!n)
        return NULL;
    *n = *e;
    n->kind = DYADI_TK_NOUN;
    /* the verb's object is the noun's "of" complement ("the arrest of X") */
    n->gen_target = e->obj == DYADI_OBJ_TARGET;
    size_t l = strlen(e->id);
    char *id = dyadi_arena_alloc(&c->arena, l + 6);
    if (id) {
        memcpy(id, e->id, l);
        memcpy(id + l, "+noun", 6);
        n->id = id;
    }
    return n;
}

int dyadi_tree_cue_ok(const dyadi_tree *t, uint32_t first, uint32_t end)
{
    for (uint32_t i = first; i < end; i++) {
        const dyad_word *w = dyadi_tree_word(t, i);
        if (!w || !(upos_is(w, "PROPN") || upos_is(w, "NOUN") || upos_is(w, "NUM")))
            return 1;
    }
    return 0;
}

/* A place that may be the event's: a place or a capital, neither side of
 * the event, not inside an official's phrase. */
static int event_place_ok(const cand *cs, int a, int src, int tgt)
{
    return a >= 0 && a != src && a != tgt && !cs[a].posted && (cs[a].place || cs[a].capital);
}

static const char LOCATIVE[] = "à,en,dans,au,aux,in,at,near,près,inside,outside,across,throughout,"
                               "around,within";

/* Directions and distances: "north of Baghdad", "au nord de Bagdad", "50
 * km from Kabul", "à 30 kilomètres de Mossoul" name a place to measure
 * from, not the place itself. */
static const char REFERENCE[] = "north,south,east,west,northeast,northwest,southeast,southwest,"
                                "north-east,north-west,south-east,south-west,nord,sud,est,ouest,"
                                "nord-est,nord-ouest,sud-est,sud-ouest,km,kilometre,kilometer,mile,"
                                "kilomètre,mètre,metre,meter";

static int reference_word(const dyad_word *w)
{
    const char *l = w->lemma ? w->lemma : w->form;
    return l && dyadi_in_list(l, REFERENCE);
}

/* 1 when the place d is measured from: a direction or distance word
 * before its case marker among its dependents ("just north of Baghdad"). */
static int measured_from(const dyadi_tree *t, uint32_t d)
{
    for (uint32_t k = t->kid[d]; k; k = t->sib[k - 1])
        if (!rel_is(&t->w[k - 1], "case") && reference_word(&t->w[k - 1]))
            return 1;
    return 0;
}

/* The place named by the oblique x: its own candidate, else, when x is a
 * common noun that names no actor, the place one step down: the place
 * noun's "of" complement ("in the city of Arauca", "dans la ville de
 * Mossoul"), a place in compound ("in Syria's northern Aleppo province")
 * before the possessor ("in Homs's eastern countryside"). Not a place
 * measured from ("in Taji, just north of Baghdad", "au nord de Bagdad").
 * -1 when none. */
static int place_of_oblique(const dyadi_tree *t, const cand *cs, uint32_t x, int src, int tgt)
{
    int a = t->cand[x];
    if (a >= 0)
        return event_place_ok(cs, a, src, tgt) ? a : -1;
    if (reference_word(&t->w[x]))
        return -1;
    int of = -1, comp = -1, poss = -1;
    for (uint32_t k = t->kid[x]; k; k = t->sib[k - 1]) {
        const dyad_word *w = &t->w[k - 1];
        int d = t->cand[k - 1];
        if (!event_place_ok(cs, d, src, tgt) || measured_from(t, k - 1))
            continue;
        const char *cm = case_of(t, k - 1);
        if (rel_is(w, "nmod:poss") || (cm && (strcmp(cm, "'s") == 0 || strcmp(cm, "’s") == 0))) {
            if (poss < 0)
                poss = d;
        } else if (rel_base(w, "nmod") && cm && dyadi_in_list(cm, "of,de,d',du,des")) {
            if (of < 0)
                of = d;
        } else if (rel_is(w, "compound") || rel_base(w, "flat") || rel_is(w, "amod")) {
            if (comp < 0)
                comp = d;
        }
    }
    return of >= 0 ? of : comp >= 0 ? comp : poss;
}

/* Time words that the parser often makes the head of a place that follows
 * them ("protested on Thursday in Barcelona"). */
static const char TIME_WORDS[] = "monday,tuesday,wednesday,thursday,friday,saturday,sunday,"
                                 "january,february,march,april,may,june,july,august,september,"
                                 "october,november,december,day,night,morning,evening,afternoon,"
                                 "weekend,week,lundi,mardi,mercredi,jeudi,vendredi,samedi,dimanche,"
                                 "janvier,février,mars,avril,mai,juin,juillet,août,septembre,"
                                 "octobre,novembre,décembre,jour,nuit,matin,soir,après-midi,semaine";

static int time_word(const dyad_word *w)
{
    const char *l = w->lemma ? w->lemma : w->form;
    char low[16];
    size_t n = l ? strlen(l) : 0;
    if (!n || n >= sizeof low)
        return 0;
    for (size_t i = 0; i <= n; i++)
        low[i] = (char)(l[i] >= 'A' && l[i] <= 'Z' ? l[i] - 'A' + 'a' : l[i]);
    return dyadi_in_list(low, TIME_WORDS);
}

int dyadi_tree_place(const dyadi_tree *t, const cand *cs, const trig *tr, int src, int tgt)
{
    const dyad_word *vw = dyadi_tree_word(t, tr->first);
    if (!vw)
        return -1;
    uint32_t v = (uint32_t)(vw - t->w), o = object(t, v);
    uint32_t heads[2] = {v, o};
    /* every locative oblique in turn ("killed in an ambush in Fallujah"),
     * of the verb, then of its object */
    for (int h = 0; h < 2 && heads[h] != NONE; h++) {
        const char *rel = h ? "nmod" : "obl";
        for (uint32_t k = t->kid[heads[h]]; k; k = t->sib[k - 1]) {
            const char *cm = rel_base(&t->w[k - 1], rel) ? case_of(t, k - 1) : NULL;
            int a = cm && dyadi_in_list(cm, LOCATIVE) ? place_of_oblique(t, cs, k - 1, src, tgt) : -1;
            if (a >= 0)
                return a;
        }
    }
    /* then a locative place that the parser hung under a time word of the
     * verb ("protested on Thursday in Barcelona", "in Hamburg Wednesday") */
    for (uint32_t k = t->kid[v]; k; k = t->sib[k - 1]) {
        if (!rel_base(&t->w[k - 1], "obl") || t->cand[k - 1] >= 0 || !time_word(&t->w[k - 1]))
            continue;
        for (uint32_t g = t->kid[k - 1]; g; g = t->sib[g - 1]) {
            const char *cm = rel_base(&t->w[g - 1], "nmod") ? case_of(t, g - 1) : NULL;
            int a = t->cand[g - 1];
            if (cm && dyadi_in_list(cm, LOCATIVE) && event_place_ok(cs, a, src, tgt) &&
                !measured_from(t, g - 1))
                return a;
        }
    }
    /* a place that an act of force strikes is where it happened: the
     * object of "shelled Aleppo", "a bombardé Alep", the subject of "Kabul
     * was captured" (CAMEO roots 17 to 20: seizures and force); an act of
     * words ("criticised France") happens elsewhere */
    const char *code = tr->e ? tr->e->code : NULL;
    if (code && code[0] && (strncmp(code, "17", 2) == 0 || strncmp(code, "18", 2) == 0 ||
                            strncmp(code, "19", 2) == 0 || strncmp(code, "20", 2) == 0)) {
        uint32_t x = child(t, v, "obj");
        if (x == NONE)
            x = child(t, v, "nsubj:pass");
        int a = x != NONE ? t->cand[x] : -1;
        if (a >= 0 && a == tgt && !cs[a].posted && (cs[a].place || cs[a].capital))
            return a;
    }
    return -1;
}

/* Verbs whose object event happens where they do: light verbs, whose
 * object is the event itself ("launched an offensive", "a lancé une
 * offensive", "held talks"), and verbs of being there ("filming a clash",
 * "monitoring the group's operations", "led the assault"). */
static const char LIGHT_VERBS[] =
    "launch,carry,conduct,stage,hold,mount,begin,start,continue,resume,make,lead,film,monitor,"
    "watch,witness,observe,cover,oversee,supervise,command,direct,join,attend,lancer,mener,"
    "organiser,tenir,poursuivre,reprendre,commencer,effectuer,opérer,déclencher,faire,diriger,"
    "commander,filmer,observer,surveiller,superviser,couvrir,rejoindre,participer,assister";

/* w's lemma is in list (comma-separated); an -ing form the lemmatiser
 * left as it is ("filming") is tried without its ending */
static int lemma_in(const dyad_word *w, const char *list)
{
    size_t n = w->lemma ? strlen(w->lemma) : 0;
    if (!n || dyadi_in_list(w->lemma, list))
        return n > 0;
    char stem[48];
    if (n <= 5 || n - 3 >= sizeof stem || strcmp(w->lemma + n - 3, "ing") != 0)
        return 0;
    memcpy(stem, w->lemma, n - 3);
    stem[n - 3] = '\0';
    return dyadi_in_list(stem, list);
}

/* The noun of trigger tr: its word, or the noun its adjective qualifies
 * ("military" -> "action"); NONE without a tree word. */
static uint32_t trigger_noun(const dyadi_tree *t, const trig *tr)
{
    const dyad_word *tw = dyadi_tree_word(t, tr->first);
    uint32_t w = tw ? (uint32_t)(tw - t->w) : NONE;
    for (int n = 0; n < 3 && w != NONE && head(t, w) != NONE && rel_base(&t->w[w], "amod"); n++)
        w = head(t, w);
    return w;
}

int dyadi_tree_embedded_nominal(const dyadi_tree *t, const trig *tr)
{
    uint32_t w = trigger_noun(t, tr);
    if (w == NONE || !nominal(&t->w[w]) || head(t, w) == NONE ||
        !(rel_base(&t->w[w], "obj") || rel_base(&t->w[w], "obl") || rel_base(&t->w[w], "nmod")))
        return 0;
    /* "considered in Burundi as an important support": what the subject is */
    const char *cm = case_of(t, w);
    if (cm && dyadi_in_list(cm, "as,comme"))
        return 0;
    uint32_t h = head(t, w);
    return upos_is(&t->w[h], "VERB") && !lemma_in(&t->w[h], LIGHT_VERBS);
}

int dyadi_tree_in_phrase(const dyadi_tree *t, const trig *tr, uint32_t pt)
{
    const dyad_word *pw = dyadi_tree_word(t, pt);
    uint32_t w = trigger_noun(t, tr);
    return !pw || w == NONE || descends(t, (uint32_t)(pw - t->w), w);
}
