/* events.c - the event coder's sentence pass: from triggers, actor mentions
 * and cue words to CAMEO events with polarity, modality, attribution,
 * place, date and evidence. It runs after actors.c, on the same token
 * arrays, and drives the modules of the coder (docs/design.md, "The event
 * coder"):
 *
 *  1. cues.c: negation, refusal, modality, attribution, speech and time
 *     cues, and the quotations of the document with their speakers;
 *  2. triggers.c: the longest match of each trigger in the trigger trie;
 *  3. roles: tree.c reads them from the dependency tree of a sentence that
 *     holds a trigger and two actors (parsed now with DYAD_SYNTAX_EVENTS);
 *     roles.c by word order elsewhere, or where the tree names no actor;
 *     roles_tabari.c for TABARI and PETRARCH dictionaries;
 *  4. scope: a negation or refusal negates the trigger (a refused
 *     cooperation becomes CAMEO 12x, scope.c), an intention cue maps a
 *     cooperation to 03x, "pourrait" makes it possible, "aurait"/"selon"
 *     reported; "selon X" / "X a affirmé que" is the attribution; a place
 *     under the verb (or after à/en/dans/in/at) is the location; the
 *     pluperfect and time words move the event date;
 *  5. docpass.c: events appended, repeats of (source, target, code,
 *     polarity, modality) merged with a mention count. */
#include "events.h"
#include "tree.h"
#include "places.h"
#include "dates.h"
#include "words.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
 * process), and the rules test bits (W_ in events.h). */
/* First-person words: inside a quotation they stand for its speaker, the
 * singular ones too ("les propositions que je leur avais faites", "the
 * offer I made them"). */
static const char *const FIRST_PERSON[] = {"nous", "we", "us", "notre", "our", "nos", "je", "j'", "m'",
                                           "moi", "i", "me", NULL};
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
/* words that name who holds a place: "Raqqa, capitale de Daech", "Mossoul,
 * aux mains de l'EI", "Mosul, held by Islamic State" (place_holder) */
static const char *const HOLDS[] = {"capitale", "fief", "bastion", "mains", "tenue", "tenu",
                                    "contrôlée", "contrôlé", "capital", "stronghold", "hands",
                                    "held", "controlled", NULL};
static const char *const COMMAS[] = {",", NULL};
/* "à la demande du ministre", "at the request of the UN" (requested_by) */
static const char *const REQUESTS[] = {"demande", "request", NULL};
static const char *const AT[] = {"à", "at", NULL};
#define W_REQUEST (1u << 20)
#define W_AT (1u << 21)
/* events.c's own classes: bits events.h leaves free */
#define W_HOLD (1u << 15)
#define W_COMMA (1u << 14)
/* the month number lives in bits 16-19 (W_MONTH, events.h): no class there,
 * and none of events.c's on events.h's */
#define W_MONTH_BITS (0xfu << 16)
#define W_EVENTS_C (W_REQUEST | W_AT | W_HOLD | W_COMMA)
_Static_assert((W_EVENTS_C & W_MONTH_BITS) == 0, "a word class on the month's bits");
_Static_assert((W_EVENTS_C & (W_DET | W_PREP | W_BOUND | W_COMP | W_REL | W_AND | W_QOPEN | W_QCLOSE |
                              W_QSTRAIGHT | W_TIME | W_MONTH | W_FIRST | W_NDET_EN | W_NDET_FR)) == 0,
               "a word class of events.c on one of events.h's");

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
    wtab_add(HOLDS, W_HOLD);
    wtab_add(COMMAS, W_COMMA);
    wtab_add(REQUESTS, W_REQUEST);
    wtab_add(AT, W_AT);
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

/* SET: MINIMUM WORDS: a sentence with fewer words is not coded ("Gondor's"
 * is one word). */
static int too_short(const dyad_coder *c, uint32_t sfirst, uint32_t send)
{
    if (!c->opts.min_words)
        return 0;
    unsigned n = 0;
    for (uint32_t i = sfirst; i < send; i++) {
        const dyad_token *k = dyadi_tok(c, i);
        if ((k->kind == DYAD_TOK_WORD || k->kind == DYAD_TOK_NUMBER) && k->norm &&
            k->norm[0] != '\'')
            n++;
    }
    return n < c->opts.min_words;
}

/* The state of the sentence pass: the document's arrays, then the current
 * sentence's candidates, cues, triggers and attribution, and the
 * bookkeeping of its trigger loop. One per dyadi_events_run call. */
typedef struct pass {
    dyad_coder *c;
    int foreign, one_verb, petrarch, by;  /* the lexicon's conventions */
    const dyad_mention *ms;         /* the document's mentions (nm), next at mi */
    size_t nm, mi;
    dyadi_tree tree;                /* the sentence's tree, when has_tree */
    uint8_t *speech, *attrib_tok;   /* per token: speech verbs, attribution phrases */
    cue *cues;                      /* the sentence's cues */
    size_t ncu;
    uint32_t *cue_off;              /* per sentence: its first cue in cuev */
    dyadi_vec cuev;                 /* the document's cues */
    trig *ts;                       /* the sentence's triggers */
    size_t ntr;
    cand *cs;                       /* the sentence's actor candidates */
    size_t nc;
    quote *qs;                      /* the document's quotations */
    size_t nq;
    /* the sentence */
    size_t s;
    uint32_t sfirst, send;
    uint32_t cfirst;                /* TABARI: the current clause's first token */
    int has_tree;
    const char *attr_text, *attr_code;  /* "selon X", "X a affirmé que" */
    int said_cand;                  /* "X said ...": X, for a 010 statement */
    int attr_cand;                  /* the attribution's actor, for demands */
    uint32_t said_first, said_end;
    uint32_t attr_from;             /* events after this token are attributed */
    size_t events_before;           /* events of the document before this sentence */
    const char *sdate;              /* the sentence's date */
    /* the trigger loop */
    int prev_src, prev_verb;        /* the last verb coded and its source */
    size_t ev_mark;                 /* foreign: events before the current verb */
    int last_ti, consumed, skip_ti; /* foreign: the clause of the last coded verb */
    uint32_t consumed_end;
} pass;

/* One trigger's roles (candidate indices, -1 none) and how they were found. */
typedef struct role {
    int src, tgt;
    int passive;        /* 1: passive; 2: "détruites par X" */
    int speaker_noun;   /* a cooperation noun that is its speaker's stance */
    int positional;     /* TABARI's positional roles */
    int use_tree;       /* the roles came from the tree (tro) */
    tree_roles tro;
} role;

/* Each token's function-word classes (W_ in events.h), once per document. */
static dyad_status word_classes(dyad_coder *c)
{
    size_t nt = c->tokens.len;
    c->wclass.len = 0;
    /* tokens of one spelling share their norm string (coder.c's per-document
     * key cache), so a small cache keyed by the pointer saves most lookups */
    struct { const char *norm; uint32_t cls; } wcache[256];
    memset(wcache, 0, sizeof wcache);
    for (size_t i = 0; i < nt; i++) {
        uint32_t *w = dyadi_vec_push(&c->wclass);
        if (!w)
            return DYAD_ERR_NOMEM;
        const char *norm = dyadi_tok(c, i)->norm;
        size_t slot = ((uintptr_t)norm >> 4) & 255u;
        if (norm && wcache[slot].norm == norm) {
            *w = wcache[slot].cls;
            continue;
        }
        *w = wclass_of(norm);
        wcache[slot].norm = norm;
        wcache[slot].cls = *w;
    }
    return DYAD_OK;
}


/* The document's cues, kept per sentence (quotations need the speech
 * verbs of every sentence first), and its quotations with their speakers. */
static dyad_status document_cues(pass *p)
{
    dyad_coder *c = p->c;
    size_t nsent = c->sents.len, nt = c->tokens.len;
    p->cue_off = malloc((nsent + 1) * sizeof *p->cue_off);
    if (!p->cue_off)
        return DYAD_ERR_NOMEM;
    dyadi_vec_init(&p->cuev, sizeof(cue), (size_t)MAX_CUES * (nsent + 1));
    for (size_t s = 0; s < nsent; s++) {
        const dyad_sentence *se = &DYADI_VEC_AT(&c->sents, dyad_sentence, s);
        /* TABARI has no negation, modality or attribution layer: its
         * patterns ("WILL NOT *", "SAID *") carry them, so with TABARI
         * dictionaries dyad's cues are left out */
        size_t ncu = p->one_verb ? 0
                              : dyadi_find_cues(c, se->first_token, se->first_token + se->n_tokens, p->cues,
                                          MAX_CUES + 1);
        if (ncu > MAX_CUES)
            return dyadi_coder_too_big(c, "cue words per sentence", MAX_CUES);
        p->cue_off[s] = (uint32_t)p->cuev.len;
        for (size_t k = 0; k < ncu; k++) {
            cue *slot = dyadi_vec_push(&p->cuev);
            if (!slot) {
                return DYAD_ERR_NOMEM;
            }
            *slot = p->cues[k];
        }
        for (size_t k = 0; k < ncu; k++)
            if (p->cues[k].kind == CUE_SPEECH || p->cues[k].kind == CUE_ATTRIB)
                for (uint32_t i = p->cues[k].first; i < p->cues[k].end; i++)
                    p->speech[i] = 1;
    }
    p->cue_off[nsent] = (uint32_t)p->cuev.len;
    p->nq = dyadi_find_quotes(c, p->qs, p->speech);
    if (p->nq > MAX_QUOTES)
        return dyadi_coder_too_big(c, "quotations per document", MAX_QUOTES);
    for (size_t k = 0; k < p->nq; k++) {
        if (p->qs[k].close <= p->qs[k].open + 1)
            continue; /* empty quotes */
        dyad_quote *dq = dyadi_vec_push(&c->quotes);
        if (!dq) {
            return DYAD_ERR_NOMEM;
        }
        size_t lo = 0, hi = nsent;
        while (hi - lo > 1) { /* the sentence holding the opening mark */
            size_t mid = (lo + hi) / 2;
            if (DYADI_VEC_AT(&c->sents, dyad_sentence, mid).first_token <= p->qs[k].open)
                lo = mid;
            else
                hi = mid;
        }
        dq->sent = (uint32_t)lo;
        dq->span.start = dyadi_tok(c, p->qs[k].open + 1)->span.start;
        dq->span.end = dyadi_tok(c, p->qs[k].close - 1)->span.end;
        dq->speaker = p->qs[k].speaker;
        dq->speaker_span = p->qs[k].speaker ? p->qs[k].speaker_span : (dyad_span){0, 0};
    }
    memset(p->speech, 0, nt ? nt : 1);
    return DYAD_OK;
}

/* A place a dispute or a claim is about, not where anything happens:
 * "to protest Indian sovereignty over Kashmir", "talks over Crimea", "le
 * différend sur le Cachemire". Like a posted official's place, it is no
 * event's location. */
static int topic_place(const dyad_coder *c, uint32_t first, uint32_t sfirst)
{
    static const char *const TOPIC_NOUNS[] = {
        "sovereignty", "control", "dispute", "disputes", "row", "tension", "tensions", "talks",
        "negotiations", "standoff", "feud", "spat", "claim", "claims", "jurisdiction", "authority",
        "differences", "outrage", "anger", "criticism", "concerns", "souveraineté", "contrôle",
        "différend", "différends", "litige", "revendication", "revendications",
        "désaccord", "pourparlers", "négociations", "autorité", "juridiction", NULL};
    static const char *const OVER[] = {"over", "sur", NULL};
    uint32_t q = dyadi_governing_prep_at(c, first, sfirst);
    if (q == UINT32_MAX || q < sfirst + 1 || !dyadi_norm_in(c, q, OVER))
        return 0;
    /* the noun, or the noun and its adjective ("le contrôle indien sur") */
    return dyadi_norm_in(c, q - 1, TOPIC_NOUNS) ||
           (q >= sfirst + 2 && !(dyadi_tok(c, q - 1)->flags & DYAD_TOKF_CAPITAL) &&
            dyadi_norm_in(c, q - 2, TOPIC_NOUNS));
}

/* Either end of a range is no location ("a perimeter from Taegu in the
 * northwest to Masan", "depuis Homs jusqu'à Hama"): a line, not a place
 * where anything happened; "sent workers to the Donbass" is an arrival,
 * "policemen from Sri Lanka" an origin. The start: FROM, then a name
 * (known as a place or not: "from Taegu"); the end: a place right after a
 * TO word within a few words ("in the northwest"). French "de X à Y" is
 * mostly no range ("la gare de Saint-Charles à Marseille"): after "de"
 * only "jusqu'à" ends one. Marks both ends' candidates posted; one pass
 * over the sentence. */
static void mark_ranges(pass *p)
{
    static const char *const FROM[] = {"from", "de", "d'", "depuis", NULL};
    static const char *const TO[] = {"to", "into", "à", "jusqu'à", "jusqu'", "jusqu'au", "jusqu'aux", NULL};
    static const char *const UNTIL[] = {"jusqu'à", "jusqu'", "jusqu'au", "jusqu'aux", NULL};
    static const char *const DE[] = {"de", "d'", NULL};
    for (uint32_t j = p->sfirst + 1; j < p->send; j++) {
        if (!(dyadi_tok(p->c, j)->flags & DYAD_TOKF_CAPITAL) || !dyadi_norm_in(p->c, j - 1, FROM))
            continue;
        int de = dyadi_norm_in(p->c, j - 1, DE);
        for (uint32_t i = j + 1; i < p->send && i <= j + 6; i++) {
            if (!dyadi_norm_in(p->c, i, de ? UNTIL : TO))
                continue;
            cand *e = NULL;
            for (size_t y = 0; y < p->nc && !e; y++)
                if ((p->cs[y].place || p->cs[y].capital) && p->cs[y].first > i && p->cs[y].first <= i + 2)
                    e = &p->cs[y];
            if (e) {
                e->posted = 1;
                for (size_t y = 0; y < p->nc; y++)
                    if (p->cs[y].first == j && (p->cs[y].place || p->cs[y].capital))
                        p->cs[y].posted = 1;
            }
            break;
        }
    }
}

/* The sentence's actor candidates: its mentions, and the first-person
 * words of a quotation, which stand for the speaker. More than MAX_CANDS
 * in one sentence refuses the document (DYAD_ERR_TOOBIG): nothing is
 * dropped silently. */
static dyad_status sentence_candidates(pass *p)
{
    dyad_coder *c = p->c;
    p->nc = 0;
    while (p->mi < p->nm && p->ms[p->mi].sent < p->s)
        p->mi++;
    for (size_t k = p->mi; k < p->nm && p->ms[k].sent == p->s; k++) {
        if (p->nc == MAX_CANDS)
            return dyadi_coder_too_big(c, "actor candidates per sentence", MAX_CANDS);
        cand *cd = &p->cs[p->nc++];
        cd->first = p->ms[k].first_token;
        cd->end = p->ms[k].first_token + p->ms[k].n_tokens;
        cd->code = p->ms[k].code;
        cd->country = p->ms[k].country;
        cd->span = p->ms[k].span;
        cd->place = p->ms[k].kind == DYAD_MENTION_PLACE;
        cd->adj = p->ms[k].resolved_by && strcmp(p->ms[k].resolved_by, "demonym") == 0;
        /* has coordinates and is no country (a country has its centre): a capital */
        cd->capital = p->ms[k].lat == p->ms[k].lat &&
                      !(p->ms[k].place_type && strcmp(p->ms[k].place_type, "country") == 0);
        cd->posted = (p->ms[k].resolved_by && strcmp(p->ms[k].resolved_by, "place-in-actor-phrase") == 0) ||
                     (p->ms[k].kind == DYAD_MENTION_PLACE && topic_place(c, cd->first, p->sfirst));
        cd->coref = p->ms[k].resolved_by && strncmp(p->ms[k].resolved_by, "coreference", 11) == 0;
        cd->lat = p->ms[k].lat;
        cd->lon = p->ms[k].lon;
        cd->entry = p->ms[k].entry;
        cd->how = p->ms[k].resolved_by;
        cd->ptype = p->ms[k].place_type;
        cd->prep = dyadi_governing_prep(c, cd->first, p->sfirst);
        cd->governed = cd->prep != NULL;
    }
    /* first-person words inside a quotation stand for the speaker */
    for (uint32_t i = p->sfirst; i < p->send; i++) {
        if (!has_class(c, i, W_FIRST))
            continue;
        const quote *q = dyadi_quote_of(p->qs, p->nq, i);
        if (!q || !q->speaker)
            continue;
        if (p->nc == MAX_CANDS)
            return dyadi_coder_too_big(c, "actor candidates per sentence", MAX_CANDS);
        /* insert in order */
        size_t pos = p->nc;
        while (pos > 0 && p->cs[pos - 1].first > i)
            pos--;
        memmove(&p->cs[pos + 1], &p->cs[pos], (p->nc - pos) * sizeof *p->cs);
        p->nc++;
        cand *cd = &p->cs[pos];
        cd->first = i;
        cd->end = i + 1;
        cd->code = q->speaker;
        cd->country = dyadi_arena_strndup(&c->arena, q->speaker, 3);
        cd->span = dyadi_tok(c, i)->span;
        cd->place = 0;
        cd->adj = 0;
        cd->capital = 0;
        cd->posted = 0;
        cd->coref = 1;
        cd->lat = cd->lon = NAN;
        cd->entry = cd->ptype = NULL;
        cd->how = "quote:first-person";
        cd->prep = dyadi_governing_prep(c, i, p->sfirst);
        cd->governed = cd->prep != NULL;
    }
    mark_ranges(p);
    return DYAD_OK;
}

