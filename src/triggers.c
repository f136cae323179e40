/* triggers.c - trigger matching: the trie walk (stem or norm keys, gaps
 * of "...", TABARI's prefix keys and budget) shared with the cues, and the
 * choice of one trigger entry per position. With a tree (tree.c) a verb
 * pattern fires on a verb only, and a verb met on its noun becomes a
 * nominal event; without one, word-order guesses (nounish) say which
 * words are nouns. Part of the event coder (events.c drives it). */
#include "events.h"
#include "dates.h"
#include "words.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tree.h"

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
    if (dyadi_lex_after_gap(c->lex, DYADI_TRIE_TRIGGER, dyadi_tok(c, j)->norm_id))
        return 1;
    for (int k = 0; k < DYADI_MAX_PFX && px->id[k]; k++)
        if (dyadi_lex_after_gap(c->lex, DYADI_TRIE_TRIGGER, px->id[k]))
            return 1;
    return 0;
}

/* The walk of dyad's own tries (cues, and triggers of a lexicon that is not
 * foreign): stem or norm keys, gaps of 0 to MAX_GAP words, the longest
 * match. Kept apart from dyadi_trie_walk() below, whose TABARI word matching and word
 * positions cost dyad's own coding about 3% when shared. */
void dyadi_trie_walk_plain(const dyad_coder *c, int trie, int use_stem, dyadi_node node, uint32_t j,
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
        const dyad_token *t = dyadi_tok(c, j);
        uint32_t key = use_stem ? t->stem_id : t->norm_id;
        if (key) {
            dyadi_node nn = dyadi_lex_step(c->lex, trie, node, key);
            if (nn)
                dyadi_trie_walk_plain(c, trie, use_stem, nn, j + 1, end, depth + 1, best);
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
                    const char *k = dyadi_tok(c, j + skip - 1)->norm;
                    if (k && (k[0] == ';' || k[0] == ':' || k[0] == '.') && k[1] == '\0')
                        break;
                }
                dyadi_trie_walk_plain(c, trie, use_stem, g, j + skip, end, depth + 1, best);
            }
    }
}

/* path[0..nw) holds the tokens matched so far by pattern words (NULL: the
 * caller needs no positions) */
void dyadi_trie_walk(const dyad_coder *c, int trie, int use_stem, dyadi_node node, uint32_t j,
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
        const dyad_token *t = dyadi_tok(c, j);
        uint32_t key = use_stem && !words ? t->stem_id : t->norm_id;
        if (key) {
            dyadi_node nn = dyadi_lex_step(c->lex, trie, node, key);
            if (nn) {
                if (path)
                    path[nw] = j;
                dyadi_trie_walk(c, trie, use_stem, nn, j + 1, end, depth + 1, nw + 1, best, path);
            }
        }
        if (words) {
            const dyadi_pfx *px = &DYADI_VEC_AT(&c->pfx, dyadi_pfx, j);
            for (int k = 0; k < DYADI_MAX_PFX && px->id[k]; k++) {
                dyadi_node nn = dyadi_lex_step(c->lex, trie, node, px->id[k]);
                if (nn) {
                    if (path)
                        path[nw] = j;
                    dyadi_trie_walk(c, trie, use_stem, nn, j + 1, end, depth + 1, nw + 1, best, path);
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
                    const char *k = dyadi_tok(c, j + skip - 1)->norm;
                    if (k && (k[0] == ';' || k[0] == ':' || k[0] == '.') && k[1] == '\0')
                        break;
                }
                if (words && !gap_end(c, j + skip))
                    continue;   /* no pattern word after a gap is this word */
                dyadi_trie_walk(c, trie, use_stem, g, j + skip, end, depth + 1, nw, best, path);
            }
    }
}

/* "cooperation", "coopération", "negotiations": a noun ending, used to
 * choose between a verb and a noun pattern on one stem (not to block a
 * verb pattern: nominal uses of verb patterns are codable events too). */
static int ends_with(const char *s, size_t n, const char *x)
{
    size_t m = strlen(x);
    return n >= m && memcmp(s + n - m, x, m) == 0;
}

int dyadi_noun_suffix(const char *w)
{
    static const char *const suffixes[] = {"tion", "tions", "sion", "sions", "ment", "ments", NULL};
    size_t n = w ? strlen(w) : 0;
    for (const char *const *x = suffixes; *x; x++)
        if (n >= strlen(*x) + 3 && ends_with(w, n, *x))
            return 1;
    return 0;
}

