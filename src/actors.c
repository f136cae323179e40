/* actors.c - the actor and place recogniser: from token keys to resolved
 * actor mentions, after the text stages and before the event coder.
 *
 * Three passes per document, all on integer key ids and small arrays:
 *  1. match: longest match of the tokens' norm-key ids in the actor trie
 *     of the compiled lexicon (no string compare per entry);
 *  2. compose: join adjacent matches into one actor phrase as a CAMEO coder
 *     would ("le président russe Vladimir Poutine" -> RUSGOV, "Alexander
 *     Matsegora, ambassadeur de la Russie en Corée du Nord" -> RUSGOV with
 *     the country after "en" kept as a place, "the Iranian foreign
 *     minister" -> IRNGOV), resolving date-restricted roles for the
 *     document date;
 *  3. coreference: "le pays", "il", "the country", "he" and bare agents
 *     ("le président") take the code of the most salient compatible
 *     antecedent: a subject (a mention not governed by a preposition) of the
 *     current or an earlier sentence first, then the most recent mention.
 * The recogniser is our own code because it is the core of the product and
 * must run on ids at the speed of the tokenizer. */
#include "coder.h"
#include "events.h"
#include "lex.h"
#include "places.h"
#include "words.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A raw dictionary match over tokens [ti, ti+n). */
typedef struct match {
    uint32_t ti, n;
    const dyadi_actor *a;
    uint32_t sent;
    dyadi_node node;        /* where an ambiguous phrase ended, to choose later */
    const char *how;        /* the rule that chose a place (places.c), or NULL */
} match;

#define MAX_MATCHES (1u << 20)

static int kind_rank(int k)
{
    switch (k) {
    case DYADI_AK_PERSON: return 10;
    case DYADI_AK_IGO: return 9;
    case DYADI_AK_MEDIA: return 9;
    case DYADI_AK_ORG: return 8;
    case DYADI_AK_BLOC: return 8;
    case DYADI_AK_COUNTRY: return 7;
    case DYADI_AK_CAPITAL: return 6;
    case DYADI_AK_REGION: return 5;
    case DYADI_AK_DEMONYM: return 4;
    case DYADI_AK_AGENT: return 3;
    case DYADI_AK_PRONOUN: return 2;
    case DYADI_AK_CITY: return 1;
    }
    return 0;
}

static int lang_ok(const char *elang, const char *dlang)
{
    if (!elang || elang[0] == '*' || elang[0] == '\0')
        return 2;
    /* language tags are two letters: compare them without strcmp (this runs
     * for every entry at every trie node the tokens reach) */
    if (elang[0] == dlang[0] && elang[1] == dlang[1] && (elang[1] == '\0' || elang[2] == dlang[2]))
        return 2;
    return dlang[0] == 'u' && dlang[1] == 'n' && dlang[2] == 'd' ? 1 : 0;
}

/* Kinds whose names are proper nouns: the first word must be capitalised,
 * which keeps "nice", "mobile" or "chad" the words from becoming places. */
static int needs_capital(int k)
{
    return k == DYADI_AK_PERSON || k == DYADI_AK_COUNTRY || k == DYADI_AK_CAPITAL ||
           k == DYADI_AK_CITY || k == DYADI_AK_REGION || k == DYADI_AK_MEDIA ||
           k == DYADI_AK_ORG;
}

/* An organisation's name may start with a common noun written in lower
 * case ("comité Nobel", "place Beauvau", "parquet national financier" is
 * not one: no capital at all); a later capitalised word is then enough. */
static int org_capital_later(int k, const dyad_token *first, uint32_t len)
{
    if (k != DYADI_AK_ORG && k != DYADI_AK_MEDIA)
        return 0;
    for (uint32_t i = 1; i < len; i++)
        if (first[i].kind == DYAD_TOK_WORD && (first[i].flags & DYAD_TOKF_CAPITAL))
            return 1;
    return 0;
}

/* A word of at most three letters written in capitals ("US", "UK"): true
 * for longer words, which are no acronyms of a country name. */
static int all_caps(const dyad_coder *c, const dyad_token *t)
{
    size_t n = t->span.end - t->span.start;
    const char *w = c->doc->text + t->span.start;
    if (n > 3)
        return 1;
    for (size_t i = 0; i < n; i++)
        if (w[i] < 'A' || w[i] > 'Z')
            return 0;
    return 1;
}

/* The best entry at a trie node for this document, or NULL. */
static const dyadi_actor *best_entry(const dyad_coder *c, dyadi_node node,
                                     const dyad_token *first, int sent_initial, uint32_t len)
{
    size_t n;
    const uint32_t *ids = dyadi_lex_entries(c->lex, DYADI_TRIE_ACTOR, node, &n);
    const dyadi_actor *best = NULL;
    int best_score = -1;
    for (size_t i = 0; i < n; i++) {
        const dyadi_actor *a = dyadi_lex_actor(c->lex, ids[i]);
        if (!a)
            continue;
        int lo = lang_ok(a->lang, c->lang);
        if (!lo)
            continue;
        /* (TABARI and PETRARCH read text without case) */
        if ((needs_capital(a->kind) || a->cap) && !a->lower && !(first->flags & DYAD_TOKF_CAPITAL) &&
            first->kind == DYAD_TOK_WORD && !(dyadi_lex_flags(c->lex) & DYADI_LEX_FOREIGN) &&
            !org_capital_later(a->kind, first, len))
            continue;
        /* A country of one short word is an acronym ("US", "UK", "RDC"):
         * the text must write it in capitals ("let us", "Us and them" are
         * pronouns) */
        if (a->kind == DYADI_AK_COUNTRY && len == 1 && !(dyadi_lex_flags(c->lex) & DYADI_LEX_FOREIGN) &&
            !all_caps(c, first))
            continue;
        /* A one-word city at the start of a sentence is too often a common
         * word with a capital ("Mais", "Bien"); it needs more evidence. */
        if (a->kind == DYADI_AK_CITY && sent_initial && len == 1)
            continue;
        /* ... and right after another capitalised word it is a surname
         * ("Manuel Valls", "Raúl Castro", "Juan Manuel Santos"), not after
         * a preposition that opens the sentence ("In Hebron, police", "À
         * Ramallah, la police") */
        if (a->kind == DYADI_AK_CITY && len == 1 && !sent_initial &&
            (first[-1].flags & DYAD_TOKF_CAPITAL) && first[-1].kind == DYAD_TOK_WORD &&
            !dyadi_norm_in(c, (uint32_t)(first - 1 - (const dyad_token *)c->tokens.data), dyadi_prepositions))
            continue;
        int score = kind_rank(a->kind) * 4 + lo;
        if (!best || score > best_score ||
            (score == best_score && a->kind == DYADI_AK_CITY && a->pop > best->pop)) {
            best = a;
            best_score = score;
        }
    }
    return best;
}

static const dyad_token *tok(const dyad_coder *c, uint32_t i)
{
    return &DYADI_VEC_AT(&c->tokens, dyad_token, i);
}

static const char *const DETERMINERS[] = {
    "le", "la", "les", "l'", "un", "une", "des", "du", "de", "d'", "au", "aux", "ce", "cette",
    "ces", "son", "sa", "ses", "leur", "leurs", "the", "a", "an", "its", "their", "his", "her",
    "this", "these", "that", "those", NULL};
/* French adjectives that come before their noun ("le premier syndicat",
 * "le nouveau président"): the word after them is the noun. */
static const char *const PRENOMINAL[] = {
    "premier", "première", "premiers", "premières", "nouveau", "nouvel", "nouvelle", "nouveaux",
    "nouvelles", "ancien", "ancienne", "anciens", "anciennes", "ex", "futur", "future", "jeune",
    "jeunes", "vieux", "vieil", "vieille", "grand", "grande", "grands", "grandes", "petit",
    "petite", "seul", "seule", "autre", "autres", "même", "mêmes", "plusieurs", "certains",
    "certaines", "nombreux", "nombreuses", "principal", "principale", "principaux", "haut",
    "haute", "hauts", "vice", "second", "seconde", "deuxième", "dernier", "dernière",
    /* English: numerals, quantities and adjectives that qualify people */
    "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "dozen", "dozens",
    "hundred", "hundreds", "thousand", "thousands", "several", "many", "some", "few", "former",
    "new", "first", "top", "senior", "chief", "deputy", "acting", "interim", "other", "local",
    "armed", "young", NULL};
static const char *const OF_WORDS[] = {"de", "du", "des", "d'", "of", NULL};
static const char *const CONJUNCTIONS[] = {"et", "ou", "and", "or", NULL};
static const char *const IN_WORDS[] = {"en", "au", "aux", "à", "dans", "in", "to", "at", NULL};
/* an agent's place: "demonstrators in Baghdad", "soldiers from Gondor" */
static const char *const AGENT_PLACE[] = {"en", "au", "aux", "à", "dans", "in", "at", "from", NULL};
static const char *const GENITIVE[] = {"'s", "'", NULL};
static const char *const PARTI[] = {"parti", "partis", "partie", "parties", NULL};
static const char *const ETRE_AUX[] = {"est", "sont", "était", "étaient", "sera", "seront",
                                       "serait", "seraient", "être", "soit", "suis", "es",
                                       "sommes", "êtes", "fut", "furent", NULL};
/* before a country or a capital that is a place, not an actor ("à l'Iran",
 * "au Mali", "to Iran" are often the dative of a target) */
static const char *const CLAUSE_IN[] = {"en", "dans", "in", "at", NULL};
static const char *const CLAUSE_AT_CITY[] = {"en", "dans", "in", "at", "à", "et", "and", ",", NULL};
static const char *const IMPERSONAL_NEXT[] = {
    "y", "faut", "s'agit", "agit", "semble", "paraît", "est", "était", "sera", "reste",
    "seems", "appears", "is", "was", "'s", NULL};

/* Skip determiners backwards from token i (exclusive); returns the first
 * determiner's index (or i when there is none) within the sentence. */
static uint32_t det_start(const dyad_coder *c, uint32_t i, uint32_t sent_first)
{
    while (i > sent_first && dyadi_norm_in(c, i - 1, DETERMINERS))
        i--;
    return i;
}

/* Index just after "of (det)*" starting at i, or 0 when the words are not there. */
static uint32_t after_of(const dyad_coder *c, uint32_t i, uint32_t end)
{
    if (i >= end || !dyadi_norm_in(c, i, OF_WORDS))
        return 0;
    i++;
    while (i < end && dyadi_norm_in(c, i, DETERMINERS))
        i++;
    return i;
}

static char *concat_code(dyad_coder *c, const char *country, const char *sector)
{
    size_t a = strlen(country), b = strlen(sector);
    char *s = dyadi_arena_alloc(&c->arena, a + b + 1);
    if (!s)
        return NULL;
    memcpy(s, country, a);
    memcpy(s + a, sector, b);
    s[a + b] = '\0';
    return s;
}

static const char *const FORMER[] = {"former", NULL};

/* Is seg one of code's 3-character segments (or a run of them)? */
static int segment_of(const char *code, const char *seg)
{
    size_t n = strlen(code), k = strlen(seg);
    for (size_t off = 0; k && off + k <= n; off += 3)
        if (strncmp(code + off, seg, k) == 0)
            return 1;
    return 0;
}

/* An actor's code with an agent's. dyad's own dictionaries: country +
 * sector. TABARI's: a prefix agent [NGM~] goes first, and an agent code
 * the actor already holds as a segment is not repeated (NGM + NGM is NGM,
 * USAGOV + GOV is USAGOV; GMWGOV + WGO is GMWGOVWGO). */
/* "l'exécutif européen", "l'annonce européenne": Europe as a government,
 * or the adjective alone as an actor, is the European Union in the
 * news (IGOEUREEC), where "les forces européennes" stay Europe's. French
 * only: English "European leaders" are as often the continent's. */
static int european_union(const dyad_coder *c, const char *country, const char *sector)
{
    return c->lang[0] == 'f' && strcmp(country, "EUR") == 0 && (!sector || strcmp(sector, "GOV") == 0);
}

static char *compose_code(dyad_coder *c, const char *country, const dyadi_actor *ag,
                          const char *sector)
{
    if (!(dyadi_lex_flags(c->lex) & DYADI_LEX_FOREIGN))
        return european_union(c, country, sector) ? concat_code(c, "IGOEUREEC", "")
                                                   : concat_code(c, country, sector);
    if (segment_of(country, sector))
        return concat_code(c, country, "");
    return ag && ag->prefix ? concat_code(c, sector, country) : concat_code(c, country, sector);
}

/* Country part of an actor code: the first three letters; blocs and IGOs
 * keep their code's first three letters too ("IGO", "WST"), as the
 * lenient scoring of event data does. */
static const char *country_of(dyad_coder *c, const char *code)
{
    if (!code || strlen(code) < 3 || strncmp(code, "---", 3) == 0)
        return NULL;
    return dyadi_arena_strndup(&c->arena, code, 3);
}

/* The code an entry stands for on the document date. */
static const char *entry_code(const dyad_coder *c, const dyadi_actor *a)
{
    return dyadi_actor_code_at(a, c->date);
}

static dyad_mention *push_mention(dyad_coder *c, const match *m0, uint32_t first, uint32_t last_excl,
                                  int kind, const char *code, const dyadi_actor *entry,
                                  const char *how)
{
    dyad_mention *mm = dyadi_vec_push(&c->mentions);
    if (!mm)
        return NULL;
    mm->sent = m0->sent;
    mm->first_token = first;
    mm->n_tokens = last_excl - first;
    mm->span.start = tok(c, first)->span.start;
    mm->span.end = tok(c, last_excl - 1)->span.end;
    mm->kind = (uint8_t)kind;
    mm->code = code;
    if (kind == DYAD_MENTION_PLACE && entry && entry->country)
        mm->country = entry->country;
    else
        mm->country = country_of(c, code);
    mm->entry = entry ? entry->id : NULL;
    mm->resolved_by = how;
    mm->lat = entry ? entry->lat : NAN;
    mm->lon = entry ? entry->lon : NAN;
    mm->place_type = NULL;
    if (entry && (entry->kind == DYADI_AK_COUNTRY || entry->kind == DYADI_AK_REGION ||
                  entry->kind == DYADI_AK_CITY || entry->kind == DYADI_AK_CAPITAL))
        mm->place_type = entry->kind == DYADI_AK_COUNTRY  ? "country"
                         : entry->kind == DYADI_AK_REGION ? "admin1"
                                                          : "city";
    return mm;
}

/* Words a TABARI blank may skip inside an actor phrase ("Prince of Dol
 * Amroth" for PRINCE DOL_AMROTH, Al "The Weasel" Gore for AL GORE). */
#define MAX_ACTOR_GAP 3u

typedef struct amatch {
    const dyadi_actor *a;
    uint32_t end;           /* token after the phrase, 0 none */
    uint32_t gaps;          /* gaps taken: on a tie the adjacent reading wins */
    dyadi_node node;
} amatch;

/* The trie walk of a foreign lexicon, whose phrases may hold gaps
 * (DYADI_KEY_GAP, as trigger patterns do): from node, token j on; the
 * phrase starts at token i. A gap skips 0 to MAX_ACTOR_GAP words and any
 * quotation marks, never other punctuation; two gaps are never adjacent
 * in a phrase, so the branching stays small. */
static void walk_gapped(const dyad_coder *c, dyadi_node node, uint32_t i, uint32_t j, uint32_t end,
                        int sent_initial, uint32_t gaps, int after_gap, amatch *best)
{
    /* TABARI's connector written in the text ("Dol_Amroth") joins words */
    if (j > i && j + 1 < end && tok(c, j)->kind == DYAD_TOK_PUNCT && tok(c, j)->norm &&
        strcmp(tok(c, j)->norm, "_") == 0)
        j++;
    if (j < end) {
        uint32_t key = tok(c, j)->norm_id;
        dyadi_node nn = key ? dyadi_lex_step(c->lex, DYADI_TRIE_ACTOR, node, key) : 0;
        if (nn) {
            const dyadi_actor *a = best_entry(c, nn, tok(c, i), sent_initial, j - i + 1);
            if (a && (j + 1 > best->end || (j + 1 == best->end && gaps < best->gaps))) {
                best->a = a;
                best->end = j + 1;
                best->gaps = gaps;
                best->node = nn;
            }
            walk_gapped(c, nn, i, j + 1, end, sent_initial, gaps, 0, best);
        }
    }
    if (after_gap || j == i)
        return;
    dyadi_node g = dyadi_lex_step(c->lex, DYADI_TRIE_ACTOR, node, DYADI_KEY_GAP);
    if (!g)
        return;
    walk_gapped(c, g, i, j, end, sent_initial, gaps + 1, 1, best);
    uint32_t words = 0;
    for (uint32_t k = j; k + 1 < end; k++) {
        const dyad_token *t = tok(c, k);
        if (t->kind != DYAD_TOK_WORD && !(t->flags & DYAD_TOKF_QUOTE))
            break;
        if (t->kind == DYAD_TOK_WORD && ++words > MAX_ACTOR_GAP)
            break;
        walk_gapped(c, g, i, k + 1, end, sent_initial, gaps + 1, 1, best);
    }
}