/* A sentence with one actor gets no tree (parsing costs about 6 us a
 * word), but word order cannot tell "the protests" or "in tears" from a
 * verb: the words around its one-word verb patterns are tagged (TAG_SIDE
 * tokens each side, as a sentence of their own: the tagger's features
 * reach two words and the previous tags) and the patterns met on nouns
 * dropped. 0, or -1 on an error (in *st). */
#define TAG_SIDE 4
static int one_actor_tags(pass *p, dyad_status *st)
{
    dyad_coder *c = p->c;
    uint32_t lo = p->send, hi = p->sfirst;
    for (size_t k = 0; k < p->ntr; k++) {
        if (!dyadi_trigger_taggable(c, &p->ts[k]))
            continue;
        uint32_t f = p->ts[k].first;
        uint32_t a = f > p->sfirst + TAG_SIDE ? f - TAG_SIDE : p->sfirst;
        uint32_t b = f + 1 + TAG_SIDE < p->send ? f + 1 + TAG_SIDE : p->send;
        lo = a < lo ? a : lo;
        hi = b > hi ? b : hi;
    }
    if (lo >= hi)
        return 0;
    uint8_t *upos = dyadi_arena_alloc(&c->arena, hi - lo);
    if (!upos) {
        *st = dyadi_coder_too_big(c, "syntax", hi - lo);
        return -1;
    }
    int r = dyadi_coder_tags(c, lo, hi, upos, st);
    if (r < 0)
        return -1;
    if (r > 0)
        p->ntr = dyadi_triggers_on_tags(c, upos, lo, hi, p->ts, p->ntr);
    return 0;
}

/* The sentence's cues and triggers; its tree when it can give a dyad;
 * TABARI's vetoes and comma clauses. 0, 1 when nothing is coded in the
 * sentence, -1 on an error (in *st). */
static int sentence_triggers(pass *p, dyad_status *st)
{
    dyad_coder *c = p->c;
    p->ncu = p->cue_off[p->s + 1] - p->cue_off[p->s];
    if (p->ncu)
        memcpy(p->cues, (cue *)p->cuev.data + p->cue_off[p->s], p->ncu * sizeof *p->cues);
    p->ntr = dyadi_find_triggers(c, NULL, p->sfirst, p->send, p->ts, MAX_TRIGS + 1);
    if (p->ntr > MAX_TRIGS) {
        *st = dyadi_coder_too_big(c, "triggers per sentence", MAX_TRIGS);
        return -1;
    }
    /* dyad's own triggers read the tree of a sentence that can give a
     * dyad: a trigger and two actors (parsed now when the coder parses
     * on demand; parsing costs about 6 us a word, so the others keep
     * word order): a verb pattern fires on a verb only, roles come from
     * the tree */
    p->has_tree = 0;
    if (!p->foreign && p->ntr > 0 && (c->lazy_model || c->words.len)) {
        int actors = 0;
        for (size_t k = 0; k < p->nc; k++)
            actors += !p->cs[k].place;
        if (actors == 1 && one_actor_tags(p, st) < 0)
            return -1;
        dyad_status tst = DYAD_OK;
        int r = actors >= 2 ? dyadi_tree_sentence(&p->tree, c, p->s, p->sfirst, p->send, p->cs, p->nc, &tst) : 0;
        if (r < 0) {
            *st = tst;
            return -1;
        }
        if (r > 0) {
            p->has_tree = 1;
            p->ntr = dyadi_find_triggers(c, &p->tree, p->sfirst, p->send, p->ts, MAX_TRIGS + 1);
            if (p->ntr > MAX_TRIGS) {
                *st = dyadi_coder_too_big(c, "triggers per sentence", MAX_TRIGS);
                return -1;
            }
        }
    }
    if (p->foreign && dyadi_sentence_vetoed(c, (uint32_t)p->s, p->sfirst, p->send))
        return 1;
    p->cfirst = p->sfirst;  /* TABARI: the current clause's first token */
    if (p->one_verb) {
        /* TABARI deletes comma-delimited clauses: their actors and
         * verbs take no part */
        uint32_t hlo[MAX_HIDDEN], hhi[MAX_HIDDEN];
        size_t nh = dyadi_comma_clauses(c, p->cs, p->nc, p->sfirst, p->send, hlo, hhi);
        size_t w = 0;
        for (size_t k = 0; k < p->nc; k++)
            if (!dyadi_hidden_at(hlo, hhi, nh, p->cs[k].first))
                p->cs[w++] = p->cs[k];
        p->nc = w;
        w = 0;
        for (size_t k = 0; k < p->ntr; k++)
            if (!dyadi_hidden_at(hlo, hhi, nh, p->ts[k].first))
                p->ts[w++] = p->ts[k];
        p->ntr = w;
        if (dyadi_too_complex(c, p->cs, p->nc, p->ts, p->ntr, p->sfirst, p->send))
            return 1;
    }
    return 0;
}

/* Attribution: "selon X", "according to X" mark X; "X a affirmé que"
 * marks X as the attribution of what follows que, and X made a statement. */
static void sentence_attribution(pass *p)
{
    dyad_coder *c = p->c;
    /* attribution: "selon X", "according to X" mark X; "X a affirmé que"
     * marks X as the attribution of what follows que */
    p->attr_text = NULL;
    p->attr_code = NULL;
    p->said_cand = -1;              /* "X said ...": X, for a 010 statement */
    p->attr_cand = -1;              /* the attribution's actor, for demands */
    p->said_first = 0;
    p->said_end = 0;
    p->events_before = c->events.len;
    p->attr_from = p->send; /* events after this token are attributed */
    for (size_t k = 0; k < p->ncu; k++) {
        /* speech verbs ("continue", "ajouter") only find quote
         * speakers; attribution comes from attribution cues */
        if (p->cues[k].kind != CUE_ATTRIB)
            continue;
        for (uint32_t i = p->cues[k].first; i < p->cues[k].end; i++)
            p->speech[i] = 1;
        /* a preposition-like cue: selon X */
        int after = 0;
        /* "selon X", "according to X": the source follows the cue;
         * "X a déclaré", "X said (that)": it precedes it */
        int forward = p->cues[k].kind == CUE_ATTRIB && p->cues[k].e->value &&
                      strcmp(p->cues[k].e->value, "according") == 0;
        /* "des sources ont rapporté", "sources said": an actor right
         * before the cue is its subject, whatever the cue's kind */
        for (size_t j = 0; j < p->nc && forward; j++)
            if (!p->cs[j].place && !p->cs[j].governed && p->cs[j].end == p->cues[k].first)
                forward = 0;
        for (size_t j = 0; j < p->nc && forward; j++) {
            if (p->cs[j].first >= p->cues[k].end && p->cs[j].first <= p->cues[k].end + 3 && !p->cs[j].place) {
                p->attr_code = p->cs[j].code;
                p->attr_cand = (int)j;
                uint32_t a0 = dyadi_tok(c, p->cues[k].first)->span.start, a1 = p->cs[j].span.end;
                p->attr_text = dyadi_arena_strndup(&c->arena, c->doc->text + a0, a1 - a0);
                for (uint32_t i = p->cs[j].first; i < p->cs[j].end; i++)
                    p->attrib_tok[i] = 1;
                p->attr_from = p->sfirst;
                after = 1;
                break;
            }
        }
        if (after)
            continue;
        /* X <speech verb> (que) ...: X is the attribution of the clause */
        if (!forward && p->cues[k].end < p->send) {
            /* a participle ("..., affirmant que", "..., saying that")
             * speaks for the subject of its clause, however far */
            const char *cw = dyadi_tok(c, p->cues[k].first)->norm;
            size_t cwl = cw ? strlen(cw) : 0;
            int participle = cwl > 4 && (strcmp(cw + cwl - 3, "ant") == 0 ||
                                         strcmp(cw + cwl - 3, "ing") == 0);
            for (size_t j = p->nc; j-- > 0;) {
                if (p->cs[j].end <= p->cues[k].first &&
                    (dyadi_boundary_between(c, p->cs[j].end - 1, p->cues[k].first) ||
                     has_class(c, p->cues[k].first - 1, W_BOUND)))
                    break; /* « ... », a déclaré X: the speaker is not in the quote */
                if (p->cs[j].end <= p->cues[k].first && !p->cs[j].governed && !p->cs[j].place) {
                    /* the speaker stands right before its verb ("X a
                     * déclaré", "X said", "des sources ont même affirmé");
                     * an actor further left is the subject of an earlier
                     * clause ("Israel lifted the curfew, port officials
                     * said") */
                    if (p->cs[j].end + 3 < p->cues[k].first && !participle)
                        break;
                    if (participle) {
                        /* the first actor of the clause, not the nearest */
                        size_t f = j;
                        while (f > 0 && p->cs[f - 1].first >= p->sfirst && !p->cs[f - 1].governed &&
                               !p->cs[f - 1].place && !dyadi_boundary_between(c, p->cs[f - 1].end - 1, p->cs[f].first))
                            f--;
                        while (f < j && (p->cs[f].governed || p->cs[f].place))
                            f++;
                        j = f;
                    }
                    if (!p->attr_code) {
                        p->said_cand = (int)j;
                        p->attr_cand = (int)j;
                        p->said_first = p->cues[k].first;
                        p->said_end = p->cues[k].end;
                        p->attr_code = p->cs[j].code;
                        uint32_t a0 = p->cs[j].span.start, a1 = p->cs[j].span.end;
                        /* include the head noun before an adjective ("Des sources occidentales") */
                        uint32_t f = p->cs[j].first;
                        while (f > p->sfirst && dyadi_tok(c, f - 1)->kind == DYAD_TOK_WORD &&
                               f + 3 > p->cs[j].first)
                            f--;
                        a0 = dyadi_tok(c, f)->span.start;
                        p->attr_text = dyadi_arena_strndup(&c->arena, c->doc->text + a0, a1 - a0);
                        p->attr_from = p->cues[k].end;
                        /* the speaker is not the subject of a "que"/"that"
                         * clause; of an infinitive ("a annoncé se rendre
                         * en Italie") it is */
                        int infinitive = 0;
                        for (size_t x = 0; x < p->ntr; x++)
                            if (p->ts[x].first >= p->cues[k].end && p->ts[x].first <= p->cues[k].end + 1)
                                infinitive = 1;
                        if (!infinitive)
                            for (uint32_t i = p->cs[j].first; i < p->cs[j].end; i++)
                                p->attrib_tok[i] = 1;
                    }
                    break;
                }
            }
        }
    }

}

/* TABARI's and PETRARCH's clause conventions before trigger ti codes: one
 * verb per clause (CODE BY), the weak verb, nouns read the TABARI way. 1
 * when the trigger is skipped. */
static int tabari_gate(pass *p, size_t ti)
{
    dyad_coder *c = p->c;
    const trig *t = &p->ts[ti];
    const dyadi_trigger *e = t->e;
    if (p->last_ti >= 0 && c->events.len > p->ev_mark) {
        p->consumed = 1;
        p->consumed_end = p->ts[p->last_ti].end;
    }
    p->ev_mark = c->events.len;
    /* TABARI: the clause this verb is in (its source is the
     * clause's first actor, whatever CODE BY says) */
    uint32_t start;
    int fresh = p->one_verb && p->last_ti >= 0 && t->first >= p->ts[p->last_ti].end &&
                dyadi_new_clause(c, p->cs, p->nc, p->ts[p->last_ti].end, t->first, &start);
    if (fresh)
        p->cfirst = start;
    p->last_ti = (int)ti;
    if (p->by == DYADI_CODE_CLAUSE && p->consumed && t->first >= p->consumed_end) {
        if (!fresh && !dyadi_new_clause(c, p->cs, p->nc, p->consumed_end, t->first, &start))
            return 1;
        p->consumed = 0;
    }
    /* TABARI's weak verb ("SAID [023?]") codes only when no
     * other verb of its clause does */
    if (p->one_verb && e->weak) {
        int later = 0;
        uint32_t dummy;
        for (size_t tj = ti + 1; tj < p->ntr && !later; tj++)
            later = p->ts[tj].first >= t->end && !p->ts[tj].e->weak &&
                    p->ts[tj].e->code[0] != '-' &&
                    !dyadi_new_clause(c, p->cs, p->nc, t->end, p->ts[tj].first, &dummy);
        if (later)
            return 1;
    }
    /* TABARI's nouns: a verb form capitalised inside the
     * sentence ("is about To Restore") or right after an
     * article ("the restore") is not a verb */
    if (e->kind != DYADI_TK_NOUN && t->first > p->sfirst) {
        if (dyadi_tabari_noun(c, t->first, p->sfirst))
            return 1;
        if (!p->one_verb && dyadi_petr_noun_phrase(c, p->cs, p->nc, p->sfirst, t->first))
            return 1;
    }
    return 0;
}

/* "a voté en faveur d'une résolution rejetant la souveraineté d'Israël",
 * "adopted a resolution that demands a ceasefire": what a resolution
 * says (a participle or a relative clause on the noun) is done by those
 * who vote for it or adopt it, not by who proposed it. Word wi is such a
 * clause: the voting or adopting verb the resolution hangs on (through
 * "en faveur de", "in favour of"), or UINT32_MAX. */
static const char *const RESOLUTIONS[] = {"résolution", "résolutions", "resolution", "resolutions",
                                          "motion", "motions", NULL};
/* voting for or adopting it, not vetoing, rejecting or merely backing it
 * ("will support a resolution that aims to ...") */
#define ADOPTING "voter,adopter,approuver,vote,adopt,approve,pass"
static uint32_t resolution_verb(const pass *p, uint32_t wi)
{
    const dyadi_tree *tr = &p->tree;
    const dyad_word *w = &tr->w[wi];
    if (!w->deprel || strncmp(w->deprel, "acl", 3) != 0 || !w->head || w->head > tr->nw)
        return UINT32_MAX;
    uint32_t h = w->head - 1;
    /* "une résolution proposée par la Russie qui ordonne ...": a clause
     * the parser hung on the participle that names the author */
    if (!dyadi_norm_in(p->c, tr->w[h].token, RESOLUTIONS) && tr->w[h].deprel &&
        strcmp(tr->w[h].deprel, "acl") == 0 && tr->w[h].head && tr->w[h].head <= tr->nw)
        h = tr->w[h].head - 1;
    if (!dyadi_norm_in(p->c, tr->w[h].token, RESOLUTIONS))
        return UINT32_MAX;
    /* "proposée par la Russie", "drafted by France": who wrote it */
    for (uint32_t d = tr->kid[wi]; d; d = tr->sib[d - 1])
        if (tr->w[d - 1].deprel && strcmp(tr->w[d - 1].deprel, "obl:agent") == 0)
            return UINT32_MAX;
    for (int step = 0; step < 3 && tr->w[h].head && tr->w[h].head <= tr->nw; step++) {
        h = tr->w[h].head - 1;
        if (tr->w[h].upos && strcmp(tr->w[h].upos, "VERB") == 0)
            return tr->w[h].lemma && dyadi_in_list(tr->w[h].lemma, ADOPTING) ? h : UINT32_MAX;
    }
    return UINT32_MAX;
}

/* The actor subject of verb word v, or -1. */
static int verb_subject(const pass *p, uint32_t v)
{
    const dyadi_tree *tr = &p->tree;
    for (uint32_t d = tr->kid[v]; d; d = tr->sib[d - 1]) {
        const dyad_word *x = &tr->w[d - 1];
        if (x->deprel && strcmp(x->deprel, "nsubj") == 0) {
            /* up from a head word the actor phrase does not cover
             * ("les membres du Conseil de sécurité") */
            uint32_t y = d - 1;
            for (int step = 0; step < 3 && tr->cand[y] < 0; step++) {
                uint32_t k;
                for (k = tr->kid[y]; k && !(tr->w[k - 1].deprel && strcmp(tr->w[k - 1].deprel, "nmod") == 0);
                     k = tr->sib[k - 1])
                    ;
                if (!k)
                    break;
                y = k - 1;
            }
            return tr->cand[y];
        }
    }
    return -1;
}