/* Snowball gives unrelated words one stem: "authorities" and "authorize",
 * "celebrities" and "celebrate", "criminal" and "criminalize", "médias"
 * and "médier". One-word verb pattern L on a word w: w must read as a
 * form of L or a noun made from it ("approval", "funding", "arrestation"),
 * not as another derivation: an adverb ("differently"), an agent noun
 * ("supporters", "attaquants" are actors), an adjective or abstract noun
 * ("-ity", "-ist", "-ique"). A word not written on L's base is an irregular
 * form ("flew", "sought"), except for the regular -ize/-ate/-ify verbs. */
#define EN_OTHER_DERIVATION "er,ers,or,ors,ity,ities,ic,ics,ical,ist,ists,ism,isms,ian,ians,ous,ive,ives"
#define FR_OTHER_DERIVATION \
    "as,ique,iques,iste,istes,isme,ismes,ité,ités,eur,eurs,euse,euses,ants,if,ifs,ive,ives"

int dyadi_form_of_verb(const char *w, const char *lemma, const char *lang)
{
    size_t nw = w ? strlen(w) : 0, nl = lemma ? strlen(lemma) : 0;
    if (nw == 0 || nl < 3 || strchr(lemma, ' '))
        return 1;
    const int fr = lang && lang[0] == 'f';
    size_t nb = nl;
    if (fr && (ends_with(lemma, nl, "er") || ends_with(lemma, nl, "ir") || ends_with(lemma, nl, "re")))
        nb -= 2;
    else if (!fr && (lemma[nl - 1] == 'e' || lemma[nl - 1] == 'y'))
        nb -= 1;
    if (nw < nb || memcmp(w, lemma, nb) != 0)
        return fr || !(ends_with(lemma, nl, "ize") || ends_with(lemma, nl, "ise") ||
                       ends_with(lemma, nl, "ate") || ends_with(lemma, nl, "ify"));
    const char *rest = w + nb;
    /* a doubled final consonant: "stopped", "committing" */
    if (!fr && nb > 0 && rest[0] == lemma[nb - 1] && !strchr("aeiouy", rest[0]))
        rest++;
    if (!fr && ends_with(rest, strlen(rest), "ly"))
        return 0;
    return !dyadi_in_list(rest, fr ? FR_OTHER_DERIVATION : EN_OTHER_DERIVATION);
}

static int nounish(const dyad_coder *c, uint32_t i, uint32_t sfirst)
{
    const dyad_token *t = dyadi_tok(c, i);

    if ((t->flags & DYAD_TOKF_CAPITAL) && i > sfirst && !(dyadi_tok(c, i - 1)->flags & DYAD_TOKF_QUOTE))
        return 1;
    uint32_t det = strcmp(c->lang, "fr") == 0 ? W_NDET_FR
                   : strcmp(c->lang, "en") == 0 ? W_NDET_EN : 0;
    return det && i > sfirst && has_class(c, i - 1, det);
}

/* "Obama said he would not provide support to Israel": the words after a
 * gap of an expression ("say ... support") that belong to a clause with a
 * subject of its own under the first word are that clause's, not the
 * expression's. The first token of that clause's subject when the last
 * word of the match [i, end) lies in such a clause, else 0 (also when the
 * tree does not put it under the first word at all). */
static uint32_t embedded_clause_start(const dyadi_tree *tree, uint32_t i, uint32_t end)
{
    const dyad_word *v = dyadi_tree_word(tree, i), *x = end > i + 1 ? dyadi_tree_word(tree, end - 1) : NULL;
    uint32_t cut = 0;
    for (int n = 0; n < 32 && v && x && x != v; n++) {
        uint32_t xi = (uint32_t)(x - tree->w);
        for (uint32_t k = tree->kid[xi]; k; k = tree->sib[k - 1]) {
            const dyad_word *s = &tree->w[k - 1];
            if (s->deprel && (strcmp(s->deprel, "nsubj") == 0 || strcmp(s->deprel, "nsubj:pass") == 0) &&
                s->token > i && s->token < end)
                cut = s->token;
        }
        x = x->head && x->head <= tree->nw ? &tree->w[x->head - 1] : NULL;
    }
    return x == v ? cut : 0;
}