/* French contracts the article of a title: "a indiqué au Monde", "selon
 * une source du Parisien", "le candidat des Républicains" name "Le Monde",
 * "Le Parisien", "Les Républicains". At token i ("au"/"du" for "le",
 * "aux"/"des" for "les") followed by a capitalised word: the longest media
 * or organisation phrase that starts with the article; *len counts "au"
 * too. Not after a capitalised word: "la Coupe du Monde" is no newspaper. */
static const dyadi_actor *after_contraction(const dyad_coder *c, dyadi_node root, uint32_t i,
                                            uint32_t end, uint32_t sfirst, uint32_t *len,
                                            dyadi_node *at)
{
    static const char *const TO_LE[] = {"au", "du", NULL};
    static const char *const TO_LES[] = {"aux", "des", NULL};
    if (c->lang[0] != 'f' || c->lang[1] != 'r' || i + 1 >= end ||
        !(tok(c, i + 1)->flags & DYAD_TOKF_CAPITAL) || tok(c, i + 1)->kind != DYAD_TOK_WORD)
        return NULL;
    if (i > sfirst && (tok(c, i - 1)->flags & DYAD_TOKF_CAPITAL) &&
        tok(c, i - 1)->kind == DYAD_TOK_WORD)
        return NULL;
    const char *art = dyadi_norm_in(c, i, TO_LE) ? "le" : dyadi_norm_in(c, i, TO_LES) ? "les" : NULL;
    uint32_t key = art ? dyadi_lex_key(c->lex, art, strlen(art)) : 0;
    dyadi_node node = key ? dyadi_lex_step(c->lex, DYADI_TRIE_ACTOR, root, key) : 0;
    const dyadi_actor *best = NULL;
    for (uint32_t j = i + 1; node && j < end && tok(c, j)->norm_id; j++) {
        node = dyadi_lex_step(c->lex, DYADI_TRIE_ACTOR, node, tok(c, j)->norm_id);
        if (!node)
            break;
        const dyadi_actor *a = best_entry(c, node, tok(c, i + 1), 0, j - i + 1);
        if (a && (a->kind == DYADI_AK_MEDIA || a->kind == DYADI_AK_ORG)) {
            best = a;
            *len = j - i + 1;
            *at = node;
        }
    }
    return best;
}

/* The one-word entry named by s[0..n) (a word's part), of the wanted kind
 * class (0 place or country, 1 person), or NULL. */
static const dyadi_actor *part_entry(const dyad_coder *c, dyadi_node root, const char *s, size_t n,
                                     uint32_t i, int person)
{
    uint32_t key = n ? dyadi_lex_key(c->lex, s, n) : 0;
    dyadi_node node = key ? dyadi_lex_step(c->lex, DYADI_TRIE_ACTOR, root, key) : 0;
    const dyadi_actor *a = node ? best_entry(c, node, tok(c, i), 0, 1) : NULL;
    if (!a)
        return NULL;
    if (person)
        return a->kind == DYADI_AK_PERSON ? a : NULL;
    return a->kind == DYADI_AK_COUNTRY || a->kind == DYADI_AK_CAPITAL || a->kind == DYADI_AK_CITY ||
                   a->kind == DYADI_AK_REGION
               ? a
               : NULL;
}

/* A hyphenated word no entry matched, read by its parts in two cases only:
 * "UK-based", "Denmark-based" (the place the company is based in) and a
 * compound surname whose last part names a person ("Sassou-Nguesso").
 * Other compounds ("Russia-Ukraine", "pro-Russian", "US-backed") name
 * relations, not actors, and are left alone. The match is the whole word. */
static const dyadi_actor *in_compound(const dyad_coder *c, dyadi_node root, uint32_t i,
                                      int sent_initial)
{
    const dyad_token *t = tok(c, i);
    const char *w = t->norm;
    const char *h = w ? strrchr(w, '-') : NULL;
    if (t->kind != DYAD_TOK_WORD || !h || h == w || !h[1] || !(t->flags & DYAD_TOKF_CAPITAL))
        return NULL;
    if (strcmp(h + 1, "based") == 0)
        return part_entry(c, root, w, (size_t)(h - w), i, 0);
    /* a surname: the text writes its part with a capital ("Sassou-Nguesso") */
    const char *raw = c->doc->text + t->span.start;
    size_t off = (size_t)(h - w) + 1;
    if (sent_initial || off >= t->span.end - t->span.start || raw[off] < 'A' || raw[off] > 'Z')
        return NULL;
    return part_entry(c, root, h + 1, strlen(h + 1), i, 1);
}

/* The longest entry of the trie that starts at token i (before end), its
 * length and trie node; NULL when none. */
static const dyadi_actor *longest_at(const dyad_coder *c, dyadi_node root, uint32_t i, uint32_t end,
                                     uint32_t sent_first, uint32_t *len, dyadi_node *at)
{
    const dyadi_actor *best = NULL;
    dyadi_node node = root;
    for (uint32_t j = i; j < end; j++) {
        uint32_t key = tok(c, j)->norm_id;
        if (!key || !(node = dyadi_lex_step(c->lex, DYADI_TRIE_ACTOR, node, key)))
            break;
        const dyadi_actor *a = best_entry(c, node, tok(c, i), i == sent_first, j - i + 1);
        if (a) {
            best = a;
            *len = j - i + 1;
            *at = node;
        }
    }
    return best;
}

/* Pass 1: longest matches, sentence by sentence. */
static dyad_status find_matches(dyad_coder *c, dyadi_vec *out)
{
    size_t nsent = c->sents.len;
    dyadi_node root = dyadi_lex_root(c->lex, DYADI_TRIE_ACTOR);
    if (!root)
        return DYAD_OK;
    /* only foreign phrases hold gaps: dyad's own walk stays the plain one */
    const int gapped = (dyadi_lex_flags(c->lex) & DYADI_LEX_FOREIGN) != 0;
    for (size_t s = 0; s < nsent; s++) {
        const dyad_sentence *se = &DYADI_VEC_AT(&c->sents, dyad_sentence, s);
        uint32_t end = se->first_token + se->n_tokens;
        uint32_t i = se->first_token;
        while (i < end) {
            const dyadi_actor *best = NULL;
            uint32_t best_len = 0;
            dyadi_node best_node = 0;
            if (gapped) {
                amatch am = {NULL, 0, 0, 0};
                walk_gapped(c, root, i, i, end, i == se->first_token, 0, 0, &am);
                best = am.a;
                best_len = am.a ? am.end - i : 0;
                best_node = am.node;
            } else {
                best = longest_at(c, root, i, end, se->first_token, &best_len, &best_node);
                /* a phrase that opens with its article gives way to a
                 * longer name inside it: "the West Bank" is no "the West" */
                uint32_t in_len = 0;
                dyadi_node in_node = 0;
                if (best && best_len >= 2 && dyadi_norm_in(c, i, DETERMINERS) &&
                    longest_at(c, root, i + 1, end, se->first_token, &in_len, &in_node) &&
                    in_len > best_len - 1) {
                    i++;
                    continue;
                }
            }
            if (!best && !gapped && (best = in_compound(c, root, i, i == se->first_token)) != NULL) {
                best_len = 1;
                best_node = 0;
            }
            uint32_t skip = 0;  /* 1: the name starts after "au"/"du" */
            if (!best && !gapped &&
                (best = after_contraction(c, root, i, end, se->first_token, &best_len,
                                          &best_node)) != NULL)
                skip = 1;
            if (best) {
                i += skip;
                best_len -= skip;
                match *m = dyadi_vec_push(out);
                if (!m)
                    return out->len >= out->max ? dyadi_coder_too_big(c, "actor-match", out->max)
                                                : DYAD_ERR_NOMEM;
                m->ti = i;
                m->n = best_len;
                m->a = best;
                m->sent = (uint32_t)s;
                m->node = best_node;
                m->how = NULL;
                i += best_len;
            } else {
                i++;
            }
        }
    }
    return DYAD_OK;
}

/* TABARI's null [---], discard [###] and complex [+++] actors (also as a
 * dated role: "[--- <950630] [DOL]"): the phrase stays matched, so no
 * shorter phrase inside it is an actor, but it makes no mention; a discard
 * or complex one vetoes its sentence (events.c codes nothing there). */
static dyad_status drop_markers(dyad_coder *c, dyadi_vec *mv)
{
    match *ms = mv->data;
    size_t out = 0;
    for (size_t k = 0; k < mv->len; k++) {
        int mk = dyadi_marker_code(entry_code(c, ms[k].a));
        if (!mk) {
            ms[out++] = ms[k];
            continue;
        }
        if (mk != DYADI_MARK_NULL &&
            !(c->vetoes.len && DYADI_VEC_AT(&c->vetoes, uint32_t, c->vetoes.len - 1) == ms[k].sent)) {
            uint32_t *v = dyadi_vec_push(&c->vetoes);
            if (!v)
                return DYAD_ERR_NOMEM;
            *v = ms[k].sent;
        }
    }
    mv->len = out;
    return DYAD_OK;
}

/* A compound actor (TABARI [FRO/BIL/SAM]): the codes of every compound
 * entry of the phrase, joined by '/'; events.c codes one event per code. */
static const char *compound_code(dyad_coder *c, const match *m)
{
    size_t n;
    const uint32_t *ids = dyadi_lex_entries(c->lex, DYADI_TRIE_ACTOR, m->node, &n);
    char buf[256];
    size_t len = 0;
    for (size_t i = 0; i < n; i++) {
        const dyadi_actor *a = dyadi_lex_actor(c->lex, ids[i]);
        if (!a || !a->compound || !lang_ok(a->lang, c->lang))
            continue;
        const char *code = entry_code(c, a);
        size_t l = strlen(code);
        if (len + l + 2 > sizeof buf)
            break;
        if (len)
            buf[len++] = '/';
        memcpy(buf + len, code, l);
        len += l;
    }
    return len ? dyadi_arena_strndup(&c->arena, buf, len) : m->a->code;
}

/* Is the phrase starting at token `first` governed by a preposition (so not
 * a subject)? Determiners in between are skipped. */
static int governed(const dyad_coder *c, uint32_t first, uint32_t sent_first)
{
    uint32_t d = det_start(c, first, sent_first);
    /* "d'"/"de" may be both determiner and preposition: look one further. */
    if (d > sent_first && dyadi_norm_in(c, d - 1, dyadi_prepositions))
        return 1;
    if (d < first && dyadi_norm_in(c, d, dyadi_prepositions) && d > sent_first)
        return 1;
    return 0;
}

/* Salience record for coreference. */
typedef struct ante {
    const char *code;
    uint32_t sent;
    uint8_t subject;
    uint8_t person_like;   /* person or an agent+country of a person sector (GOV) */
    uint8_t country_like;  /* a country, capital or demonym: "le pays" */
    uint8_t gender;
    uint8_t name_gender;   /* a French country's, from its article ("la Russie"): for
                              "il"/"elle" only, not for "le pays" */
    uint8_t plural;        /* a plural agent ("rebels", "les manifestants") */
    uint32_t first;        /* the mention's first token */
    uint32_t end;          /* the token after the mention */
} ante;

#define MAX_ANTES 64

static void remember(ante *antes, size_t *n, const ante *a)
{
    if (*n == MAX_ANTES) {
        memmove(antes, antes + 1, (MAX_ANTES - 1) * sizeof *antes);
        (*n)--;
    }
    antes[(*n)++] = *a;
}

/* The antecedent for a pronoun or bare noun: subjects first, current
 * sentence then up to three sentences back, then the most recent one. */
static const ante *resolve(const ante *antes, size_t n, uint32_t sent, int want_person,
                           int want_country, uint8_t gender, const char *sector)
{
    for (uint32_t back = 0; back <= 3 && back <= sent; back++) {
        for (size_t i = 0; i < n; i++) {
            const ante *a = &antes[i];
            if (a->sent != sent - back || !a->subject)
                continue;
            if (want_person && !a->person_like)
                continue;
            if (want_country && !a->country_like)
                continue;
            if (gender && a->gender && a->gender != gender)
                continue;
            if (sector && (strlen(a->code) < 6 || strcmp(a->code + 3, sector) != 0))
                continue;
            return a;
        }
    }
    for (size_t i = n; i-- > 0;) {
        const ante *a = &antes[i];
        if (a->sent + 3 < sent)
            break;
        if (want_person && !a->person_like)
            continue;
        if (want_country && !a->country_like)
            continue;
        if (gender && a->gender && a->gender != gender)
            continue;
        if (sector && (strlen(a->code) < 6 || strcmp(a->code + 3, sector) != 0))
            continue;
        return a;
    }
    return NULL;
}

/* "The Fijian rebels said they will release the hostages", "les
 * manifestants ont affirmé qu'ils resteraient", "la Russie a annoncé
 * qu'elle signera l'accord", "the union said it would strike": a subject
 * pronoun right after a speech verb or its "that"/"que" is the speaker
 * when the speaker is the sentence's one subject before it, of the
 * pronoun's number and gender. A singular speaker counts only when it is
 * no person (a country, a group, an institution), whom "il", "elle" and
 * "it" do not reach otherwise; a person is resolve()'s. Other plural
 * pronouns stay unresolved: we track no plural or coordinated
 * antecedents. */
static const ante *speaker_subject(const dyad_coder *c, const ante *antes, size_t n, uint32_t sent,
                                   uint32_t pron, uint8_t gender, int plural)
{
    static const char *const SUBJECT_PL[] = {"they", "ils", "elles", NULL};
    static const char *const SUBJECT_SG[] = {"it", "il", "elle", NULL};
    static const char *const SAY[] = {
        "that", "said", "say", "says", "told", "announced", "declared", "warned", "claimed",
        "insisted", "added", "stated", "vowed", "promised", "threatened", "que", "qu'", NULL};
    if (!dyadi_norm_in(c, pron, plural ? SUBJECT_PL : SUBJECT_SG) || pron == 0 ||
        !dyadi_norm_in(c, pron - 1, SAY))
        return NULL;
    const ante *found = NULL;
    for (size_t i = 0; i < n; i++) {
        const ante *a = &antes[i];
        if (a->sent != sent || a->end > pron || !a->subject)
            continue;
        if (a->plural != plural || (gender && a->name_gender && a->name_gender != gender) || found)
            return NULL;   /* another subject, or two of them: no guess */
        found = a;
    }
    return found && (plural || !found->person_like) ? found : NULL;
}

/* "le royaume", "the kingdom", "la principauté", "the sultanate": a
 * description that names the form of a state refers only to a country of
 * that form, not to the last country ("Concernant le Sahara occidental, le
 * royaume refuse..." is not Western Sahara). The lexicon knows the form
 * from the country's official name (countries.tsv: "Royaume du Maroc",
 * "Kingdom of Morocco", "Sultanat d'Oman"): the antecedent is of the form
 * when FORM, a link word and the antecedent's own words make a country
 * entry with its code, or when its words hold FORM ("United Kingdom"). */
static const char *const STATE_FORMS[] = {
    "royaume", "kingdom", "principauté", "principality", "sultanat", "sultanate",
    "émirat", "emirate", "grand-duché", NULL};
