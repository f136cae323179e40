/* foreign.h - readers for TABARI and PETRARCH dictionaries (internal).
 *
 * They convert each foreign entry into dyad's own source columns and hand
 * it to the dictionary compiler (dictsrc.h), so foreign dictionaries end
 * in the same binary lexicon as data/ and run through the same recogniser
 * and coder. docs/design.md, "TABARI and PETRARCH dictionaries". */
#ifndef DYAD_FOREIGN_H
#define DYAD_FOREIGN_H
#include <stddef.h>
#include <stdio.h>
#include "dictsrc.h"

/* Syntax elements counted by the readers: converted as such, approximated
 * (converted with a loss the warning names) or skipped (not converted). */
enum dyadi_fx {
    DYADI_FX_ACTOR = 0,     /* PHRASE [CODE] */
    DYADI_FX_SYNONYM,       /* +PHRASE */
    DYADI_FX_DATE,          /* [CODE 991201-010114], <date, >date */
    DYADI_FX_NULL,          /* [---] and [+++] codes */
    DYADI_FX_DISCARD,       /* [###] codes, discard files */
    DYADI_FX_MULTICODE,     /* [ELR/GAL] */
    DYADI_FX_STEM,          /* TABARI word without '_': matched as a prefix */
    DYADI_FX_AGENT,         /* PHRASE [~GOV] */
    DYADI_FX_AGENT_PREFIX,  /* [NGO~] */
    DYADI_FX_PLURAL,        /* {plurals}, generated plurals */
    DYADI_FX_SUBST,         /* !PERSON! substitution sets */
    DYADI_FX_VERB,          /* verb block heads */
    DYADI_FX_IRREGULAR,     /* { forms } */
    DYADI_FX_PATTERN,       /* - ... * ... [code] */
    DYADI_FX_SOURCE,        /* $ */
    DYADI_FX_TARGET,        /* + */
    DYADI_FX_COMPOUND,      /* % */
    DYADI_FX_SKIP,          /* ^ */
    DYADI_FX_CONNECT,       /* _ */
    DYADI_FX_ALTERNATIVE,   /* { a | b } */
    DYADI_FX_SYNSET,        /* &SYNSET */
    DYADI_FX_PAIRED,        /* [032:033] paired codes */
    DYADI_FX_CONSTITUENT,   /* PETRARCH2 (NP) / (PP) groups */
    DYADI_FX_TILDE,         /* ~ in a pattern word */
    DYADI_FX_TIME,          /* <TIME> shifts */
    DYADI_FX_SECTION,       /* <NOUN>, <ADJECTIVE> sections, options */
    DYADI_FX_BADCODE,       /* codes dyad cannot hold ("174K", "sdf") */
    DYADI_FX_MALFORMED,     /* lines that cannot be read */
    DYADI_FX_COUNT
};

enum { DYADI_FX_CONVERTED = 0, DYADI_FX_APPROX = 1, DYADI_FX_SKIPPED = 2 };

typedef struct dyadi_foreign_stats {
    size_t n[DYADI_FX_COUNT][3];
    size_t files;
    size_t actors_out, triggers_out;    /* dyad entries produced */
} dyadi_foreign_stats;

/* Compile the dictionaries a spec names, with dyad's CAMEO taxonomy and cues
 * from opts->data_dir, into opts->out_path (when set). spec:
 *   tabari:FILE.project          the actors, agents and verbs files it names
 *   tabari:FILE[,FILE...]        dictionary files (kind from the name)
 *   petrarch:DIR                 the production files of a PETRARCH2 folder
 *   petrarch:FILE.ini            the [Dictionaries] of a PETR_config.ini
 *   petrarch:FILE[,FILE...]      dictionary files (kind from the name)
 * Returns as dyadi_dict_compile; fx receives the per-element counts. */
dyad_status dyadi_foreign_compile(const char *spec, const dyadi_dict_opts *opts,
                                  dyadi_dict_stats *stats, dyadi_foreign_stats *fx,
                                  char *errbuf, size_t errlen);

/* The same with the taxonomy and cues already read once into base
 * (dyadi_dict_base_new with foreign's data_dir): only the spec's files are
 * read; the lexicon and counts are those of dyadi_foreign_compile. The
 * fuzz harnesses compile one dictionary per input this way. */
dyad_status dyadi_foreign_compile_base(const char *spec, const dyadi_dict_base *base,
                                       const dyadi_dict_opts *opts, dyadi_dict_stats *stats,
                                       dyadi_foreign_stats *fx, char *errbuf, size_t errlen);

/* The counts as a table, one element a line. */
void dyadi_foreign_print(FILE *f, const dyadi_foreign_stats *fx);

/* The data directory for the taxonomy and cues: dir when set, else
 * $DYAD_DATA, ./data, then data beside the executable's folder. */
int dyadi_foreign_data_dir(const char *dir, char *out, size_t outlen);

/* Compile a spec with dyad's taxonomy and cues from data_dir (NULL: see
 * dyadi_foreign_data_dir) into a temporary file and open it; problems go to
 * msg (NULL: silent) at the given verbosity. */
dyad_status dyadi_foreign_open(const char *spec, const char *data_dir, FILE *msg, int verbosity,
                               dyadi_foreign_stats *fx, dyad_lexicon **out, char *errbuf,
                               size_t errlen);
#endif
