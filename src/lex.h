/* lex.h - the compiled lexicon seen from inside the library (internal).
 *
 * The lexicon is one little-endian binary file, memory-mapped read-only:
 * a header, a string pool, a key hash table (key string -> key id), the
 * entry arrays (actors, triggers, cues, CAMEO taxonomy) and phrase tries
 * keyed by key ids. Layout: docs/design.md, "The binary lexicon".
 * The text sources are described in docs/formats.md. */
#ifndef DYAD_LEX_H
#define DYAD_LEX_H
#include <stddef.h>
#include <stdint.h>
#include "dyad.h"

/* Tries: one per kind of dictionary. Phrases are sequences of key ids:
 * actor phrases on norm keys, triggers and cues on stem keys. */
enum dyadi_trie_kind {
    DYADI_TRIE_ACTOR = 0,   /* actors, places, agents (norm keys) */
    DYADI_TRIE_TRIGGER = 1, /* event triggers (stem keys) */
    DYADI_TRIE_CUE = 2,     /* cue words (norm keys) */
    DYADI_TRIE_CUE_STEM = 3,/* cue words (stem keys): "refuser", "compter" */
    DYADI_TRIE_COUNT = 4
};

/* Actor-file kinds (docs/formats.md). */
enum dyadi_actor_kind {
    DYADI_AK_COUNTRY = 0, DYADI_AK_DEMONYM, DYADI_AK_CAPITAL, DYADI_AK_CITY,
    DYADI_AK_REGION, DYADI_AK_IGO, DYADI_AK_BLOC, DYADI_AK_PERSON,
    DYADI_AK_AGENT, DYADI_AK_ORG, DYADI_AK_MEDIA, DYADI_AK_PRONOUN
};

/* Bits of the actor record's gov byte: bit 0 gov=1, then ambiguous=1,
 * compound=1 (one of several codes of a TABARI [A/B] phrase, a compound
 * actor) and prefix=1 (an agent code written before the actor's, TABARI
 * [NGM~]). */
#define DYADI_ACTOR_AMBIGUOUS 2u
#define DYADI_ACTOR_COMPOUND 4u
#define DYADI_ACTOR_PREFIX 8u
#define DYADI_ACTOR_LOWER 16u   /* org/media/person written in lower case: no capital needed */
#define DYADI_ACTOR_CAP 32u     /* cap=1: an agent matched only when capitalised ("l'Assemblée") */

/* TABARI's null, discard and complex codes ("---", "###", "+++") as actor
 * or trigger codes: dyadi_marker_code (dictsrc.h). */
enum { DYADI_MARK_NULL = 1, DYADI_MARK_DISCARD = 2, DYADI_MARK_COMPLEX = 3 };
int dyadi_marker_code(const char *s);     /* DYADI_MARK_* of "---", "###", "+++"; else 0 */

/* Dates as integers YYYYMMDD; 0 = open. */
typedef struct dyadi_role {
    const char *code;
    uint32_t from, to;
} dyadi_role;

typedef struct dyadi_actor {
    uint8_t kind;           /* dyadi_actor_kind */
    uint8_t gender;         /* 0 unknown, 'm', 'f' */
    uint8_t number;         /* 0 unknown, 's', 'p' */
    uint8_t gov;            /* capital standing for its government */
    uint8_t ambiguous;      /* shares its phrase with other codes: pick by context */
    uint8_t compound;       /* one code of a compound actor: every compound entry of the phrase */
    uint8_t prefix;         /* agent: its code goes before the actor's (TABARI [NGM~]) */
    uint8_t lower;          /* org/media/person written in lower case ("talibans",
                               "al-Assad"): matched in any case */
    uint8_t cap;            /* agent that needs a capital in the text (cap=1: "la
                               Direction générale", not "en direction de") */
    const char *lang;       /* "fr", "en", "*" */
    const char *code;       /* base code */
    const char *id;         /* entry id */
    const char *country;    /* country of a place, or NULL */
    const char *sector;     /* org/media sector, or NULL */
    double lat, lon;        /* NaN when unknown */
    uint32_t pop;
    uint32_t nroles;
    const dyadi_role *roles;
} dyadi_actor;

enum dyadi_trig_kind { DYADI_TK_VERB = 0, DYADI_TK_EXPR = 1, DYADI_TK_NOUN = 2 };
enum dyadi_obj { DYADI_OBJ_TARGET = 0, DYADI_OBJ_THEME = 1, DYADI_OBJ_NONE = 2 };

