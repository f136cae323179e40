/* syntax.h - the tagger, lemmatiser and dependency parser (internal).
 *
 * The syntax stages sit between the text stages (tokens, sentences) and the
 * coder. They work on "words" in the Universal Dependencies sense: a token
 * such as French "du" is two words (de + le). Each stage is one file:
 *   model.c   the binary model (format in docs/formats.md): write, mmap, look up
 *   conllu.c  CoNLL-U reading and writing (training data, `dyad parse`)
 *   stage.c   the coder's syntax stage: tokens -> UD words (French "du" = de + le), tagged and parsed
 *   tagger.c  UPOS (averaged perceptron), lemma and features (lexicon + suffix rules)
 *   parser.c  arc-eager transition parser (averaged perceptron) + arc labeler
 *   train.c   training from CoNLL-U (deterministic), with dev scores per epoch
 * Nothing here knows that events exist. */
#ifndef DYAD_SYNTAX_H
#define DYAD_SYNTAX_H
#include <stddef.h>
#include <stdint.h>
#include "dyad.h"
#include "arena.h"

/* The 17 UPOS tags, in this fixed order (their ids in models and in
 * dyad_word.upos). */
#define DYADI_NUPOS 17
extern const char *const dyadi_upos_names[DYADI_NUPOS];
/* Their ids by name (test_syntax checks them against dyadi_upos_names). */
enum {
    DYADI_UPOS_ADJ, DYADI_UPOS_ADP, DYADI_UPOS_ADV, DYADI_UPOS_AUX, DYADI_UPOS_CCONJ,
    DYADI_UPOS_DET, DYADI_UPOS_INTJ, DYADI_UPOS_NOUN, DYADI_UPOS_NUM, DYADI_UPOS_PART,
    DYADI_UPOS_PRON, DYADI_UPOS_PROPN, DYADI_UPOS_PUNCT, DYADI_UPOS_SCONJ, DYADI_UPOS_SYM,
    DYADI_UPOS_VERB, DYADI_UPOS_X
};
int dyadi_upos_id(const char *s);   /* -1 when not a UPOS tag */

/* ---- feature keys --------------------------------------------------------
 * A feature is a template number and up to three 64-bit values, mixed into
 * one 32-bit key (0 is never a key). Training and tagging use the same mix,
 * so a model stores keys, never feature strings. */
static inline uint64_t dyadi_mix64(uint64_t x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ULL;
    x ^= x >> 33;
    return x;
}
/* tk: the template number times a constant (DYADI_TK) */
#define DYADI_TK(tpl) ((uint64_t)(tpl) * 0x9E3779B97F4A7C15ULL)
static inline uint32_t dyadi_fkey_tk(uint64_t tk, uint64_t a, uint64_t b, uint64_t c)
{
    uint64_t h = dyadi_mix64(tk ^ a);
    h = dyadi_mix64(h ^ (b + 0x632BE59BD9B4E019ULL));
    h = dyadi_mix64(h ^ (c + 0x85EBCA77C2B2AE63ULL));
    uint32_t k = (uint32_t)(h ^ (h >> 32));
    return k ? k : 1;
}
static inline uint32_t dyadi_fkey(uint32_t tpl, uint64_t a, uint64_t b, uint64_t c)
{
    return dyadi_fkey_tk(DYADI_TK(tpl), a, b, c);
}
/* Many keys at once: key i is dyadi_fkey_tk(tk[i], a[i], b[i], c[i]).
 * Four at a time with AVX2 where the CPU has it: mixing the keys one by
 * one was a third of the instructions of tagging and parsing. */
void dyadi_fkeys(const uint64_t *tk, const uint64_t *a, const uint64_t *b, const uint64_t *c, size_t n,
                 uint32_t *out);

/* 64-bit hash of a string (word forms, suffixes). */
uint64_t dyadi_shash(const char *s, size_t n);

