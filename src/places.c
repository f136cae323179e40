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
 *     followed by an initial or by a capitalised word that begins no
 *     place, actor or title of the lexicon ("Ali Soufan", "Kanye West",
 *     "Gary Johnson", "Ali Bongo": a person's name after a given name),
 *     while titles, places, place nouns, week days and months keep it
 *     ("Florida Governor", "Kobe, Japan", "Idlib Province", "in Hamburg
 *     Wednesday");
 *   - drops a one-word town that speaks or that a kinship word names: a
 *     person ("Mary said", "Mary a déclaré", "his wife Mary");
 *   - drops a place inside the name of a street, square, station, park or
 *     law: a street word before it ("rue Saint-Lazare", "gare
 *     Saint-Lazare", "place Vendôme") or a landmark or law word after it
 *     ("Hyde Park Corner", "the Logan Act", "the Pennock Trust", "the
 *     Brandenburg Gate");
 *   - drops a small town abroad that only the name itself puts there: a
 *     city of under SMALL_TOWN people whose country the document never
 *     names, when the document is about another country ("partis de
 *     Saint-Lazare" in a Paris story is no town of Quebec);
 *   - chooses among the city and region candidates of a name by population
 *     (a region counting the people of its cities, so a state beats a
 *     same-name town abroad), a candidate whose country the document names
 *     elsewhere counting a hundred times its population (context; the
 *     name's own occurrences do not count), and after "name, Region" the
 *     candidate nearest to that region ("Portland, Maine").
 * In French, "à Québec" is the city and "au Québec" the province: after
 * the locative "à" a city wins, after an article a region. Elsewhere a
 * region named after its main city is the city ("in Raqqa", "in Erbil")
 * unless a region word comes with it ("Raqqa province", "la province de
 * Raqqa").
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

/* A city this small, in a country the document never names while it is
 * about another one, is more likely a same-name street, station or
 * quarter of that other country than the town abroad. */
#define SMALL_TOWN 100000u

void dyadi_places_init(dyadi_places *p)
{
    /* the arrays are filled before they are read: no memset of ~20 KB per
     * document */
    p->ncountry = p->nname = p->nseen = p->ncap = 0;
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
        if ((*o)[0] == w[0] && strcmp(*o, w) == 0)
            return 1;
    return 0;
}

static const char *const LOCATIVES[] = {"in", "at", "near", "à", "dans", "en", "près", NULL};

static int locative(const char *w)
{
    for (const char *const *l = LOCATIVES; w && *l; l++)
        if ((*l)[0] == w[0] && strcmp(*l, w) == 0)
            return 1;
    return 0;
}

static int in_list(const char *const *l, const char *w)
{
    for (; w && *l; l++)
        if ((*l)[0] == w[0] && strcmp(*l, w) == 0)
            return 1;
    return 0;
}

/* Words that, right before a name, make it a street, square, station,
 * building or law of the place being talked about: "rue Saint-Lazare",
 * "gare Saint-Lazare", "place Vendôme", "pont Alexandre-III". */
static const char *const STREET_BEFORE[] = {
    "rue", "avenue", "av", "boulevard", "bd", "place", "quai", "pont", "gare", "allée", "impasse",
    "chemin", "cours", "square", "parc", "jardin", "jardins", "porte", "station", "métro", "stade",
    "lycée", "collège", "église", "cathédrale", "basilique", "hôpital", "palais", "musée", "loi",
    "traité", "cimetière", "aéroport", NULL};

/* Street words before "de" ("rue de Bretagne", "place de la Bastille"). */
static const char *const STREET_OF[] = {"rue", "avenue", "boulevard", "bd", "allée", "impasse",
                                        "chemin", "quai", "porte", "place", "square", NULL};
static const char *const OF_FR[] = {"de", "du", "des", "d'", NULL};
static const char *const ARTICLES_FR[] = {"la", "l'", NULL};

/* Words that, capitalised right after a name, make it a street, landmark,
 * institution or law named after the place or a person: "Hyde Park
 * Corner", "Lincoln Memorial", "the Logan Act", "the Pennock Trust". */
static const char *const LANDMARK_AFTER[] = {
    "street", "st.", "road", "rd", "avenue", "ave", "boulevard", "lane", "drive", "square",
    "park", "corner", "station", "bridge", "gardens", "garden", "memorial", "cemetery", "stadium",
    "arena", "hall", "tower", "circus", "act", "law", "bill", "trust", "foundation", "prize",
    "award", "agreement", "accord", "accords", "convention", "protocol", "treaty", "declaration",
    "gate",
    "doctrine", "syndrome", "fund", "center", "centre", "church", "cathedral", "palace", "museum",
    NULL};

/* Capitalised words after a one-word place that keep it a place: the
 * place nouns ("Idlib Province", "Quebec City", "Michigan State"), week
 * days and months ("in Florida Monday"). */
static const char *const PLACE_NOUNS[] = {
    "city", "county", "province", "state", "region", "district", "island", "islands", "bay",
    "valley", "beach", "peninsula", "governorate", "oblast", "prefecture", "department",
    "territory", "area", "metropolitan", "airport", "university", "port", "harbour", "harbor",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", NULL};

static int lang_fits(const char *elang, const char *dlang)
{
    return !elang || elang[0] == '*' || elang[0] == '\0' ||
           (dlang && elang[0] == dlang[0] && elang[1] == dlang[1]);
}

/* What the lexicon reads from token i on: a bit (1 << kind) for every
 * kind of the entries of the longest phrase that starts there (in the
 * document's language), 0 when none does; *len its number of tokens. */
static unsigned kinds_at(const dyad_coder *c, uint32_t i, uint32_t end, uint32_t *len)
{
    dyadi_node n = dyadi_lex_root(c->lex, DYADI_TRIE_ACTOR), last = 0;
    *len = 0;
    for (uint32_t k = i; k < end && tk(c, k)->norm_id; k++) {
        n = dyadi_lex_step(c->lex, DYADI_TRIE_ACTOR, n, tk(c, k)->norm_id);
        if (!n)
            break;
        size_t ne;
        if (dyadi_lex_entries(c->lex, DYADI_TRIE_ACTOR, n, &ne) && ne) {
            last = n;
            *len = k - i + 1;
        }
    }
    if (!last)
        return 0;
    size_t ne;
    const uint32_t *ids = dyadi_lex_entries(c->lex, DYADI_TRIE_ACTOR, last, &ne);
    unsigned kinds = 0;
    for (size_t e = 0; e < ne; e++) {
        const dyadi_actor *a = dyadi_lex_actor(c->lex, ids[e]);
        if (a && lang_fits(a->lang, c->lang))
            kinds |= 1u << a->kind;
    }
    return kinds;
}

/* 1 when tokens j, i (adjacent words) are a place phrase of the lexicon. */
static int place_pair(const dyad_coder *c, uint32_t j, uint32_t i)
{
    dyadi_node n = j + 1 == i ? dyadi_actor_phrase(c, j, 2) : 0;
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
    for (size_t i = 0; i < c->tokens.len; i++)
        if (cap_word(tk(c, (uint32_t)i))) {
            if (p->ncap < DYADI_PLACES_MAX_CAPS)
                p->cap[p->ncap] = (uint32_t)i;
            p->ncap++;
        }
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
            /* the sentence's first word only before a comma ("Kyle
             * Rittenhouse, the suspect", not "Make Melbourne great") */
            int comma = i + 1 < end && tk(c, i + 1)->norm && strcmp(tk(c, i + 1)->norm, ",") == 0;
            int given = (cap_word(tk(c, j)) && (j > first || comma) && !opener(tk(c, j)->norm) &&
                         !dyadi_stopword_langs(tk(c, j)->norm)) ||
                        initial(c, j);
            if (!given || (i + 1 < end && cap_word(tk(c, i + 1))) || place_pair(c, j, i))
                continue;
            p->name_word[p->nname++] = t->norm;
        }
    }
    /* a word the document also writes after a locative preposition ("in
     * Melbourne", "à Bolton") is a place there: it is no surname, unless a
     * possessive follows ("in Garcia's new group"). One pass over the
     * tokens; only those after a locative are compared. */
    unsigned char placed[DYADI_PLACES_MAX_NAMES] = {0};
    for (size_t i = 1; i < c->tokens.len && p->nname; i++) {
        if (!cap_word(tk(c, i)) || !tk(c, i)->norm || !locative(tk(c, i - 1)->norm))
            continue;
        const char *nx = i + 1 < c->tokens.len ? tk(c, (uint32_t)i + 1)->norm : NULL;
        if (nx && (strcmp(nx, "'s") == 0 || strcmp(nx, "’s") == 0))
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

/* A capitalised word after a one-word place that makes the place part of
 * a person's name: an initial ("George L. Pennock"), a word the lexicon
 * does not know ("Ali Soufan"), a surname the lexicon knows alone ("Ali
 * Bongo"), or, after a city, a word that begins no place, title,
 * organisation or person ("Kanye West", "Gary Johnson", "Mariano
 * Rajoy"). A region is seldom a given name: after it a title or a name
 * begins ("Scotland First Minister", "Catalogne Carles Puigdemont",
 * "Alabama Human Life Protection Act"). A place noun, a week day, a month,
 * a function word or a whole person's name ("of Scotland Nicola
 * Sturgeon") keeps the place. */
static int surname_after(const dyad_coder *c, uint32_t i, uint32_t end, int city)
{
    const dyad_token *t = tk(c, i);
    if (!cap_word(t) || !t->norm)
        return 0;
    if (initial(c, i))
        return 1;
    /* before the lexicon test: a week day the lexicon does not hold is
     * still a week day ("in Hamburg Wednesday") */
    if (in_list(PLACE_NOUNS, t->norm) || dyadi_stopword_langs(t->norm))
        return 0;
    if (t->norm_id == 0)
        return 1;
    uint32_t len;
    unsigned k = kinds_at(c, i, end, &len);
    if (k == (1u << DYADI_AK_PERSON))
        return len == 1;
    return k == 0 && city;
}

/* A one-word town that speaks, or that a kinship word names, is a person:
 * "Mary said", "Mary a déclaré", "his wife Mary". */
static const char *const SPEECH_AFTER[] = {
    "said", "says", "told", "added", "asked", "explained", "wrote", "tweeted", "declared",
    "stated", "dit", "déclare", "affirme", "explique", "ajoute", "raconte", NULL};
static const char *const SPEECH_AFTER_AUX[] = {
    "déclaré", "dit", "affirmé", "expliqué", "ajouté", "raconté", "estimé", "souligné", NULL};
static const char *const KIN_BEFORE[] = {
    "wife", "husband", "son", "daughter", "brother", "sister", "mother", "father", "widow",
    "femme", "épouse", "mari", "époux", "fils", "fille", "frère", "sœur", "mère", "père", "veuve",
    NULL};

static int person_use(const dyad_coder *c, uint32_t ti, uint32_t sent_end)
{
    const char *nx = ti + 1 < sent_end ? tk(c, ti + 1)->norm : NULL;
    if (nx && in_list(SPEECH_AFTER, nx))
        return 1;
    if (nx && strcmp(nx, "a") == 0 && ti + 2 < sent_end && tk(c, ti + 2)->norm &&
        in_list(SPEECH_AFTER_AUX, tk(c, ti + 2)->norm))
        return 1;
    return ti > 0 && tk(c, ti - 1)->norm && in_list(KIN_BEFORE, tk(c, ti - 1)->norm);
}

int dyadi_place_drop(const dyadi_places *p, const dyad_coder *c, uint32_t ti, uint32_t n,
                     uint32_t sent_end)
{
    /* a street, station or law named after the place or a person */
    if (ti > 0 && tk(c, ti - 1)->norm && in_list(STREET_BEFORE, tk(c, ti - 1)->norm))
        return 1;
    /* "rue de Bretagne", "place de la Concorde": a street of the city
     * talked about ("aéroport de Nice" stays in Nice) */
    uint32_t j = ti;
    if (j > 0 && tk(c, j - 1)->norm && in_list(ARTICLES_FR, tk(c, j - 1)->norm))
        j--;
    if (j > 1 && tk(c, j - 1)->norm && in_list(OF_FR, tk(c, j - 1)->norm) && tk(c, j - 2)->norm &&
        in_list(STREET_OF, tk(c, j - 2)->norm))
        return 1;
    if (ti + n < sent_end && cap_word(tk(c, ti + n)) && in_list(LANDMARK_AFTER, tk(c, ti + n)->norm))
        return 1;
    if (n != 1)
        return 0;
    const char *w = tk(c, ti)->norm;
    for (size_t i = 0; w && i < p->nname; i++)
        if (strcmp(p->name_word[i], w) == 0)
            return 1;
    /* a given name: the next word is a surname */
    const dyadi_actor *a = NULL;
    dyadi_node nd = dyadi_lex_step(c->lex, DYADI_TRIE_ACTOR, dyadi_lex_root(c->lex, DYADI_TRIE_ACTOR),
                                   tk(c, ti)->norm_id);
    size_t ne;
    const uint32_t *ids = nd ? dyadi_lex_entries(c->lex, DYADI_TRIE_ACTOR, nd, &ne) : NULL;
    int city = 0;
    for (size_t e = 0; ids && e < ne; e++)
        if ((a = dyadi_lex_actor(c->lex, ids[e])) && a->kind == DYADI_AK_CITY &&
            lang_fits(a->lang, c->lang))
            city = 1;
    if (city && person_use(c, ti, sent_end))
        return 1;
    return ti + 1 < sent_end && surname_after(c, ti + 1, sent_end, city);
}

/* The country the document names most, when it is named at least twice
 * and more than any other; else NULL. */
static const char *dominant(const dyadi_places *p)
{
    const char *best = NULL;
    uint32_t n1 = 0, n2 = 0;
    for (size_t i = 0; i < p->ncountry; i++) {
        uint32_t n = p->country[i].n;
        if (n > n1) {
            n2 = n1;
            n1 = n;
            best = p->country[i].code;
        } else if (n > n2) {
            n2 = n;
        }
    }
    return n1 >= 2 && n1 > n2 ? best : NULL;
}

/* French: after "à" a name is a city ("à Québec"), after an article or
 * "en" a region ("au Québec", "du Québec", "en Floride"). Returns the
 * kind the preceding word asks for, or -1. */
static int french_kind(const dyad_coder *c, const dyad_token *first)
{
    static const char *const REGION_BEFORE[] = {"au", "du", "le", "la", "l'", "en", "aux",
                                                "des", NULL};
    if (!c->lang || strncmp(c->lang, "fr", 2) != 0)
        return -1;
    size_t i = (size_t)(first - (const dyad_token *)c->tokens.data);
    if (i == 0 || i >= c->tokens.len || !tk(c, (uint32_t)i - 1)->norm)
        return -1;
    const char *w = tk(c, (uint32_t)i - 1)->norm;
    if (strcmp(w, "à") == 0)
        return DYADI_AK_CITY;
    return in_list(REGION_BEFORE, w) ? DYADI_AK_REGION : -1;
}

/* The number of tokens of the name that starts at token f and ends at the
 * trie node, 0 when it cannot be found. */
static size_t name_len(const dyad_coder *c, dyadi_node node, size_t f)
{
    size_t len = 0;
    dyadi_node n = dyadi_lex_root(c->lex, DYADI_TRIE_ACTOR);
    while (len < 8 && f + len < c->tokens.len && n != node) {
        n = dyadi_lex_step(c->lex, DYADI_TRIE_ACTOR, n, tk(c, (uint32_t)(f + len))->norm_id);
        if (!n)
            return 0;
        len++;
    }
    return n == node ? len : 0;
}

/* How often the document writes the name that starts at token f and ends
 * at the trie node (each time counted as its country by
 * dyadi_places_note_country): at least once. Counted once per name and
 * document. */
static uint32_t occurrences(dyadi_places *p, const dyad_coder *c, dyadi_node node, size_t f)
{
    for (size_t i = 0; i < p->nseen; i++)
        if (p->seen[i].node == node)
            return p->seen[i].n;
    size_t len = name_len(c, node, f);
    uint32_t count = 0;
    /* only the capitalised words, listed by dyadi_places_scan_names, can
     * start the name */
    size_t ncap = p->ncap <= DYADI_PLACES_MAX_CAPS ? p->ncap : c->tokens.len;
    for (size_t x = 0; len && x < ncap; x++) {
        size_t i = p->ncap <= DYADI_PLACES_MAX_CAPS ? p->cap[x] : x, k = 0;
        while (k < len && i + k < c->tokens.len &&
               tk(c, (uint32_t)(i + k))->norm_id == tk(c, (uint32_t)(f + k))->norm_id)
            k++;
        count += k == len && cap_word(tk(c, (uint32_t)i));
    }
    if (!count)
        count = 1;
    if (p->nseen < DYADI_PLACES_MAX_SEEN) {
        p->seen[p->nseen].node = node;
        p->seen[p->nseen++].n = count;
    }
    return count;
}

/* The region named at token i ("Portland, Maine": the region after the
 * comma), or NULL. */
static const dyadi_actor *region_at(const dyad_coder *c, size_t i)
{
    dyadi_node n = dyadi_lex_root(c->lex, DYADI_TRIE_ACTOR), last = 0;
    for (size_t k = i; k < c->tokens.len && k < i + 6 && tk(c, (uint32_t)k)->norm_id; k++) {
        n = dyadi_lex_step(c->lex, DYADI_TRIE_ACTOR, n, tk(c, (uint32_t)k)->norm_id);
        if (!n)
            break;
        size_t ne;
        if (dyadi_lex_entries(c->lex, DYADI_TRIE_ACTOR, n, &ne) && ne)
            last = n;
    }
    size_t ne = 0;
    const uint32_t *ids = last ? dyadi_lex_entries(c->lex, DYADI_TRIE_ACTOR, last, &ne) : NULL;
    for (size_t e = 0; e < ne; e++) {
        const dyadi_actor *a = dyadi_lex_actor(c->lex, ids[e]);
        if (a && a->kind == DYADI_AK_REGION && lang_fits(a->lang, c->lang) && a->country &&
            a->lat == a->lat)
            return a;
    }
    return NULL;
}

static double dist2(const dyadi_actor *a, const dyadi_actor *b)
{
    double dlat = a->lat - b->lat, dlon = a->lon - b->lon;
    return dlat * dlat + dlon * dlon;
}

static int norm_is(const dyad_coder *c, size_t i, const char *w)
{
    return i < c->tokens.len && tk(c, (uint32_t)i)->norm && strcmp(tk(c, (uint32_t)i)->norm, w) == 0;
}

/* Words that make a name a region's: after it ("Raqqa province", "Kano
 * State"), or before it with of/de ("the province of Raqqa", "la province
 * de Raqqa", "l'État de Kano"). */
static const char *const REGION_WORDS[] = {
    "province", "governorate", "region", "state", "oblast", "prefecture", "county", "district",
    "department", "wilaya", "gouvernorat", "région", "état", "département", "préfecture",
    "comté", "district", NULL};
static const char *const OF_ANY[] = {"of", "de", "d'", "du", NULL};

static int region_word_near(const dyad_coder *c, size_t f, size_t len)
{
    if (len && f + len < c->tokens.len && tk(c, (uint32_t)(f + len))->norm &&
        in_list(REGION_WORDS, tk(c, (uint32_t)(f + len))->norm))
        return 1;
    return f >= 2 && tk(c, (uint32_t)f - 1)->norm && in_list(OF_ANY, tk(c, (uint32_t)f - 1)->norm) &&
           tk(c, (uint32_t)f - 2)->norm && in_list(REGION_WORDS, tk(c, (uint32_t)f - 2)->norm);
}

const dyadi_actor *dyadi_place_choose(dyadi_places *p, const dyad_coder *c,
                                      dyadi_node node, const dyadi_actor *cur,
                                      const dyad_token *first, const char **rule)
{
    size_t n;
    const uint32_t *ids = dyadi_lex_entries(c->lex, DYADI_TRIE_ACTOR, node, &n);
    const dyadi_actor *best = NULL;
    double best_w = -1;
    int best_ctx = 0;
    size_t cands = 0;
    if (!(first->flags & DYAD_TOKF_CAPITAL)) {
        *rule = "place:only";
        return cur;
    }
    size_t f = (size_t)(first - (const dyad_token *)c->tokens.data), len = 0;
    uint32_t same = 0;      /* the name's own occurrences, counted when needed */
    /* "Portland, Maine": the candidate of the region's country nearest to
     * the region */
    /* the trie is walked again only when a comma follows closely */
    for (size_t q = f + 1; q < c->tokens.len && q <= f + 8; q++)
        if (norm_is(c, q, ",")) {
            len = q == f + 1 ? 1 : name_len(c, node, f);
            break;
        }
    const dyadi_actor *in = len && norm_is(c, f + len, ",") ? region_at(c, f + len + 1) : NULL;
    /* the kind the French preposition or article asks for, when the name
     * has a candidate of that kind */
    int want = french_kind(c, first);
    int has_want = 0, has_other = 0;
    for (size_t i = 0; want >= 0 && i < n; i++) {
        const dyadi_actor *a = dyadi_lex_actor(c->lex, ids[i]);
        if (!a || (a->kind != DYADI_AK_CITY && a->kind != DYADI_AK_REGION) ||
            !lang_fits(a->lang, c->lang))
            continue;
        if (a->kind == want)
            has_want = 1;
        else
            has_other = 1;
    }
    has_want = has_want && has_other;
    const dyadi_actor *near = NULL;
    for (size_t i = 0; in && i < n; i++) {
        const dyadi_actor *a = dyadi_lex_actor(c->lex, ids[i]);
        if (a && a->kind == DYADI_AK_CITY && lang_fits(a->lang, c->lang) && a->country &&
            strcmp(a->country, in->country) == 0 && a->lat == a->lat &&
            (!near || dist2(a, in) < dist2(near, in)))
            near = a;
    }
    for (size_t i = 0; i < n; i++) {
        const dyadi_actor *a = dyadi_lex_actor(c->lex, ids[i]);
        if (!a || (a->kind != DYADI_AK_CITY && a->kind != DYADI_AK_REGION) ||
            !lang_fits(a->lang, c->lang))
            continue;
        cands++;
        if ((has_want && a->kind != want) || (near && a != near))
            continue;
        /* the document's other mentions: not this name's own readings */
        const char *ac = a->country ? a->country : a->code;
        uint32_t seen = country_count(p, ac);
        const char *own = cur ? (cur->country ? cur->country : cur->code) : NULL;
        if (own && strncmp(own, ac, 3) == 0 && seen <= 1) {
            seen = 0;
        } else if (own && strncmp(own, ac, 3) == 0) {
            if (!same)
                same = occurrences(p, c, node, f);
            seen = seen > same ? seen - same : 0;
        }
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
    /* a small town abroad in a story about another country */
    const char *dom = dominant(p);
    const char *bc = best->country ? best->country : best->code;
    if (!best_ctx && best->kind == DYADI_AK_CITY && best->pop < SMALL_TOWN && dom &&
        strncmp(dom, bc, 3) != 0) {
        *rule = "place:foreign";
        return NULL;
    }
    /* "in Raqqa", "in Kandahar", "à Lagos": a region named after its main
     * city is the city, unless a region word comes with the name ("Raqqa
     * province", "la province de Raqqa"). Its main city: a quarter of its
     * people at least, within a degree of its centre (Wyoming, Michigan is
     * no city of the state) */
    if (best->kind == DYADI_AK_REGION && !has_want && !near && best->country &&
        !region_word_near(c, f, len ? len : name_len(c, node, f))) {
        for (size_t i = 0; i < n; i++) {
            const dyadi_actor *a = dyadi_lex_actor(c->lex, ids[i]);
            if (a && a->kind == DYADI_AK_CITY && lang_fits(a->lang, c->lang) && a->country &&
                strcmp(a->country, best->country) == 0 && (uint64_t)a->pop * 4 >= best->pop &&
                a->lat == a->lat && best->lat == best->lat && dist2(a, best) <= 1.0) {
                *rule = "place:namesake";
                return a;
            }
        }
    }
    *rule = near && cands > 1 ? "place:region"
            : has_want        ? "place:article"
            : cands == 1      ? "place:only"
            : best_ctx        ? "place:context"
                              : "place:population";
    return best;
}

/* ---- localities the gazetteer lacks ----------------------------------------
 * The lexicon knows towns of over 15,000 people; the news of a war names
 * villages, quarters, crossings and islands: "the village of Abu Allaj in
 * western Raqqa", "le village de Tamthil, près de Homs", "the Kissufim
 * crossing point", "the Jumla and Diwan villages in Afrin countryside",
 * "the settlements of Braij al-Rih, Ansar and Al-Wiji", "the Red Sea
 * island of Hanish al-Kabir", "the Bardo Museum in Tunis". A capitalised
 * name that no entry matches, introduced by a locality noun, in a sentence
 * that names a place the lexicon knows, becomes a place mention of type
 * "locality": its container is the known place tied to it by a place
 * phrase ("in", "near", "western", "countryside", "près de la province
 * de"), else, after a noun that can only mean a locality ("village",
 * "crossing", "island"; not "area" or "district"), the sentence's nearest
 * known place. It takes the container's country and coordinates
 * (approximate: it is inside or near it), no GeoNames id, resolved_by
 * "place:locality". Only sentences that name a known place are read. */

/* Nouns that introduce a locality, "the village of X", "X villages"; a
 * strong one needs no place phrase to its container. */
static const char *const LOCALITY_STRONG[] = {
    "village", "villages", "hamlet", "hamlets", "settlement", "settlements", "town", "towns",
    "neighbourhood", "neighborhood", "neighbourhoods", "neighborhoods", "township", "island",
    "islet", "crossing", "checkpoint", "localité", "localités", "hameau", "hameaux", "bourg",
    "quartier", "quartiers", "île", "îlot", NULL};
static const char *const LOCALITY_WEAK[] = {"area", "district", "districts", "quarter", "suburb",
                                            "locality", "secteur", "commune", NULL};
/* Capitalised last words of a landmark's name: "the Bardo Museum". */
static const char *const LANDMARK_NOUNS[] = {
    "museum", "square", "mosque", "hospital", "camp", "crossing", "market", "checkpoint",
    "airbase", "village", NULL};
/* Words of a place phrase between a locality and its container. */
static const char *const PLACE_LINKS[] = {
    "in", "near", "outside", "of", "the", ",", "north", "south", "east", "west", "northern",
    "southern", "eastern", "western", "central", "countryside", "province", "governorate",
    "district", "region", "outskirts", "suburbs", "à", "près", "de", "du", "des", "d'", "la",
    "le", "l'", "les", "dans", "en", "au", "aux", "nord", "sud", "est", "ouest", "campagne",
    "région", "gouvernorat", "environs", "banlieue", "point", "capital", "capitale", "city", "ville",
    NULL};
static const char *const OF_WORDS[] = {"of", "de", "d'", NULL};
static const char *const LIST_WORDS[] = {"and", "et", ",", NULL};
/* Arabic article and particles written in lower case inside a name
 * ("Hanish al-Kabir", "Deir el-Balah"). */
static const char *const NAME_PARTICLES[] = {"al-", "el-", "ad-", "ar-", "as-", "ash-", "at-",
                                             "az-", "an-", NULL};

/* Capitalised function words that begin a sentence, not a name. */
static const char *const NAME_NOT[] = {
    "the", "a", "an", "this", "that", "these", "those", "its", "their", "our", "his", "her",
    "le", "la", "les", "l'", "un", "une", "ce", "cet", "cette", "ces", "son", "sa", "ses",
    "leur", "leurs", "notre", "nos", "du", "des", "de", "d'", "au", "aux", "in", "dans", "en", NULL};

#define LOCALITY_LINKS 6     /* place-phrase words between a locality and its container */
#define LOCALITY_NAME 4      /* words of a locality's name */
#define LOCALITY_LIST 8      /* names after one noun: "the settlements of A, B and C" */

/* A word that may stand between a locality and the place that holds it. */
static int place_link_word(const dyad_coder *c, uint32_t i)
{
    return dyadi_norm_in(c, i, PLACE_LINKS) || dyadi_norm_in(c, i, LOCALITY_STRONG) ||
           dyadi_norm_in(c, i, LOCALITY_WEAK) || dyadi_norm_in(c, i, LIST_WORDS);
}

/* The mention that covers token i, or NULL: among the first nm mentions
 * (in text order; the localities are appended after them). */
static const dyad_mention *mention_at(const dyad_coder *c, size_t nm, uint32_t i)
{
    const dyad_mention *m = c->mentions.data;
    size_t lo = 0, hi = nm;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (m[mid].first_token + m[mid].n_tokens <= i)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < nm && m[lo].first_token <= i ? &m[lo] : NULL;
}

/* A known place that can hold a locality: coordinates and a country. */
static int container(const dyad_mention *m)
{
    return m->place_type && m->lat == m->lat && m->country && strlen(m->country) == 3;
}

/* A word of a locality's name: capitalised and no entry's, or a lower-case
 * Arabic particle after such a word. */
static int name_word(const dyad_coder *c, size_t nm, uint32_t i, int after_cap)
{
    const dyad_token *t = tk(c, i);
    if (t->kind != DYAD_TOK_WORD || !t->norm || mention_at(c, nm, i))
        return 0;
    if (t->flags & DYAD_TOKF_CAPITAL)   /* "Ce quartier de Berlin", "La commune de": no name */
        return (!in_list(PLACE_NOUNS, t->norm) || strcmp(t->norm, "city") == 0) &&
               !in_list(NAME_NOT, t->norm);
    if (!after_cap || !(t->flags & DYAD_TOKF_HYPHEN))
        return 0;
    for (const char *const *p = NAME_PARTICLES; *p; p++)
        if (strncmp(t->norm, *p, strlen(*p)) == 0)
            return 1;
    return 0;
}

/* The name that ends at token j (inclusive), within [lo, j]: its first
 * token, or UINT32_MAX when token j ends no name. */
static uint32_t name_back(const dyad_coder *c, size_t nm, uint32_t lo, uint32_t j)
{
    uint32_t f = j + 1;
    while (f > lo && j + 1 - (f - 1) <= LOCALITY_NAME &&
           name_word(c, nm, f - 1, f - 1 > lo && cap_word(tk(c, f - 2))))
        f--;
    while (f <= j && !cap_word(tk(c, f)))   /* a name starts with a capital */
        f++;
    return f <= j ? f : UINT32_MAX;
}

/* The name that starts at token i, within [i, hi): its end (exclusive), or
 * i when none starts there. */
static uint32_t name_fwd(const dyad_coder *c, size_t nm, uint32_t i, uint32_t hi)
{
    if (i >= hi || !cap_word(tk(c, i)))
        return i;
    uint32_t e = i;
    while (e < hi && e - i < LOCALITY_NAME && name_word(c, nm, e, e > i && cap_word(tk(c, e - 1))))
        e++;
    return e;
}

/* 1 when tokens [a, b) are one place phrase: known places (and the
 * nationality adjectives of "in the Tunisian capital of Tunis") and at most
 * LOCALITY_LINKS place words between them; mentions among the first nm. */
static int place_phrase(const dyad_coder *c, size_t nm, uint32_t a, uint32_t b)
{
    uint32_t i = a, links = 0;
    while (i < b && links <= LOCALITY_LINKS) {
        const dyad_mention *o = mention_at(c, nm, i);
        if (o && (container(o) || (o->resolved_by && strcmp(o->resolved_by, "demonym") == 0)))
            i = o->first_token + o->n_tokens;
        else if (!o && place_link_word(c, i))
            i++, links++;
        else
            break;
    }
    return i >= b && links <= LOCALITY_LINKS;
}

int dyadi_place_phrase(const dyad_coder *c, uint32_t a, uint32_t b)
{
    return place_phrase(c, c->mentions.len, a, b);
}

/* The container of the locality [first, end): the known place a place
 * phrase ties it to, on either side, else (strong) the sentence's nearest
 * known place; -1 when none. */
static long container_of(const dyad_coder *c, size_t nm, size_t m0, size_t m1, uint32_t first,
                         uint32_t end, int strong)
{
    const dyad_mention *ms = c->mentions.data;
    long best = -1;
    uint32_t bestd = UINT32_MAX;
    for (size_t k = m0; k < m1; k++) {
        if (!container(&ms[k]))
            continue;
        uint32_t a = ms[k].first_token >= end ? end : ms[k].first_token + ms[k].n_tokens;
        uint32_t b = ms[k].first_token >= end ? ms[k].first_token : first;
        if (b < a)
            continue;
        if (place_phrase(c, nm, a, b))
            return (long)k;
        if (strong && b - a < bestd)
            best = (long)k, bestd = b - a;
    }
    return best;
}

static dyad_status push_locality(dyad_coder *c, size_t in, uint32_t sent, uint32_t first,
                                 uint32_t end)
{
    dyad_mention box = DYADI_VEC_AT(&c->mentions, dyad_mention, in);   /* the vector may move */
    dyad_mention *m = dyadi_vec_push(&c->mentions);
    if (!m)
        return DYAD_ERR_NOMEM;
    memset(m, 0, sizeof *m);
    m->sent = sent;
    m->first_token = first;
    m->n_tokens = end - first;
    m->span.start = tk(c, first)->span.start;
    m->span.end = tk(c, end - 1)->span.end;
    m->kind = DYAD_MENTION_PLACE;
    m->code = box.country;
    m->country = box.country;
    m->resolved_by = "place:locality";
    m->lat = box.lat;
    m->lon = box.lon;
    m->place_type = "locality";
    return DYAD_OK;
}

/* The names a locality noun at token i introduces, into nm_out[][2]
 * ([first, end) pairs): "the village(s) of A[, B and C]", "A [and B]
 * village(s)", "the Bardo Museum". Returns how many. */
static size_t locality_names(const dyad_coder *c, size_t nm, uint32_t lo, uint32_t hi, uint32_t i,
                             uint32_t out[][2])
{
    size_t n = 0;
    const dyad_token *t = tk(c, i);
    if (cap_word(t)) {
        /* "the Bardo Museum": the name with its landmark word */
        uint32_t f = i > lo && in_list(LANDMARK_NOUNS, t->norm) ? name_back(c, nm, lo, i - 1) : UINT32_MAX;
        if (f != UINT32_MAX) {
            out[0][0] = f;
            out[0][1] = i + 1;
            n = 1;
        }
        return n;
    }
    if (i + 1 < hi && dyadi_norm_in(c, i + 1, OF_WORDS)) {
        /* "the settlements of A, B and C" */
        uint32_t j = i + 2;
        while (n < LOCALITY_LIST) {
            uint32_t e = name_fwd(c, nm, j, hi);
            if (e == j)
                break;
            out[n][0] = j;
            out[n][1] = e;
            n++;
            /* past an aside, "Ansar (twice) and Al-Wiji" */
            if (e < hi && tk(c, e)->norm && strcmp(tk(c, e)->norm, "(") == 0) {
                uint32_t q = e + 1;
                while (q < hi && q < e + 5 && !(tk(c, q)->norm && strcmp(tk(c, q)->norm, ")") == 0))
                    q++;
                if (q < hi && q < e + 5)
                    e = q + 1;
            }
            if (e + 1 >= hi || !dyadi_norm_in(c, e, LIST_WORDS))
                break;
            j = e + 1 + (dyadi_norm_in(c, e + 1, LIST_WORDS) ? 1 : 0);
        }
        if (n)
            return n;   /* else "the Silwan neighbourhood of Jerusalem" */
    }
    /* "the Jumla and Diwan villages", "the Kissufim crossing" */
    uint32_t j = i;
    while (j > lo && n < LOCALITY_LIST) {
        uint32_t f = name_back(c, nm, lo, j - 1);
        if (f == UINT32_MAX)
            break;
        out[n][0] = f;
        out[n][1] = j;
        n++;
        if (f < lo + 2 || !dyadi_norm_in(c, f - 1, LIST_WORDS))
            break;
        j = f - 1;
    }
    return n;
}

dyad_status dyadi_places_localities(dyad_coder *c, size_t *added)
{
    const size_t nm = c->mentions.len;
    *added = 0;
    size_t m0 = 0;
    while (m0 < nm) {
        const dyad_mention *ms = c->mentions.data;
        uint32_t s = ms[m0].sent;
        size_t m1 = m0, nc = 0;
        while (m1 < nm && ms[m1].sent == s)
            nc += container(&ms[m1++]);
        if (nc) {
            const dyad_sentence *se = &DYADI_VEC_AT(&c->sents, dyad_sentence, s);
            uint32_t lo = se->first_token, hi = se->first_token + se->n_tokens;
            for (uint32_t i = lo; i < hi; i++) {
                const dyad_token *t = tk(c, i);
                uint32_t len = t->span.end - t->span.start;
                if (t->kind != DYAD_TOK_WORD || !t->norm || len < 3 || len > 14)
                    continue;   /* the nouns are 3 to 14 bytes long */
                int strong = 0;
                if (cap_word(t) ? !in_list(LANDMARK_NOUNS, t->norm)
                                : !(strong = in_list(LOCALITY_STRONG, t->norm)) &&
                                      !in_list(LOCALITY_WEAK, t->norm))
                    continue;
                if (mention_at(c, nm, i))
                    continue;
                uint32_t names[LOCALITY_LIST][2];
                size_t nn = locality_names(c, nm, lo, hi, i, names);
                for (size_t k = 0; k < nn; k++) {
                    int seen = 0;   /* a name two nouns introduce */
                    for (size_t q = nm; q < c->mentions.len && !seen; q++)
                        seen = DYADI_VEC_AT(&c->mentions, dyad_mention, q).first_token == names[k][0];
                    if (seen)
                        continue;
                    long in = container_of(c, nm, m0, m1, names[k][0], names[k][1], strong && !cap_word(t));
                    if (in < 0)
                        continue;
                    dyad_status st = push_locality(c, (size_t)in, s, names[k][0], names[k][1]);
                    if (st != DYAD_OK)
                        return st;
                    (*added)++;
                }
            }
        }
        m0 = m1;
    }
    return DYAD_OK;
}
