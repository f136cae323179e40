/* actors.c - STUB: actor and place recogniser (being written). */
#include "coder.h"
dyad_status dyadi_actors_run(dyad_coder *c) { (void)c; return DYAD_OK; }
