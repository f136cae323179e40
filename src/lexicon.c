/* lexicon.c - STUB: the compiled lexicon (being replaced). */
#include "dyad.h"
#include <stdio.h>
DYAD_API dyad_status dyad_lexicon_open(const char *path, dyad_lexicon **out, char *errbuf, size_t errlen)
{ (void)path; *out = NULL; if (errbuf && errlen) snprintf(errbuf, errlen, "no lexicon yet"); return DYAD_ERR_NOTFOUND; }
DYAD_API void dyad_lexicon_free(dyad_lexicon *lex) { (void)lex; }
#include "lex.h"
uint32_t dyadi_lex_key(const dyad_lexicon *lex, const char *key, size_t len) { (void)lex; (void)key; (void)len; return 0; }
const char *dyadi_lex_key_str(const dyad_lexicon *lex, uint32_t id) { (void)lex; (void)id; return NULL; }
dyadi_node dyadi_lex_root(const dyad_lexicon *lex, int trie) { (void)lex; (void)trie; return 0; }
dyadi_node dyadi_lex_step(const dyad_lexicon *lex, int trie, dyadi_node node, uint32_t key) { (void)lex; (void)trie; (void)node; (void)key; return 0; }
const uint32_t *dyadi_lex_entries(const dyad_lexicon *lex, int trie, dyadi_node node, size_t *n) { (void)lex; (void)trie; (void)node; *n = 0; return NULL; }
const dyadi_actor *dyadi_lex_actor(const dyad_lexicon *lex, uint32_t i) { (void)lex; (void)i; return NULL; }
const dyadi_trigger *dyadi_lex_trigger(const dyad_lexicon *lex, uint32_t i) { (void)lex; (void)i; return NULL; }
const dyadi_cue *dyadi_lex_cue(const dyad_lexicon *lex, uint32_t i) { (void)lex; (void)i; return NULL; }
size_t dyadi_lex_count(const dyad_lexicon *lex, int trie) { (void)lex; (void)trie; return 0; }
const dyadi_cameo *dyadi_lex_cameo(const dyad_lexicon *lex, const char *code) { (void)lex; (void)code; return NULL; }
const char *dyadi_actor_code_at(const dyadi_actor *a, uint32_t date) { (void)date; return a ? a->code : NULL; }
