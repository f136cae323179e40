/* options.h - the coder's TABARI-compatible settings (internal).
 *
 * TABARI changes how it codes with an .options file and with OPTION
 * records in the text ("SET: CODE ALL", "DEFAULT: SOURCE [X] PRIOR ...",
 * "COMMA: MIN = 4 ...", "SET: MINIMUM WORDS = 8", "FORWARD: ^^*****NNN*SSS",
 * "SET: CONVERT AGENT = TRUE", "COMPLEX: VERBS[5] CONJ[4] NOACTPRIOR").
 * options.c parses those directives (and dyad_coder_set_option's name/value
 * pairs) into a dyadi_options that the coder holds (coder.h) and events.c
 * reads. A foreign lexicon carries its .options directives (foreign.c,
 * dyadi_lex_options), applied when a coder is made or reset. */
#ifndef DYAD_OPTIONS_H
#define DYAD_OPTIONS_H
#include <stddef.h>
#include <stdint.h>
#include "dyad.h"

/* How many events a sentence gives (TABARI's SET: CODE BY ...). AUTO: the
 * lexicon's convention (one verb per clause with TABARI dictionaries,
 * every trigger otherwise). */
enum { DYADI_CODE_AUTO = 0, DYADI_CODE_CLAUSE, DYADI_CODE_SENTENCE, DYADI_CODE_ALL };

/* Which events with a source and no target are kept (one_actor): AUTO is
 * ALL with TABARI/PETRARCH dictionaries (their suites' semantics) and KINDS
 * with dyad's own: only the CAMEO roots whose events stand without a
 * recipient (statements, protests, force postures, violence). */
enum { DYADI_ONE_AUTO = 0, DYADI_ONE_ALL, DYADI_ONE_KINDS, DYADI_ONE_NONE };

#define DYADI_OPT_CODE 32
#define DYADI_OPT_FMT 64

typedef struct dyadi_options {
    int code_by;                        /* DYADI_CODE_* */
    unsigned min_words;                 /* a sentence with fewer words is not coded; 0 none */
    /* DEFAULT: codes used when a role finds no actor ("" none). PRIOR: the
     * default source stands in when no actor comes before the verb (else
     * the first actor of the sentence is the source); AFTER: the default
     * target when no actor follows the verb (else the next actor after
     * the source). */
    char def_source[DYADI_OPT_CODE], def_target[DYADI_OPT_CODE];
    uint8_t def_prior, def_after;
    /* COMMA: comma-delimited clause deletion, lengths in words: internal
     * MIN..MAX, terminal EMIN..EMAX, initial BMIN..BMAX (events.c reads
     * them; comma_on 0 means no deletion) */
    uint8_t comma_on;
    unsigned comma_min, comma_max, comma_emin, comma_emax, comma_bmin, comma_bmax;
    /* COMPLEX: more than `verbs` verbs or `conj` conjunctions, or no actor
     * before the verb (noactprior), make a sentence complex: 0 no limit */
    unsigned complex_verbs, complex_conj;
    uint8_t noactprior;
    /* SET: CONVERT AGENT: an agent with no actor ("---MIL") is an actor of
     * its own instead of taking the other side's country */
    uint8_t convert_agent;
    /* FORWARD: the source is carried across the sentences of one story;
     * forward_fmt is the id template ('N' story, 'S' sentence, '*' and '^'
     * other characters) */
    uint8_t forward;
    char forward_fmt[DYADI_OPT_FMT];
    uint8_t one_actor;                  /* DYADI_ONE_* */
} dyadi_options;

/* Forwarding state kept by the coder across documents of one story. */
typedef struct dyadi_forward {
    char story[DYADI_OPT_FMT];          /* the story key of the last document */
    char first[DYADI_OPT_CODE];         /* the first source of the story */
    char last[DYADI_OPT_CODE];          /* the source found in the previous sentence, "" none */
} dyadi_forward;

/* The starting state: dyad's own conventions, then the lexicon's
 * directives (lex may be NULL). */
void dyadi_options_init(dyadi_options *o, const dyad_lexicon *lex);

/* Apply one TABARI directive, [s, s+n) ("SET: CODE ALL", with or without a
 * leading "OPTION:"). Returns DYAD_OK when applied or known but without
 * effect in dyad (OUTPUT:, LABEL:, SET: YYYY ...), DYAD_ERR_FORMAT when it
 * is malformed and DYAD_ERR_NOTFOUND when the keyword is unknown, with a
 * message in err; o is unchanged on error. */
dyad_status dyadi_options_directive(dyadi_options *o, const char *s, size_t n, char *err,
                                    size_t errlen);

/* dyad_coder_set_option's names and values (include/dyad.h). */
dyad_status dyadi_options_set(dyadi_options *o, const char *name, const char *value, char *err,
                              size_t errlen);

/* The story key of a document id under the FORWARD template: the
 * characters at its 'N' positions (leading '^' stand for the blanks before
 * the id). Writes "" when forwarding is off or the id is too short. */
void dyadi_options_story(const dyadi_options *o, const char *id, char *out, size_t outlen);
#endif