/* ---- a word as the syntax stages see it ---------------------------------- */
typedef struct dyadi_sword {
    const char *form;       /* as written (for MWT parts: the part's form); NUL-terminated */
    const char *norm;       /* NFC, case-folded key; NUL-terminated */
    uint64_t h_norm;        /* dyadi_shash(norm) */
    uint64_t h_form;        /* dyadi_shash(form): case kept */
    uint64_t h_sfx[4];      /* last 1..4 characters of norm */
    uint64_t h_pfx[3];      /* first 1..3 characters of norm */
    uint32_t shape;         /* DYADI_SH_* bits */
    /* tagger output */
    uint8_t upos;
    uint8_t upos1;          /* the first pass's tag (the second pass reads it to the right) */
    uint16_t feats;         /* index into the model's feature bundles (0: "_") */
    const char *lemma;      /* borrowed from the model or an arena */
    /* parser output */
    int32_t head;           /* 0 root, 1..n; -1 not attached (yet) */
    uint16_t label;         /* index into the model's labels */
} dyadi_sword;

#define DYADI_SH_CAP    0x01u   /* first character upper case */
#define DYADI_SH_ALLCAP 0x02u   /* every letter upper case (2+ letters) */
#define DYADI_SH_DIGIT  0x04u   /* has a digit */
#define DYADI_SH_ALLDIG 0x08u   /* digits and separators only */
#define DYADI_SH_HYPHEN 0x10u
#define DYADI_SH_PERIOD 0x20u
#define DYADI_SH_PUNCT  0x40u   /* no letter or digit at all */
#define DYADI_SH_FIRST  0x80u   /* first word of its sentence */
#define DYADI_SH_APOS   0x100u

/* Fill norm (allocated in a), hashes and shape from form. 0 on OOM. */
int dyadi_sword_keys(dyadi_sword *w, dyadi_arena *a, const char *form, size_t n, int first);

/* ---- classifiers ---------------------------------------------------------
 * A linear model over feature keys: an open-addressing table of keys, each
 * with a row of nclass 16-bit weights (scaled by `scale`). */
typedef struct dyadi_clf {
    uint32_t nclass;
    uint32_t mask;              /* table slots - 1 (power of two) */
    const uint32_t *slots;      /* (mask+1) slots of `stride` u32: {key, row} (stride 2), or
                                   {key, 4 x i16 weights} (stride 3: classifiers of at most 4
                                   classes keep their weights in the slot); key 0: empty */
    uint32_t stride;
    const int16_t *w;           /* nrows * nclass (stride 2 only) */
    uint32_t nrows;
    float scale;
} dyadi_clf;

/* Add the rows of the nf features to scores[nclass] (int32 sums). */
void dyadi_clf_score(const dyadi_clf *c, const uint32_t *feats, size_t nf, int32_t *scores);

/* ---- the model ----------------------------------------------------------- */
#define DYADI_MODEL_MAGIC "DYADSYN\0"
#define DYADI_MODEL_VERSION 2u

/* A lexical entry: lemma and feature bundle of a (norm, UPOS) pair, or of a
 * suffix rule. */
typedef struct dyadi_lexent {
    uint32_t key;           /* dyadi_fkey(...) ; 0 empty */
    uint32_t lemma;         /* string offset (exact entries) or the appended suffix (rules) */
    uint16_t feats;         /* feature bundle index */
    uint8_t strip;          /* rules: characters (not bytes) removed from the end */
    uint8_t kind;           /* 0 exact form, 1..4 suffix rule of that many characters */
} dyadi_lexent;

struct dyad_model {
    const unsigned char *base;  /* mapped file (or malloc'd when not mapped) */
    size_t size;
    int mapped;
    char lang[8];
    const char *strings;        /* string pool */
    uint32_t nstrings;          /* bytes */
    uint32_t nlabels, nfeats;
    const uint32_t *labels;     /* nlabels string offsets */
    const uint32_t *feats;      /* nfeats string offsets (feats[0] is "_") */
    const uint8_t *label_dir;   /* per label: bit 0 seen as left arc, bit 1 as right arc */
    uint32_t root_label;        /* index of "root" */
    uint32_t fallback_label;    /* "parataxis" (else "dep"): what hangs leftovers from the root word */
    uint32_t nsubj_label, obj_label;    /* set when the model is opened; UINT32_MAX: none
                                           (parser.c's French clitic repair) */
    uint32_t aux_label, aux_pass_label, nsubj_pass_label, obl_label, case_label;
                                        /* the same, for parser.c's English progressive repair */
    dyadi_clf tagger, parser, labeler;
    dyadi_clf tagger2;          /* second tagging pass (sees the first pass's tags to the right);
                                   empty: one pass */
    const dyadi_lexent *lex;    /* exact entries and suffix rules, open addressing */
    uint32_t lex_mask;
    uint16_t upos_feats[DYADI_NUPOS];   /* most frequent bundle per UPOS */
    uint32_t nwords_train;      /* words the model was trained on (information) */
};