/* The word of trigger t in the tree, or UINT32_MAX. */
static uint32_t trig_word(const pass *p, const trig *t)
{
    const dyad_word *w = dyadi_tree_word(&p->tree, t->first);
    return w ? (uint32_t)(w - p->tree.w) : UINT32_MAX;
}

/* Trigger ti is what a resolution says: its voter, or -1. */
static int resolution_voter(const pass *p, size_t ti)
{
    if (!p->has_tree || p->foreign)
        return -1;
    uint32_t wi = trig_word(p, &p->ts[ti]);
    uint32_t v = wi == UINT32_MAX ? UINT32_MAX : resolution_verb(p, wi);
    return v == UINT32_MAX ? -1 : verb_subject(p, v);
}

/* Trigger ti is the vote for (the adoption of) a resolution whose
 * content another trigger codes: that event is the vote's. */
static int vote_for_content(const pass *p, size_t ti)
{
    if (!p->has_tree || p->foreign)
        return 0;
    uint32_t wv = trig_word(p, &p->ts[ti]);
    if (wv == UINT32_MAX)
        return 0;
    for (size_t tj = 0; tj < p->ntr; tj++) {
        uint32_t wj = tj == ti ? UINT32_MAX : trig_word(p, &p->ts[tj]);
        if (wj != UINT32_MAX && resolution_verb(p, wj) == wv && verb_subject(p, wv) >= 0)
            return 1;
    }
    return 0;
}

/* "le Front al-Nosra subit d'importants revers face à l'offensive des
 * troupes pro-Assad": an offensive that a clause's subject faces ("face
 * à", "in the face of") is aimed at that subject. The subject, or -1. */
static const char *const FACE[] = {"face", NULL};
static int faced_by(const pass *p, const trig *t, int src)
{
    const dyadi_tree *tr = &p->tree;
    uint32_t n = trig_word(p, t);
    if (n == UINT32_MAX || !tr->w[n].head || tr->w[n].head > tr->nw)
        return -1;
    /* "face" two or three words before the noun: "face à l'", "face aux",
     * "face of the" */
    int face = 0;
    for (uint32_t i = t->first; i > p->sfirst && i + 4 > t->first && !face; i--)
        face = dyadi_norm_in(p->c, i - 1, FACE);
    if (!face)
        return -1;
    uint32_t v = tr->w[n].head - 1;
    for (int step = 0; step < 2 && !(tr->w[v].upos && strcmp(tr->w[v].upos, "VERB") == 0); step++) {
        if (!tr->w[v].head || tr->w[v].head > tr->nw)
            return -1;
        v = tr->w[v].head - 1;
    }
    int k = verb_subject(p, v);
    if (k < 0 || k == src || p->cs[k].place ||
        (p->cs[k].code && p->cs[src].code && strcmp(p->cs[k].code, p->cs[src].code) == 0))
        return -1;
    return k;
}

/* A nominal event's missing side k (if any) completes the tree's roles. */
static void noun_side(role *r, int *side, int *n, int k, const char *rule)
{
    if (k < 0)
        return;
    side[0] = k;
    *n = 1;
    r->tro.rule = rule;
    r->use_tree = 1;
}

/* Before roles: is trigger ti coded at all (2: no more triggers in this
 * sentence, 1: not this one), and is its verb passive by word order? */
static int trigger_gate(pass *p, size_t ti, role *r)
{
    dyad_coder *c = p->c;
    const trig *t = &p->ts[ti];
    const dyadi_trigger *e = t->e;
    if (p->by == DYADI_CODE_SENTENCE && c->events.len > p->events_before)
        return 2;
    if (p->speech[t->first] && p->speech[t->end - 1])
        return 1; /* the speech verb itself, not "claim responsibility" */
    if (e->code[0] == '-' || dyadi_marker_code(e->code)) {
        /* a null trigger ("---"): matched so that a shorter pattern
         * does not code the phrase; no event, but a null pattern
         * uses the verb (a bare verb coded "---" does not) */
        if (p->one_verb && t->end > t->first + 1) {
            p->consumed = 1;
            p->consumed_end = t->end;
        }
        return 1;
    }
    /* "we're going to have": several words that are a modal cue as a
     * whole are the modality of the verb after them, not an event ("go
     * to" 040); a one-word cue ("agree", "plan") may be a trigger too */
    for (size_t k = 0; k < p->ncu && !p->foreign; k++)
        if (p->cues[k].kind == CUE_MODAL && p->cues[k].first == t->first && p->cues[k].end == t->end &&
            t->end > t->first + 1 && t->end < p->send && dyadi_tok(c, t->end)->kind == DYAD_TOK_WORD)
            return 1;
    /* passive voice: être/be right before a verb trigger */
    r->passive = 0;
    if (e->kind == DYADI_TK_VERB)
        for (uint32_t i = t->first; i > p->sfirst && i + 3 > t->first; i--)
            if (stem_is(c, i - 1, "être") || stem_is(c, i - 1, "be") ||
                dyadi_norm_in(c, i - 1, (const char *const[]){"été", "was", "were", "been", "being", "is", "are", NULL})) {
                /* "a été arrêté", "was arrested": only with a
                 * participle-like trigger form */
                const char *k = dyadi_tok(c, t->first)->norm;
                size_t l = strlen(k);
                int fr = c->lang[0] == 'f';
                if ((l > 2 && (strcmp(k + l - 2, "ed") == 0 || strcmp(k + l - 2, "en") == 0)) ||
                    (fr && l > 2 && (strstr(k + (l > 4 ? l - 4 : 0), "é") != NULL)) ||
                    (fr && l > 1 && k[l - 1] == 't'))
                    r->passive = 1;
                break;
            }
    /* A refusal verb whose complement is itself a trigger ("a refusé
     * de condamner", "refused to meet") is a cue on that trigger,
     * not an event of its own. */
    if (ti + 1 < p->ntr && e->kind == DYADI_TK_VERB && t->end == t->first + 1 &&
        dyadi_is_refusal_head(c, p->cues, p->ncu, t) && p->ts[ti + 1].first <= t->end + 3)
        return 1; /* "reject ... request" (an expression) is its own event */
    if (!r->passive && e->kind == DYADI_TK_VERB && t->end < p->send &&
        dyadi_norm_in(c, t->end, (const char *const[]){"par", "by", NULL})) {
        r->passive = 2; /* "détruites par X", "destroyed by X" */
    }
    return 0;
}

/* The roles of trigger ti: from the tree when the sentence has one and it
 * names them, TABARI's positions for its dictionaries, else word order;
 * nominal events need both sides. 1 when the trigger codes, 0 when not. */
/* rev=1 frames: the grammatical subject is the target ("praised by") */
static void swap_roles(role *r)
{
    int x = r->src;
    r->src = r->tgt;
    r->tgt = x;
}

/* Roles the tree named: an actor it could not cover is found by word order
 * ("Kyrgyz Prime Minister ...", misattached on news text); "receive ... from"
 * and rev=1 frames swap them. 0 when the trigger has no source. */
static int roles_tree(pass *p, size_t ti, role *r)
{
    dyad_coder *c = p->c;
    const trig *t = &p->ts[ti];
    const dyadi_trigger *e = t->e;
    r->src = r->tro.nsrc ? r->tro.src[0] : -1;
    r->tgt = r->tro.ntgt ? r->tro.tgt[0] : -1;
    r->passive = r->tro.passive;
    /* a subject the tree names but no actor covers ("Kyrgyz
     * Prime Minister ...", misattached on news text): the
     * nearest actor by word order, as without a tree */
    if (r->src < 0 && e->kind != DYADI_TK_NOUN) {
        r->src = r->passive ? dyadi_find_target(c, p->cs, p->nc, t->end, e, -1, p->attrib_tok, 1)
                      : dyadi_find_source(c, p->cs, p->nc, p->sfirst, t->first, p->attrib_tok);
        p->ts[ti].roles_by = "order:source-the-tree-could-not-name";
        /* never the verb's own object ("Ils pourraient nous aider":
         * "Ils" names no actor, "nous" is the one helped) */
        if (r->src >= 0 && r->src == r->tgt)
            r->src = -1;
    }
    if (r->src < 0)
        return 0;
    /* the passive's subject the tree misread: by word order. Not when the
     * tree's subject is no actor: a bare number ("ont manifesté devant le
     * parlement européen et 400 ont été arrêtés par la police") counts
     * people no actor names, a theme's participle qualifies a thing ("a
     * bill signed by the minister"); the nearest actor before them is
     * another clause's */
    if (r->tgt < 0 && r->passive && !r->tro.tgt_none && e->kind != DYADI_TK_NOUN)
        r->tgt = dyadi_find_source(c, p->cs, p->nc, p->sfirst, t->first, p->attrib_tok);
    if (r->tgt == r->src)
        r->tgt = -1;
    /* "la Syrie a reçu le soutien de la Russie" (rev=1, from=de),
     * "praised by": the subject is the target */
    if (e->rev && e->from && r->tro.giver >= 0 && r->tro.giver != r->src) {
        r->tgt = r->src;
        r->src = r->tro.giver;
    } else if (e->rev && r->tgt >= 0) {
        swap_roles(r);
    }
    return 1;
}

static int protest_population_source(pass *p, const trig *t, int tgt);
static int clause_gap(const dyad_coder *c, uint32_t a, uint32_t b);

/* A nominal event by word order: "l'offensive russe en Ukraine", "la
 * visite de X à Y", "the Russian invasion of Ukraine". 0 when it lacks a
 * side (a cooperation noun in what someone says is that speaker's stance). */
static int roles_noun(pass *p, size_t ti, role *r)
{
    dyad_coder *c = p->c;
    const trig *t = &p->ts[ti];
    const dyadi_trigger *e = t->e;
    /* "l'offensive russe en Ukraine", "la visite de X à Y",
     * "the Russian invasion of Ukraine" */
    for (size_t k = 0; k < p->nc; k++) {
        if (p->cs[k].place)
            continue;
        if (p->cs[k].first == t->end && !p->cs[k].governed)
            r->src = (int)k;              /* adjective after the noun */
        else if (p->cs[k].end == t->first && !p->cs[k].governed)
            r->src = (int)k;              /* adjective before (en) */
        else if (p->cs[k].first > t->end && p->cs[k].first <= t->end + 3 && p->cs[k].prep &&
                 (strcmp(p->cs[k].prep, "de") == 0 || strcmp(p->cs[k].prep, "du") == 0 ||
                  strcmp(p->cs[k].prep, "of") == 0 || strcmp(p->cs[k].prep, "by") == 0)) {
            /* "l'arrestation de X", "the invasion of X": the
             * genitive is the target for gen=target nouns */
            if (e->gen_target && strcmp(p->cs[k].prep, "by") != 0) {
                if (r->tgt < 0)
                    r->tgt = (int)k;
            } else if (r->src < 0) {
                r->src = (int)k;
            }
        }
    }
    if (r->src < 0)
        dyadi_between_pair(c, p->cs, p->nc, t->end, &r->src, &r->tgt);
    /* "répondu ... affirmant que la coopération actuelle
     * permettrait ...": an actorless cooperation noun in what
     * someone says is that speaker's stance towards a partner */
    if (r->src < 0 && dyadi_stance_of_speaker(e, p->attr_cand, p->attr_from, p->sfirst, t)) {
        r->src = p->attr_cand;
        r->speaker_noun = 1;
    }
    if (r->src < 0 && strncmp(e->code, "14", 2) == 0) {
        /* "des manifestations ont eu lieu à Séoul contre la présidente" */
        for (size_t k = 0; k < p->nc; k++)
            if (!p->cs[k].place && p->cs[k].first >= t->end && p->cs[k].first <= t->end + 12 &&
                !clause_gap(c, t->end, p->cs[k].first) &&
                p->cs[k].governed && dyadi_prep_matches(p->cs[k].prep, e->prep)) {
                if ((r->src = protest_population_source(p, t, (int)k)) >= 0)
                    r->tgt = (int)k;
                break;
            }
        if (r->src >= 0)
            return 1;
    }
    if (r->src < 0)
        return 0;
    for (size_t k = 0; k < p->nc && r->tgt < 0; k++) {
        if ((int)k == r->src || p->cs[k].first < t->end || p->cs[k].first > p->cs[r->src].end + 4)
            continue;
        if (p->cs[k].governed && dyadi_prep_matches(p->cs[k].prep, e->prep)) {
            r->tgt = (int)k;
            break;
        }
    }
    if (r->tgt < 0 && !r->speaker_noun)
        return 0; /* a nominal trigger needs both actors */
    return 1;
}

/* A verb's roles by word order: the subject of its clause (shared by a
 * coordinated verb), its object or frame preposition, "receive ... from"
 * and rev=1 frames. 2 when the roles are final (no speaker stance). */
static int roles_verb(pass *p, size_t ti, role *r)
{
    dyad_coder *c = p->c;
    const trig *t = &p->ts[ti];
    const dyadi_trigger *e = t->e;
    r->src = dyadi_find_source(c, p->cs, p->nc, p->sfirst, t->first, p->attrib_tok);
    /* coordinated verbs share their subject: "qui a refusé de
     * condamner ... et refusé également d'appliquer ..." */
    if (p->prev_verb >= 0 && p->prev_src >= 0 &&
        dyadi_coordinated(c, p->cs, p->nc, p->ts[p->prev_verb].end, t->first))
        r->src = p->prev_src;
    if (r->src < 0)
        r->src = p->prev_src;
    r->tgt = dyadi_find_target(c, p->cs, p->nc, t->end, e, r->src, p->attrib_tok, 0);
    if (r->tgt < 0 && (r->src < 0 || e->kind == DYADI_TK_EXPR))
        dyadi_between_pair(c, p->cs, p->nc, t->end, &r->src, &r->tgt);
    /* "buy Iranian drones": an adjective of nationality inside
     * the trigger's own words names the partner */
    if (r->tgt < 0 && e->kind == DYADI_TK_EXPR)
        for (size_t k = 0; k < p->nc; k++)
            if (p->cs[k].adj && p->cs[k].first > t->first && p->cs[k].end <= t->end &&
                (int)k != r->src) {
                r->tgt = (int)k;
                break;
            }
    /* "la Syrie a reçu le soutien de la Russie": with rev=1 and
     * from=de, the object of "de" is the source and the subject
     * the target */
    if (e->rev && e->from && r->src >= 0) {
        for (size_t k = 0; k < p->nc; k++) {
            if (p->cs[k].first < t->end || p->cs[k].first > t->end + 8 || p->cs[k].place ||
                (int)k == r->src)
                continue;
            if (dyadi_boundary_between(c, t->end - 1, p->cs[k].first))
                break;
            if (p->cs[k].governed && dyadi_prep_matches(p->cs[k].prep, e->from)) {
                r->tgt = r->src;
                r->src = (int)k;
                break;
            }
        }
        if (r->tgt >= 0 && r->src != r->tgt)
            return 2;
    }
    /* praise or blame of someone inside a quotation ("« Les
     * travailleurs coréens sont qualifiés »", a déclaré X): the
     * grammatical subject is the target, the speaker the source */
    if (e->rev && r->tgt < 0 && r->src >= 0) {
        const quote *q = dyadi_quote_of(p->qs, p->nq, t->first);
        if (q && q->speaker &&
            strncmp(q->speaker, p->cs[r->src].code, 3) != 0) {
            cand *cd = &p->cs[p->nc];
            memset(cd, 0, sizeof *cd);
            cd->how = "quote:speaker";
            cd->code = q->speaker;
            cd->country = dyadi_arena_strndup(&c->arena, q->speaker, 3);
            cd->span = dyadi_tok(c, q->close)->span;
            cd->lat = cd->lon = NAN;
            r->tgt = r->src;
            r->src = (int)p->nc;
        }
    } else if (e->rev && r->src >= 0 && r->tgt >= 0) {
        swap_roles(r);
    }
    return 1;
}

/* "les opérations visant à reprendre Raqqa, capitale de Daech", "the
 * assault on Mosul, held by Islamic State": force against a place the
 * sentence says an actor holds is force against that holder. The place
 * follows the trigger in its clause; between the place and the holder only
 * a comma, determiners, prepositions and one holding word. -1 when none. */