static int of_state_form(const dyad_coder *c, const ante *a, uint32_t form)
{
    static const char *const LINKS[] = {"du", "de", "d'", "des", "of", "of the", NULL};
    for (uint32_t t = a->first; t < a->end; t++)
        if (tok(c, t)->norm_id == form)
            return 1;
    dyadi_node root = dyadi_lex_root(c->lex, DYADI_TRIE_ACTOR);
    for (const char *const *l = LINKS; *l; l++) {
        dyadi_node node = dyadi_lex_step(c->lex, DYADI_TRIE_ACTOR, root, form);
        /* a link of one or two words ("of the Netherlands") */
        for (const char *w = *l; node && *w;) {
            size_t n = strcspn(w, " ");
            uint32_t key = dyadi_lex_key(c->lex, w, n);
            node = key ? dyadi_lex_step(c->lex, DYADI_TRIE_ACTOR, node, key) : 0;
            w += n + (w[n] == ' ');
        }
        for (uint32_t t = a->first; node && t < a->end; t++)
            node = tok(c, t)->norm_id ? dyadi_lex_step(c->lex, DYADI_TRIE_ACTOR, node, tok(c, t)->norm_id) : 0;
        if (!node)
            continue;
        size_t n;
        const uint32_t *ids = dyadi_lex_entries(c->lex, DYADI_TRIE_ACTOR, node, &n);
        for (size_t i = 0; i < n; i++) {
            const dyadi_actor *e = dyadi_lex_actor(c->lex, ids[i]);
            if (e && e->kind == DYADI_AK_COUNTRY && strcmp(e->code, a->code) == 0)
                return 1;
        }
    }
    return 0;
}

/* The gender of a French country's name from its article ("la Russie",
 * "le Canada", "du Mali"), which the country's entry does not carry;
 * 0 when no article says it ("l'Iran", "Israël"). */
static uint8_t article_gender(const dyad_coder *c, uint32_t first, uint32_t sfirst)
{
    static const char *const FEM[] = {"la", NULL};
    static const char *const MASC[] = {"le", "du", "au", NULL};
    if (c->lang[0] != 'f' || first <= sfirst)
        return 0;
    return dyadi_norm_in(c, first - 1, FEM) ? 'f' : dyadi_norm_in(c, first - 1, MASC) ? 'm' : 0;
}

/* A lower-case word that is not a function word: the adjective between an
 * agent and its nationality ("rebelles nazis ukrainiens"). */
static int plain_adjective(const dyad_coder *c, uint32_t i)
{
    const dyad_token *t = tok(c, i);
    return t->kind == DYAD_TOK_WORD && !(t->flags & DYAD_TOKF_CAPITAL) &&
           !(t->flags & DYAD_TOKF_ELIDED) && !dyadi_norm_in(c, i, dyadi_prepositions) &&
           !dyadi_norm_in(c, i, DETERMINERS) && strlen(t->norm) > 3;
}

/* English modifiers between a demonym and its agent noun: one or two
 * adjectives or nouns, lower-case or capitalised, no verb in -ed (after a
 * demonym only: "Russia said police" is a clause; "French
 * maritime authorities", "Irish nationalist guerrillas", "the Latvian
 * Constitutional Court"). */
static int past_participle_en(const dyad_coder *c, uint32_t i);
static const char *const SHORT_MODIFIERS[] = {"war", "aid", "top", "gas", "oil", "law", "spy",
                                              "tax", "air", "sea", "new", "old", NULL};
static int modifiers_between(const dyad_coder *c, uint32_t from, uint32_t to)
{
    if (to <= from || to - from > 2)
        return 0;
    for (uint32_t i = from; i < to; i++) {
        const dyad_token *t = tok(c, i);
        if (t->kind != DYAD_TOK_WORD || past_participle_en(c, i) ||
            !(plain_adjective(c, i) || (t->flags & DYAD_TOKF_CAPITAL) ||
              dyadi_norm_in(c, i, SHORT_MODIFIERS)) ||
            dyadi_norm_in(c, i, dyadi_prepositions) || dyadi_norm_in(c, i, DETERMINERS))
            return 0;
    }
    return 1;
}

/* A genitive mark at token from and the agent at to, directly or, in
 * English, after one or two modifiers ("Iran's supreme leader"). */
static int genitive_before(const dyad_coder *c, uint32_t from, uint32_t to, int foreign)
{
    if (to <= from || !dyadi_norm_in(c, from, GENITIVE))
        return 0;
    return to == from + 1 ||
           (!foreign && c->lang[0] == 'e' && modifiers_between(c, from + 1, to));
}

/* "urged residents", "detained protesters": an English verb in -ed before
 * the agent makes it an object, not an adjective's noun. */
static int past_participle_en(const dyad_coder *c, uint32_t i)
{
    const char *k = tok(c, i)->norm;
    size_t n = k ? strlen(k) : 0;
    return c->lang[0] == 'e' && n > 3 && k[n - 2] == 'e' && k[n - 1] == 'd';
}

/* Is the capitalised word at i an unknown proper name (not in the lexicon
 * as an actor, not sentence-initial)? Used for appositions. */
static int proper_word(const dyad_coder *c, uint32_t i)
{
    const dyad_token *t = tok(c, i);
    return t->kind == DYAD_TOK_WORD && (t->flags & DYAD_TOKF_CAPITAL);
}

/* Country code of an entry standing for a country (country, capital,
 * demonym, bloc), used when an agent combines with it. */
static const char *country_code_of(const dyadi_actor *a)
{
    if (a->kind == DYADI_AK_CAPITAL || a->kind == DYADI_AK_COUNTRY ||
        a->kind == DYADI_AK_DEMONYM || a->kind == DYADI_AK_BLOC)
        return a->country && a->kind == DYADI_AK_CAPITAL ? a->country : a->code;
    return NULL;
}

/* A national movement or group named with another nationality: "des
 * Gilets jaunes belges", "les Frères musulmans jordaniens", "Belgian
 * Yellow Vests", "Jordan's Muslim Brotherhood" are that country's, with
 * the group's sector (BELCVL, JOROPP). Only a group whose code is a
 * country and a sector; the demonym touches the name (after it in
 * French, before it in English, or a country's genitive: the mention just
 * pushed, which is dropped). Returns the code, and moves first/last, k
 * and how when the demonym is taken. */
static const char *group_nationality(dyad_coder *c, const match *ms, size_t nm, size_t *k,
                                     const char *code, uint32_t *first, uint32_t *last,
                                     const char **how)
{
    const match *m = &ms[*k];
    char own[4] = {0};
    if (strlen(code) != 6)
        return code;
    memcpy(own, code, 3);
    if (!dyadi_nation_code(own))
        return code;
    const match *d = NULL;
    if (c->lang[0] == 'f' && *k + 1 < nm && ms[*k + 1].sent == m->sent && ms[*k + 1].ti == *last &&
        ms[*k + 1].a->kind == DYADI_AK_DEMONYM)
        d = &ms[*k + 1];
    else if (c->lang[0] == 'e' && *k > 0 && ms[*k - 1].sent == m->sent &&
             ((ms[*k - 1].ti + ms[*k - 1].n == *first && ms[*k - 1].a->kind == DYADI_AK_DEMONYM) ||
              (ms[*k - 1].ti + ms[*k - 1].n + 1 == *first && ms[*k - 1].a->kind == DYADI_AK_COUNTRY &&
               tok(c, *first - 1)->norm && strcmp(tok(c, *first - 1)->norm, "'s") == 0)) &&
             c->mentions.len > 0 &&
             DYADI_VEC_AT(&c->mentions, dyad_mention, c->mentions.len - 1).first_token == ms[*k - 1].ti)
        d = &ms[*k - 1];
    const char *dc = d ? country_code_of(d->a) : NULL;
    if (!dc || !dyadi_nation_code(dc) || strncmp(dc, own, 3) == 0)
        return code;
    if (d > m) {
        *last = d->ti + d->n;
        (*k)++;
    } else {
        *first = d->ti;
        c->mentions.len--;
    }
    *how = "composition:group+demonym";
    return concat_code(c, dc, code + 3);
}


/* Phrases marked ambiguous in the dictionary ("coréens", "Korean": North
 * or South?) take the reading whose country the rest of the document names
 * most often; with no evidence at all the phrase is left out. */
/* A country and a region of another country sharing a name ("Georgia",
 * "Géorgie"): the region when the document's other cities and regions in
 * its country outnumber the mentions of the country ("Atlanta, Georgia"),
 * else the country ("Georgia and Russia"), with or without evidence. NULL
 * when the entries are no such pair. */
static const dyadi_actor *country_or_region(const match *ms, size_t n, size_t k,
                                            const dyad_lexicon *lex, const uint32_t *ids, size_t ne)
{
    const dyadi_actor *ctry = NULL, *reg = NULL;
    for (size_t e = 0; e < ne; e++) {
        const dyadi_actor *a = dyadi_lex_actor(lex, ids[e]);
        if (!a || !a->ambiguous)
            continue;
        if (a->kind == DYADI_AK_COUNTRY)
            ctry = a;
        else if (a->kind == DYADI_AK_REGION && a->country)
            reg = a;
        else
            return NULL;
    }
    if (!ctry || !reg)
        return NULL;
    size_t for_reg = 0, for_ctry = 0;
    for (size_t j = 0; j < n; j++) {
        const dyadi_actor *a = ms[j].a;
        if (j == k || a->ambiguous)
            continue;
        if ((a->kind == DYADI_AK_CITY || a->kind == DYADI_AK_REGION) && a->country &&
            strcmp(a->country, reg->country) == 0)
            for_reg++;
        if (strncmp(a->kind == DYADI_AK_CITY || a->kind == DYADI_AK_REGION ||
                    a->kind == DYADI_AK_CAPITAL ? (a->country ? a->country : "") : a->code,
                    ctry->code, 3) == 0)
            for_ctry++;
    }
    return for_reg > for_ctry ? reg : ctry;
}

static void disambiguate(dyad_coder *c, dyadi_vec *mv)
{
    match *ms = mv->data;
    size_t n = mv->len, out = 0;
    for (size_t k = 0; k < n; k++) {
        match *m = &ms[k];
        if (m->a->ambiguous) {
            size_t ne;
            const uint32_t *ids = dyadi_lex_entries(c->lex, DYADI_TRIE_ACTOR, m->node, &ne);
            const dyadi_actor *pair = country_or_region(ms, n, k, c->lex, ids, ne);
            const dyadi_actor *pick = pair;
            size_t best = 0;
            for (size_t e = 0; e < ne && !pair; e++) {
                const dyadi_actor *a = dyadi_lex_actor(c->lex, ids[e]);
                if (!a || !a->ambiguous || strlen(a->code) < 3)
                    continue;
                size_t count = 0;
                for (size_t j = 0; j < n; j++)
                    if (!ms[j].a->ambiguous && strncmp(ms[j].a->code, a->code, 3) == 0)
                        count++;
                if (count > best) {
                    best = count;
                    pick = a;
                }
            }
            /* no evidence: "la Hollande" with an article is the country */
            if (!pick && m->ti > 0 && dyadi_norm_in(c, m->ti - 1, DETERMINERS))
                for (size_t e = 0; e < ne && !pick; e++) {
                    const dyadi_actor *a = dyadi_lex_actor(c->lex, ids[e]);
                    if (a && a->ambiguous && a->kind == DYADI_AK_COUNTRY)
                        pick = a;
                }
            /* ... and without an article or a preposition a French name
             * is no country: "Hollande est arrivé" is the person ("la
             * Hollande", "en Hollande" are not) */
            if (!pick && c->lang[0] == 'f' &&
                (m->ti == 0 || (!dyadi_norm_in(c, m->ti - 1, DETERMINERS) &&
                                !dyadi_norm_in(c, m->ti - 1, dyadi_prepositions) &&
                                !dyadi_norm_in(c, m->ti - 1, IN_WORDS) && !dyadi_norm_in(c, m->ti - 1, OF_WORDS))))
                for (size_t e = 0; e < ne && !pick; e++) {
                    const dyadi_actor *a = dyadi_lex_actor(c->lex, ids[e]);
                    if (a && a->ambiguous && a->kind == DYADI_AK_PERSON)
                        pick = a;
                }
            if (!pick)
                continue; /* dropped */
            m->a = pick;
        }
        ms[out++] = *m;
    }
    mv->len = out;
}

/* The document's memory of an agent: the code of the last actor mention
 * of the same sector that the text itself tied to a country ("Russia's
 * defence minister" ... five sentences on, "the minister"), looked up
 * when coreference (three sentences) found none. A plural agent looks
 * before its own sentence only ("Syrian soldiers clashed with soldiers"
 * are two sides). Guesses (the document's or the language's country)
 * are no memory. */
#define MEMORY_REACH 256
static int state_sector(const char *sector);

/* Does the memory come before the document's dominant country? For rebels
 * ("the rebels", "les insurgés": the group the text named, seldom of the
 * country the article is about), yes; for the state's agents ("le
 * gouvernement", "la police", "the minister") and fighters (Hezbollah's
 * or the rebels'?) the dominant country was right more often on
 * WiNER-fr (5 of 6 changes the memory made there were wrong), so their
 * memory serves only where no country dominates. Institutions named with
 * a capital ("l'Assemblée") and agents that may be anyone's ("people",
 * "the company") have no memory. */
static int memory_first(const dyadi_actor *a, const char *sector)
{
    return !a->cap && strcmp(sector, "REB") == 0;
}
static const char *remembered_agent(const dyad_coder *c, const char *sector, uint32_t sent,
                                    int plural)
{
    static const char *const GUESSES[] = {"document-country", "language-default-country",
                                          "agent-default-country", "memory:agent", NULL};
    size_t n = c->mentions.len, sl = strlen(sector);
    for (size_t i = n; i-- > 0 && n - i <= MEMORY_REACH;) {
        const dyad_mention *m = &DYADI_VEC_AT(&c->mentions, dyad_mention, i);
        size_t cl = m->code ? strlen(m->code) : 0;
        if (m->kind != DYAD_MENTION_ACTOR || cl != 3 + sl || strcmp(m->code + 3, sector) != 0 ||
            strncmp(m->code, "---", 3) == 0 || (plural && m->sent >= sent))
            continue;
        int guess = 0;
        for (size_t g = 0; GUESSES[g] && m->resolved_by; g++)
            guess |= strcmp(m->resolved_by, GUESSES[g]) == 0;
        if (!guess)
            return m->code;
    }
    return NULL;
}

/* In English a country or a place name before an agent noun is its
 * modifier ("Hong Kong protesters", "US troops", "Minneapolis police");
 * French puts the demonym after the noun instead. */
static int name_before_agent(const dyad_coder *c, const dyadi_actor *a)
{
    if (c->lang[0] != 'e' || c->lang[1] != 'n')
        return 0;
    if (a->kind == DYADI_AK_COUNTRY || a->kind == DYADI_AK_CAPITAL)
        return country_code_of(a) != NULL && strlen(country_code_of(a)) == 3;
    return (a->kind == DYADI_AK_CITY || a->kind == DYADI_AK_REGION) && a->country &&
           strlen(a->country) == 3;
}

/* Sectors of a country's own politics and force: police, protesters,
 * rebels, militants, troops, officials, lawmakers, judges, opposition. */
static int state_sector(const char *sector)
{
    return dyadi_in_list(sector, "GOV,MIL,COP,OPP,REB,UAF,LEG,JUD,SPY,PTY");
}

/* Sectors of armed agents: troops, rebels, militants, separatists. */
static int armed_sector(const char *sector)
{
    return dyadi_in_list(sector, "MIL,REB,UAF,SEP");
}

/* Sectors of the institutions and groups that act at home in their
 * country's news: government, police, army, lawmakers, judges,
 * intelligence, parties, opposition, unions (not rebels or militants). */
static int home_sector(const char *sector)
{
    return dyadi_in_list(sector, "GOV,MIL,COP,OPP,LEG,JUD,SPY,PTY,LAB");
}

/* English head nouns that belong to the group named before them
 * ("opposition leader", "rebel commanders", "union officials"), and the
 * nouns for a group's armed members ("Houthi rebels", "Hamas fighters",
 * "Taliban gunmen": the group, not a second actor of the document's
 * country). */
static const char *const HEAD_NOUNS[] = {"leader", "leaders", "chief", "chiefs", "commander",
                                         "commanders", "spokesman", "spokeswoman",
                                         "spokesperson", "spokesmen", "official", "officials",
                                         "representative", "representatives", "negotiator",
                                         "negotiators", "rebels", "fighters", "militants",
                                         "insurgents", "guerrillas", "militiamen", "gunmen",
                                         NULL};

/* Adjectives after an agent that say it is not the home country's ("les
 * dirigeants étrangers", "les observateurs internationaux"). */
static const char *const NOT_HOME[] = {"étranger", "étrangère", "étrangers", "étrangères",
                                       "international", "internationale", "internationaux",
                                       "internationales", "mondiaux", NULL};

/* Does the document name no country but (perhaps) home, the language's
 * own country: no other country, capital, demonym, bloc, city, region,
 * IGO, person or organisation? (Its bare agents then have no country but
 * home's.) */