static inline const char *dyadi_model_str(const dyad_model *m, uint32_t off)
{
    return off < m->nstrings ? m->strings + off : "";
}
const dyadi_lexent *dyadi_model_lex(const dyad_model *m, uint32_t key);
/* Lexicon keys (tagger.c), the same for training and tagging: a (word,
 * UPOS) pair, and a suffix of k characters (h_sfx: its dyadi_sword hash). */
uint32_t dyadi_lex_exact_key(uint64_t h_norm, int upos);
uint32_t dyadi_lex_rule_key(uint64_t h_sfx, int k, int upos);

/* Everything a model file holds, in memory: what train.c builds and
 * dyadi_model_write serialises. */
typedef struct dyadi_model_src {
    char lang[8];
    const char *strings; uint32_t nstrings;
    const uint32_t *labels; uint32_t nlabels;
    const uint8_t *label_dir; uint32_t root_label;
    const uint32_t *feats; uint32_t nfeats;
    dyadi_clf tagger, parser, labeler, tagger2;
    const dyadi_lexent *lex; uint32_t lex_slots;
    uint16_t upos_feats[DYADI_NUPOS];
    uint32_t nwords_train;
} dyadi_model_src;
dyad_status dyadi_model_write(const dyadi_model_src *src, const char *path, char *err, size_t errlen);

/* ---- tagging and parsing one sentence ------------------------------------ */
/* UPOS, lemma and features of w[0..n). a holds lemmas built by rules. */
void dyadi_tag(const dyad_model *m, dyadi_sword *w, size_t n, dyadi_arena *a);
void dyadi_tag_upos(const dyad_model *m, dyadi_sword *w, size_t n);
/* The first pass alone, on w[0..upto): a cheap look at the tags before a word. */
void dyadi_tag_first_pass(const dyad_model *m, dyadi_sword *w, size_t n, size_t upto);
void dyadi_lemmatise(const dyad_model *m, dyadi_sword *w, size_t n, dyadi_arena *a, int lemma_only);
/* The tagger's features of word i: up to DYADI_MAX_TFEATS keys. pass2: add
 * the first pass's tags of the words to the right (w[].upos1). */
#define DYADI_MAX_TFEATS 40     /* dyadi_tag_features writes 31, 37 in the second pass */
size_t dyadi_tag_features(const dyadi_sword *w, size_t n, size_t i, uint32_t *out, int pass2);

/* Heads and labels of w[0..n) (w[i].head is 0 or 1..n). scratch: 8n+16
 * int32 values. French models: a "nous"/"vous" clitic read as the subject
 * of an infinitive, or of a verb that has a subject before it, is made its
 * object (parser.c, object_clitics). */
void dyadi_parse(const dyad_model *m, dyadi_sword *w, size_t n, int32_t *scratch);

