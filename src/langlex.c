/* langlex.c - the language of a short text from the lexicon's own words.
 *
 * langid.c decides from function words, which a headline or a one-line
 * text ("France condemned Iran.") has too few of. When it answers "und"
 * and a lexicon is loaded, this module runs between the norm keys and the
 * stems: each word votes for French or English when
 *   - it is a function word of that language (a single vote, which langid
 *     alone does not trust),
 *   - its stem for that language starts an event trigger or a cue of that
 *     language in the lexicon ("condemned" -> en "condemn"; "condamné" ->
 *     fr "condamn"), which the other language's stemmer rarely reproduces,
 *   - or it carries a letter French writes and English and Spanish do not
 *     (è, ê, à, ç, ù, î, ô, û, ë, ï, â: "réprimée" has none, "arrêté" has one).
 * Function words of Spanish or German only, and Spanish letters (ñ, á, í,
 * ó, ú), count against both.
 * The language with more votes wins when it has at least MIN_VOTES, twice
 * the other's and more than twice the Spanish or German function words
 * met (a Spanish text shares many stems with French); otherwise the text
 * stays "und". Only French and
 * English are answered: the rest of the pipeline has data for them only.
 * Stems are computed with the coder's stemmer into its per-document arena;
 * at most MAX_WORDS words are read. */
#include "coder.h"
#include "lex.h"
#include "text_tables.h"

#include <string.h>

#define MAX_WORDS 400
#define MIN_VOTES 1.0

/* 1 when a trie entry at the node reached by the key, or below it, is of
 * language lang (triggers and cues carry their language). */
static int starts_entry(const dyad_lexicon *lex, int trie, uint32_t key, const char *lang)
{
    dyadi_node node = dyadi_lex_step(lex, trie, dyadi_lex_root(lex, trie), key);
    if (!node)
        return 0;
    size_t n = 0;
    const uint32_t *e = dyadi_lex_entries(lex, trie, node, &n);
    for (size_t i = 0; i < n; i++) {
        const char *l = NULL;
        if (trie == DYADI_TRIE_TRIGGER) {
            const dyadi_trigger *t = dyadi_lex_trigger(lex, e[i]);
            l = t ? t->lang : NULL;
        } else {
            const dyadi_cue *q = dyadi_lex_cue(lex, e[i]);
            l = q ? q->lang : NULL;
        }
        if (l && strcmp(l, lang) == 0)
            return 1;
    }
    return 0;
}

/* 1 when s has a letter French writes and neither English nor Spanish
 * does (è ê à ç ù î ô û ë ï â), -1 when it has one of Spanish and not
 * French (ñ á í ó ú ¿ ¡), 0 otherwise (é is both French and Spanish). */
static int letters_of(const char *s)
{
    static const char *const fr[] = {"\xC3\xA8", "\xC3\xAA", "\xC3\xA0", "\xC3\xA7",
                                     "\xC3\xB9", "\xC3\xAE", "\xC3\xB4", "\xC3\xBB",
                                     "\xC3\xAB", "\xC3\xAF", "\xC3\xA2"};
    static const char *const es[] = {"\xC3\xB1", "\xC3\xA1", "\xC3\xAD", "\xC3\xB3",
                                     "\xC3\xBA", "\xC2\xBF", "\xC2\xA1"};
    for (size_t i = 0; i < sizeof fr / sizeof fr[0]; i++)
        if (strstr(s, fr[i]))
            return 1;
    for (size_t i = 0; i < sizeof es / sizeof es[0]; i++)
        if (strstr(s, es[i]))
            return -1;
    return 0;
}

const char *dyadi_langid_lexicon(dyad_coder *c)
{
    static const char *const names[2] = {"fr", "en"};
    double votes[2] = {0, 0}, other = 0;
    const dyad_token *tok = c->tokens.data;
    size_t words = 0;
    if (!c->lex)
        return "und";
    for (size_t i = 0; i < c->tokens.len && words < MAX_WORDS; i++) {
        if (tok[i].kind != DYAD_TOK_WORD || !tok[i].norm)
            continue;
        words++;
        const char *norm = tok[i].norm;
        unsigned m = dyadi_stopword_langs(norm);
        int fr = (m & DYADI_L_FR) != 0, en = (m & DYADI_L_EN) != 0;
        int es_de = (m & (DYADI_L_ES | DYADI_L_DE)) != 0;
        if (m) {
            /* a function word of one language only votes; one shared by
             * French and English, or with Spanish or German, says nothing */
            if (fr != en && !es_de)
                votes[fr ? 0 : 1] += 1;
            else if (es_de && !fr && !en)
                other += 1;
            continue;
        }
        int letter = letters_of(norm);
        if (letter) {
            if (letter > 0)
                votes[0] += 1;
            else
                other += 1;
            continue;
        }
        int hit[2] = {0, 0};
        for (int l = 0; l < 2; l++) {
            const char *st = dyadi_stem_key(c->stemmer, &c->arena, names[l], norm);
            if (!st)
                return "und";       /* out of memory: leave the text unidentified */
            uint32_t k = dyadi_lex_key(c->lex, st, strlen(st));
            uint32_t kn = dyadi_lex_key(c->lex, norm, strlen(norm));
            hit[l] = (k && (starts_entry(c->lex, DYADI_TRIE_TRIGGER, k, names[l]) ||
                            starts_entry(c->lex, DYADI_TRIE_CUE_STEM, k, names[l]))) ||
                     (kn && starts_entry(c->lex, DYADI_TRIE_CUE, kn, names[l]));
        }
        if (hit[0] != hit[1])
            votes[hit[0] ? 0 : 1] += 1;
    }
    int best = votes[1] > votes[0];
    /* a text with Spanish or German function words is not French or
     * English on the strength of a few shared stems */
    if (votes[best] >= MIN_VOTES && votes[best] >= 2 * votes[!best] + (votes[!best] > 0) &&
        votes[best] > 2 * other)
        return names[best];
    return "und";
}
