/* fuzz_jsonl.c - the JSON Lines reader on a file of any bytes, format
 * forced: every line is a document or refused with FILE:LINE: byte N, never
 * a crash, hang or overread (jansson parses untrusted lines here). */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fuzz_reader(data, size, DYAD_INPUT_JSONL, "input.jsonl");
}