typedef struct dyadi_trigger {
    uint8_t kind;           /* dyadi_trig_kind */
    uint8_t obj;            /* dyadi_obj */
    uint8_t rev;            /* subject is the target */
    uint8_t mode;           /* dyad_modality the trigger itself carries */
    uint8_t recip;          /* coded in both directions ("meet", "sign with") */
    uint8_t gen_target;     /* nouns: "de X"/"of X" is the target, not the source */
    uint8_t among;          /* 1: a compound source with no target acts among its
                               members; 2: the compound target does, without the source */
    uint8_t weak;           /* TABARI '?': codes only when no other verb of the clause does */
    uint8_t syn;            /* words that came from a synset: a literal pattern wins a tie */
    uint8_t vword;          /* TABARI patterns: index of the verb among the pattern's words */
    uint8_t tslot, sslot;   /* where '+' / '$' sit: 0 none, 1 before the first word,
                               k + 2 after word k (at most 63) */
    uint8_t tskip, sskip;   /* actors skipped there ('^ +'), at most 3 */
    const char *lang;
    const char *code;       /* CAMEO event code */
    const char *neg_code;   /* code when refused, or NULL */
    const char *pair_code;  /* paired event target -> source (TABARI [032:033]), or NULL */
    const char *id;         /* rule id */
    const char *prep;       /* comma-separated target prepositions (norm keys), or NULL */
    const char *from;       /* comma-separated source prepositions, or NULL */
    const char *comp;       /* complement word, or NULL */
    const char *passive;    /* passive agent preposition, or NULL */
    uint16_t ngap;          /* gaps allowed ("...") */
} dyadi_trigger;

typedef struct dyadi_cue {
    const char *kind;       /* "neg", "refuse", "modal", "attrib", ... */
    const char *lang;
    const char *value;
    const char *attrs;      /* raw attribute string, or NULL */
} dyadi_cue;

typedef struct dyadi_cameo {
    const char *code, *name;
    double goldstein;
    uint8_t quad;
    const char *plover_type, *plover_mode, *plover_context;   /* NULL when none */
} dyadi_cameo;

/* A trie node reference; 0 is "no node". */
typedef uint32_t dyadi_node;

/* Key id of a key string (norm or stem key), 0 when the lexicon has none. */
uint32_t dyadi_lex_key(const dyad_lexicon *lex, const char *key, size_t len);
/* The key string of an id; NULL for 0 or out of range. */
const char *dyadi_lex_key_str(const dyad_lexicon *lex, uint32_t id);

/* Trie walk: root of a trie, child by key id (0 if none), and the entries
 * ending at a node (indices into the kind's entry array; a trigger pattern
 * with a gap "a ... b" is stored as the path a, GAP, b where GAP is key id
 * DYADI_KEY_GAP). */
#define DYADI_KEY_GAP 1u
dyadi_node dyadi_lex_root(const dyad_lexicon *lex, int trie);
dyadi_node dyadi_lex_step(const dyad_lexicon *lex, int trie, dyadi_node node, uint32_t key);
const uint32_t *dyadi_lex_entries(const dyad_lexicon *lex, int trie, dyadi_node node, size_t *n);
/* Can the key end a gap somewhere in the trie? Always 1 unless the
 * lexicon has DYADI_LEX_WORDS (then only for the trigger trie is it
 * exact); a filter for long gaps. */
int dyadi_lex_after_gap(const dyad_lexicon *lex, int trie, uint32_t key);

/* Entry arrays. Pointers are valid while the lexicon is open. */
const dyadi_actor *dyadi_lex_actor(const dyad_lexicon *lex, uint32_t i);
const dyadi_trigger *dyadi_lex_trigger(const dyad_lexicon *lex, uint32_t i);
/* Header flags. FOREIGN: compiled from TABARI/PETRARCH dictionaries, so the
 * coder follows their conventions (TABARI's verb-to-noun rules); ONE_VERB:
 * TABARI's one coded verb per clause (PETRARCH2 codes every verb phrase). */
#define DYADI_LEX_FOREIGN 1u
#define DYADI_LEX_ONE_VERB 2u
/* WORDS: TABARI word matching. Triggers are keyed on norm keys and prefix
 * keys ("WORD*", see dyadi_lex_prefixes), never stems, and a gap "..."
 * spans any number of words up to the clause end. */
#define DYADI_LEX_WORDS 4u
uint32_t dyadi_lex_flags(const dyad_lexicon *lex);
/* The ids of the prefix keys "P*" of the lexicon such that P is a prefix
 * of norm (norm itself included), longest first, at most max of them.
 * One hash probe per byte of norm; used once per distinct spelling. */
size_t dyadi_lex_prefixes(const dyad_lexicon *lex, const char *norm, size_t len, uint32_t *out,
                          size_t max);
/* TABARI .options directives a foreign lexicon carries, one a line, applied
 * to every coder made on it (options.c); NULL when none. Header bytes
 * 40..43 (the first reserved word) hold its pool offset, 0 meaning none. */
const char *dyadi_lex_options(const dyad_lexicon *lex);
const dyadi_cue *dyadi_lex_cue(const dyad_lexicon *lex, uint32_t i);
size_t dyadi_lex_count(const dyad_lexicon *lex, int trie);

/* CAMEO taxonomy lookup by event code ("0234"); NULL when unknown. */
const dyadi_cameo *dyadi_lex_cameo(const dyad_lexicon *lex, const char *code);
/* The taxonomy in code order (strcmp): its size, and record i (NULL past it). */
size_t dyadi_lex_cameo_count(const dyad_lexicon *lex);
const dyadi_cameo *dyadi_lex_cameo_at(const dyad_lexicon *lex, size_t i);

/* The actor's code for a date (YYYYMMDD, 0 = unknown: the base code). */
const char *dyadi_actor_code_at(const dyadi_actor *a, uint32_t date);
/* FNV-1a, 32 bits: the lexicon's key hash, stable across hosts and
 * versions; also the hash of the coder's per-document tables. */
uint32_t dyadi_lex_hash(const char *s, size_t n);
#endif