static int names_only_home(const match *ms, size_t nm, const char *home)
{
    for (size_t k = 0; k < nm; k++) {
        const dyadi_actor *a = ms[k].a;
        if (a->kind == DYADI_AK_AGENT || a->kind == DYADI_AK_PRONOUN)
            continue;
        const char *cc = (a->kind == DYADI_AK_CITY || a->kind == DYADI_AK_REGION ||
                          a->kind == DYADI_AK_CAPITAL) && a->country ? a->country : a->code;
        if (!cc || strncmp(cc, home, 3) != 0)
            return 0;
    }
    return 1;
}

/* Sectors of organisation nouns ("société", "journal", "parti",
 * "syndicat", "ONG", "université", "diocèse", "hôpital") that a name may
 * follow. */
static int org_sector(const char *sector)
{
    return strcmp(sector, "BUS") == 0 || strcmp(sector, "MED") == 0 ||
           strcmp(sector, "PTY") == 0 || strcmp(sector, "LAB") == 0 ||
           strcmp(sector, "NGO") == 0 || strcmp(sector, "EDU") == 0 ||
           strcmp(sector, "REL") == 0 || strcmp(sector, "HLH") == 0;
}

/* Institutions that are also buildings (a hospital, a university, a
 * church): after "à", "dans", "at", "in" they are where, not who. */
static const char *const AT_WORDS[] = {"à", "au", "aux", "dans", "at", "in", NULL};
static int is_venue_sector(const char *sector)
{
    return strcmp(sector, "EDU") == 0 || strcmp(sector, "REL") == 0 || strcmp(sector, "HLH") == 0;
}

/* A city or region entry: its country completes an agent ("le maire de
 * Sevran", "Chelyabinsk's governor"). */
static const char *place_country_of(const dyadi_actor *a)
{
    return (a->kind == DYADI_AK_CITY || a->kind == DYADI_AK_REGION) && a->country &&
                   strlen(a->country) == 3
               ? a->country
               : NULL;
}

/* Agents that act in their own country: police, protesters, lawmakers,
 * judges, parties. (Troops, rebels and officials also act abroad: a place in their
 * sentence may be their target's.) */
static int domestic_sector(const char *sector)
{
    return dyadi_in_list(sector, "COP,OPP,LEG,JUD,PTY");
}

/* Does "in"/"à"/"from" and determiners lead from token j to token t
 * ("demonstrators in Baghdad", "les manifestants à Séoul")? */
static int agent_place_at(const dyad_coder *c, uint32_t j, uint32_t t)
{
    if (!dyadi_norm_in(c, j, AGENT_PLACE))
        return 0;
    for (j++; j < t && dyadi_norm_in(c, j, DETERMINERS); j++)
        ;
    return j == t;
}

/* The country of the places of sentence sent other than match k (cities,
 * regions, and countries or capitals after "in"/"en"/"à": a country alone
 * is more often an actor), when they all name the same one; else NULL.
 * Strict: only the places the sentence says something happens in count
 * ("à Aden", "in Idlib province", "dans la province d'Idleb"; not "les
 * accords d'Arusha", "député des Landes"), and not one right after another
 * agent and "in"/"à" ("officials in Nairobi": that agent's). */
static const char *const LOCATIVE[] = {"à", "au", "aux", "dans", "en", "in", "at", "near", NULL};
static const char *const AREA_NOUNS[] = {
    "province", "région", "ville", "district", "gouvernorat", "préfecture", "département",
    "region", "city", "town", "governorate", "prefecture", "state", NULL};
static int located(const dyad_coder *c, uint32_t t, uint32_t sfirst)
{
    if (t <= sfirst)
        return 0;
    uint32_t j = t - 1;
    /* "dans la province d'Idleb", "in the city of Aleppo" */
    if (j > sfirst + 1 && dyadi_norm_in(c, j, OF_WORDS) && dyadi_norm_in(c, j - 1, AREA_NOUNS)) {
        j -= 2;
        while (j > sfirst && dyadi_norm_in(c, j, DETERMINERS))
            j--;
    }
    return dyadi_norm_in(c, j, LOCATIVE);
}
static const char *clause_country(const dyad_coder *c, const match *ms, size_t nm, size_t k,
                                  uint32_t sent, int strict)
{
    const dyad_sentence *se = &DYADI_VEC_AT(&c->sents, dyad_sentence, sent);
    const char *cc = NULL;
    /* matches are in text order: only the sentence's own are looked at */
    size_t lo = k, hi = k + 1;
    while (lo > 0 && ms[lo - 1].sent == sent)
        lo--;
    while (hi < nm && ms[hi].sent == sent)
        hi++;
    for (size_t i = lo; i < hi; i++) {
        if (i == k)
            continue;
        const dyadi_actor *a = ms[i].a;
        const char *pc = NULL;
        if (strict && ((i > lo && i - 1 != k && ms[i - 1].a->kind == DYADI_AK_AGENT &&
                        agent_place_at(c, ms[i - 1].ti + ms[i - 1].n, ms[i].ti)) ||
                       !located(c, ms[i].ti, se->first_token)))
            continue;
        if (strict && (a->kind == DYADI_AK_COUNTRY || a->kind == DYADI_AK_CAPITAL))
            pc = country_code_of(a);
        else if (a->kind == DYADI_AK_CITY || a->kind == DYADI_AK_REGION)
            pc = a->country;
        else if ((a->kind == DYADI_AK_COUNTRY || a->kind == DYADI_AK_CAPITAL) && ms[i].ti > 0 &&
                 dyadi_norm_in(c, ms[i].ti - 1, a->kind == DYADI_AK_CAPITAL ? CLAUSE_AT_CITY : CLAUSE_IN))
            pc = country_code_of(a);     /* "en Iran", "in Tehran": a place, not an actor */
        if (!pc || a->ambiguous)
            continue;
        if (strlen(pc) != 3 || (cc && strcmp(cc, pc) != 0))
            return NULL;
        cc = pc;
    }
    return cc;
}

/* The document's dominant country: the country its countries, capitals,
 * demonyms, cities and regions name most (a country, capital or demonym
 * counts twice: a city name is weaker evidence, "Kent" may be in Ohio),
 * when it is named at least twice and weighs more than any other; else
 * NULL. */
#define MAX_DOC_COUNTRIES 64
static const char *dominant_country(const dyad_coder *c, const match *ms, size_t nm)
{
    const char *codes[MAX_DOC_COUNTRIES];
    size_t counts[MAX_DOC_COUNTRIES], named[MAX_DOC_COUNTRIES], n = 0;
    for (size_t k = 0; k < nm; k++) {
        const dyadi_actor *a = ms[k].a;
        const char *cc = country_code_of(a);
        if (a->kind == DYADI_AK_CITY || a->kind == DYADI_AK_REGION)
            cc = a->country;
        if (a->kind == DYADI_AK_BLOC || !cc || strlen(cc) != 3 || a->ambiguous)
            continue;
        size_t i = 0;
        while (i < n && strcmp(codes[i], cc) != 0)
            i++;
        if (i == n) {
            if (n == MAX_DOC_COUNTRIES)
                continue;
            codes[n] = cc;
            named[n] = 0;
            counts[n++] = 0;
        }
        counts[i] += (a->kind == DYADI_AK_CITY || a->kind == DYADI_AK_REGION) ? 1 : 2;
        named[i]++;
    }
    size_t best = 0, second = 0, pick = 0;
    for (size_t i = 0; i < n; i++) {
        if (counts[i] > best) {
            second = best;
            best = counts[i];
            pick = i;
        } else if (counts[i] > second) {
            second = counts[i];
        }
    }
    (void)c;
    return best > second && named[pick] >= 2 ? codes[pick] : NULL;
}

/* Place names (places.c): drop those that are part of a person's,
 * street's or law's name and small towns abroad, choose among same-name
 * cities and regions from the document's context; the rule that chose is
 * kept for the mention. */
static void resolve_places(dyad_coder *c, dyadi_vec *mv)
{
    match *ms = mv->data;
    size_t n = mv->len, out = 0;
    dyadi_places pl;
    dyadi_places_init(&pl);
    for (size_t k = 0; k < n; k++)
        dyadi_places_note_country(&pl, ms[k].a->kind == DYADI_AK_CITY ||
                                               ms[k].a->kind == DYADI_AK_REGION
                                           ? (ms[k].a->country ? ms[k].a->country : ms[k].a->code)
                                           : country_code_of(ms[k].a));
    dyadi_places_scan_names(&pl, c);
    for (size_t k = 0; k < n; k++) {
        match *m = &ms[k];
        if (m->a->kind == DYADI_AK_CITY || m->a->kind == DYADI_AK_REGION) {
            const dyad_sentence *se = &DYADI_VEC_AT(&c->sents, dyad_sentence, m->sent);
            if (dyadi_place_drop(&pl, c, m->ti, m->n, se->first_token + se->n_tokens))
                continue;
            const char *rule = NULL;
            if (m->node && !(m->a = dyadi_place_choose(&pl, c, m->node, m->a, tok(c, m->ti), &rule)))
                continue;
            m->how = rule;
        }
        ms[out++] = *m;
    }
    mv->len = out;
}

/* PETRARCH lexicons: an agent composed with a country ("the
 * ambassadors of Arnor", "lawmakers in Fornost") stands for every country
 * of the list that follows it ("..., Osgiliath and Gondor"): each bare
 * country mention of the list takes the agent's sector (OSGGOV, GONLEG),
 * as PETRARCH codes (TABARI does not). */
static dyad_status distribute_agents(dyad_coder *c)
{
    dyad_mention *ms = c->mentions.data;
    size_t nm = c->mentions.len;
    for (size_t i = 0; i < nm; i++) {
        const char *how = ms[i].resolved_by;
        if (ms[i].kind != DYAD_MENTION_ACTOR || !how ||
            (strcmp(how, "composition:agent+of+country") != 0 &&
             strcmp(how, "composition:agent+in+place") != 0))
            continue;
        const char *code = ms[i].code;
        size_t cl = strlen(code);
        if (cl <= 3 || !ms[i].country || strncmp(code, ms[i].country, 3) != 0)
            continue;   /* no suffix sector (a prefix agent, NGOARN) */
        const char *sector = code + 3;
        size_t j = i + 1;
        uint32_t anchor = ms[i].first_token + ms[i].n_tokens;
        if (strcmp(how, "composition:agent+in+place") == 0) {
            if (j >= nm || ms[j].kind != DYAD_MENTION_PLACE)
                continue;
            anchor = ms[j].first_token + ms[j].n_tokens;
            j++;
        }
        for (; j < nm && ms[j].sent == ms[i].sent; j++) {
            int conj = 0, ok = 1;
            for (uint32_t t = anchor; t < ms[j].first_token && ok; t++) {
                if (dyadi_norm_in(c, t, (const char *const[]){",", "and", NULL}))
                    conj = 1;
                else if (!dyadi_norm_in(c, t, DETERMINERS))
                    ok = 0;
            }
            if (!ok || !conj || ms[j].kind != DYAD_MENTION_ACTOR || strlen(ms[j].code) != 3)
                break;
            size_t sl = strlen(sector);
            char *nc = dyadi_arena_alloc(&c->arena, 4 + sl);
            if (!nc)
                return DYAD_ERR_NOMEM;
            memcpy(nc, ms[j].code, 3);
            memcpy(nc + 3, sector, sl + 1);
            ms[j].code = nc;
            ms[j].resolved_by = "composition:agent+list";
            anchor = ms[j].first_token + ms[j].n_tokens;
        }
    }
    return DYAD_OK;
}

/* An acronym the text defines after an actor ("la Gendarmerie royale du
 * Canada (GRC)", "le Service national de renseignement (SNR)") stands for
 * that actor in the whole document: its occurrences no entry matched
 * become mentions with the actor's code (resolved_by "acronym"). */
#define MAX_ACRONYMS 32
#define ACRONYM_GAP 8
static int acronym_like(const dyad_token *t)
{
    if (t->kind != DYAD_TOK_WORD || !(t->flags & DYAD_TOKF_CAPITAL) || !t->norm)
        return 0;
    size_t n = t->span.end - t->span.start;
    return n >= 2 && n <= 10;
}

static int cmp_mention(const void *a, const void *b)
{
    const dyad_mention *x = a, *y = b;
    return (x->first_token > y->first_token) - (x->first_token < y->first_token);
}

/* A copy of mention src over tokens [first, last_excl), rule how, in the
 * sentence that holds first (*si: a sentence index that only grows with
 * first); appended out of text order: the caller sorts. */
static dyad_status copy_mention(dyad_coder *c, size_t src, uint32_t first, uint32_t last_excl,
                                size_t *si, const char *how)
{
    dyad_mention m = DYADI_VEC_AT(&c->mentions, dyad_mention, src);
    dyad_mention *nmn = dyadi_vec_push(&c->mentions);
    if (!nmn)
        return DYAD_ERR_NOMEM;
    while (*si + 1 < c->sents.len &&
           first >= DYADI_VEC_AT(&c->sents, dyad_sentence, *si + 1).first_token)
        (*si)++;
    *nmn = m;
    nmn->sent = (uint32_t)*si;
    nmn->first_token = first;
    nmn->n_tokens = last_excl - first;
    nmn->span.start = tok(c, first)->span.start;
    nmn->span.end = tok(c, last_excl - 1)->span.end;
    nmn->resolved_by = how;
    return DYAD_OK;
}

static dyad_status acronyms(dyad_coder *c)
{
    size_t nm = c->mentions.len, ntok = c->tokens.len, nacr = 0;
    struct { const char *norm; size_t m; } acr[MAX_ACRONYMS];
    for (size_t i = 0; i < nm && nacr < MAX_ACRONYMS; i++) {
        const dyad_mention *m = &DYADI_VEC_AT(&c->mentions, dyad_mention, i);
        uint32_t e = m->first_token + m->n_tokens;
        /* (a demonym before the parenthesis ends a longer name: "l'Administration
         * ferroviaire fédérale américaine (FRA)" is not "américaine") */
        if (m->kind != DYAD_MENTION_ACTOR || !m->code || strncmp(m->code, "---", 3) == 0 ||
            (m->resolved_by && strcmp(m->resolved_by, "demonym") == 0))
            continue;
        /* the rest of a name may lie between ("la Société des journalistes
         * (SDJ)", "la Fédération européenne de triathlon (ETU)"): up to
         * ACRONYM_GAP words, no punctuation, no conjunction, no other
         * mention, after a mention that starts with a capital */
        uint32_t stop = i + 1 < nm ? DYADI_VEC_AT(&c->mentions, dyad_mention, i + 1).first_token
                                   : (uint32_t)ntok;
        if (tok(c, m->first_token)->flags & DYAD_TOKF_CAPITAL)
            for (uint32_t g = 0; g < ACRONYM_GAP && e < stop && tok(c, e)->kind == DYAD_TOK_WORD &&
                                 !dyadi_norm_in(c, e, CONJUNCTIONS);
                 g++)
                e++;
        if (e + 2 >= ntok || !dyadi_norm_in(c, e, (const char *const[]){"(", NULL}) ||
            !dyadi_norm_in(c, e + 2, (const char *const[]){")", NULL}) || !acronym_like(tok(c, e + 1)))
            continue;
        /* the text must write it in capitals: "(GRC)", not "(lundi)" */
        const char *w = c->doc->text + tok(c, e + 1)->span.start;
        int caps = 0;
        for (uint32_t b = 0; b < tok(c, e + 1)->span.end - tok(c, e + 1)->span.start; b++)
            caps += w[b] >= 'A' && w[b] <= 'Z';
        if (caps < 2)
            continue;
        acr[nacr].norm = tok(c, e + 1)->norm;
        acr[nacr].m = i;
        nacr++;
    }
    if (nacr == 0)
        return DYAD_OK;
    /* tokens already in a mention are left alone */
    size_t mi = 0, si = 0;
    for (uint32_t t = 0; t < ntok; t++) {
        while (mi < nm && DYADI_VEC_AT(&c->mentions, dyad_mention, mi).first_token +
                                  DYADI_VEC_AT(&c->mentions, dyad_mention, mi).n_tokens <= t)
            mi++;
        if (mi < nm && DYADI_VEC_AT(&c->mentions, dyad_mention, mi).first_token <= t)
            continue;
        const dyad_token *tk = tok(c, t);
        if (!acronym_like(tk))
            continue;
        for (size_t a = 0; a < nacr; a++) {
            if (strcmp(tk->norm, acr[a].norm) != 0)
                continue;
            if (copy_mention(c, acr[a].m, t, t + 1, &si, "acronym") != DYAD_OK)
                return DYAD_ERR_NOMEM;
            break;
        }
    }
    if (c->mentions.len > nm)
        qsort(c->mentions.data, c->mentions.len, sizeof(dyad_mention), cmp_mention);
    return DYAD_OK;
}

