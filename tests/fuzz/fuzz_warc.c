/* fuzz_warc.c - the reader's `warc` input (reader.c frames the records,
 * warc.c reads WARC headers and HTTP responses: chunked bodies, gzip and
 * deflate Content-Encoding; html.c the pages) on a file of any bytes,
 * possibly gzip'd one member per record or zstd-compressed: each record is
 * a document, skipped and counted, or reported with its offset, never a
 * crash, hang, overread or unbounded allocation. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fuzz_reader(data, size, DYAD_INPUT_WARC, "input.warc");
}