static int place_holder(pass *p, const trig *t, int src)
{
    const dyad_coder *c = p->c;
    for (size_t k = 0; k < p->nc; k++) {
        const cand *pl = &p->cs[k];
        if (!pl->place || pl->first < t->end || pl->first > t->end + 10)
            continue;
        int cut = 0;
        for (uint32_t i = t->end; i < pl->first && !cut; i++)
            cut = has_class(c, i, W_BOUND | W_COMP | W_REL);
        if (cut)
            return -1;
        /* ", capitale de", "aux mains des", ", held by" */
        uint32_t i = pl->end, hold = 0;
        for (; i < p->send && i < pl->end + 4; i++) {
            if (has_class(c, i, W_HOLD) && !hold)
                hold = i;
            else if (!has_class(c, i, W_DET | W_PREP | W_COMMA))
                break;
        }
        if (!hold || !has_class(c, i - 1, W_DET | W_PREP) || i - 1 == hold)
            return -1;
        /* the holder's mention may open on its determiner ("l'État islamique") */
        for (size_t a = 0; a < p->nc; a++)
            if (p->cs[a].first > hold && p->cs[a].first <= i && !p->cs[a].place && (int)a != src &&
                (src < 0 || strcmp(p->cs[a].code, p->cs[src].code) != 0) &&
                !(p->cs[a].how && strcmp(p->cs[a].how, "document-country") == 0))
                return (int)a;
        return -1;
    }
    return -1;
}

/* "les rebelles soutenus par la Turquie", "rebels backed by Turkey": an
 * agent the document's country was lent to (actors.c, "document-country")
 * and whom a participle of support says that very country backs is no
 * agent of it (a state does not back its own rebels): it loses the guessed
 * country, and takes the other side's, as any agent of unknown country
 * does (push_event1). t is the participle, r its tree roles. */
static void foreign_backed(pass *p, const trig *t, const role *r)
{
    const dyad_word *vw = dyadi_tree_word(&p->tree, t->first);
    if (!vw || !vw->head || vw->head > p->tree.nw || r->tro.nsrc < 1)
        return;
    int k = p->tree.cand[vw->head - 1], b = r->tro.src[0];
    if (k < 0 || (size_t)k >= p->nc || b < 0 || (size_t)b >= p->nc || k == b)
        return;
    cand *ag = &p->cs[k];
    const cand *backer = &p->cs[b];
    if (!ag->how || strcmp(ag->how, "document-country") != 0 || !ag->code || strlen(ag->code) < 6 ||
        !ag->country || !backer->country || strcmp(ag->country, backer->country) != 0)
        return;
    char *code = dyadi_arena_strndup(&p->c->arena, ag->code, strlen(ag->code));
    if (!code)
        return;
    memcpy(code, "---", 3);
    ag->code = code;
    ag->country = NULL;
    ag->how = "agent-without-country";
}

static int trigger_roles(pass *p, size_t ti, role *r)
{
    dyad_coder *c = p->c;
    const trig *t = &p->ts[ti];
    const dyadi_trigger *e = t->e;
    r->src = -1;
    r->tgt = -1;
    r->speaker_noun = 0;
    /* TABARI's positional roles (tabari_roles): for TABARI
     * lexicons, and for foreign patterns that place their actors */
    r->positional = e->kind != DYADI_TK_NOUN &&
                           (p->one_verb || (p->foreign && (e->tslot || e->sslot)));
    r->use_tree = 0;
    if (p->has_tree && !r->positional) {
        dyadi_tree_roles(&p->tree, p->cs, t, &r->tro);
        /* a nominal event needs both sides, or a compound of
         * partners ("Israel and Lebanon renewed negotiations") */
        r->use_tree = e->kind == DYADI_TK_NOUN ? r->tro.nsrc > 0 && (r->tro.ntgt > 0 ||
                                                               (r->tro.nsrc > 1 && e->recip))
                                            : r->tro.nsrc > 0 || r->tro.subj_known || r->tro.passive;
    }
    /* "les rebelles soutenus par la Turquie", "rebels supported by
     * Turkey": support or aid in a participle that qualifies an actor
     * names a standing relation, who the actor is, not an event of the
     * sentence (an arrest or a killing so told still is one) */
    if (r->use_tree && (strncmp(e->code, "05", 2) == 0 || strncmp(e->code, "06", 2) == 0 ||
                        strncmp(e->code, "07", 2) == 0) &&
        dyadi_tree_actor_participle(&p->tree, t)) {
        foreign_backed(p, t, r);
        return 0;
    }
    const int lone_noun = p->has_tree && !r->positional && !r->use_tree && e->kind == DYADI_TK_NOUN;
    if (lone_noun && r->tro.nsrc == 0 && r->tro.ntgt > 0)
        noun_side(r, r->tro.src, &r->tro.nsrc, protest_population_source(p, t, r->tro.tgt[0]),
                  "tree:protest-population");
    else if (lone_noun && r->tro.nsrc > 0 && r->tro.ntgt == 0 && strncmp(e->code, "19", 2) == 0)
        noun_side(r, r->tro.tgt, &r->tro.ntgt, faced_by(p, t, r->tro.src[0]), "tree:faced-attack");
    int k = 1;
    trig *tw = &p->ts[ti];
    if (r->use_tree) {
        tw->roles_by = r->tro.rule ? r->tro.rule : "tree";
        k = roles_tree(p, ti, r);
    } else if (e->kind == DYADI_TK_NOUN) {
        tw->roles_by = "order:noun";
        k = roles_noun(p, ti, r);
    } else if (r->positional) {
        tw->roles_by = "tabari:positions";
        dyadi_tabari_roles(c, p->cs, p->nc, p->cfirst, t, r->passive, p->prev_src, &r->src, &r->tgt);
        /* no source: dyadi_fill_roles (DEFAULT:, FORWARD) may give one */
    } else if (r->passive == 2 || (r->passive && (e->passive || e->obj == DYADI_OBJ_TARGET))) {
        tw->roles_by = "order:passive";
        r->tgt = dyadi_find_source(c, p->cs, p->nc, p->sfirst, t->first, p->attrib_tok);
        r->src = dyadi_find_target(c, p->cs, p->nc, t->end, e, r->tgt, p->attrib_tok, 1);
        if (r->src < 0)
            return 0;
    } else {
        tw->roles_by = "order:subject";
        k = roles_verb(p, ti, r);
    }
    if (!k)
        return 0;
    if (k == 1) {
        /* the same stance when a verb pattern matched the noun
         * ("saying that the current cooperation would ...") */
        if (e->kind != DYADI_TK_NOUN && r->tgt < 0 && dyadi_noun_suffix(dyadi_tok(c, t->first)->norm) &&
            dyadi_stance_of_speaker(e, p->attr_cand, p->attr_from, p->sfirst, t)) {
            r->src = p->attr_cand;
            r->speaker_noun = 1;
        }
    }
    int voter = resolution_voter(p, ti);
    if (voter >= 0 && voter != r->tgt) {
        r->src = voter;
        tw->roles_by = "tree:resolution-content";
    }
    dyadi_fill_roles(c, p->cs, p->nc, t, &r->src, &r->tgt);
    if (r->src < 0)
        return 0;
    if (r->tgt < 0 && !p->foreign && (strncmp(e->code, "18", 2) == 0 ||
                                      strncmp(e->code, "19", 2) == 0 || strncmp(e->code, "20", 2) == 0))
        r->tgt = place_holder(p, t, r->src);
    if (e->kind != DYADI_TK_NOUN) {
        p->prev_src = r->src;
        p->prev_verb = (int)ti;
    }
    if (r->tgt >= 0 && strcmp(p->cs[r->tgt].code, p->cs[r->src].code) == 0 &&
        !dyadi_distinct_same_code(c, &p->cs[r->src], &p->cs[r->tgt]))
        return 0; /* an actor acting on itself is no dyad */
    return 1;
}

/* The complement of trigger ti: by word order after its complement word
 * (dyadi_complement_of), else what the tree puts under it (*by_tree). */
static int complement(pass *p, size_t ti, int *by_tree)
{
    int cj = dyadi_complement_of(p->c, p->ts, p->ntr, ti);
    if (cj < 0 && p->has_tree) {
        cj = dyadi_complement_tree(&p->tree, p->ts, p->ntr, ti, ti + 1);
        *by_tree = cj >= 0;
    }
    return cj;
}

/* The target of an appeal, demand or rejection with complement cj when
 * it has none: the complement's subject ("demanded that the government
 * grant ...": the government), else the complement's object. 0 when none
 * is found. */
static int complement_target(pass *p, size_t ti, int cj, role *r)
{
    if (r->tgt >= 0)
        return 1;
    tree_roles tro;
    dyadi_tree_roles(&p->tree, p->cs, &p->ts[cj], &tro);
    if (tro.nsrc > 0 && !tro.passive && tro.src[0] != r->src) {
        r->tgt = tro.src[0];
        return 1;
    }
    /* the complement's own target, as the tree reads it ("marched to
     * demand the resignation of the president") */
    if (tro.ntgt > 0 && !tro.passive && tro.tgt[0] != r->src) {
        r->tgt = tro.tgt[0];
        return 1;
    }
    r->tgt = dyadi_find_target(p->c, p->cs, p->nc, p->ts[cj].end, p->ts[cj].e, r->src, p->attrib_tok, 0);
    return r->tgt >= 0;
}

/* Is cc a sub-code of code: the same root, and code the root's generic
 * x0 code or a prefix of cc ("122" -> "1221", "120" -> "1243")? */
static int refines(const char *code, const char *cc)
{
    if (strncmp(code, cc, 2) != 0 || strcmp(code, cc) == 0)
        return 0;
    return (code[2] == '0' && code[3] == '\0') || strncmp(cc, code, strlen(code)) == 0;
}

/* 1 when another modal cue covers exactly the words of cue k and makes
 * them only possible: the conditional form of a modal verb ("devrait",
 * "should") is a hypothesis, not the intention its lemma ("devoir")
 * reads as. */
static int conditional_form(const pass *p, size_t k)
{
    const cue *q = &p->cues[k];
    for (size_t j = 0; j < p->ncu; j++) {
        const cue *o = &p->cues[j];
        if (j != k && o->kind == CUE_MODAL && o->first == q->first && o->end == q->end &&
            o->e->value && strcmp(o->e->value, "possible") == 0)
            return 1;
    }
    return 0;
}

/* The scope of trigger ti: negation, refusal and modality in the clause
 * before it, the French conditional, refusals coded 12x, appeals, demands
 * and threats coded by their complement, intentions 03x, "X said Y must".
 * Returns the code; sets *polarity and *modality (and may swap roles). */
/* "could not reach an agreement", "would not endorse the result", "will
 * not sign": a modal auxiliary of ability or will that the clause negates
 * says what did not happen, and the failure or refusal its neg_code names
 * did happen. The modality that modal gave (cue_mod) is then no hedge: the
 * event is actual. Not "may not", "might not" (a guess stays a guess), nor
 * a trigger's own mode ("promised"). French needs no entry: "n'ont pas pu
 * trouver d'accord" has no modal cue, and the conditional ("ne pourrait
 * pas signer") stays possible. */
static const char *const NEGATABLE_MODALS[] = {"could", "can", "would", "will", NULL};

static int negated_modal_fact(int modality, int cue_mod)
{
    return cue_mod ? DYAD_ACTUAL : modality;
}

/* "Hillary Clinton attaque Donald Trump sur ses réflexions", "Senator X
 * attacked the plan": a party or a legislature has no arms, so its
 * "attack" (CAMEO 18, 19) is a verbal one, a criticism (111); so is a
 * government's "attack" on a party's or a parliament's people ("Trump
 * attacked Pelosi"). Only the generic 180 and 190 are the words that
 * have that figurative sense ("attack", "fight", "s'en prendre à"); a
 * trigger that names the physical act itself ("ont violemment battu les
 * militants", "beat up", "kidnapped", 182, 181 ...) is no metaphor,
 * whoever does it (a party's youth wing beating opponents). */
static const char *verbal_attack(const pass *p, const role *r, const char *code)
{
    if (p->foreign || r->src < 0 || (strcmp(code, "190") != 0 && strcmp(code, "180") != 0))
        return code;
    const char *sc = p->cs[r->src].code, *tc = r->tgt >= 0 ? p->cs[r->tgt].code : NULL;
    if (!sc || strlen(sc) != 6)
        return code;
    if (dyadi_in_list(sc + 3, "PTY,LEG") ||
        (strcmp(sc + 3, "GOV") == 0 && tc && strlen(tc) == 6 && dyadi_in_list(tc + 3, "PTY,LEG")))
        return "111";
    return code;
}

/* "les forces kurdes ont expulsé l'État islamique de Manbij", "the army
 * drove Islamic State fighters out of the town": expelling (174, a
 * deportation of people) an armed actor from where it holds ground is a
 * military act (190), whoever does it. Armed: a militarised international
 * group (IMG...), or the military, rebel, insurgent or unidentified armed
 * forces sector of a country. */
static const char *armed_expulsion(const pass *p, const role *r, const char *code)
{
    if (p->foreign || r->tgt < 0 || strcmp(code, "174") != 0)
        return code;
    const char *tc = p->cs[r->tgt].code;
    size_t n = tc ? strlen(tc) : 0;
    char sector[4] = {0};
    if (n >= 6)
        memcpy(sector, tc + 3, 3);
    int armed = (n >= 3 && strncmp(tc, "IMG", 3) == 0) || dyadi_in_list(sector, "MIL,REB,INS,UAF");
    return armed ? "190" : code;
}

/* "400 soldats sont partis prêter main forte aux sinistrés", "grâce à
 * l'aide de l'aviation russe", "troops helped flood victims": aid whose
 * words do not say its kind (070) is humanitarian (073) when it goes to
 * civilians or refugees, and military (072) when armed forces give it to
 * armed forces. */
static const char *aid_kind(const pass *p, const role *r, const char *code)
{
    if (p->foreign || r->src < 0 || r->tgt < 0 || strcmp(code, "070") != 0)
        return code;
    const char *sc = p->cs[r->src].code, *tc = p->cs[r->tgt].code;
    if (tc && strlen(tc) == 6 && dyadi_in_list(tc + 3, "CVL,REF"))
        return "073";
    if (sc && tc && strlen(sc) == 6 && strlen(tc) == 6 && dyadi_in_list(sc + 3, "MIL") &&
        dyadi_in_list(tc + 3, "MIL,REB,UAF"))
        return "072";
    return code;
}

/* "The minister reiterated that Libya must hand over the suspects": the
 * subject of a statement trigger (01x) that the tree puts the required
 * action under speaks for the demand, as the subject of an attribution
 * verb does. A candidate index or -1. */
static int statement_speaker(pass *p, size_t ti)
{
    for (size_t si = 0; si < ti && p->has_tree; si++) {
        const trig *st = &p->ts[si];
        if (strncmp(st->e->code, "01", 2) != 0 || st->e->kind == DYADI_TK_NOUN ||
            dyadi_complement_tree(&p->tree, p->ts, p->ntr, si, si + 1) != (int)ti)
            continue;
        tree_roles tro;
        dyadi_tree_roles(&p->tree, p->cs, st, &tro);
        /* a speaker of no known country ("the administration") would
         * take another actor's */
        if (tro.nsrc > 0 && !tro.passive && p->cs[tro.src[0]].code[0] != '-')
            return tro.src[0];
    }
    return -1;
}

/* The target of the appeal, demand, criticism, rejection or protest the
 * tree puts under protest ti as its purpose ("to demand reforms from the
 * government"), when it is another actor than src's; -1 when none. */
static int purpose_target(pass *p, size_t ti, int src)
{
    int dj = dyadi_complement_tree(&p->tree, p->ts, p->ntr, ti, ti + 1), k = -1;
    if (dj < 0)
        return -1;
    const char *uc = p->ts[dj].e->code;
    if (strncmp(uc, "02", 2) != 0 && strncmp(uc, "10", 2) != 0 && strncmp(uc, "11", 2) != 0 &&
        strncmp(uc, "12", 2) != 0 && strncmp(uc, "14", 2) != 0)
        return -1;
    tree_roles tro;
    dyadi_tree_roles(&p->tree, p->cs, &p->ts[dj], &tro);
    for (int i = 0; i < tro.ntgt && !tro.passive && k < 0; i++)
        if (tro.tgt[i] != src && (src < 0 || strcmp(p->cs[tro.tgt[i]].code, p->cs[src].code) != 0))
            k = tro.tgt[i];
    /* "a hunger strike to protest X's failure": one protest, not two */
    if (k >= 0 && strncmp(uc, "14", 2) == 0)
        p->skip_ti = dj;
    return k;
}

/* The actor an appeal's complement cj supports or defends (051, 052) when
 * it is a third party: neither the appeal's source nor the one asked. -1
 * otherwise. */
static int rallied_for(pass *p, size_t cj, const role *r)
{
    const char *uc = p->ts[cj].e->code;
    if (strncmp(uc, "051", 3) != 0 && strncmp(uc, "052", 3) != 0)
        return -1;
    tree_roles tro;
    dyadi_tree_roles(&p->tree, p->cs, &p->ts[cj], &tro);
    for (int i = 0; i < tro.ntgt && !tro.passive; i++) {
        const char *kc = p->cs[tro.tgt[i]].code;
        if (tro.tgt[i] != r->src && tro.tgt[i] != r->tgt && strcmp(kc, p->cs[r->src].code) != 0 &&
            (r->tgt < 0 || strcmp(kc, p->cs[r->tgt].code) != 0))
            return tro.tgt[i];
    }
    return -1;
}