/* A named organisation's head word (French: its first, English: its last),
 * capitalised after an article, stands for the last one named so ("l'Union
 * européenne ... toute l'Union", "the European Commission ... the
 * Commission"): resolved_by "short-name". It fills words no entry matched and
 * replaces a bare capitalised agent that had no better evidence than the
 * document ("le Conseil" after "le Conseil constitutionnel"). */
static const char *const SHORT_DET[] = {"l'", "la", "le", "les", "the", NULL};

static int weak_agent(const dyad_mention *m)
{
    static const char *const W[] = {"document-country", "agent-without-country", "hostile-agent",
                                    "language-default-country", "coreference:agent",
                                    "clause-place", NULL};
    if (m->kind != DYAD_MENTION_ACTOR || m->n_tokens != 1 || !m->resolved_by)
        return 0;
    for (size_t i = 0; W[i]; i++)
        if (strcmp(m->resolved_by, W[i]) == 0)
            return 1;
    return 0;
}

static dyad_status short_names(dyad_coder *c)
{
    size_t nm = c->mentions.len, ntok = c->tokens.len;
    if (nm == 0)
        return DYAD_OK;
    /* the names: mentions of two or more words from an entry whose code is
     * more than a country ("la Corée du Nord ... la Corée" is no short name) */
    size_t mi = 0, last_named = (size_t)-1;
    size_t nadd = 0;
    for (uint32_t t = 0; t < ntok; t++) {
        while (mi < nm && DYADI_VEC_AT(&c->mentions, dyad_mention, mi).first_token +
                                  DYADI_VEC_AT(&c->mentions, dyad_mention, mi).n_tokens <= t)
            mi++;
        dyad_mention *cover = mi < nm && DYADI_VEC_AT(&c->mentions, dyad_mention, mi).first_token <= t
                                  ? &DYADI_VEC_AT(&c->mentions, dyad_mention, mi)
                                  : NULL;
        if (cover && cover->first_token == t && cover->n_tokens >= 2 &&
            cover->kind == DYAD_MENTION_ACTOR && cover->code && strlen(cover->code) > 3 &&
            strncmp(cover->code, "---", 3) != 0 &&
            cover->resolved_by && strcmp(cover->resolved_by, "lexicon") == 0 &&
            (tok(c, t)->flags & DYAD_TOKF_CAPITAL))
            last_named = mi;
        if (last_named == (size_t)-1 || (cover && !weak_agent(cover)) || t == 0 ||
            !dyadi_norm_in(c, t - 1, SHORT_DET))
            continue;
        const dyad_token *tk = tok(c, t);
        if (tk->kind != DYAD_TOK_WORD || !(tk->flags & DYAD_TOKF_CAPITAL) || !tk->norm ||
            (t + 1 < ntok && (tok(c, t + 1)->flags & DYAD_TOKF_CAPITAL)))
            continue;
        /* the head word: French names start with it, English ones end
         * with it ("la Commission européenne", "the European Commission") */
        const dyad_mention src = DYADI_VEC_AT(&c->mentions, dyad_mention, last_named);
        const dyad_token *head =
            tok(c, c->lang[0] == 'e' && c->lang[1] == 'n' ? src.first_token + src.n_tokens - 1
                                                           : src.first_token);
        if (!head->norm || strcmp(head->norm, tk->norm) != 0 || src.first_token == t)
            continue;
        dyad_mention *nmn = cover;
        if (!nmn) {
            if (nadd >= MAX_ACRONYMS)
                continue;
            if (!(nmn = dyadi_vec_push(&c->mentions)))
                return DYAD_ERR_NOMEM;
            nadd++;
            /* its sentence: the one holding t */
            size_t si = 0;
            while (si + 1 < c->sents.len &&
                   t >= DYADI_VEC_AT(&c->sents, dyad_sentence, si + 1).first_token)
                si++;
            *nmn = src;
            nmn->sent = (uint32_t)si;
        } else {
            uint32_t sent = nmn->sent;
            *nmn = src;
            nmn->sent = sent;
        }
        nmn->first_token = t;
        nmn->n_tokens = 1;
        nmn->span = tk->span;
        nmn->resolved_by = "short-name";
    }
    if (nadd)
        qsort(c->mentions.data, c->mentions.len, sizeof(dyad_mention), cmp_mention);
    return DYAD_OK;
}

/* ---- Places of origin and datelines.
 * A town or region that says where a person comes from ("a cab driver
 * from Abidjan", "soldiers from Kandahar", "un chauffeur originaire
 * d'Abidjan") is
 * part of that person's phrase: no actor, and no place of the event
 * either (events.c leaves "place-in-actor-phrase" mentions out). A place
 * that opens a sentence as a dateline ("KABUL, Aug 3 (Reuters) -", "PARIS
 * (AFP) -", "Lagos, Nigeria (AP) -") says where the report was filed:
 * a place, never the capital's government or the country acting. */
static const char *const ORIGIN_FR[] = {"originaire", "originaires", "natif", "native", "natifs",
                                        "natives", NULL};
static const char *const ORIGIN_OF[] = {"de", "d'", "du", "des", "of", NULL};
static const char *const FROM_WORDS[] = {"from", NULL};
static const char *const APPOS_DET[] = {"a", "an", NULL};
static const char *const DASHES[] = {"-", "–", "—", NULL};
#define DATELINE_AGENCY 0xffu   /* a mention kind only while origins_and_datelines runs */

/* The mention is a place-like entry that names a country's place: a
 * country, region, city or capital (code = its country). */
static int placelike(const dyad_mention *m)
{
    return m->place_type && m->code && strlen(m->code) == 3;
}

/* 1 when the word at i is written in capitals ("KABUL"). */
static int caps_word(const dyad_coder *c, uint32_t i)
{
    const dyad_token *t = tok(c, i);
    const char *w = c->doc->text + t->span.start;
    size_t n = t->span.end - t->span.start, letters = 0;
    for (size_t k = 0; k < n; k++) {
        unsigned char ch = (unsigned char)w[k];
        if (ch >= 'a' && ch <= 'z')
            return 0;
        letters += ch >= 'A' && ch <= 'Z';
    }
    return letters >= 2;
}

/* The token after a dateline that starts with a place ending at token j:
 * capitalised words, numbers and commas (further places, a date), an
 * agency in parentheses, then a dash; 0 when the sentence goes on
 * otherwise. Without an agency the place must be in capitals. */
static uint32_t dateline_end(const dyad_coder *c, uint32_t j, uint32_t send, int caps)
{
    int agency = 0;
    for (uint32_t lim = j + 12 < send ? j + 12 : send; j < lim; j++) {
        const dyad_token *t = tok(c, j);
        if (dyadi_norm_in(c, j, DASHES))
            return agency || caps ? j + 1 : 0;
        if (t->norm && strcmp(t->norm, "(") == 0) {
            uint32_t q = j + 1;
            while (q < lim && q <= j + 4 && !(tok(c, q)->norm && strcmp(tok(c, q)->norm, ")") == 0))
                q++;
            if (q >= lim || q > j + 4 || q == j + 1)
                return 0;
            agency = 1;
            j = q;
            continue;
        }
        if (t->kind == DYAD_TOK_WORD && !(t->flags & DYAD_TOKF_CAPITAL))
            return 0;
    }
    return 0;
}

/* 1 when the place at token f follows words that make it a person's
 * origin: "originaire de", "natif de", "native of"; "from" right after an
 * agent ("soldiers from Kandahar", "a man from Ohio") or closing an
 * apposition ("Assane Sanogo, a cab driver from Abidjan"). */
static int origin_before(const dyad_coder *c, uint32_t f, uint32_t sfirst, const dyad_mention *ms,
                         size_t k)
{
    if (f >= sfirst + 2 && dyadi_norm_in(c, f - 1, ORIGIN_OF) && dyadi_norm_in(c, f - 2, ORIGIN_FR))
        return 1;
    if (f < sfirst + 2 || !dyadi_norm_in(c, f - 1, FROM_WORDS))
        return 0;
    /* an agent mention ends right before "from" */
    for (size_t q = k; q-- > 0 && ms[q].sent == ms[k].sent;)
        if (ms[q].first_token + ms[q].n_tokens == f - 1)
            return ms[q].kind == DYAD_MENTION_ACTOR && !ms[q].place_type;
    /* ", a|an word{1,3} from" */
    for (uint32_t d = f - 2, n = 0; d > sfirst && n < 3; d--, n++) {
        const dyad_token *t = tok(c, d);
        if (t->kind != DYAD_TOK_WORD || (t->flags & DYAD_TOKF_CAPITAL))
            return 0;
        if (n > 0 && dyadi_norm_in(c, d, APPOS_DET))
            return tok(c, d - 1)->norm && strcmp(tok(c, d - 1)->norm, ",") == 0;
    }
    return 0;
}

static void origins_and_datelines(dyad_coder *c)
{
    dyad_mention *ms = c->mentions.data;
    size_t nm = c->mentions.len;
    const dyad_sentence *ss = c->sents.data;
    for (size_t k = 0; k < nm; k++) {
        if (!placelike(&ms[k]) || ms[k].sent >= c->sents.len)
            continue;
        uint32_t f = ms[k].first_token, sfirst = ss[ms[k].sent].first_token;
        uint32_t send = sfirst + ss[ms[k].sent].n_tokens;
        uint32_t d = f == sfirst ? dateline_end(c, f + ms[k].n_tokens, send, caps_word(c, f)) : 0;
        for (size_t q = k; d && q < nm && ms[q].first_token < d; q++) {
            if (placelike(&ms[q])) {
                ms[q].kind = DYAD_MENTION_PLACE;
                ms[q].resolved_by = "dateline";
            } else if (ms[q].first_token > 0 && tok(c, ms[q].first_token - 1)->norm &&
                       strcmp(tok(c, ms[q].first_token - 1)->norm, "(") == 0) {
                ms[q].kind = DATELINE_AGENCY;   /* the agency that filed it: no actor */
            }
        }
        /* a country after "from" stays: "policemen from Sri Lanka" still
         * say in which country the event happened */
        if (!d && strcmp(ms[k].place_type, "country") != 0 && origin_before(c, f, sfirst, ms, k)) {
            ms[k].kind = DYAD_MENTION_PLACE;
            ms[k].resolved_by = "place-in-actor-phrase";
        }
    }
    size_t keep = 0;
    for (size_t k = 0; k < nm; k++)
        if (ms[k].kind != DATELINE_AGENCY)
            ms[keep++] = ms[k];
    c->mentions.len = keep;
}

/* Document actor memory for people the lexicon does not know: a proper
 * name that the text ties to a role ("Andrei Volkhonsky, Russia's deputy
 * foreign minister", "le vice-ministre russe des Affaires étrangères,
 * Andreï Volkhonski,", "Kenya's interior minister Fred Odhiambo") joins the
 * role's mention (resolved_by "apposition") and is remembered with its
 * code; later in the document the surname alone ("Volkhonsky said", "M.
 * Volkhonski a critiqué") is that actor (resolved_by "name-memory"), as a
 * reader of the article knows. Only roles a person holds (a state or
 * group sector, or an IGO) are remembered, and never a former one ("the
 * former minister"). */
#define MAX_NAMES 32
#define MAX_NAME_WORDS 5
static const char *const NOT_NAMES[] = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi",
    "dimanche", "last", "next", "this", "on", "in", "at", "after", "before", "yesterday",
    "today", "le", "la", "les", "l'", "the", "a", "an", "en", "à", "au", "selon", "according",
    "but", "mais", "et", "and", "while", "when", "for", "pour", "with", "avec", "mr", "mrs",
    "ms", "dr", "m.", "mme", "mlle", "sir", NULL};
static const char *const NAME_TITLES[] = {"mr", "mrs", "ms", "dr", "m.", "mme", "mlle", NULL};
/* words a role may begin with after the comma ("X, the current President
 * of ...", "X, premier vice-président du Burundi") */
static const char *const ROLE_LEAD[] = {"current", "actuel", "actuelle", "premier", "première",
                                        "first", "deputy", "vice", "new", "nouveau",
                                        "nouvelle", NULL};
static const char *const WAS_ROLE[] = {"former", "ex", "ancien", "ancienne", "late", "feu", NULL};

static int name_word(const dyad_coder *c, uint32_t i)
{
    const dyad_token *t = tok(c, i);
    return i < c->tokens.len && t->kind == DYAD_TOK_WORD && (t->flags & DYAD_TOKF_CAPITAL) &&
           t->norm && t->span.end - t->span.start >= 2 && !dyadi_norm_in(c, i, NOT_NAMES);
}

/* Name particles between two words of a name ("Hans van den Broek",
 * "Abou Bakr al Baghdadi", "Jean de La Fontaine"). */
static const char *const NAME_PARTICLES[] = {"van", "von", "den", "der", "de", "da", "di",
                                             "del", "bin", "ben", "ibn", "al", "el", "du",
                                             "dos", "das", NULL};

/* sectors whose mention names a person's role */
static int person_role(const char *code)
{
    size_t n = code ? strlen(code) : 0;
    if (n < 6 || strncmp(code, "---", 3) == 0)
        return 0;
    return strncmp(code, "IGO", 3) == 0 || state_sector(code + n - 3);
}

/* Is token t inside mention mi's neighbours (mentions are in text order)? */
static int covered(const dyad_coder *c, size_t mi, uint32_t t)
{
    size_t nm = c->mentions.len;
    for (size_t j = mi > 2 ? mi - 2 : 0; j < nm && j <= mi + 2; j++) {
        const dyad_mention *m = &DYADI_VEC_AT(&c->mentions, dyad_mention, j);
        if (t >= m->first_token && t < m->first_token + m->n_tokens)
            return 1;
    }
    return 0;
}

/* A word of a name at i: a capitalised word no mention near mi covers,
 * or a particle between two such words. */
static int name_at(const dyad_coder *c, size_t mi, uint32_t i, uint32_t lo, uint32_t hi)
{
    if (i < lo || i >= hi)
        return 0;
    if (name_word(c, i))
        return !covered(c, mi, i);
    if (!dyadi_norm_in(c, i, NAME_PARTICLES) || i == lo)
        return 0;
    /* two particles in a row ("van den") are one */
    uint32_t before = dyadi_norm_in(c, i - 1, NAME_PARTICLES) && i - 1 > lo ? i - 2 : i - 1;
    uint32_t after = dyadi_norm_in(c, i + 1, NAME_PARTICLES) ? i + 2 : i + 1;
    return after < hi && name_word(c, before) && name_word(c, after) && !covered(c, mi, before) &&
           !covered(c, mi, after);
}

typedef struct name_mem {
    uint32_t first, n;      /* the name's tokens where it was introduced */
    size_t m;               /* the mention that holds it */
} name_mem;

/* The name tied to mention mi, as [*nf, *nf + *nn); 0 when none. The
 * mention is extended over it. */