/* Is an entry on trie node n an appeal, a demand, a disapproval, a
 * rejection or a threat (CAMEO 02, 10, 11, 12, 13)? Their expressions
 * take a clause with its own subject as what they are about ("demanded
 * that Hamas renounce", "urged that the army withdraw"). */
static int clause_taker(const dyad_coder *c, dyadi_node n)
{
    size_t ne;
    const uint32_t *ids = dyadi_lex_entries(c->lex, DYADI_TRIE_TRIGGER, n, &ne);
    for (size_t k = 0; ids && k < ne; k++) {
        const dyadi_trigger *e = dyadi_lex_trigger(c->lex, ids[k]);
        if (e && e->code && e->code[0] == '1' && e->code[1] >= '0' && e->code[1] <= '3')
            return 1;
        if (e && e->code && strncmp(e->code, "02", 2) == 0)
            return 1;
    }
    return 0;
}

size_t dyadi_find_triggers(dyad_coder *c, const dyadi_tree *tree, uint32_t sfirst, uint32_t send,
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
            dyadi_trie_walk(c, DYADI_TRIE_TRIGGER, 1, root, i, send, 0, 0, &h, path);
        else
            dyadi_trie_walk_plain(c, DYADI_TRIE_TRIGGER, 1, root, i, send, 0, &h);
        /* PETRARCH: a verb entered as written ("LEFT", key "left=") beats
         * the one its stem reaches (LEAVE) when no longer pattern matched */
        if (petrarch && (!h.end || h.end == i + 1) && dyadi_tok(c, i)->kind == DYAD_TOK_WORD) {
            const char *w = dyadi_tok(c, i)->norm;
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
        if (h.end && tree && !(lf & DYADI_LEX_FOREIGN) && !clause_taker(c, h.node)) {
            uint32_t cut = embedded_clause_start(tree, i, h.end);
            if (cut) {
                h.end = 0;
                h.node = 0;
                dyadi_trie_walk_plain(c, DYADI_TRIE_TRIGGER, 1, root, i, cut, 0, &h);
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
            /* dyad's own one-word verb patterns: not on another word of
             * the same stem ("authorities"). The lemma is read from the
             * rule id, "en:verb:authorize" (dictsrc.c, unless id= names
             * the rule otherwise: then no check) */
            if (e->kind == DYADI_TK_VERB && h.end == i + 1 && !(lf & DYADI_LEX_FOREIGN) && e->id &&
                strlen(e->id) > 8 && strncmp(e->id + 2, ":verb:", 6) == 0 &&
                !dyadi_form_of_verb(dyadi_tok(c, i)->norm, e->id + 8, c->lang))
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
            if (e->kind == DYADI_TK_VERB && c->pfx.len && dyadi_norm_in(c, h.end, (const char *const[]){"'s", NULL}))
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
        if (petrarch && !among_e && best && h.end == i + 1 && dyadi_tok(c, i)->stem_id) {
            dyadi_node sn = dyadi_lex_step(c->lex, DYADI_TRIE_TRIGGER, root, dyadi_tok(c, i)->stem_id);
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
            out[n].roles_by = NULL;
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

int dyadi_trigger_taggable(const dyad_coder *c, const trig *t)
{
    return t->e->kind == DYADI_TK_VERB && t->end == t->first + 1 &&
           !(dyadi_lex_flags(c->lex) & DYADI_LEX_FOREIGN);
}

size_t dyadi_triggers_on_tags(const dyad_coder *c, const uint8_t *upos, uint32_t lo, uint32_t hi,
                              trig *ts, size_t n)
{
    const uint32_t drop = 1u << DYADI_UPOS_NOUN | 1u << DYADI_UPOS_PROPN | 1u << DYADI_UPOS_NUM |
                          1u << DYADI_UPOS_PRON | 1u << DYADI_UPOS_DET | 1u << DYADI_UPOS_ADP;
    size_t w = 0;
    for (size_t k = 0; k < n; k++) {
        const trig *t = &ts[k];
        uint8_t u = t->first >= lo && t->first < hi ? upos[t->first - lo] : DYADI_NUPOS;
        if (dyadi_trigger_taggable(c, t) && u < DYADI_NUPOS && (drop >> u & 1u))
            continue;
        ts[w++] = *t;
    }
    return w;
}