/* "a accepté les propositions que le gouvernement lui avait faites",
 * "rejected the offer that Moscow made": who made what is accepted or
 * rejected is the subject of a relative clause on a noun of the
 * expression (the noun is that clause's object: its subject is an actor,
 * not the relative pronoun; a participle has none). That actor, or -1. */
static int relative_maker(const pass *p, const trig *t, int src)
{
    const dyadi_tree *tr = &p->tree;
    for (uint32_t i = t->first; i < t->end; i++) {
        const dyad_word *n = dyadi_tree_word(tr, i);
        if (!n || !n->upos || strcmp(n->upos, "NOUN") != 0)
            continue;
        uint32_t ni = (uint32_t)(n - tr->w);
        for (uint32_t d = tr->kid[ni]; d; d = tr->sib[d - 1]) {
            const dyad_word *v = &tr->w[d - 1];
            /* English parses "the offer that X made" as a plain acl */
            if (!v->deprel || strncmp(v->deprel, "acl", 3) != 0)
                continue;
            for (uint32_t s = tr->kid[d - 1]; s; s = tr->sib[s - 1]) {
                const dyad_word *sw = &tr->w[s - 1];
                int k = tr->cand[s - 1];
                if (!sw->deprel || strcmp(sw->deprel, "nsubj") != 0 || k < 0 || (size_t)k >= p->nc ||
                    k == src || p->cs[k].place)
                    continue;
                if (src >= 0 && p->cs[src].code && p->cs[k].code &&
                    strcmp(p->cs[k].code, p->cs[src].code) == 0)
                    continue;
                return k;
            }
        }
    }
    return -1;
}

/* A verbal act about another action: an appeal (02), an intention (03), a
 * demand (10), a rejection (12) or a threat (13). */
static int about_an_action(const char *code)
{
    static const char *const roots[] = {"02", "03", "10", "12", "13", NULL};
    for (size_t i = 0; roots[i]; i++)
        if (strncmp(code, roots[i], 2) == 0)
            return 1;
    return 0;
}

static const char *trigger_scope(pass *p, size_t ti, role *r, int *out_pol, int *out_mod)
{
    dyad_coder *c = p->c;
    const trig *t = &p->ts[ti];
    const dyadi_trigger *e = t->e;
    /* scope: negation, refusal, modality in the clause before the trigger */
    int polarity = DYAD_ASSERTED, modality = r->speaker_noun ? DYAD_INTENDED : e->mode;
    int refused = 0, declined = 0, negcue = 0, required = 0, cue_mod = 0;
    /* a nominal trigger names an event the sentence presupposes
     * ("a refusé de condamner l'offensive russe"): the clause's
     * negation and modality are about the verb, not the noun */
    for (size_t k = 0; k < p->ncu && e->kind != DYADI_TK_NOUN; k++) {
        const cue *q = &p->cues[k];
        /* the tagger knows a month "May" from the modal */
        if (p->has_tree && (q->kind == CUE_NEG || q->kind == CUE_MODAL || q->kind == CUE_REFUSE) &&
            !dyadi_tree_cue_ok(&p->tree, q->first, q->end))
            continue;
        /* "viennent d'accepter les propositions": a modal verb that opens
         * an expression is the expression's verb, with its own object, not
         * the modal of an infinitive ("accepter de", "proposer de") */
        if (q->kind == CUE_MODAL && q->first == t->first && t->end > t->first + 1 &&
            e->kind == DYADI_TK_EXPR)
            continue;
        int before = q->end <= t->first + 1 && q->first + 8 >= t->first &&
                     !dyadi_boundary_between(c, q->end - 1, t->first);
        int around = q->first < t->first && q->end > t->first; /* ne ... pas */
        /* "n'a signé aucun accord" negates the verb before it; "l'a remis
         * en liberté sans interdiction de séjour" does not: "sans" and
         * "non" negate what follows them */
        int after = q->first >= t->end && q->first <= t->end + 1 && strcmp(c->lang, "fr") == 0 &&
                    !dyadi_norm_in(c, q->first, (const char *const[]){"sans", "non", NULL});
        if (q->kind == CUE_NEG && (before || around || after)) {
            polarity = DYAD_NEGATED;
            negcue = 1;
        } else if (q->kind == CUE_REFUSE && before && q->end <= t->first) {
            polarity = DYAD_NEGATED;
            refused = 1;
            /* a decision not to act, not a failure or a prevention */
            declined = q->e->value && strcmp(q->e->value, "refused") == 0;
        } else if (q->kind == CUE_MODAL && before && q->end <= t->first + 1) {
            const char *v = q->e->value ? q->e->value : "";
            if (strcmp(v, "required") == 0) {
                required = 1;
                continue;
            }
            int mo = strcmp(v, "intended") == 0 && !conditional_form(p, k) ? DYAD_INTENDED
                     : strcmp(v, "intended") == 0 ? DYAD_POSSIBLE
                     : strcmp(v, "possible") == 0 ? DYAD_POSSIBLE
                     : strcmp(v, "reported") == 0 ? DYAD_REPORTED : DYAD_ACTUAL;
            if (mo == DYAD_INTENDED || (mo == DYAD_POSSIBLE && modality != DYAD_INTENDED) ||
                (mo == DYAD_REPORTED && modality == DYAD_ACTUAL)) {
                modality = mo;
                cue_mod = dyadi_norm_in(c, q->first, NEGATABLE_MODALS);
            }
        }
    }
    /* the French conditional ("menacerait", "pourraient attaquer")
     * makes the event only possible */
    if (modality == DYAD_ACTUAL && e->kind == DYADI_TK_VERB && c->lang[0] == 'f') {
        const char *w = dyadi_tok(c, t->first)->norm;
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
        const char *rc = e->neg_code ? e->neg_code
                         : !p->foreign && dyadi_refusal_subcode(e->code) ? dyadi_refusal_subcode(e->code)
                                                                          : dyadi_refusal_code(e->code);
        if (rc) {
            code = rc;
            polarity = DYAD_ASSERTED;
            modality = negated_modal_fact(modality, cue_mod);
        }
    }
    /* "a refusé de condamner", "refused to impose sanctions": CAMEO has no
     * rejection code for a refused hostile act; the event says who
     * declined what ("did not refuse to ..." stays a plain negation) */
    if (polarity == DYAD_NEGATED && declined && !negcue)
        polarity = DYAD_REFUSED;
    /* "urged the European Community to support the PLO": soliciting
     * others' support or defence of a third actor is CAMEO 053, aimed at
     * the one to be supported; the support has not happened */
    if (!p->foreign && polarity == DYAD_ASSERTED && p->has_tree && strncmp(code, "02", 2) == 0) {
        int by_tree = 0;
        int cj = complement(p, ti, &by_tree);
        int k = cj >= 0 ? rallied_for(p, (size_t)cj, r) : -1;
        if (k >= 0) {
            code = "053";
            r->tgt = k;
            p->skip_ti = cj;
        }
    }
    /* "urged Uganda to extradite ...": an appeal, a demand or a
     * threat takes the code its complement mirrors (0213, 1053,
     * 1384), and the complement is no event of its own */
    if (!p->foreign && polarity == DYAD_ASSERTED &&
        (strncmp(code, "02", 2) == 0 || strncmp(code, "10", 2) == 0 ||
         strncmp(code, "13", 2) == 0)) {
        int by_tree = 0;
        int cj = complement(p, ti, &by_tree);
        const char *cc = cj < 0 ? NULL
                         : code[0] == '0' ? dyadi_appeal_code(c, p->ts[cj].e->code)
                         : code[1] == '0' ? dyadi_demand_code(p->ts[cj].e->code)
                                          : dyadi_threat_code(p->ts[cj].e->code);
        /* what the tree alone found only refines the appeal's own code
         * ("requested an urgent meeting to deal with ..." stays 026),
         * and the one asked must be known */
        if (by_tree && (!cc || !refines(code, cc) || !complement_target(p, ti, cj, r)))
            cc = NULL, cj = -1;
        if (cc) {
            code = cc;
            /* "threatened to launch an offensive against Iraq": the
             * complement's target is the threat's */
            if (r->tgt < 0 && p->has_tree)
                complement_target(p, ti, cj, r);
            else if (r->tgt < 0)
                r->tgt = dyadi_find_target(c, p->cs, p->nc, p->ts[cj].end, p->ts[cj].e, r->src, p->attrib_tok, 0);
        }
        /* what X was urged, pressed or threatened to do has not happened
         * ("pressed Kyiv to launch an investigation", "urged Iran to
         * attack"): the complement is no event of its own, whether or not
         * the appeal's code mirrors it */
        if (cj >= 0)
            p->skip_ti = cj;
    }
    /* "rejected calls for economic aid" 1221, "would not meet demands to
     * release prisoners" 1243: a rejection takes the sub-code of what it
     * rejects; "accepted demands that it initiate reforms" is the
     * yielding its complement names. The complement has not happened
     * (or is the same event): no event of its own. */
    if (!p->foreign && polarity == DYAD_ASSERTED &&
        (strncmp(code, "12", 2) == 0 || strncmp(code, "08", 2) == 0)) {
        int by_tree = 0;
        int cj = complement(p, ti, &by_tree);
        const char *cc = NULL;
        /* "rejected Saddam's proposal for a cease-fire": past the
         * proposal to the cease-fire */
        while (cj >= 0) {
            cc = code[0] == '1' ? dyadi_refusal_subcode(p->ts[cj].e->code) : p->ts[cj].e->code;
            if ((cc && refines(code, cc)) || !by_tree)
                break;
            cc = NULL;
            cj = dyadi_complement_tree(&p->tree, p->ts, p->ntr, ti, (size_t)cj + 1);
        }
        /* a yielding is the complement's own event: keep that one when
         * the acceptance has no target */
        if (cc && refines(code, cc) && (code[0] == '1' || complement_target(p, ti, cj, r))) {
            code = cc;
            p->skip_ti = cj;
        }
    }
    /* "staged rallies, saying he must resign" 1411: a protest takes the
     * sub-code of the change it is for, what the tree puts under it or
     * under the demand it makes ("went on hunger strike to demand his
     * resignation"); that change has not happened: no event of its own */
    if (!p->foreign && polarity == DYAD_ASSERTED && p->has_tree && strncmp(code, "14", 2) == 0) {
        const char *cc = NULL;
        int cj = dyadi_complement_tree(&p->tree, p->ts, p->ntr, ti, ti + 1);
        /* past a speech verb ("saying he must resign") to the change */
        while (cj >= 0 && !(cc = dyadi_protest_code(c, code, p->ts[cj].e->code))) {
            const char *uc = p->ts[cj].e->code;
            if (strncmp(uc, "02", 2) == 0 || strncmp(uc, "10", 2) == 0) {
                int dj = dyadi_complement_tree(&p->tree, p->ts, p->ntr, (size_t)cj, (size_t)cj + 1);
                cc = dj >= 0 ? dyadi_protest_code(c, code, p->ts[dj].e->code) : NULL;
                if (cc) {
                    cj = dj;
                    break;
                }
            }
            cj = dyadi_complement_tree(&p->tree, p->ts, p->ntr, ti, (size_t)cj + 1);
        }
        if (cc) {
            code = cc;
            p->skip_ti = cj;
            if (r->tgt < 0)
                complement_target(p, ti, cj, r);
        }
        /* "staged demonstrations to demand reforms from the government",
         * "a entamé une grève de la faim pour protester contre la décision
         * de Paris": a protest with no target of its own is aimed at whom
         * the demand or objection it is made for is aimed at */
        if (r->tgt < 0)
            r->tgt = purpose_target(p, ti, r->src);
    }
    /* "vowed to defend the migrants", "s'est engagé à défendre": a promise
     * of a cooperative action is the intention to do it (03x), with the
     * complement's target; the complement has not happened, so it is no
     * event of its own. A promise to expel or to strike is no threat to
     * its object ("pledged to expel the leaders" is a promise to a third
     * party): such complements stay events of their own, as before. */
    if (!p->foreign && polarity == DYAD_ASSERTED && e->mode == DYAD_INTENDED &&
        e->kind != DYADI_TK_NOUN) {
        int cj = dyadi_complement_of(c, p->ts, p->ntr, ti);
        const char *ic = cj >= 0 ? dyadi_intent_code(p->ts[cj].e->code) : NULL;
        if (ic && strncmp(ic, "03", 2) == 0 && strcmp(ic, p->ts[cj].e->code) != 0) {
            code = ic;
            if (r->tgt < 0)
                r->tgt = dyadi_find_target(c, p->cs, p->nc, p->ts[cj].end, p->ts[cj].e, r->src,
                                           p->attrib_tok, 0);
            p->skip_ti = cj;
        }
    }
    /* (PETRARCH codes intentions only through its patterns; dyad's
     * 03x re-coding is kept with its dictionaries: 10 more of the
     * 277 codebook examples right, 7 fewer PETRARCH unit tests) */
    if (modality == DYAD_INTENDED && polarity == DYAD_ASSERTED) {
        const char *ic = dyadi_intent_code(code);
        if (ic)
            code = ic;
    }
    /* "X said Y must do Z": X demands Z of Y (10x). Said by no one
     * (the article's own "must"), it is only possible. */
    if (required && polarity == DYAD_ASSERTED) {
        const char *dc = dyadi_demand_code(e->code);
        int sp = p->attr_cand >= 0 && t->first >= p->attr_from ? p->attr_cand : -1;
        if (sp < 0 && dc && !p->foreign)
            sp = statement_speaker(p, ti);
        if (sp >= 0 && dc && strcmp(p->cs[sp].code, p->cs[r->src].code) != 0) {
            r->tgt = r->src;
            r->src = sp;
            code = dc;
            modality = DYAD_ACTUAL;
        } else {
            modality = DYAD_POSSIBLE;
        }
    }
    if (modality == DYAD_ACTUAL && p->attr_code && t->first >= p->attr_from && !required)
        modality = DYAD_REPORTED;
    /* "threatened to break relations with Russia", "a promis de livrer
     * des armes à Kiev": an expression that names a threatened, promised,
     * asked or refused action holds that action's object or partner, its
     * target when the frame found none */
    if (!p->foreign && p->has_tree && r->tgt < 0 && e->kind == DYADI_TK_EXPR &&
        about_an_action(e->code)) {
        /* "rejected a U.S. request", "a rejeté la proposition de la
         * France": a rejection's target is who made what it rejects */
        if (strncmp(e->code, "12", 2) == 0)
            r->tgt = dyadi_rejected_maker(&p->tree, p->cs, p->nc, t, r->src);
        if (r->tgt < 0)
            r->tgt = dyadi_inner_target(&p->tree, p->cs, p->nc, t, r->src);
    }
    if (!p->foreign && p->has_tree && r->tgt < 0 && e->kind == DYADI_TK_EXPR &&
        (strncmp(e->code, "12", 2) == 0 || strncmp(e->code, "08", 2) == 0))
        r->tgt = relative_maker(p, t, r->src);
    code = verbal_attack(p, r, code);
    code = armed_expulsion(p, r, code);
    code = aid_kind(p, r, code);
    *out_pol = polarity;
    *out_mod = modality;
    return code;
}

/* Not "à": before a country it is the dative ("vendre du pétrole à la
 * Turquie"); the locative is "en" or "au". */
#define LOCATIVE_COUNTRY "en,dans,au,aux,in,inside,across,throughout,within,through,travers"
/* The farthest a country after the trigger may be, in tokens. */
#define COUNTRY_REACH 8u
/* Words that end a clause or open another: with the boundaries,
 * complementizers and relatives, the country is no longer the trigger's
 * ("acheter des drones pour renforcer son arsenal en Ukraine", "in prison
 * in South Korea, but yesterday the Department of Justice unsealed"). */
static const char *const CLAUSE_OPENERS[] = {",", "but", "mais", "pour", "afin", "avant", "après",
                                             "lorsque", "quand", "before", "after", "while", "when",
                                             "until", NULL};

static int clause_gap(const dyad_coder *c, uint32_t a, uint32_t b)
{
    for (uint32_t i = a + 1; i < b; i++)
        if (has_class(c, i, W_BOUND | W_COMP | W_REL) || dyadi_norm_in(c, i, CLAUSE_OPENERS))
            return 1;
    return 0;
}
static const char *const PLACE_HEADS[] = {"capital", "state", "states", "city", "province",
                                          "region", "territory", "capitale", NULL};

/* 1 when candidate k is a possessor ("Syria's", "Iraq’s"). */
static int possessor(pass *p, size_t k)
{
    static const char *const POSS[] = {"'s", "’s", NULL};
    return p->cs[k].end < p->send && dyadi_norm_in(p->c, p->cs[k].end, POSS);
}

