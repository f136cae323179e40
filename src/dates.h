/* dates.h - calendar arithmetic and the dates that words name relative to a
 * publication date (dates.c). Internal. */
#ifndef DYAD_DATES_H
#define DYAD_DATES_H
#include "dyad.h"

#include <stdint.h>

/* Days since 1970-01-01 of a proleptic Gregorian date, and back. */
long dyadi_days_from_civil(long y, int m, int d);
void dyadi_civil_from_days(long z, long *y, int *m, int *d);
int dyadi_days_in_month(long y, int m);

/* The date (YYYYMMDD; YYYYMM00 for a month) that the words of tokens
 * [first, end) name, resolved against the publication date base (YYYYMMDD,
 * or YYYYMM00 when only its month is known): "le 5 juillet dernier", "July
 * 5, 2015", "hier", "avant-hier", "yesterday", "two days ago", "il y a
 * trois jours", "last Tuesday", "mardi", "la semaine dernière", "last
 * month". 0 when they name none (or a day relative to a base without a
 * day). The first expression of the sentence wins. */
uint32_t dyadi_sentence_date(const dyad_token *tok, uint32_t first, uint32_t end, uint32_t base);
#endif