static int role_name(dyad_coder *c, size_t mi, uint32_t *nf, uint32_t *nn)
{
    dyad_mention *m = &DYADI_VEC_AT(&c->mentions, dyad_mention, mi);
    const dyad_sentence *se = &DYADI_VEC_AT(&c->sents, dyad_sentence, m->sent);
    uint32_t sfirst = se->first_token, send = se->first_token + se->n_tokens;
    uint32_t first = m->first_token, end = m->first_token + m->n_tokens;
    /* the role is a present one */
    for (uint32_t t = det_start(c, first, sfirst); t < end; t++)
        if (dyadi_norm_in(c, t, WAS_ROLE))
            return 0;
    if (first > sfirst && dyadi_norm_in(c, first - 1, WAS_ROLE))
        return 0;
    if (m->resolved_by && strcmp(m->resolved_by, "apposition") == 0) {
        /* main pass: "Name Name, agent" already joined; the name ends at the comma */
        uint32_t t = first;
        while (t < end && name_word(c, t))
            t++;
        if (t == first || t >= end || !dyadi_norm_in(c, t, (const char *const[]){",", NULL}))
            return 0;
        *nf = first;
        *nn = t - first;
        return 1;
    }
    /* a title whose country the document, the clause or an earlier
     * actor of its sector gave ("Judge Gray Miller" in an article about
     * Texas, "le maire Adamowicz" in one about Gdansk) names its holder as
     * a composed one does */
    static const char *const PERSON_TITLES[] = {
        "judge", "mayor", "senator", "governor", "prosecutor", "congressman", "congresswoman",
        "sheriff", "juge", "maire", "sénateur", "sénatrice", "gouverneur", "gouverneure",
        "procureur", "procureure", "député", "députée", "préfet", "préfète", NULL};
    const int titled = m->resolved_by && m->n_tokens == 1 &&
                       dyadi_norm_in(c, first, PERSON_TITLES) &&
                       (strcmp(m->resolved_by, "document-country") == 0 ||
                        strcmp(m->resolved_by, "clause-place") == 0 ||
                        strcmp(m->resolved_by, "coreference:agent") == 0);
    if (!m->resolved_by || (strncmp(m->resolved_by, "composition:", 12) != 0 && !titled) ||
        strcmp(m->resolved_by, "composition:agent+person") == 0 ||
        strcmp(m->resolved_by, "composition:agent+name") == 0 ||
        strcmp(m->resolved_by, "composition:agent+list") == 0)
        return 0;
    /* Name Name, [the current] role */
    uint32_t d = first;
    while (d > sfirst && first - d < 3 &&
           (dyadi_norm_in(c, d - 1, DETERMINERS) || dyadi_norm_in(c, d - 1, ROLE_LEAD)))
        d--;
    if (d >= sfirst + 3 && dyadi_norm_in(c, d - 1, (const char *const[]){",", NULL})) {
        uint32_t s = d - 1;
        while (s > sfirst && d - 1 - s < MAX_NAME_WORDS && name_at(c, mi, s - 1, sfirst, d - 1))
            s--;
        /* two words at least, or one that opens the sentence: "On Monday, ..." is no name */
        if (d - 1 - s >= 2 || (d - 1 - s == 1 && s == sfirst)) {
            *nf = s;
            *nn = d - 1 - s;
            m->first_token = s;
            m->n_tokens = end - s;
            m->span.start = tok(c, s)->span.start;
            m->resolved_by = "apposition";
            return 1;
        }
    }
    /* role, Name Name, | role Name Name; the role may end in its
     * portfolio ("le vice-ministre russe des Affaires étrangères, X,") */
    uint32_t s = end;
    uint32_t p = after_of(c, s, send);
    if (p) {
        uint32_t q = p;
        while (q < send && q < p + 3 && tok(c, q)->kind == DYAD_TOK_WORD &&
               (proper_word(c, q) || plain_adjective(c, q)))
            q++;
        if (q > p && dyadi_norm_in(c, q, (const char *const[]){",", NULL}))
            s = q;
    }
    int comma = s < send && dyadi_norm_in(c, s, (const char *const[]){",", NULL});
    /* a role that is itself in apposition to a name before it ("Anne
     * Hidalgo, maire de Paris, Stéphane Troussel, ...") is that name's:
     * the name after the comma is the next item of a list */
    if (comma && d >= sfirst + 2 && dyadi_norm_in(c, d - 1, (const char *const[]){",", NULL}) &&
        name_word(c, d - 2))
        return 0;
    /* ... and so is a role governed by a preposition ("adjoint à la maire
     * de Paris, X": X is not the mayor) */
    if (comma && d > sfirst && dyadi_norm_in(c, d - 1, dyadi_prepositions))
        return 0;
    if (comma)
        s++;
    uint32_t e = s;
    while (e < send && e - s < MAX_NAME_WORDS && name_at(c, mi, e, s, send))
        e++;
    /* a surname alone right after such a title ("Judge Miller", "le
     * maire Adamowicz"): a title takes a name, not an adjective */
    const int surname = titled && !comma && s == end && e - s == 1 && e < send &&
                        !(tok(c, e)->flags & DYAD_TOKF_CAPITAL);
    if (e - s >= 2 || surname || (comma && e - s == 1 && e < send &&
                                  dyadi_norm_in(c, e, (const char *const[]){",", NULL}))) {
        /* a capitalised word after the name continues something else ("Fred
         * Odhiambo Foundation" would have four words: leave it) */
        if (e < send && name_word(c, e))
            return 0;
        *nf = s;
        *nn = e - s;
        m->n_tokens = e - first;
        m->span.end = tok(c, e - 1)->span.end;
        m->resolved_by = "apposition";
        return 1;
    }
    return 0;
}

/* Is mention m a person entry of the lexicon, matched by its full name
 * ("Nikki Haley", resolved_by "lexicon")? Its words are walked again to
 * find the entry the mention names. */
static int lexicon_person(const dyad_coder *c, const dyad_mention *m)
{
    if (m->n_tokens < 2 || !m->entry || !m->resolved_by || strcmp(m->resolved_by, "lexicon") != 0)
        return 0;
    dyadi_node node = dyadi_actor_phrase(c, m->first_token, m->n_tokens);
    if (!node)
        return 0;
    size_t n;
    const uint32_t *ids = dyadi_lex_entries(c->lex, DYADI_TRIE_ACTOR, node, &n);
    for (size_t i = 0; i < n; i++) {
        const dyadi_actor *a = dyadi_lex_actor(c->lex, ids[i]);
        if (a && a->kind == DYADI_AK_PERSON && a->id && strcmp(a->id, m->entry) == 0)
            return 1;
    }
    return 0;
}

static dyad_status name_memory(dyad_coder *c)
{
    name_mem names[MAX_NAMES];
    size_t nnames = 0, nm = c->mentions.len, nadd = 0;
    for (size_t i = 0; i < nm && nnames < MAX_NAMES; i++) {
        const dyad_mention *m = &DYADI_VEC_AT(&c->mentions, dyad_mention, i);
        uint32_t nf, nn;
        /* a person the lexicon knows by the full name ("Nikki Haley ...
         * Haley said"): the leader files and persons.tsv write no surname
         * alone that the news shares with others, the document does */
        if (m->kind == DYAD_MENTION_ACTOR && m->code && strncmp(m->code, "---", 3) != 0 &&
            lexicon_person(c, m)) {
            nf = m->first_token;
            nn = m->n_tokens;
        } else if (m->kind != DYAD_MENTION_ACTOR || !person_role(m->code) ||
                   !role_name(c, i, &nf, &nn))
            continue;
        names[nnames].first = nf;
        names[nnames].n = nn;
        names[nnames].m = i;
        nnames++;
    }
    if (nnames == 0)
        return DYAD_OK;
    /* later mentions of a surname no mention covers */
    size_t mi = 0, si = 0, ntok = c->tokens.len;
    for (uint32_t t = 0; t < ntok; t++) {
        while (mi < nm && DYADI_VEC_AT(&c->mentions, dyad_mention, mi).first_token +
                                  DYADI_VEC_AT(&c->mentions, dyad_mention, mi).n_tokens <= t)
            mi++;
        if ((mi < nm && DYADI_VEC_AT(&c->mentions, dyad_mention, mi).first_token <= t) ||
            !name_word(c, t))
            continue;
        for (size_t k = nnames; k-- > 0;) {
            const name_mem *nmm = &names[k];
            uint32_t sur = nmm->first + nmm->n - 1;
            if (sur >= t || strcmp(tok(c, sur)->norm, tok(c, t)->norm) != 0)
                continue;
            /* given names before it must be the remembered ones ("Maria
             * Volkhonsky" is someone else); a title may precede */
            uint32_t f = t, g = sur;
            while (f > 0 && g > nmm->first && name_word(c, f - 1) &&
                   strcmp(tok(c, f - 1)->norm, tok(c, g - 1)->norm) == 0) {
                f--;
                g--;
            }
            if (f > 0 && name_word(c, f - 1) && !dyadi_norm_in(c, f - 1, NAME_TITLES))
                break;
            if (t + 1 < ntok && name_word(c, t + 1))
                break;
            if (nadd >= MAX_ACRONYMS)
                break;
            if (copy_mention(c, nmm->m, f, t + 1, &si, "name-memory") != DYAD_OK)
                return DYAD_ERR_NOMEM;
            nadd++;
            break;
        }
    }
    if (nadd)
        qsort(c->mentions.data, c->mentions.len, sizeof(dyad_mention), cmp_mention);
    return DYAD_OK;
}

/* "The group", "le groupe", "l'organisation", "the militia": after an
 * armed group is named ("Al-Shabaab attacked ... The group later claimed
 * the attack"), the definite noun alone is that group for the rest of the
 * document (resolved_by "coreference:group"): the last named mention
 * whose code is an armed group's (rebels, militants, separatists, an
 * international militant group). A noun with a complement or a name
 * ("le groupe de travail", "the group of 20", "le groupe Wagner") is
 * something else. */
static const char *const GROUP_NOUNS[] = {"group", "groupe", "organisation", "organization",
                                          "movement", "mouvement", "militia", "milice", NULL};
static const char *const GROUP_DET[] = {"the", "le", "la", "l'", NULL};
static const char *const GROUP_NAMED[] = {"appelé", "nommé", "baptisé", "dit", "called",
                                          "named", "known", NULL};

/* a name follows the noun: "le groupe « Tahrir al-Cham »", "le groupe
 * rebelle « modéré » appelé ...", "the group called ..." */
static int group_named(const dyad_coder *c, uint32_t t)
{
    for (uint32_t k = t + 1; k < c->tokens.len && k <= t + 2; k++)
        if ((tok(c, k)->flags & DYAD_TOKF_QUOTE) || dyadi_norm_in(c, k, GROUP_NAMED) ||
            (tok(c, k)->flags & DYAD_TOKF_CAPITAL) || dyadi_norm_in(c, k, OF_WORDS))
            return k == t + 1 || !dyadi_norm_in(c, k, OF_WORDS);
    return 0;
}

static const char *const GROUP_NAMING[] = {"lexicon", "composition:group+head",
                                           "composition:agent+name", "acronym", "short-name",
                                           NULL};

static int str_in(const char *s, const char *const *list)
{
    for (; *list; list++)
        if (strcmp(s, *list) == 0)
            return 1;
    return 0;
}

static int armed_group_code(const char *code)
{
    size_t n = code ? strlen(code) : 0;
    if (n < 6 || strncmp(code, "---", 3) == 0)
        return 0;
    /* (an IGO code goes on after the group: IMGMUSISIMED is its agency) */
    return (strncmp(code, "IMG", 3) == 0 && n <= 9) || strcmp(code + n - 3, "REB") == 0 ||
           strcmp(code + n - 3, "UAF") == 0 || strcmp(code + n - 3, "SEP") == 0;
}

/* Does token i end like a French plural ("haïtiens", "nationaux")? */
static int plural_fr(const dyad_coder *c, uint32_t i)
{
    const char *w = tok(c, i)->norm;
    size_t n = w ? strlen(w) : 0;
    return n > 2 && (w[n - 1] == 's' || w[n - 1] == 'x');
}

/* Only conjunctions, determiners and "à"/"au"/"aux" between tokens a and
 * b, one conjunction among them: 1, else 0. */
static int conjoined(const dyad_coder *c, uint32_t a, uint32_t b, int dets_ok)
{
    static const char *const DATIVE[] = {"à", "au", "aux", NULL};
    int conj = 0;
    for (uint32_t t = a; t < b; t++) {
        if (dyadi_norm_in(c, t, CONJUNCTIONS))
            conj++;
        else if (!dets_ok || !(dyadi_norm_in(c, t, DETERMINERS) || dyadi_norm_in(c, t, DATIVE)))
            return 0;
    }
    return conj == 1;
}

/* Two coordinated agent nouns that share one nationality adjective: "au
 * peuple et au gouvernement haïtiens" (the plural adjective agrees with
 * both nouns, each singular), "the Syrian army and police" (the adjective
 * before the first noun, no determiner before the second). The agent of
 * no country takes the other's ("peuple" HTICVL, "police" SYRCOP). */
static dyad_status shared_demonym(dyad_coder *c)
{
    dyad_mention *ms = c->mentions.data;
    size_t nm = c->mentions.len;
    const int fr = c->lang[0] == 'f';
    for (size_t i = 0; i + 1 < nm; i++) {
        dyad_mention *a = &ms[i], *b = &ms[i + 1];
        if (a->kind != DYAD_MENTION_ACTOR || b->kind != DYAD_MENTION_ACTOR || a->sent != b->sent)
            continue;
        uint32_t a_end = a->first_token + a->n_tokens, b_end = b->first_token + b->n_tokens;
        dyad_mention *bare = NULL;
        const dyad_mention *with = NULL;
        if (fr && a->resolved_by && strcmp(a->resolved_by, "agent-without-country") == 0 &&
            b->resolved_by && strcmp(b->resolved_by, "composition:agent+demonym") == 0 && b->n_tokens == 2 &&
            plural_fr(c, b_end - 1) && !plural_fr(c, b->first_token) && !plural_fr(c, a_end - 1) &&
            conjoined(c, a_end, b->first_token, 1)) {
            bare = a;
            with = b;
        } else if (!fr && b->resolved_by && strcmp(b->resolved_by, "agent-without-country") == 0 &&
                   a->resolved_by && strcmp(a->resolved_by, "composition:demonym+agent") == 0 &&
                   a->n_tokens == 2 && conjoined(c, a_end, b->first_token, 0)) {
            bare = b;
            with = a;
        }
        if (!bare || !with->country || !with->code || strlen(with->code) <= 3 || !bare->code ||
            strncmp(bare->code, "---", 3) != 0 || strlen(with->country) != 3)
            continue;
        const char *sector = bare->code + 3;
        size_t sl = strlen(sector);
        char *code = dyadi_arena_alloc(&c->arena, 4 + sl);
        if (!code)
            return DYAD_ERR_NOMEM;
        memcpy(code, with->country, 3);
        memcpy(code + 3, sector, sl + 1);
        bare->code = code;
        bare->country = with->country;
        bare->resolved_by = "composition:shared-demonym";
    }
    return DYAD_OK;
}

static dyad_status group_nouns(dyad_coder *c)
{
    size_t nm = c->mentions.len, ntok = c->tokens.len, nadd = 0, mi = 0, si = 0;
    size_t last_group = (size_t)-1;
    for (uint32_t t = 1; t < ntok; t++) {
        while (mi < nm && DYADI_VEC_AT(&c->mentions, dyad_mention, mi).first_token +
                                  DYADI_VEC_AT(&c->mentions, dyad_mention, mi).n_tokens <= t) {
            const dyad_mention *m = &DYADI_VEC_AT(&c->mentions, dyad_mention, mi);
            /* a group the text names ("Al-Shabaab fighters", "des
             * combattants shebab"), not an agent noun ("des rebelles") */
            if (m->kind == DYAD_MENTION_ACTOR && armed_group_code(m->code) && m->resolved_by &&
                str_in(m->resolved_by, GROUP_NAMING))
                last_group = mi;
            mi++;
        }
        if (last_group == (size_t)-1 || nadd >= MAX_ACRONYMS ||
            (mi < nm && DYADI_VEC_AT(&c->mentions, dyad_mention, mi).first_token <= t))
            continue;
        const dyad_token *tk = tok(c, t);
        if (tk->kind != DYAD_TOK_WORD || (tk->flags & DYAD_TOKF_CAPITAL) ||
            !dyadi_norm_in(c, t, GROUP_NOUNS) ||
            !dyadi_norm_in(c, t - 1, GROUP_DET) || group_named(c, t))
            continue;
        if (copy_mention(c, last_group, t, t + 1, &si, "coreference:group") != DYAD_OK)
            return DYAD_ERR_NOMEM;
        nadd++;
    }
    if (nadd)
        qsort(c->mentions.data, c->mentions.len, sizeof(dyad_mention), cmp_mention);
    return DYAD_OK;
}

/* Shore nouns: a nationality adjective beside one names a place. */
static const char *const COAST_WORDS[] = {"côte", "côtes", "littoral", "rivage", "rivages",
                                          "coast", "coasts", "coastline", "shore", "shores",
                                          NULL};

/* An agent the text calls hostile or the enemy ("the provocations of
 * hostile military forces", "les forces ennemies", "rival militias"): the
 * other side, so never the document's own country nor, in the event coder,
 * the other actor's (resolved_by "hostile-agent"). */