/* The preposition that governs candidate k, or the one that governs its
 * possessor when a possessor comes right before it, with at most two
 * words between ("in Syria's Aleppo province", "in Iraq's northern Nineveh
 * province"). */
static const char *place_prep(pass *p, size_t k)
{
    if (p->cs[k].prep || k == 0 || !possessor(p, k - 1) || p->cs[k - 1].end + 3 < p->cs[k].first)
        return p->cs[k].prep;
    return p->cs[k - 1].prep;
}

/* The locative that governs candidate k: its preposition (place_prep),
 * or one of the locatives that the word classes do not count among the
 * prepositions ("demonstrated across Turkey", "marched through Kyoto",
 * "à travers la France", "near Hebron"). */
static const char *locative_of(pass *p, size_t k)
{
    static const char *const MORE[] = {"across", "throughout", "through", "inside",
                                       "near", "around", "travers", NULL};
    static const char *const FROM[] = {"from", "de", "d'", NULL};
    const char *pr = place_prep(p, k);
    uint32_t i = p->cs[k].first;
    while (!pr && i > p->sfirst && has_class(p->c, i - 1, W_DET))
        i--;
    if (pr || i <= p->sfirst || !dyadi_norm_in(p->c, i - 1, MORE))
        return pr;
    /* "refugees from across Lebanon" came from there */
    return i - 1 > p->sfirst && dyadi_norm_in(p->c, i - 2, FROM) ? NULL : dyadi_tok(p->c, i - 1)->norm;
}

/* 1 when candidate cd is in trigger t's clause: right after it with no
 * clause boundary between ("fought ISIS in Syria", "les affrontements en
 * France"), before it with none ("a reporter in Kenya noted"), or in a
 * phrase that opens the sentence ("En Algérie, les autorités ont décidé",
 * "For the first time in weeks of protests in Hong Kong, police fired");
 * not across a quotation, a that-clause, a comma or a purpose clause, nor
 * far after it ("support for Maduro in Venezuela", cited by Pompeo). */
static int in_trigger_clause(pass *p, const cand *cd, const trig *t)
{
    dyad_coder *c = p->c;
    if (cd->first >= t->end)
        return cd->first <= t->end + COUNTRY_REACH && !clause_gap(c, t->end - 1, cd->first);
    int here = cd->end > t->first || !clause_gap(c, cd->end - 1, t->first);
    if (here || !has_class(c, p->sfirst, W_PREP))
        return here;
    /* the opening phrase may stack locatives: "En Belgique, à Bruxelles, ..." */
    static const char *const COMMA[] = {",", NULL};
    for (uint32_t i = p->sfirst + 1; i < cd->first; i++)
        if ((has_class(c, i, W_BOUND | W_COMP | W_REL) || dyadi_norm_in(c, i, CLAUSE_OPENERS)) &&
            !(dyadi_norm_in(c, i, COMMA) && has_class(c, i + 1, W_PREP)))
            return 0;
    return 1;
}

/* A nominal event: a noun trigger, a verb's pattern met on its noun, or
 * an expression whose last word the parser read as a noun ("military
 * action"). */
static int nominal_trig(pass *p, const trig *t)
{
    if (t->e->kind == DYADI_TK_NOUN || t->as_noun)
        return 1;
    const dyad_word *w = t->e->kind == DYADI_TK_EXPR && p->has_tree ? dyadi_tree_word(&p->tree, t->end - 1) : NULL;
    return w && w->upos && strcmp(w->upos, "NOUN") == 0;
}

/* The trigger other than t whose own place candidate cd is: cd follows it
 * within three words with no clause boundary between ("hit Istanbul",
 * "gathered in Istanbul", "the military operation in Gaza"); NULL when
 * none. A nominal event named as a time frame ("during the protest in
 * Paris", "lors de la visite à Pékin") owns nothing: its place is the
 * frame's, shared by the clause. */
static const trig *place_owner(pass *p, const cand *cd, const trig *t)
{
    static const char *const FRAME[] = {"during", "amid", "pendant", "lors", "durant", NULL};
    for (size_t q = 0; q < p->ntr; q++) {
        const trig *o = &p->ts[q];
        if (o->first == t->first || cd->first < o->end || cd->first > o->end + 3 ||
            dyadi_boundary_between(p->c, o->end - 1, cd->first))
            continue;
        int frame = 0;   /* a frame word within three words before it */
        for (uint32_t i = o->first; nominal_trig(p, o) && !frame && i > p->sfirst && i + 3 > o->first; i--)
            frame = dyadi_norm_in(p->c, i - 1, FRAME);
        if (!frame)
            return o;
    }
    return NULL;
}

/* 1 when trigger o is in a clause that opens after trigger t: a
 * subordinator, relative or clause boundary between them ("police captured
 * militants since bombers hit Istanbul"). */
static const char *const SUBORDINATORS[] = {"since", "because", "although", "though", "whereas",
                                            "unless", "while", "when", "after", "before", "until",
                                            "depuis", "parce", "puisque", "tandis", "bien",
                                            "lorsque", "quand", "avant", "après", NULL};

static int later_clause(pass *p, const trig *t, const trig *o)
{
    if (o->first <= t->first)
        return 0;
    for (uint32_t i = t->end; i < o->first; i++)
        if (has_class(p->c, i, W_COMP | W_REL) || dyadi_norm_in(p->c, i, SUBORDINATORS))
            return 1;
    return 0;
}

/* 1 when place candidate cd is another event's and not trigger t's: the
 * place of a nominal event in t's argument ("protesting against the
 * military operation in Gaza", "condemned the attack in Kabul"), or, for
 * a nominal t, the place of the verb whose clause t sits in ("leaders
 * gathered in Istanbul to avert US military action"). */
static int others_place(pass *p, const cand *cd, const trig *t)
{
    if (cd->first < t->first && nominal_trig(p, t) && p->has_tree &&
        dyadi_tree_embedded_nominal(&p->tree, t) && !dyadi_tree_in_phrase(&p->tree, t, cd->first))
        return 1;
    const trig *o = place_owner(p, cd, t);
    if (!o)
        return 0;
    /* an act of words about an event ("protesting against the operation in
     * Gaza"), not a deed on it ("to break the siege on Manbij") */
    if (o->first >= t->end && cd->first > t->first)
        return nominal_trig(p, o) && t->e->code && strncmp(t->e->code, "15", 2) < 0 &&
               (!p->has_tree || dyadi_tree_embedded_nominal(&p->tree, o));
    return cd->first < t->first && nominal_trig(p, t) && !nominal_trig(p, o);
}

/* A country named where an event happens rather than as a side: a bare
 * country (no agent, no demonym) that is neither role, after a locative
 * preposition, directly ("in Syria", "en Syrie", "au Mali") or across a
 * direction word ("in northern Iraq", "dans le nord de la Syrie"). */
static int country_place(pass *p, size_t k, const trig *t, const role *r)
{
    static const char *const DIRECTIONS[] = {
        "northern", "southern", "eastern", "western", "central", "northeastern", "northwestern",
        "southeastern", "southwestern", "north", "south", "east", "west", "nord", "sud", "est",
        "ouest", "centre", "nord-est", "nord-ouest", "sud-est", "sud-ouest", NULL};
    static const char *const OF[] = {"de", "du", "d'", "of", NULL};
    const cand *cd = &p->cs[k];
    if ((int)k == r->src || (int)k == r->tgt || cd->place || cd->adj || cd->posted || cd->coref ||
        possessor(p, k) || !cd->ptype || strcmp(cd->ptype, "country") != 0 || !cd->code || strlen(cd->code) != 3)
        return 0;
    dyad_coder *c = p->c;
    /* "in the US state of Alabama", "in the U.S. capital, Washington": the
     * country qualifies the place that follows */
    if (cd->end < p->send && dyadi_norm_in(c, cd->end, PLACE_HEADS))
        return 0;
    /* a country of the trigger's own clause only */
    if (!in_trigger_clause(p, cd, t) || others_place(p, cd, t))
        return 0;
    if (dyadi_in_list(locative_of(p, k), LOCATIVE_COUNTRY))
        return 1;
    uint32_t i = cd->first;
    /* "in northern Iraq", "in the north of Iraq", "dans le nord de la
     * Syrie", "au sud du Liban" */
    if (i > p->sfirst && has_class(c, i - 1, W_DET) && !has_class(c, i - 1, W_PREP))
        i--;
    if (i > p->sfirst && dyadi_norm_in(c, i - 1, OF))
        i--;
    if (i <= p->sfirst || !dyadi_norm_in(c, i - 1, DIRECTIONS))
        return 0;
    const char *pr = dyadi_governing_prep(c, i - 1, p->sfirst);
    return pr && dyadi_in_list(pr, LOCATIVE_COUNTRY);
}


/* 1 when candidate k (a town or region; a country too when countries)
 * is where trigger t happened: after a locative, in the trigger's clause
 * when near, or, near, the trigger's bare object ("patrolled Jerusalem
 * on Friday ... after an attack in Gaza"). */
static int located_at(pass *p, size_t k, const trig *t, const role *r, int near, int countries)
{
    static const char LOCATIVES[] = "à,en,dans,au,aux,in,at,near,près,across,throughout,through,"
                                    "inside,travers";
    const cand *cd = &p->cs[k];
    if (!(cd->place || (cd->capital && (int)k != r->src && (int)k != r->tgt)) || cd->posted ||
        (!countries && cd->ptype && strcmp(cd->ptype, "country") == 0) ||
        (near && !in_trigger_clause(p, cd, t)) || others_place(p, cd, t))
        return 0;
    return dyadi_in_list(locative_of(p, k), LOCATIVES) ||
           (near && !countries && cd->first == t->end && !cd->prep);
}


/* The event's place: a place in an oblique of the trigger's verb or its
 * object (tree); else, in the trigger's clause, a place (or a capital that
 * is neither side) after à/en/dans/in/at/across ... or its bare object,
 * then a country named as a place there (country_place), which gives way
 * to a town of that country the sentence names; else such a place
 * anywhere in the sentence, else the sentence's first place: "in the US
 * state of Alabama" is in Alabama, "in Australia, Melbourne can" in
 * Melbourne, "demonstrated across Turkey as leaders gathered in Istanbul"
 * in Turkey. */
static const cand *event_place1(pass *p, const trig *t, const role *r)
{
    /* the tree: a place in an oblique of the trigger's verb or of
     * its object ("a rencontré X à Ankara", "strikes in Syria") */
    int tloc = p->has_tree ? dyadi_tree_place(&p->tree, p->cs, t, r->src, r->tgt) : -1;
    const cand *loc = tloc >= 0 ? &p->cs[tloc] : NULL;
    int from_country = 0;
    /* a town or region before a country ("students in Spain protested on
     * Thursday in Barcelona"), in the trigger's clause before elsewhere
     * ("demonstrated across Turkey as leaders gathered in Istanbul") */
    for (int near = 1; near >= 0 && !loc; near--) {
        for (int pass_ = 0; pass_ < 2 && !loc; pass_++)
            for (size_t k = 0; k < p->nc && !loc; k++)
                if (located_at(p, k, t, r, near, pass_))
                    loc = &p->cs[k];
        for (size_t k = 0; k < p->nc && !loc && near; k++)
            if (country_place(p, k, t, r))
                loc = &p->cs[k], from_country = 1;
    }
    /* a country that does not say the event spread over it gives way to
     * a town of its own named in the sentence ("en Italie, à Rome", "in
     * Australia, Melbourne can", "in Pakistan ... by a court in Multan") */
    if (from_country && !dyadi_in_list(locative_of(p, (size_t)(loc - p->cs)), "across,throughout,travers"))
        for (size_t k = 0; k < p->nc; k++)
            if ((located_at(p, k, t, r, 0, 0) || (p->cs[k].place && !p->cs[k].posted)) &&
                p->cs[k].country && strcmp(p->cs[k].country, loc->code) == 0) {
                loc = &p->cs[k];
                break;
            }
    /* else the sentence's first place, unless a preposition makes it a
     * side or a landmark ("on the border with the Gaza Strip", "a section
     * between Crete and Cyprus", "des négociations avec la Catalogne") */
    /* nor the end of a path ("a perimeter from Taegu to Masan", "fled
     * toward Goma"), nor a later clause's own place ("police captured
     * militants since bombers hit Istanbul") */
    static const char *const WHERE[] = {"where", "où", NULL};
    for (size_t k = 0; k < p->nc && !loc; k++) {
        const trig *o;
        const cand *cd = &p->cs[k];
        /* "pushed Masood back to the Panjshir, where he dynamited" */
        int where = cd->end + 1 < p->send && cd->end < t->first && dyadi_norm_in(p->c, cd->end + 1, WHERE);
        if (cd->place && !cd->posted && !dyadi_in_list(cd->prep, "with,between,against,avec,entre,contre") &&
            (where || !dyadi_in_list(cd->prep, "toward,towards,vers")) &&
            !((o = place_owner(p, &p->cs[k], t)) && later_clause(p, t, o)) && !others_place(p, &p->cs[k], t))
            loc = &p->cs[k];
    }
    return loc;
}

/* A locality the gazetteer lacks inside the place chosen (places.c gave
 * it its container's coordinates), named in one place phrase with it or
 * in the trigger's clause: "liberated the village of Abu Allaj in
 * western Raqqa", "In Gaza, soldiers shot a man near the Kissufim
 * crossing" are at Abu Allaj and Kissufim. */
static const cand *finer_place(const pass *p, const trig *t, const cand *loc)
{
    if (loc->ptype && strcmp(loc->ptype, "locality") == 0)
        return loc;
    for (size_t k = 0; k < p->nc; k++) {
        const cand *l = &p->cs[k];
        if (l == loc || !l->place || !l->ptype || strcmp(l->ptype, "locality") != 0 || !l->country ||
            !loc->country || strcmp(l->country, loc->country) != 0)
            continue;
        uint32_t lo = l->first < t->first ? l->first : t->first, hi = l->first < t->first ? t->first : l->first;
        int other = 0;   /* another trigger between: another clause's place */
        for (size_t q = 0; q < p->ntr && !other; q++)
            other = p->ts[q].first > lo && p->ts[q].first < hi;
        /* or a clause of its own: "..., and Israeli soldiers went in" */
        for (size_t q = 0; q < p->nc && !other; q++)
            other = !p->cs[q].place && p->cs[q].first > lo && p->cs[q].first < hi &&
                    p->cs[q].first >= lo + 2 &&
                    (has_class(p->c, p->cs[q].first - 1, W_AND) || has_class(p->c, p->cs[q].first - 2, W_AND));
        if (l->lat == loc->lat && l->lon == loc->lon && !other && !dyadi_boundary_between(p->c, lo, hi))
            return l;
        uint32_t a = l->end <= loc->first ? l->end : loc->end;
        uint32_t b = l->end <= loc->first ? loc->first : l->first;
        if (b >= a && dyadi_place_phrase(p->c, a, b))
            return l;
    }
    return loc;
}

static const cand *event_place(pass *p, const trig *t, const role *r)
{
    const cand *loc = event_place1(p, t, r);
    return loc ? finer_place(p, t, loc) : NULL;
}

int dyadi_nation_code(const char *country)
{
    return country && strlen(country) == 3 &&
           !dyadi_in_list(country, "IGO,NGO,MNC,IMG,WST,EUR,AFR,ASA,MEA,NAF,SAF,WAF,EAF,CAF,SAM,"
                                   "LAM,NMR,CAS,SAS,SEA,BLK,CRB");
}

/* An actor the sentence implies rather than names: cd, filled. */
static void implicit_cand(cand *cd, const char *code, const char *country, dyad_span span,
                          const char *how)
{
    memset(cd, 0, sizeof *cd);
    cd->code = code;
    cd->country = country;
    cd->span = span;
    cd->how = how;
    cd->lat = cd->lon = NAN;
}

/* A partner a discourse between states is about: a country or its
 * government named as such ("la Russie", "le président russe"), not a
 * nationality adjective ("Greek", "mexicain"), an organisation, a court,
 * a news agency cited as a source or an armed group. On English Wikinews
 * the implicit partner was wrong in nearly every case these make. */
static int state_partner(const dyad_mention *m)
{
    size_t n = m->code ? strlen(m->code) : 0;
    if (m->resolved_by && strcmp(m->resolved_by, "demonym") == 0)
        return 0;
    if (strncmp(m->code ? m->code : "", m->country, 3) != 0 || !dyadi_nation_code(m->country))
        return 0;
    return n == 3 || (n == 6 && strcmp(m->code + 3, "GOV") == 0);
}

/* An intended cooperation with no partner in its sentence ("Kim est prêt
 * à envoyer des travailleurs dans le Donbass") is with the partner the
 * previous sentence was about: its last actor from another country, put in
 * the spare candidate slot and made r->tgt. Marked in the rule, so it can
 * be filtered; gold sentences coded alone never use it. Returns the rule. */
