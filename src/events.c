/* events.c - STUB: the event coder (being written). */
#include "coder.h"
dyad_status dyadi_events_run(dyad_coder *c) { (void)c; return DYAD_OK; }