static int hostile_agent(const dyad_coder *c, uint32_t first, uint32_t last, uint32_t sfirst,
                         uint32_t send)
{
    static const char *const HOSTILE[] = {
        "hostile", "hostiles", "enemy", "enemies", "rival", "rivals", "opposing", "ennemi",
        "ennemie", "ennemis", "ennemies", "adverse", "adverses", "rivale", "rivales", NULL};
    return (first > sfirst && dyadi_norm_in(c, first - 1, HOSTILE)) ||
           (first > sfirst + 1 && dyadi_norm_in(c, first - 2, HOSTILE)) ||
           (last < send && dyadi_norm_in(c, last, HOSTILE));
}

/* A spokesman or a leader "of"/"for" a group with a country ("le
 * porte-parole de l'armée rwandaise", "a spokesman for the Rwandan
 * army", "the commander of the Kenyan police"): the head speaks for that
 * group and takes its code, in place of the country the head alone was
 * given from its document or clause (or none: the event coder would take
 * the other actor's). The two mentions become one (resolved_by
 * "composition:head+of+group"). */
static const char *const GROUP_HEADS[] = {
    "spokesman", "spokeswoman", "spokesperson", "spokesmen", "leader", "leaders", "chief",
    "chiefs", "commander", "commanders", "head", "representative", "representatives",
    "porte-parole", "chef", "chefs", "commandant", "commandants", "dirigeant", "dirigeants",
    "dirigeante", "représentant", "représentants", "représentante", NULL};
static const char *const FOR_OF[] = {"de", "du", "des", "d'", "of", "for", NULL};
static int guessed_country(const char *how)
{
    static const char *const GUESSED[] = {"agent-without-country", "document-country",
                                          "clause-place", "language-default-country",
                                          "memory:agent", "agent-default-country", NULL};
    return how && str_in(how, GUESSED);
}
static void heads_of_groups(dyad_coder *c)
{
    dyad_mention *ms = c->mentions.data;
    size_t n = c->mentions.len, out = 0;
    for (size_t i = 0; i < n; i++) {
        ms[out] = ms[i];
        dyad_mention *h = &ms[out++];
        if (i + 1 >= n || h->kind != DYAD_MENTION_ACTOR || h->n_tokens != 1 ||
            !guessed_country(h->resolved_by) || !dyadi_norm_in(c, h->first_token, GROUP_HEADS))
            continue;
        const dyad_mention *g = &ms[i + 1];
        uint32_t j = h->first_token + 1;
        if (!dyadi_norm_in(c, j, FOR_OF))
            continue;
        for (j++; j < g->first_token && dyadi_norm_in(c, j, DETERMINERS); j++)
            ;
        if (g->sent != h->sent || g->first_token != j || g->kind != DYAD_MENTION_ACTOR ||
            !g->code || strlen(g->code) < 6 || strncmp(g->code, "---", 3) == 0 ||
            guessed_country(g->resolved_by))
            continue;
        h->code = g->code;
        h->country = g->country;
        h->n_tokens = g->first_token + g->n_tokens - h->first_token;
        h->span.end = g->span.end;
        h->resolved_by = "composition:head+of+group";
        i++;
    }
    c->mentions.len = out;
}

/* An agent after a possessive ("its citizens", "ses soldats", "their own
 * troops") belongs to someone the text named before, not to the country
 * of its sentence's places. */
static int possessed(const dyad_coder *c, uint32_t first, uint32_t sfirst)
{
    static const char *const POSSESSIVES[] = {"son", "sa", "ses", "leur", "leurs", "notre", "nos",
                                              "its", "their", "his", "her", "our", NULL};
    static const char *const OWN[] = {"own", "propre", "propres", NULL};
    if (first > sfirst + 1 && dyadi_norm_in(c, first - 1, OWN))
        first--;
    return first > sfirst && dyadi_norm_in(c, first - 1, POSSESSIVES);
}

