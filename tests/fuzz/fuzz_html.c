/* fuzz_html.c - the reader's `html` input (src/html.c, libxml2's HTML
 * parser) on a file of any bytes, possibly gzip- or zstd-compressed: a
 * page is returned (title, date, text) or refused with a message, never a
 * crash, hang or overread. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fuzz_reader(data, size, DYAD_INPUT_HTML, "input.html");
}
