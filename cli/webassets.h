/* webassets.h - the dashboard's own files (web/), embedded into the dyad
 * binary by tools/embed.sh at build time, so `dyad serve` needs no install
 * path and serves exactly the files it was built with. */
#ifndef DYAD_CLI_WEBASSETS_H
#define DYAD_CLI_WEBASSETS_H
#include <stddef.h>

typedef struct web_asset {
    const char *name;            /* file name under web/, e.g. "app.js" */
    const unsigned char *data;
    size_t len;
} web_asset;

extern const web_asset web_assets[];
extern const size_t web_assets_count;
#endif
