/* gdeltgeo.h - the FIPS 10-4 codes of GDELT's Geo columns for the lexicon's
 * places: data/geo/gdelt_geo.tsv (tools/gen_gdelt_geo.py, from GeoNames),
 * embedded into the dyad binary by tools/embed_geo.sh at build time, so
 * that `dyad export --format gdelt` needs no data path (docs/formats.md,
 * "GDELT geography"). */
#ifndef DYAD_CLI_GDELTGEO_H
#define DYAD_CLI_GDELTGEO_H
#include <stddef.h>

/* Arrays, not pointers: 35,000 rows of pointers would be 70,000 run-time
 * relocations (1.7 MB of the binary). tools/embed_geo.sh keeps only rows
 * whose fields fit. */
typedef struct gdelt_geo_row {
    char entry[12];   /* an ISO 3166 alpha-3 country, or a GeoNames id "gn745044" */
    char code[12];    /* its FIPS country code ("TU"), or FIPS country + admin-1 ("TU34") */
} gdelt_geo_row;

/* Sorted by entry (strcmp order); gdelt_geo_nrows rows before an empty one. */
extern const gdelt_geo_row gdelt_geo_rows[];
extern const size_t gdelt_geo_nrows;

/* The code of entry: a country's FIPS code for its ISO alpha-3 code, a
 * GeoNames place's ADM1 code for its id; NULL when the table has none
 * (entry NULL or empty included). Static data: never freed. */
const char *gdelt_geo_code(const char *entry);
#endif