static const char *previous_partner(pass *p, const trig *t, role *r, const char *code,
                                    int polarity, int modality, const char *rule)
{
    dyad_coder *c = p->c;
    const dyadi_trigger *e = t->e;
    if (r->tgt < 0 && modality == DYAD_INTENDED && polarity == DYAD_ASSERTED &&
        strncmp(code, "03", 2) == 0 && p->s > 0) {
        const dyad_mention *pm = NULL;
        for (size_t k = 0; k < p->nm; k++)
            if (p->ms[k].sent == p->s - 1 && p->ms[k].kind == DYAD_MENTION_ACTOR && p->ms[k].country &&
                strcmp(p->ms[k].country, p->cs[r->src].country ? p->cs[r->src].country : "") != 0 &&
                state_partner(&p->ms[k]))
                pm = &p->ms[k];
        /* the previous sentence is about the pair only when it names the
         * source's country too ("Pyongyang peut compter sur ... la Russie.
         * Kim est prêt à envoyer ..."); a speaker's stance on cooperation
         * answers the partner the discourse is about ("a répondu à cette
         * lettre affirmant que la coopération ...") */
        int pair = r->speaker_noun;
        for (size_t k = 0; k < p->nm && pm && !pair; k++)
            pair = p->ms[k].sent == p->s - 1 && p->ms[k].country && p->cs[r->src].country &&
                   strcmp(p->ms[k].country, p->cs[r->src].country) == 0;
        if (!pair)
            pm = NULL;
        if (pm) {
            implicit_cand(&p->cs[p->nc], pm->code, pm->country, pm->span, "previous-sentence");
            r->tgt = (int)p->nc;
            size_t rl = strlen(e->id);
            char *rb = dyadi_arena_alloc(&c->arena, rl + 32);
            if (rb) {
                memcpy(rb, e->id, rl);
                memcpy(rb + rl, "+target:previous-sentence", 26);
                rule = rb;
            }
        }
    }
    return rule;
}

/* The targets: r->tgt and the actors coordinated with it ("a rencontré X
 * et Y"; TABARI's compounds; the tree's conjuncts). Returns their number. */
static int coordinated_targets(pass *p, const trig *t, const role *r, int *tgts)
{
    dyad_coder *c = p->c;
    const dyadi_trigger *e = t->e;
    int ntg = 0;
    tgts[ntg++] = r->tgt;
    while (r->positional && r->tgt >= 0 && ntg < 8) {
        int k = dyadi_compound_next(c, p->cs, p->nc, (size_t)tgts[ntg - 1]);
        if (k < 0 || k == r->src)
            break;
        tgts[ntg++] = k;
    }
    while (!r->positional && r->tgt >= 0 && ntg < 8) {
        int last = tgts[ntg - 1];
        uint32_t j = p->cs[last].end;
        if (!has_class(c, j, W_AND) && !(dyadi_norm_in(c, j, (const char *const[]){",", NULL})))
            break;
        size_t k = (size_t)last + 1;
        /* ", officials said": the speaker of a closing attribution is
         * no member of the list before its comma */
        if (k >= p->nc || p->cs[k].place || p->cs[k].first > j + 4 || (int)k == r->src ||
            p->attrib_tok[p->cs[k].first])
            break;
        if (p->cs[k].governed && !dyadi_prep_matches(p->cs[k].prep, e->prep) &&
            !(p->cs[last].prep && p->cs[k].prep && strcmp(p->cs[last].prep, p->cs[k].prep) == 0))
            break;
        tgts[ntg++] = (int)k;
    }
    /* the tree's coordination, when its roles were kept */
    if (r->use_tree && !e->rev && r->tro.ntgt > 1 && r->tgt == r->tro.tgt[0]) {
        ntg = 0;
        for (int i = 0; i < r->tro.ntgt; i++)
            if (r->tro.tgt[i] != r->src)
                tgts[ntg++] = r->tro.tgt[i];
    }
    return ntg;
}

/* The sources: r->src and the actors coordinated with it ("la Chine et la
 * Russie ont signé", "X, Y and Z condemned": its neighbours on the left
 * joined by et/and/a comma, none governed by a preposition; TABARI's
 * compounds; the tree's conjuncts). Returns their number. */
static int coordinated_sources(pass *p, const trig *t, const role *r, int *srcs)
{
    dyad_coder *c = p->c;
    const dyadi_trigger *e = t->e;
    int nsr = 0;
    srcs[nsr++] = r->src;
    /* TABARI: the source is the clause's first actor, and its
     * compound follows it */
    while (r->positional && nsr < 8) {
        int k = dyadi_compound_next(c, p->cs, p->nc, (size_t)srcs[nsr - 1]);
        if (k < 0 || k == r->tgt || p->cs[k].end > t->first)
            break;
        srcs[nsr++] = k;
    }
    if (!r->positional && e->kind != DYADI_TK_NOUN && !r->passive && r->src < (int)p->nc) {
        int k = r->src;
        while (k > 0 && nsr < 8) {
            uint32_t f = p->cs[k].first;
            while (f > p->sfirst && has_class(c, f - 1, W_DET) && !has_class(c, f - 1, W_PREP))
                f--;
            if (p->foreign) {
                /* TABARI/PETRARCH compounds allow adjectives: "Fornost
                 * and the evil awful Gondor" (words of no function
                 * class, outside any mention) */
                int nadj = 0;
                while (f > p->sfirst && nadj < 3 && dyadi_tok(c, f - 1)->kind == DYAD_TOK_WORD &&
                       !has_class(c, f - 1, W_DET | W_PREP | W_AND | W_BOUND | W_COMP | W_REL) &&
                       !dyadi_norm_in(c, f - 1, (const char *const[]){"nor", NULL}) &&
                       !(k > 0 && p->cs[k - 1].end > f - 1)) {
                    f--;
                    nadj++;
                }
                while (f > p->sfirst && has_class(c, f - 1, W_DET) && !has_class(c, f - 1, W_PREP))
                    f--;
            }
            if (f == p->sfirst)
                break;
            uint32_t conj = f - 1;
            /* foreign lexicons: "neither X nor Y" is a compound too */
            if (!has_class(c, conj, W_AND) &&
                !dyadi_norm_in(c, conj, (const char *const[]){",", NULL}) &&
                !(p->foreign && dyadi_norm_in(c, conj, (const char *const[]){"nor", NULL})))
                break;
            /* ", and" / ", et" (serial comma) */
            if (has_class(c, conj, W_AND) && conj > p->sfirst &&
                dyadi_norm_in(c, conj - 1, (const char *const[]){",", NULL}))
                conj--;
            int q = k - 1;
            /* foreign lexicons: "lawmakers in Fornost and Gondor":
             * the place of an agent ("Fornost") stands for the agent
             * composed with it (FORLEG) */
            if (p->foreign && p->cs[q].end == conj && p->cs[q].place && q > 0 &&
                p->cs[q - 1].end + 1 == p->cs[q].first && !p->cs[q - 1].place && p->cs[q - 1].code &&
                p->cs[q].code && strncmp(p->cs[q - 1].code, p->cs[q].code, 3) == 0 &&
                !p->attrib_tok[p->cs[q - 1].first]) {
                srcs[nsr++] = q - 1;
                k = q - 1;
                continue;
            }
            if (p->cs[q].end != conj || p->cs[q].governed || p->cs[q].place || p->attrib_tok[p->cs[q].first])
                break;
            srcs[nsr++] = q;
            k = q;
        }
    }
    /* the tree's coordination, when its roles were kept */
    if (r->use_tree && !e->rev && r->tro.nsrc > 1 && r->src == r->tro.src[0]) {
        nsr = 0;
        for (int i = 0; i < r->tro.nsrc; i++)
            if (r->tro.src[i] != r->tgt)
                srcs[nsr++] = r->tro.src[i];
    }
    return nsr;
}

/* "Saudi Arabia extended the curfew", "the government declared a state of
 * emergency", "a decree banning anyone wearing a niqab": an administrative
 * sanction (a ban, a curfew, a state of emergency: CAMEO 172x) that a
 * state imposes with no actor named as its object falls on its own
 * population, the country's civilians (the domestic dyad XXX -> XXXCVL).
 * Only for a state actor (a country, its government, police, courts, army
 * or legislature), never with TABARI/PETRARCH dictionaries. An arrest or a
 * repression (173, 175) with no actor as its object falls on the
 * population too when the police or a court makes it ("Eric Drouet a été
 * arrêté par des gendarmes", "400 were arrested by the police"): they act
 * at home; soldiers also arrest abroad ("Turkish troops arrested three
 * Kurdish fighters in Syria" names no Turkish civilian). Fills *pop with
 * a "---CVL" candidate that push_event1 gives the source's country;
 * returns 1 when it applies. */
static int population_target(const pass *p, const cand *sc, const char *code, cand *pop)
{
    static const char *const codes[] = {"172", "1721", "1722", "1723", "1724", NULL};
    if (p->foreign || !sc->code || !sc->country || strlen(sc->country) != 3 ||
        strncmp(sc->code, sc->country, 3) != 0)
        return 0;
    size_t n = strlen(sc->code);
    if (n != 3 && !(n == 6 && dyadi_in_list(sc->code + 3, "GOV,COP,JUD,MIL,LEG")))
        return 0;
    int ok = 0;
    for (int i = 0; codes[i] && !ok; i++)
        ok = strcmp(code, codes[i]) == 0;
    if (!ok && n == 6 && dyadi_in_list(sc->code + 3, "COP,JUD"))
        ok = strcmp(code, "173") == 0 || strcmp(code, "175") == 0;
    if (!ok)
        return 0;
    memset(pop, 0, sizeof *pop);
    pop->code = "---CVL";
    pop->how = "implicit:population";
    pop->lat = pop->lon = NAN;
    return 1;
}

/* Is the event's place loc where it happened by the text's own words: a
 * locative oblique in the tree ("in the occupied West Bank") or after a
 * locative preposition? Not a place the fallbacks guessed ("Trump met
 * Kim": a town named Kim is no host). */
static int locative_place(pass *p, const trig *t, const role *r, const cand *loc)
{
    if (!loc)
        return 0;
    size_t k = (size_t)(loc - p->cs);
    if (p->has_tree && dyadi_tree_place(&p->tree, p->cs, t, r->src, r->tgt) == (int)k)
        return 1;
    return dyadi_in_list(place_prep(p, k), "à,en,dans,au,aux,in,at,near,près");
}

/* "des manifestations ont eu lieu à Séoul contre la présidente", "protests
 * took place in Seoul against the president": a protest (CAMEO 14) that
 * names its target but not who protested is the population's where it
 * took place, a locative place in the target's own country (XXXCVL; a
 * rally abroad may be a diaspora's). Put in the spare candidate slot;
 * returns its index, or -1. Never with TABARI/PETRARCH dictionaries. */
static int protest_population_source(pass *p, const trig *t, int tgt)
{
    const char *tc = p->cs[tgt].country;
    /* "contre la chef de l'État": a target of no country is the place's */
    const int countryless = strncmp(p->cs[tgt].code, "---", 3) == 0;
    if (p->foreign || strncmp(t->e->code, "14", 2) != 0 ||
        (!countryless && (!tc || strlen(tc) != 3 || !dyadi_nation_code(tc))))
        return -1;
    int pl = p->has_tree ? dyadi_tree_place(&p->tree, p->cs, t, -1, tgt) : -1;
    /* a place, or a town that stands for its country ("à Séoul") */
    for (size_t k = 0; k < p->nc && pl < 0; k++)
        if ((int)k != tgt && (p->cs[k].place || strlen(p->cs[k].code) == 3) &&
            dyadi_in_list(place_prep(p, k) ? place_prep(p, k) : "", "à,en,dans,au,aux,in,at"))
            pl = (int)k;
    if (pl < 0 || !p->cs[pl].country || !dyadi_nation_code(p->cs[pl].country) ||
        (!countryless && strcmp(p->cs[pl].country, tc) != 0))
        return -1;
    tc = p->cs[pl].country;
    char *code = dyadi_arena_alloc(&p->c->arena, 7);
    if (!code)
        return -1;
    memcpy(code, tc, 3);
    memcpy(code + 3, "CVL", 4);
    implicit_cand(&p->cs[p->nc], code, p->cs[pl].country, p->cs[pl].span,
                  "implicit:protest-population");
    return (int)p->nc;
}

/* "35,000 students protested in Belgium", "des agriculteurs ont manifesté
 * à Bruxelles": a protest (CAMEO 14) by a group of people that names no
 * target is aimed at the state where it takes place, the country of its
 * place (bare code), when the protesters are of that country or of none
 * (a foreign community's rally abroad is about its own country). The
 * source of no country then takes the place's country too (push_event1). */
static int protest_place_target(const pass *p, const cand *sc, const char *code, const cand *loc,
                                cand *pt)
{
    if (p->foreign || strncmp(code, "14", 2) != 0 || !loc || !loc->country ||
        strlen(loc->country) != 3 || !dyadi_nation_code(loc->country))
        return 0;
    /* protesters: a group of people, not a state body, the media or a
     * country named bare (the state protests through other channels) */
    size_t n = strlen(sc->code);
    if (n < 6 || dyadi_in_list(sc->code + 3, "GOV,MIL,COP,JUD,LEG,SPY,MED"))
        return 0;
    if (strncmp(sc->code, "---", 3) != 0 && (!sc->country || strcmp(sc->country, loc->country) != 0))
        return 0;
    implicit_cand(pt, loc->country, loc->country, loc->span, "implicit:protest-place");
    return 1;
}

/* "ont manifesté devant le parlement européen", "protested outside the
 * European Commission", "rallied in front of the embassy": a protest held
 * before an institution names where it stood, and its aim, if any, is that
 * institution, not the state of the city around it; the protest_*_target
 * fallbacks then give no target. An actor (not a place) right after
 * devant/outside/in front of, in the trigger's clause. */
static int protest_before_institution(const pass *p, const trig *t)
{
    static const char *const BEFORE[] = {"devant", "outside", "front", NULL};
    static const char *const OF[] = {"of", NULL};
    const dyad_coder *c = p->c;
    for (size_t k = 0; k < p->nc; k++) {
        const cand *cd = &p->cs[k];
        if (cd->place || cd->first < t->end || cd->first > t->end + 8 ||
            clause_gap(c, t->end, cd->first))
            continue;
        uint32_t i = cd->first;
        while (i > t->first && has_class(c, i - 1, W_DET) && !has_class(c, i - 1, W_PREP))
            i--;
        if (i > t->first && dyadi_norm_in(c, i - 1, OF))
            i--;   /* "in front of" */
        if (i > t->first && dyadi_norm_in(c, i - 1, BEFORE))
            return 1;
    }
    return 0;
}

/* "des syndicats ont organisé des manifestations", "the unions staged
 * strikes and blocked refineries": a protest (CAMEO 14) by a group of a
 * country's people (labour, opposition, civilians, students ...) that
 * names neither its target nor where it took place is aimed at that
 * country's state (bare code), as protest_place_target does for the place. */
static int protest_home_target(const pass *p, const cand *sc, const char *code, const cand *loc,
                               cand *pt)
{
    if (p->foreign || strncmp(code, "14", 2) != 0 || loc || !sc->code || strlen(sc->code) < 6 ||
        !sc->country || strncmp(sc->code, sc->country, 3) != 0 || !dyadi_nation_code(sc->country) ||
        dyadi_in_list(sc->code + 3, "GOV,MIL,COP,JUD,LEG,SPY,MED"))
        return 0;
    implicit_cand(pt, sc->country, sc->country, sc->span, "implicit:protest-home");
    return 1;
}

/* "Russia is conducting military exercises in Alaska", "Saddam Hussein
 * arrived in Amman on a visit": a show of force (CAMEO 15) or a visit or
 * meeting (04) with no partner named, held in another country, is aimed
 * at that country, the host (bare code). At home it is aimed at no one in
 * particular; armed forces arriving abroad are no visitors. */
static int force_place_target(const pass *p, const cand *sc, const char *code, const cand *loc,
                              cand *pt)
{
    int visit = strncmp(code, "04", 2) == 0;
    if (visit && strlen(sc->code) >= 6 && dyadi_in_list(sc->code + 3, "MIL,COP,REB,UAF,SPY"))
        return 0;   /* troops arriving abroad are deployed, not visiting */
    if (p->foreign || (strncmp(code, "15", 2) != 0 && !visit) || !loc || !dyadi_nation_code(loc->country) ||
        !dyadi_nation_code(sc->country) || strcmp(sc->country, loc->country) == 0)
        return 0;
    implicit_cand(pt, loc->country, loc->country, loc->span, "implicit:force-place");
    return 1;
}

/* "criticized Trump's refusal to debate, accusing the president of ...",
 * "a critiqué le verdict, l'accusant de ...": a participle clause that
 * elaborates a disapproval (CAMEO 11) with another 11x says how it was
 * voiced; it is no second event. 1 when trigger ti is that participle. */