dyad_status dyadi_actors_run(dyad_coder *c)
{
    dyadi_vec mv;
    dyadi_vec_init(&mv, sizeof(match), c->max_matches ? c->max_matches : MAX_MATCHES);
    const int foreign = (dyadi_lex_flags(c->lex) & DYADI_LEX_FOREIGN) != 0;
    dyad_status st = find_matches(c, &mv);
    if (st == DYAD_OK && foreign)
        st = drop_markers(c, &mv);
    if (st != DYAD_OK)
        goto done;
    disambiguate(c, &mv);
    if (!foreign)
        resolve_places(c, &mv);

    ante antes[MAX_ANTES];
    size_t nantes = 0;
    match *ms = mv.data;
    size_t nm = mv.len;
    /* PETRARCH and TABARI leave such an agent without a country */
    const char *doc_country = foreign ? NULL : dominant_country(c, ms, nm);
    /* French news leaves France unnamed where it is the only country */
    const int doc_home = !foreign && c->lang[0] == 'f' && names_only_home(ms, nm, "FRA");
    for (size_t k = 0; k < nm; k++) {
        match *m = &ms[k];
        const dyad_sentence *se = &DYADI_VEC_AT(&c->sents, dyad_sentence, m->sent);
        uint32_t sfirst = se->first_token, send = se->first_token + se->n_tokens;
        uint32_t first = m->ti, last = m->ti + m->n; /* [first, last) */
        const dyadi_actor *a = m->a;
        const char *code = NULL;
        const char *how = "lexicon";
        const dyadi_actor *person = NULL;
        int kind = DYAD_MENTION_ACTOR;
        uint8_t gender = a->gender;

        if (a->kind == DYADI_AK_CITY || a->kind == DYADI_AK_REGION) {
            kind = DYAD_MENTION_PLACE;
            code = a->country ? a->country : a->code;
            if (m->how)
                how = m->how;
        } else if (a->kind == DYADI_AK_PRONOUN) {
            /* Impersonal "il y a", "il faut", "it is": no referent. */
            if (dyadi_norm_in(c, last, IMPERSONAL_NEXT) && (strcmp(tok(c, first)->norm, "il") == 0 ||
                                                      strcmp(tok(c, first)->norm, "it") == 0))
                continue;
            /* A pronoun entry's code names what it refers to
             * (docs/formats.md): COUNTRY or PERSON. */
            int want_country = a->code && strcmp(a->code, "COUNTRY") == 0;
            int want_person = !want_country;
            /* Plural pronouns ("ils", "les deux pays", "they") would need
             * plural or coordinated antecedents, which we do not track:
             * leaving them unresolved is better than a wrong actor. */
            if (a->number == 'p') {
                const ante *pl = speaker_subject(c, antes, nantes, m->sent, first, a->gender, 1);
                if (pl)
                    push_mention(c, m, first, last, kind, pl->code, a, "coreference:plural-speaker");
                continue;
            }
            const ante *sp = speaker_subject(c, antes, nantes, m->sent, first, a->gender, 0);
            if (sp) {
                push_mention(c, m, first, last, kind, sp->code, a, "coreference:speaker");
                continue;
            }
            const ante *an;
            /* (in this scope: an may point into it) */
            ante of_form[MAX_ANTES];
            if (want_country && dyadi_norm_in(c, last - 1, STATE_FORMS)) {
                /* only the countries of the form the description names */
                size_t nf = 0;
                for (size_t i = 0; i < nantes; i++)
                    if (antes[i].country_like && of_state_form(c, &antes[i], tok(c, last - 1)->norm_id))
                        of_form[nf++] = antes[i];
                an = resolve(of_form, nf, m->sent, want_person, want_country, a->gender, NULL);
            } else {
                an = resolve(antes, nantes, m->sent, want_person, want_country, a->gender, NULL);
            }
            if (!an)
                continue;
            code = an->code;
            how = want_country ? "coreference:country" : "coreference:person";
            push_mention(c, m, first, last, kind, code, a, how);
            continue;
        } else if (a->kind == DYADI_AK_AGENT) {
            const char *sector = a->code;
            const char *clause_cc = NULL, *memo = NULL;
            const dyadi_actor *ag = a;
            /* TABARI: "former" before the agent phrase makes it an elite
             * ("Arnor former security officials" -> ARNELI) */
            const int former = foreign && first > sfirst && dyadi_norm_in(c, first - 1, FORMER);
            if (former)
                sector = "ELI";
            /* "à l'hôpital de Sallanches", "at the university": a place
             * where something happens, not the institution acting (a
             * name, "à l'Université de Southampton", "à l'université
             * Harvard", is still the institution) */
            if (is_venue_sector(sector) && !(tok(c, first)->flags & DYAD_TOKF_CAPITAL) &&
                !(last < send && proper_word(c, last)) && det_start(c, first, sfirst) > sfirst &&
                dyadi_norm_in(c, det_start(c, first, sfirst) - 1, AT_WORDS))
                continue;
            /* "il est parti", "ils sont partis": the past participle of
             * "partir", not a party */
            if (m->n == 1 && first > sfirst && dyadi_norm_in(c, first, PARTI) &&
                dyadi_norm_in(c, first - 1, ETRE_AUX))
                continue;
            /* An agent word right after a common noun is an adjective: "aide
             * militaire", "forces armées", "military aid" is not "the
             * military". */
            /* (English puts its adjectives before the noun: "a prominent
             * journalist", "an international aid agency" are agents) */
            if (first > sfirst && (foreign || c->lang[0] != 'e') && plain_adjective(c, first - 1) &&
                !dyadi_norm_in(c, first - 1, PRENOMINAL) && !past_participle_en(c, first - 1) &&
                !(k > 0 && ms[k - 1].ti + ms[k - 1].n == first))
                continue;
            /* agent + demonym ("le président russe", "les forces turques"),
             * also across one plain adjective ("les rebelles nazis
             * ukrainiens", "les forces armées russes"); English puts
             * the demonym first ("told reporters Iranian forces ...",
             * "forces attacked Albanian villages" are two phrases) */
            if (k + 1 < nm && ms[k + 1].sent == m->sent && (foreign || c->lang[0] != 'e') &&
                (ms[k + 1].a->kind == DYADI_AK_DEMONYM ||
                 (foreign && country_code_of(ms[k + 1].a))) &&
                (ms[k + 1].ti == last ||
                 (ms[k + 1].ti == last + 1 && plain_adjective(c, last) && !foreign))) {
                code = compose_code(c, country_code_of(ms[k + 1].a), ag, sector);
                last = ms[k + 1].ti + ms[k + 1].n;
                how = "composition:agent+demonym";
                k++;
            } else if (k > 0 && ms[k - 1].sent == m->sent &&
                       (ms[k - 1].ti + ms[k - 1].n == first ||
                        (former && ms[k - 1].ti + ms[k - 1].n + 1 == first) ||
                        (!foreign && c->lang[0] == 'e' &&
                         (ms[k - 1].a->kind == DYADI_AK_DEMONYM || ms[k - 1].a->kind == DYADI_AK_IGO) &&
                         modifiers_between(c, ms[k - 1].ti + ms[k - 1].n, first))) &&
                       (ms[k - 1].a->kind == DYADI_AK_DEMONYM ||
                        (foreign && country_code_of(ms[k - 1].a)) ||
                        (!foreign && name_before_agent(c, ms[k - 1].a)) ||
                        (!foreign && c->lang[0] == 'e' && ms[k - 1].a->kind == DYADI_AK_IGO)) &&
                       c->mentions.len > 0 &&
                       DYADI_VEC_AT(&c->mentions, dyad_mention, c->mentions.len - 1).first_token ==
                           ms[k - 1].ti) {
                /* demonym + agent ("the Iranian foreign minister"), or in
                 * English a place name used as a modifier ("Hong Kong
                 * protesters", "Minneapolis police"): replace the mention
                 * just emitted. */
                const dyadi_actor *pa = ms[k - 1].a;
                c->mentions.len--;
                first = ms[k - 1].ti;
                if (foreign && first > sfirst && dyadi_norm_in(c, first - 1, FORMER))
                    sector = "ELI";     /* "former Gondor prosecutors" */
                if (pa->kind == DYADI_AK_IGO) {
                    /* "NATO troops", "the U.N. war crimes court": the IGO */
                    code = entry_code(c, pa);
                    a = pa;
                    how = "composition:igo+agent";
                } else {
                    code = compose_code(c, country_code_of(pa) ? country_code_of(pa) : pa->country,
                                        ag, sector);
                    how = pa->kind == DYADI_AK_DEMONYM || foreign ? "composition:demonym+agent"
                                                                  : "composition:place+agent";
                }
            } else {
                /* agent + of + country ("ambassadeur de la Russie", "the army of Iran") */
                uint32_t j = after_of(c, last, send);
                if (j && k + 1 < nm && ms[k + 1].ti == j && ms[k + 1].sent == m->sent &&
                    country_code_of(ms[k + 1].a)) {
                    code = compose_code(c, country_code_of(ms[k + 1].a), ag, sector);
                    last = ms[k + 1].ti + ms[k + 1].n;
                    how = "composition:agent+of+country";
                    k++;
                } else if (j && !foreign && k + 1 < nm && ms[k + 1].ti == j &&
                           ms[k + 1].sent == m->sent && place_country_of(ms[k + 1].a)) {
                    /* agent + of + town or region ("le maire de Sevran",
                     * "l'Université de Southampton", "the governor of
                     * Texas"): the place's country; the place stays a place */
                    const dyadi_actor *pa = ms[k + 1].a;
                    code = compose_code(c, pa->country, ag, sector);
                    push_mention(c, m, first, last, DYAD_MENTION_ACTOR, code, a,
                                 "composition:agent+of+place");
                    /* (the place keeps the rule that chose it: "Santa Fe
                     * province" with Argentine officials, place:context) */
                    push_mention(c, &ms[k + 1], j, j + ms[k + 1].n, DYAD_MENTION_PLACE, pa->country,
                                 pa, ms[k + 1].how ? ms[k + 1].how : "place-of-agent");
                    k++;
                    continue;
                } else if (k > 0 && ms[k - 1].sent == m->sent &&
                           genitive_before(c, ms[k - 1].ti + ms[k - 1].n, first, foreign) &&
                           (country_code_of(ms[k - 1].a) ||
                            (!foreign && place_country_of(ms[k - 1].a))) &&
                           c->mentions.len > 0 &&
                           DYADI_VEC_AT(&c->mentions, dyad_mention, c->mentions.len - 1).first_token ==
                               ms[k - 1].ti) {
                    /* genitive "Russia's foreign minister", "Chelyabinsk's
                     * governor", "Iran's supreme leader" */
                    const dyadi_actor *pa = ms[k - 1].a;
                    c->mentions.len--;
                    first = ms[k - 1].ti;
                    code = compose_code(c, country_code_of(pa) ? country_code_of(pa) : pa->country,
                                        ag, sector);
                    how = "composition:genitive+agent";
                }
            }
            /* An IGO after "of": "le secrétaire général de l'ONU" is the IGO. */
            if (!code) {
                uint32_t j = after_of(c, last, send);
                /* the entry may include its article ("l'État islamique") */
                if (j && k + 1 < nm && (ms[k + 1].ti == j || (ms[k + 1].ti + 1 == j &&
                                                               ms[k + 1].ti > last)) &&
                    ms[k + 1].sent == m->sent &&
                    (ms[k + 1].a->kind == DYADI_AK_IGO || ms[k + 1].a->kind == DYADI_AK_ORG)) {
                    a = ms[k + 1].a;
                    code = entry_code(c, a);
                    last = ms[k + 1].ti + ms[k + 1].n;
                    how = "composition:agent+of+organisation";
                    k++;
                }
            }
            /* agent + person ("le président russe Vladimir Poutine") */
            if (k + 1 < nm && ms[k + 1].ti == last && ms[k + 1].sent == m->sent &&
                ms[k + 1].a->kind == DYADI_AK_PERSON &&
                (foreign || strcmp(entry_code(c, ms[k + 1].a), "---") != 0)) {
                person = ms[k + 1].a;
                last = ms[k + 1].ti + ms[k + 1].n;
                const char *pc = entry_code(c, person);
                if (pc && strlen(pc) > 3)
                    code = pc;          /* the role on that date wins */
                else if (person->nroles > 0)
                    code = pc;          /* a leader out of office ("l'ancien
                                           président Barack Obama"): the country */
                else if (!code)
                    code = compose_code(c, pc, ag, sector);
                how = "composition:agent+person";
                a = person;
                k++;
            }
            /* agent + media name ("l'agence Reuters") */
            if (k + 1 < nm && ms[k + 1].ti == last && ms[k + 1].sent == m->sent &&
                (ms[k + 1].a->kind == DYADI_AK_MEDIA || ms[k + 1].a->kind == DYADI_AK_ORG)) {
                /* (a multinational after a place that says where this one
                 * is based keeps that country: "UK-based retailer Tesco"
                 * is GBRBUS, not Phoenix's MNC code) */
                const char *oc = entry_code(c, ms[k + 1].a);
                if (!(code && strlen(code) == 6 && oc && strncmp(oc, "MNC", 3) == 0)) {
                    code = oc;
                    a = ms[k + 1].a;
                }
                last = ms[k + 1].ti + ms[k + 1].n;
                how = "composition:agent+name";
                k++;
            } else if (!code && !person && org_sector(sector) && !foreign) {
                /* an organisation noun + a name no entry knows ("la
                 * société Monsanto", "le quotidien Haaretz", "le parti
                 * Podemos"): the name is the organisation, coded by the
                 * noun's sector; its country is resolved below */
                uint32_t stop = k + 1 < nm && ms[k + 1].sent == m->sent ? ms[k + 1].ti : send;
                uint32_t j = last;
                while (j < stop && j < send && j < last + 5 && tok(c, j)->kind == DYAD_TOK_WORD &&
                       (tok(c, j)->flags & DYAD_TOKF_CAPITAL))
                    j++;
                /* ... or "de"/"of" and the name ("le diocèse de Moosonee",
                 * "the University of Uttaranchal") */
                uint32_t jo = j == last ? after_of(c, last, stop) : 0;
                /* ... also past what the noun makes ("l'opérateur de
                 * téléphonie mobile Sprint", "l'éditeur de jeux THQ Nordic") */
                if (jo && c->lang[0] == 'f' && jo < stop && !proper_word(c, jo)) {
                    uint32_t w = jo;
                    while (w < stop && w < jo + 3 && tok(c, w)->kind == DYAD_TOK_WORD &&
                           !proper_word(c, w) && !dyadi_norm_in(c, w, CONJUNCTIONS))
                        w++;
                    jo = w < stop && w > jo && proper_word(c, w) ? w : 0;
                }
                if (jo && jo < stop && proper_word(c, jo)) {
                    j = jo;
                    while (j < stop && j < jo + 5 && proper_word(c, j))
                        j++;
                }
                /* English puts the name first ("Harvard University",
                 * "Salling Group"): capitalised words no entry took */
                if (c->lang[0] == 'e' && c->lang[1] == 'n' && (tok(c, first)->flags & DYAD_TOKF_CAPITAL)) {
                    uint32_t lo = k > 0 && ms[k - 1].sent == m->sent ? ms[k - 1].ti + ms[k - 1].n
                                                                      : sfirst;
                    while (first > lo && first >= sfirst + 1 && first + 5 > last &&
                           proper_word(c, first - 1) && !dyadi_norm_in(c, first - 1, DETERMINERS))
                        first--;
                }
                /* ... and a demonym after the name ("le parti Podemos espagnol") */
                if (j > last && k + 1 < nm && ms[k + 1].ti == j && ms[k + 1].sent == m->sent &&
                    ms[k + 1].a->kind == DYADI_AK_DEMONYM) {
                    code = compose_code(c, country_code_of(ms[k + 1].a), ag, sector);
                    how = "composition:agent+demonym";
                    j = ms[k + 1].ti + ms[k + 1].n;
                    k++;
                }
                last = j;
            }
            if (!code) {
                /* A bare agent ("le président", "the country's army"):
                 * coreference to a recent actor of the same sector; else,
                 * as PETRARCH does, an agent of unknown country "---SEC"
                 * that the event coder may complete from the other side
                 * of a domestic event ("urged residents to evacuate"). */
                /* (an institution named with a capital, "la Haute Autorité",
                 * is no pronoun for the last government) */
                const ante *an = a->number == 'p' || a->cap ? NULL
                                                  : resolve(antes, nantes, m->sent, 0, 0, 0, sector);
                uint32_t j = last;
                if (!an && dyadi_norm_in(c, j, AGENT_PLACE)) {
                    /* "demonstrators in Baghdad", "les manifestants à Séoul":
                     * the place names the agent's country */
                    j++;
                    while (j < send && dyadi_norm_in(c, j, DETERMINERS))
                        j++;
                }
                if (an) {
                    code = an->code;
                    how = "coreference:agent";
                } else if (j > last && k + 1 < nm && ms[k + 1].ti == j && ms[k + 1].sent == m->sent &&
                           (ms[k + 1].a->country || country_code_of(ms[k + 1].a)) &&
                           ms[k + 1].a->kind != DYADI_AK_AGENT &&
                           (foreign || ms[k + 1].a->kind != DYADI_AK_DEMONYM)) {
                    const dyadi_actor *pa = ms[k + 1].a;
                    const char *pc = pa->country ? pa->country : country_code_of(pa);
                    code = compose_code(c, pc, ag, sector);
                    how = "composition:agent+in+place";
                    push_mention(c, m, first, last, DYAD_MENTION_ACTOR, code, a, how);
                    push_mention(c, &ms[k + 1], j, j + ms[k + 1].n, DYAD_MENTION_PLACE, pc, pa,
                                 "place-of-agent");
                    k++;
                    continue;
                } else if (domestic_sector(sector) &&
                           (clause_cc = clause_country(c, ms, nm, k, m->sent, 0)) != NULL) {
                    /* "police detained eight people in Wuhan": the one
                     * country the sentence's places name, for the agents
                     * that act at home */
                    code = compose_code(c, clause_cc, ag, sector);
                    how = "clause-place";
                } else if (memory_first(a, sector) &&
                           (memo = remembered_agent(c, sector, m->sent, a->number == 'p')) !=
                               NULL) {
                    code = memo;
                    how = "memory:agent";
                } else if (doc_country && state_sector(sector) && !hostile_agent(c, first, last, sfirst, send)) {
                    /* no country in the phrase or the clause: the one the
                     * document names most ("les manifestants" in an article
                     * about Iran), for the agents of a country's politics
                     * only ("the company", "people" may be anyone's) */
                    code = compose_code(c, doc_country, ag, sector);
                    how = "document-country";
                } else if (ag->country && strlen(ag->country) == 3) {
                    /* no country anywhere: an institution named the way one
                     * country's news names its own ("Congress", "le
                     * Congrès": USA; country= on the agent entry) */
                    code = compose_code(c, ag->country, ag, sector);
                    how = "agent-default-country";
                } else if (doc_home && home_sector(sector) && !hostile_agent(c, first, last, sfirst, send) &&
                           !(last < send && dyadi_norm_in(c, last, NOT_HOME))) {
                    /* a French document that names no other country,
                     * place or foreign actor ("les gendarmes", "le maire",
                     * "les députés", "les ouvriers licenciés"): French news
                     * leaves France unnamed, its institutions are France's
                     * (rebels and jihadists are left alone) */
                    code = compose_code(c, "FRA", ag, sector);
                    how = "language-default-country";
                } else if (!a->cap && state_sector(sector) &&
                           (memo = remembered_agent(c, sector, m->sent, a->number == 'p')) !=
                               NULL) {
                    code = memo;
                    how = "memory:agent";
                } else if (!doc_country && armed_sector(sector) &&
                           !hostile_agent(c, first, last, sfirst, send) &&
                           !possessed(c, first, sfirst) &&
                           (clause_cc = clause_country(c, ms, nm, k, m->sent, 1)) != NULL) {
                    /* no country in the phrase and none that the document
                     * names most, nor a memory: the one of the places its
                     * sentence says things happen in ("un kamikaze ... dans
                     * la province d'Idleb", "rebels shelled villages in
                     * Idlib province"), for the armed agents that fight
                     * where they are, but not a place another agent holds
                     * ("..., aid officials in Nairobi said"); officials
                     * travel (the leaders at a summit in Brussels, diplomats
                     * on a visit: 6 of 6 wrong on Wikinews), and people
                     * ("three men ... in Syria") are left to the event
                     * coder, which gives them the other actor's country */
                    code = compose_code(c, clause_cc, ag, sector);
                    how = "clause-place";
                } else if (!foreign && state_sector(sector) && first > sfirst &&
                           dyadi_norm_in(c, first - 1, WAS_ROLE) && last < send && name_word(c, last)) {
                    /* "former prime minister John Major", "l'ancien
                     * ministre Jean Dupont": a former office holder named
                     * by his name holds no office; he is a person of his
                     * country ("---", the event coder takes the country
                     * from the other side), not an unknown government */
                    code = "---";
                    how = "former-office-holder";
                } else {
                    code = concat_code(c, "---", sector);
                    how = hostile_agent(c, first, last, sfirst, send) ? "hostile-agent" : "agent-without-country";
                }
            }
        } else if (a->kind == DYADI_AK_DEMONYM) {
            /* English "Bosnian Serbs", "Kosovo Albanians": a people of the
             * country the first word names, which stays the mention */
            if (!foreign && c->lang[0] == 'e' && k > 0 && ms[k - 1].sent == m->sent &&
                ms[k - 1].ti + ms[k - 1].n == first &&
                (ms[k - 1].a->kind == DYADI_AK_DEMONYM || ms[k - 1].a->kind == DYADI_AK_COUNTRY) &&
                c->mentions.len > 0 &&
                DYADI_VEC_AT(&c->mentions, dyad_mention, c->mentions.len - 1).first_token ==
                    ms[k - 1].ti)
                continue;
            /* "la côte basque", "au large des côtes libyennes", "off the
             * Libyan coast": a shore, where things happen, not a people */
            if (!foreign && ((first > sfirst && dyadi_norm_in(c, first - 1, COAST_WORDS)) ||
                             (last < send && dyadi_norm_in(c, last, COAST_WORDS) &&
                              /* "the Libyan coast guard" is an agent of Libya */
                              !(k + 1 < nm && ms[k + 1].ti == last && ms[k + 1].a->kind == DYADI_AK_AGENT))))
                continue;
            code = a->compound ? compound_code(c, m) : a->code;
            if (!foreign && code && european_union(c, code, NULL))
                code = "IGOEUREEC";
            how = "demonym";
        } else {
            code = a->compound ? compound_code(c, m) : entry_code(c, a);
            if (a->kind == DYADI_AK_ORG && !foreign && code)
                code = group_nationality(c, ms, nm, &k, code, &first, &last, &how);
            if (a->kind == DYADI_AK_PERSON)
                person = a;
            /* a person known only in office (base code "---": a leader's
             * surname alone, "Johnson", "Widodo") is no actor outside its
             * roles */
            if (!foreign && person && code && strcmp(code, "---") == 0)
                continue;
        }
        if (!code)
            continue;

        /* Apposition after a name: "Alexander Matsegora, ambassadeur de la
         * Russie en Corée du Nord" - an unknown proper name directly before
         * ", agent-phrase" becomes part of the mention. */
        if (how && strncmp(how, "composition:agent", 17) == 0) {
            uint32_t d = det_start(c, first, sfirst);
            if (d == first && d >= sfirst + 3 && strcmp(tok(c, d - 1)->norm, ",") == 0 &&
                proper_word(c, d - 2) && proper_word(c, d - 3)) {
                /* Only when no earlier mention already covers the name. */
                int covered = 0;
                if (c->mentions.len > 0) {
                    const dyad_mention *pm =
                        &DYADI_VEC_AT(&c->mentions, dyad_mention, c->mentions.len - 1);
                    if (pm->sent == m->sent && pm->first_token + pm->n_tokens > d - 3)
                        covered = 1;
                }
                if (!covered) {
                    first = d - 3;
                    while (first > sfirst && proper_word(c, first - 1) &&
                           first - 1 > sfirst)
                        first--;
                    how = "apposition";
                }
            }
        }
        /* A person followed by ", agent of country" keeps the person's code. */

        if (!gender && person)
            gender = person->gender;
        /* English "opposition leader", "rebel commanders", "Hamas
         * spokesman": a head noun after an agent or organisation is
         * that group's (Phoenix's OPPOSITION_LEADER is OPP) */
        if (!foreign && c->lang[0] == 'e' && a->kind == DYADI_AK_AGENT && m->n == 1 &&
            first == m->ti && last == m->ti + 1 && dyadi_norm_in(c, first, HEAD_NOUNS) &&
            strncmp(how, "composition", 11) != 0 && k > 0 && ms[k - 1].sent == m->sent &&
            ms[k - 1].ti + ms[k - 1].n == first &&
            (ms[k - 1].a->kind == DYADI_AK_ORG ||
             (ms[k - 1].a->kind == DYADI_AK_AGENT && strcmp(ms[k - 1].a->code, "GOV") != 0)) &&
            c->mentions.len > 0) {
            const dyad_mention *pm =
                &DYADI_VEC_AT(&c->mentions, dyad_mention, c->mentions.len - 1);
            if (pm->kind == DYAD_MENTION_ACTOR && pm->first_token <= ms[k - 1].ti &&
                pm->first_token + pm->n_tokens == first) {
                first = pm->first_token;
                code = pm->code;
                how = "composition:group+head";
                c->mentions.len--;
            }
        }
        push_mention(c, m, first, last, kind, code, a, how);

        /* A place right after an actor phrase of an official ("ambassadeur
         * de la Russie en Corée du Nord") is where the official is posted:
         * a place, not a second actor. */
        if (strncmp(how, "composition:agent+of", 20) == 0 || strcmp(how, "apposition") == 0) {
            if (dyadi_norm_in(c, last, IN_WORDS)) {
                uint32_t j = last + 1;
                while (j < send && dyadi_norm_in(c, j, DETERMINERS))
                    j++;
                if (k + 1 < nm && ms[k + 1].ti == j && ms[k + 1].sent == m->sent &&
                    country_code_of(ms[k + 1].a)) {
                    const dyadi_actor *pa = ms[k + 1].a;
                    push_mention(c, &ms[k + 1], j, j + ms[k + 1].n, DYAD_MENTION_PLACE,
                                 country_code_of(pa), pa, "place-in-actor-phrase");
                    k++;
                }
            }
        }

        if (kind == DYAD_MENTION_ACTOR && strncmp(code, "---", 3) != 0) {
            ante an = {0};
            an.code = code;
            an.sent = m->sent;
            an.subject = !governed(c, first, sfirst) && a->kind != DYADI_AK_DEMONYM;
            an.person_like = a->kind == DYADI_AK_PERSON || strcmp(how, "apposition") == 0 ||
                             (strlen(code) >= 6 && strcmp(code + 3, "GOV") == 0 &&
                              a->kind != DYADI_AK_CAPITAL && a->kind != DYADI_AK_COUNTRY);
            an.country_like = (a->kind == DYADI_AK_COUNTRY || a->kind == DYADI_AK_CAPITAL) &&
                              strlen(code) == 3 && strcmp(code, "WST") != 0;
            an.gender = gender;
            an.name_gender = an.gender;
            if (!an.gender && a->kind == DYADI_AK_COUNTRY)
                an.name_gender = article_gender(c, first, sfirst);
            an.plural = a->number == 'p' && (a->kind == DYADI_AK_AGENT || a->kind == DYADI_AK_DEMONYM);
            an.first = first;
            an.end = last;
            remember(antes, &nantes, &an);
        }
    }
    /* PETRARCH, not TABARI: its suite says the agent is "not carried
     * through to the other actors" (DEMO-08) */
    if (foreign && !(dyadi_lex_flags(c->lex) & DYADI_LEX_ONE_VERB))
        st = distribute_agents(c);
    if (!foreign && st == DYAD_OK)
        heads_of_groups(c);
    if (!foreign && st == DYAD_OK)
        st = acronyms(c);
    if (!foreign && st == DYAD_OK)
        st = short_names(c);
    if (!foreign && st == DYAD_OK)
        origins_and_datelines(c);
    if (!foreign && st == DYAD_OK)
        st = name_memory(c);
    if (!foreign && st == DYAD_OK)
        st = group_nouns(c);
    if (!foreign && st == DYAD_OK)
        st = shared_demonym(c);
    if (!foreign && st == DYAD_OK) {
        size_t nloc = 0;
        st = dyadi_places_localities(c, &nloc);
        if (nloc)
            qsort(c->mentions.data, c->mentions.len, sizeof(dyad_mention), cmp_mention);
    }
done:
    dyadi_vec_free(&mv);
    /* push_mention drops what does not fit: a full array means mentions
     * were lost, and the document is refused rather than coded in part */
    if (st == DYAD_OK && c->mentions.max && c->mentions.len >= c->mentions.max)
        st = dyadi_coder_too_big(c, "mention", c->mentions.max);
    if (st != DYAD_OK && !c->errmsg[0])
        snprintf(c->errmsg, sizeof c->errmsg, "actors: %s", dyad_strerror(st));
    return st;
}