/* The arc-eager machine, shared by the parser and its trainer. */
enum { DYADI_SH = 0, DYADI_RE = 1, DYADI_LA = 2, DYADI_RA = 3, DYADI_NACT = 4 };
typedef struct dyadi_pstate {
    size_t n;                   /* words 1..n; 0 is the root */
    int32_t *stack; size_t sp;  /* stack[0..sp) */
    size_t b;                   /* buffer front (1..n+1) */
    int32_t *head;              /* [n+1]; -1 none */
    int32_t *lab;               /* [n+1] label index; -1 none */
    int32_t *lc, *lc2, *rc, *rc2;   /* leftmost/2nd leftmost, rightmost/2nd rightmost child; 0 none */
    int32_t *nl, *nr;           /* number of left / right children */
    uint64_t *lset, *rset;      /* label sets of left / right children (bit per label % 64) */
    int root_used;
} dyadi_pstate;
/* Memory: (n+1) * 11 int32 + 2 uint64 per word, given by the caller. */
size_t dyadi_pstate_need(size_t n);
void dyadi_pstate_init(dyadi_pstate *s, size_t n, void *mem);
int dyadi_pstate_legal(const dyadi_pstate *s, int act);
void dyadi_pstate_apply(dyadi_pstate *s, int act, int32_t label);
int dyadi_pstate_done(const dyadi_pstate *s);
/* The head and dependent of the arc a left- or right-arc transition makes. */
void dyadi_pstate_arc(const dyadi_pstate *s, int act, int32_t *h, int32_t *d);
/* Attach what is left headless at the end (to the root word); fills w->head/label. */
void dyadi_pstate_finish(dyadi_pstate *s, dyadi_sword *w, uint32_t root_label, uint32_t fallback_label);
#define DYADI_MAX_PFEATS 96     /* dyadi_parse_features writes 92 */
size_t dyadi_parse_features(const dyadi_pstate *s, const dyadi_sword *w, uint32_t *out);
#define DYADI_MAX_LFEATS 32     /* dyadi_label_features writes 29 */
/* Features to label the arc h -> d (h may be 0). */
size_t dyadi_label_features(const dyadi_pstate *s, const dyadi_sword *w, int32_t h, int32_t d,
                            uint32_t *out);
/* Make a tree projective by lifting the shortest non-projective arc to
 * its head's head until none is left (h[1..n], 0 root). */
void dyadi_projectivise(int32_t *h, uint32_t n);
/* The best-scoring label for a left (left=1) or right arc among the labels
 * training saw in that direction, never the root's. */
int32_t dyadi_pick_label(const float *sc, uint32_t nlabels, const uint8_t *label_dir, uint32_t root,
                         int left);
/* Dynamic-oracle cost of act given gold heads (projective). */
int dyadi_pstate_cost(const dyadi_pstate *s, int act, const int32_t *gold);

/* ---- CoNLL-U ---------------------------------------------------------------- */
typedef struct dyadi_cword {
    const char *form, *lemma, *upos, *xpos, *feats, *deprel, *misc;
    int32_t head;               /* -1 when "_" */
} dyadi_cword;
typedef struct dyadi_cmwt {
    uint32_t first, last;       /* word ids (1-based) covered */
    const char *form;
} dyadi_cmwt;
typedef struct dyadi_csent {
    const char *text;           /* "# text = ..." or NULL */
    const char *sent_id;
    dyadi_cword *w; uint32_t n;
    dyadi_cmwt *mwt; uint32_t nmwt;
} dyadi_csent;
typedef struct dyadi_conllu {
    dyadi_csent *s; size_t n, cap;
    dyadi_arena arena;
    size_t nwords;
} dyadi_conllu;
/* Read a CoNLL-U file. Malformed lines are errors (file:line in err). */
dyad_status dyadi_conllu_read(dyadi_conllu *c, const char *path, char *err, size_t errlen);
void dyadi_conllu_free(dyadi_conllu *c);

/* ---- UD words from dyad's tokens ------------------------------------------ */
/* Per-coder scratch memory of the syntax stage (free p with free()). */
typedef struct dyadi_scratch { void *p; size_t cap; } dyadi_scratch;
/* Tag and parse sentences [first, first + nsent) of sents; append their
 * dyad_word records to words (their strings live in a or in the model).
 * DYAD_ERR_TOOBIG over a cap. */
dyad_status dyadi_syntax_run(const dyad_model *m, const char *lang, const char *text,
                             const dyad_token *tok, const dyad_sentence *sents, size_t first,
                             size_t nsent, dyadi_arena *a, dyadi_vec *words, dyadi_scratch *scratch);
/* Tag tokens [first, first + nt) only, as a sentence of their own (no
 * tree): upos[i] is token first + i's tag (its first word's, for "du"), an
 * index into dyadi_upos_names; DYADI_NUPOS for none. upos holds nt bytes. */
dyad_status dyadi_syntax_tags(const dyad_model *m, const char *lang, const char *text,
                              const dyad_token *tok, size_t first, size_t nt, dyadi_arena *a,
                              dyadi_scratch *scratch, uint8_t *upos);

#endif
