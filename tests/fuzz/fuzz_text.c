/* fuzz_text.c - the document reader on a file of any bytes, format
 * detected (plain text, seed header, JSON Lines): every record is returned
 * or refused with a message, never a crash, hang or overread. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fuzz_reader(data, size, DYAD_INPUT_AUTO, "input.txt");
}