static int elaborating_participle(const pass *p, size_t ti, const char *code)
{
    if (!p->has_tree || p->foreign || strncmp(code, "11", 2) != 0)
        return 0;
    const dyad_word *w = dyadi_tree_word(&p->tree, p->ts[ti].first);
    if (!w || !w->deprel || strcmp(w->deprel, "advcl") != 0 || !w->feats ||
        !(strstr(w->feats, "VerbForm=Ger") || strstr(w->feats, "VerbForm=Part")))
        return 0;
    for (size_t tj = 0; tj < ti; tj++) {
        const dyad_word *x = dyadi_tree_word(&p->tree, p->ts[tj].first);
        if (x && (uint32_t)(x - p->tree.w) + 1 == w->head && p->ts[tj].e->code &&
            strncmp(p->ts[tj].e->code, "11", 2) == 0)
            return 1;
    }
    return 0;
}

/* The tree word of the token whose bytes start at b in the sentence, or
 * UINT32_MAX. */
static uint32_t word_at_byte(const pass *p, size_t b)
{
    for (uint32_t i = p->sfirst; i < p->send; i++)
        if (dyadi_tok(p->c, i)->span.start == b) {
            const dyad_word *w = dyadi_tree_word(&p->tree, i);
            return w ? (uint32_t)(w - p->tree.w) : UINT32_MAX;
        }
    return UINT32_MAX;
}

/* Is word b a coordinated verb of word a, or the infinitive under one
 * ("a repris de vastes zones et réussit à encercler les djihadistes")? */
static int coordinated_action(const dyadi_tree *tr, uint32_t a, uint32_t b)
{
    if (!tr->w[a].upos || strcmp(tr->w[a].upos, "VERB") != 0 || !tr->w[b].upos ||
        strcmp(tr->w[b].upos, "VERB") != 0)
        return 0;
    for (int step = 0; step < 2 && b < tr->nw; step++) {
        const dyad_word *w = &tr->w[b];
        if (!w->deprel || !w->head || w->head > tr->nw)
            return 0;
        if (strcmp(w->deprel, "conj") == 0)
            return w->head - 1 == a;
        if (strcmp(w->deprel, "xcomp") != 0)
            return 0;
        b = w->head - 1;
    }
    return 0;
}

/* conventional military force (19): a bombing or a massacre (18, 20) is
 * aimed at a place or at people the sentence names apart */
static int force_root(const char *root)
{
    return root && strcmp(root, "19") == 0;
}

/* "l'armée syrienne a repris de vastes zones et réussit à encercler les
 * djihadistes", "retook large areas and encircled the militants": force
 * used by one actor in coordinated verbs of one sentence is used on one
 * enemy; an act of force the sentence gave no target takes the target of
 * the coordinated verb that has it. */
static void shared_enemy(pass *p, size_t from)
{
    dyad_coder *c = p->c;
    if (!p->has_tree || p->foreign)
        return;
    for (size_t i = from; i < c->events.len; i++) {
        dyad_event *ei = &DYADI_VEC_AT(&c->events, dyad_event, i);
        if (ei->target.code || !ei->source.code || !force_root(ei->root) || ei->polarity != DYAD_ASSERTED)
            continue;
        uint32_t wi = word_at_byte(p, ei->trigger.start);
        for (size_t j = from; j < c->events.len && wi != UINT32_MAX; j++) {
            const dyad_event *ej = &DYADI_VEC_AT(&c->events, dyad_event, j);
            if (j == i || !ej->target.code || !force_root(ej->root) || !ej->source.code ||
                strcmp(ej->source.code, ei->source.code) != 0)
                continue;
            uint32_t wj = word_at_byte(p, ej->trigger.start);
            if (wj == UINT32_MAX ||
                !(coordinated_action(&p->tree, wi, wj) || coordinated_action(&p->tree, wj, wi)))
                continue;
            ei->target = ej->target;
            ei->roles_by = "tree:shared-enemy";
            break;
        }
    }
}

/* The events of trigger ti: its place, date and attribution, the partner
 * of an intention the previous sentence names, one event per coordinated
 * source and target (both ways for reciprocal codes). */
static dyad_status trigger_emit(pass *p, size_t ti, role *r, const char *code, int polarity,
                                int modality)
{
    dyad_coder *c = p->c;
    const trig *t = &p->ts[ti];
    const dyadi_trigger *e = t->e;
    const cand *loc = event_place(p, t, r);
    const cand *hloc = locative_place(p, t, r, loc) ? loc : NULL;   /* a host's place */
    const char *edate = dyadi_event_date(c, p->sdate, p->sfirst, t->first);
    int use_attr = p->attr_code && t->first >= p->attr_from;
    const char *rule = e->id;
    const char *q_text = NULL, *q_code = NULL;
    {
        /* an event inside a quotation is attributed to its speaker */
        const quote *q = dyadi_quote_of(p->qs, p->nq, t->first);
        if (q && q->speaker && !use_attr) {
            q_code = q->speaker;
            q_text = dyadi_arena_strndup(&c->arena, c->doc->text + q->speaker_span.start,
                                         q->speaker_span.end - q->speaker_span.start);
        }
    }
    int tgts[8], srcs[8];
    /* "Turkey and Libya agreed": a compound source acts among its
     * members, not with the previous sentence's partner */
    if (coordinated_sources(p, t, r, srcs) < 2)
        rule = previous_partner(p, t, r, code, polarity, modality, rule);
    int ntg = coordinated_targets(p, t, r, tgts), nsr = coordinated_sources(p, t, r, srcs);
    const char *a_text = use_attr ? p->attr_text : q_text, *a_code = use_attr ? p->attr_code : q_code;
    if (e->among == 2 && ntg >= 2) {
        /* "Arnor has exchanged prisoners with Gondor and Osgiliath"
         * ("HAS * WITH %"): the compound acts among its members */
        for (int i = 0; i < ntg; i++)
            for (int j = 0; j < ntg; j++)
                if (i != j && strcmp(p->cs[tgts[i]].code, p->cs[tgts[j]].code) != 0 &&
                    dyadi_push_event(c, (uint32_t)p->s, t, &p->cs[tgts[i]], &p->cs[tgts[j]], code, polarity,
                               modality, a_text, a_code, loc, edate, rule) != 0) {
                    return DYAD_ERR_NOMEM;
                }
        return DYAD_OK;
    }
    if (r->tgt < 0 && nsr >= 2 && t->among_e && polarity == DYAD_ASSERTED)
        code = t->among_e->code;   /* PETRARCH '% *': the compound's own code */
    if (r->tgt < 0 && nsr >= 2 && (e->recip || e->among == 1 || t->among_e)) {
        /* "X et Y ont signé un accord": each with the other */
        for (int i = 0; i < nsr; i++)
            for (int j = 0; j < nsr; j++)
                if (i != j && dyadi_push_event(c, (uint32_t)p->s, t, &p->cs[srcs[i]], &p->cs[srcs[j]], code,
                                         polarity, modality, a_text, a_code, loc, edate,
                                         rule) != 0) {
                    return DYAD_ERR_NOMEM;
                }
        return DYAD_OK;
    }
    const int before_inst = r->tgt < 0 && strncmp(code, "14", 2) == 0 && !p->foreign &&
                            protest_before_institution(p, t);
    for (int i = 0; i < nsr; i++)
        for (int g = 0; g < ntg; g++) {
            const cand *sc = &p->cs[srcs[i]];
            const cand *tc = tgts[g] >= 0 ? &p->cs[tgts[g]] : NULL;
            cand pop;
            if (!tc && ntg == 1 && (population_target(p, sc, code, &pop) ||
                                    (!before_inst && (protest_place_target(p, sc, code, hloc, &pop) ||
                                                      protest_home_target(p, sc, code, loc, &pop))) ||
                                    force_place_target(p, sc, code, hloc, &pop)))
                tc = &pop;
            if (tc && g > 0 && strcmp(tc->code, sc->code) == 0)
                continue;
            if (dyadi_push_event(c, (uint32_t)p->s, t, sc, tc, code, polarity, modality, a_text,
                           a_code, loc, edate, rule) != 0 ||
                /* reciprocal actions ("se sont rencontrés", "signed
                 * with") are coded in both directions, as CAMEO coders do */
                (e->recip && !r->speaker_noun && tc &&
                 dyadi_push_event(c, (uint32_t)p->s, t, tc, sc, code, polarity, modality, a_text,
                            a_code, loc, edate, rule) != 0) ||
                /* paired codes (TABARI [032:033]): "left for X" is
                 * also a visit X received */
                (e->pair_code && tc && code == e->code &&
                 dyadi_push_event(c, (uint32_t)p->s, t, tc, sc, e->pair_code, polarity, modality,
                            a_text, a_code, loc, edate, rule) != 0)) {
                return DYAD_ERR_NOMEM;
            }
        }
    return DYAD_OK;
}

/* "400 soldats sont partis prêter main forte aux sinistrés, à la demande
 * du ministre", "troops were sent at the request of the UN": the one who
 * asked appealed (020) to the actor who acts. */
static dyad_status requested_by(pass *p, size_t ti, const role *r, int polarity, int modality)
{
    dyad_coder *c = p->c;
    const trig *t = &p->ts[ti];
    if (r->src < 0 || polarity != DYAD_ASSERTED || p->foreign)
        return DYAD_OK;
    for (uint32_t i = t->end; i + 2 < p->send; i++) {
        if (has_class(c, i, W_BOUND | W_COMP | W_REL))
            return DYAD_OK;
        /* "à la demande de", "at the request of" */
        if (!has_class(c, i, W_REQUEST) || i < p->sfirst + 2 || !has_class(c, i - 1, W_DET) ||
            !has_class(c, i - 2, W_AT) || !has_class(c, i + 1, W_PREP | W_DET))
            continue;
        for (size_t a = 0; a < p->nc; a++) {
            const cand *cd = &p->cs[a];
            if (cd->place || cd->first < i + 1 || cd->first > i + 3 || (int)a == r->src ||
                strcmp(cd->code, p->cs[r->src].code) == 0)
                continue;
            if (dyadi_push_event(c, (uint32_t)p->s, t, cd, &p->cs[r->src], "020", polarity,
                                 modality, NULL, NULL, NULL, p->sdate, "rule:at-the-request-of") != 0)
                return DYAD_ERR_NOMEM;
            return DYAD_OK;
        }
        return DYAD_OK;
    }
    return DYAD_OK;
}

/* "X said (that) ..." with no event of X's own in the sentence. */
static dyad_status said_statement(pass *p)
{
    dyad_coder *c = p->c;
    /* "X said (that) ..." with no event of X's own in the sentence: X
     * made a statement, CAMEO 010, with no target (it is not a dyad).
     * PETRARCH codes the speech verb as its dictionary says ("SAID
     * [023]"), and an agent of no country ("a senior official said",
     * ---GOV) is its speaker too. */
    const dyadi_trigger *said_e = NULL;
    for (size_t k = 0; p->petrarch && p->said_cand >= 0 && k < p->ntr && !said_e; k++)
        if (p->ts[k].first == p->said_first && p->ts[k].e->kind != DYADI_TK_NOUN &&
            p->ts[k].e->code[0] != '-' && !dyadi_marker_code(p->ts[k].e->code))
            said_e = p->ts[k].e;
    if (p->said_cand >= 0 && (said_e || strncmp(p->cs[p->said_cand].code, "---", 3) != 0)) {
        int has = 0;
        for (size_t i = p->events_before; i < c->events.len && !has; i++)
            has = strcmp(DYADI_VEC_AT(&c->events, dyad_event, i).source.code,
                         p->cs[p->said_cand].code) == 0;
        if (!has) {
            static const dyadi_trigger said = {.kind = DYADI_TK_VERB, .code = "010",
                                               .id = "speech:said", .lang = "*"};
            const dyadi_trigger *sp = said_e ? said_e : &said;
            trig t = {p->said_first, p->said_end, sp, p->said_cand, -1, {0}, 0, said_e != NULL, NULL, 0, "speech:speaker"};
            if (dyadi_push_event(c, (uint32_t)p->s, &t, &p->cs[p->said_cand], NULL, sp->code, DYAD_ASSERTED,
                           DYAD_ACTUAL, NULL, NULL, NULL, dyadi_event_date(c, p->sdate, p->sfirst, p->said_first),
                           sp->id) != 0) {
                return DYAD_ERR_NOMEM;
            }
        }
    }
    return DYAD_OK;
}

dyad_status dyadi_events_run(dyad_coder *c)
{
    if (!dyadi_lex_root(c->lex, DYADI_TRIE_TRIGGER))
        return DYAD_OK;
    pthread_once(&wtab_once, wtab_build);
    dyad_status st = word_classes(c);
    if (st != DYAD_OK)
        return st;
    size_t nsent = c->sents.len, nt = c->tokens.len;
    pass P, *p = &P;
    memset(p, 0, sizeof *p);
    p->c = c;
    p->ms = dyad_coder_mentions(c, &p->nm);
    p->foreign = (dyadi_lex_flags(c->lex) & DYADI_LEX_FOREIGN) != 0;
    p->one_verb = (dyadi_lex_flags(c->lex) & DYADI_LEX_ONE_VERB) != 0;
    p->petrarch = p->foreign && !p->one_verb;
    p->by = dyadi_code_by(c, p->one_verb);
    dyadi_forward_story(c);
    dyadi_tree_init(&p->tree);
    dyadi_vec_init(&p->cuev, sizeof(cue), 1);
    p->speech = calloc(nt ? nt : 1, 1);
    p->attrib_tok = calloc(nt ? nt : 1, 1);
    /* one more cue and trigger than the caps, to see them passed; one
     * spare candidate for a partner found outside the sentence */
    p->cues = malloc((MAX_CUES + 1) * sizeof *p->cues);
    p->ts = malloc((MAX_TRIGS + 1) * sizeof *p->ts);
    p->cs = malloc((MAX_CANDS + 1) * sizeof *p->cs);
    p->qs = malloc((MAX_QUOTES + 1) * sizeof *p->qs);
    if (!p->speech || !p->attrib_tok || !p->cues || !p->ts || !p->cs || !p->qs) {
        return DYAD_ERR_NOMEM;
    }
    if ((st = document_cues(p)) != DYAD_OK)
        goto done;
    for (p->s = 0; p->s < nsent; p->s++) {
        const dyad_sentence *se = &DYADI_VEC_AT(&c->sents, dyad_sentence, p->s);
        p->sfirst = se->first_token;
        p->send = se->first_token + se->n_tokens;
        if (too_short(c, p->sfirst, p->send))
            continue;
        if ((st = sentence_candidates(p)) != DYAD_OK)
            goto done;
        int skip = sentence_triggers(p, &st);
        if (skip < 0)
            goto done;
        if (skip)
            continue;
        sentence_attribution(p);
        /* the sentence's date, once for all its events */
        p->sdate = p->ntr > 0 || p->said_cand >= 0
                       ? dyadi_date_str(c, dyadi_coder_sentence_date(c, p->sfirst, p->send))
                       : NULL;
        p->prev_src = p->prev_verb = -1;
        p->ev_mark = c->events.len;
        p->last_ti = -1;
        p->consumed = 0;
        p->skip_ti = -1;
        p->consumed_end = 0;
        for (size_t ti = 0; ti < p->ntr; ti++) {
            if ((int)ti == p->skip_ti)
                continue;   /* the complement of an appeal coded with it */
            if (p->foreign && tabari_gate(p, ti))
                continue;
            role r;
            int g = trigger_gate(p, ti, &r);
            if (g == 2)
                break;
            if (g || vote_for_content(p, ti) || !trigger_roles(p, ti, &r))
                continue;
            int polarity, modality;
            const char *code = trigger_scope(p, ti, &r, &polarity, &modality);
            if (elaborating_participle(p, ti, code))
                continue;
            if ((st = trigger_emit(p, ti, &r, code, polarity, modality)) != DYAD_OK ||
                (st = requested_by(p, ti, &r, polarity, modality)) != DYAD_OK)
                goto done;
        }
        shared_enemy(p, p->events_before);
        if ((st = said_statement(p)) != DYAD_OK)
            goto done;
        dyadi_forward_update(c, p->events_before);
        memset(p->speech + p->sfirst, 0, p->send - p->sfirst);
    }
done:
    dyadi_tree_free(&p->tree);
    free(p->speech);
    free(p->attrib_tok);
    free(p->cues);
    free(p->cue_off);
    dyadi_vec_free(&p->cuev);
    free(p->ts);
    free(p->cs);
    free(p->qs);
    if (st != DYAD_OK && st != DYAD_ERR_TOOBIG)   /* a cap has said which */
        snprintf(c->errmsg, sizeof c->errmsg, "events: %s", dyad_strerror(st));
    return st;
}
