/* dates.c - the date a sentence names, resolved against the publication
 * date, for the events the coder finds in it (events.c asks once per
 * sentence).
 *
 * News rarely writes a full date: it says "hier", "last Tuesday", "il y a
 * deux jours", "le 5 juillet dernier". Each is a day counted back (or, with
 * "prochain"/"next", forward) from the article's date; a weekday named
 * alone ("mardi", "on Tuesday") is the latest such day on or before it, as
 * news reports what happened; with "dernier"/"last" it is strictly before.
 * A month and a day ("le 5 juillet", "July 5") take the article's year,
 * or the year before when that would put them after the article and
 * "dernier"/"last" says they are past, or when the month is after the
 * article's; a four-digit year next to them wins. Only norm keys are read
 * (lower case, apostrophes folded), so French and English share one pass. */
#include "dates.h"

#include <stdlib.h>
#include <string.h>

long dyadi_days_from_civil(long y, int m, int d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void dyadi_civil_from_days(long z, long *y, int *m, int *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = yoe + era * 400 + (*m <= 2);
}

int dyadi_days_in_month(long y, int m)
{
    static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m < 1 || m > 12 ? 0 : m == 2 && leap ? 29 : dm[m - 1];
}

static const char *const MONTHS[2][12] = {
    {"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
     "octobre", "novembre", "décembre"},
    {"january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"}};
/* Monday first, as dyadi weekday numbers (0 = Monday). */
static const char *const WEEKDAYS[2][7] = {
    {"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"},
    {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}};
/* Small numbers written as words, 1..10. */
static const char *const NUMBERS[2][10] = {
    {"un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix"},
    {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"}};

static int index_in(const char *const *list, int n, const char *w)
{
    for (int i = 0; i < n; i++)
        if (strcmp(list[i], w) == 0)
            return i;
    return -1;
}

static int month_of(const char *w)
{
    if (!w)
        return 0;
    for (int l = 0; l < 2; l++) {
        int i = index_in(MONTHS[l], 12, w);
        if (i >= 0)
            return i + 1;
    }
    return strcmp(w, "aout") == 0 ? 8 : strcmp(w, "fevrier") == 0 ? 2 : 0;
}

static int weekday_of(const char *w)
{
    for (int l = 0; w && l < 2; l++) {
        int i = index_in(WEEKDAYS[l], 7, w);
        if (i >= 0)
            return i;
    }
    return -1;
}

/* 1..99 from digits or a number word ("a"/"an"/"une" count as one); 0. */
static int count_of(const dyad_token *t)
{
    const char *w = t->norm;
    if (!w)
        return 0;
    if (t->kind == DYAD_TOK_NUMBER) {
        char *e = NULL;
        long v = strtol(w, &e, 10);
        return e && *e == '\0' && v >= 1 && v <= 99 ? (int)v : 0;
    }
    for (int l = 0; l < 2; l++) {
        int i = index_in(NUMBERS[l], 10, w);
        if (i >= 0)
            return i + 1;
    }
    return strcmp(w, "a") == 0 || strcmp(w, "an") == 0 || strcmp(w, "une") == 0 ? 1 : 0;
}

static int is(const dyad_token *tok, uint32_t i, uint32_t first, uint32_t end, const char *w)
{
    return i >= first && i < end && tok[i].norm && strcmp(tok[i].norm, w) == 0;
}

/* "dernier"/"dernière"/"passé" after, "last"/"past" before: the past one. */
static int past_marker(const dyad_token *tok, uint32_t at, uint32_t last, uint32_t first,
                       uint32_t end)
{
    return is(tok, last + 1, first, end, "dernier") || is(tok, last + 1, first, end, "dernière") ||
           is(tok, last + 1, first, end, "passé") || is(tok, last + 1, first, end, "passée") ||
           (at > first && (is(tok, at - 1, first, end, "last") ||
                           is(tok, at - 1, first, end, "past")));
}

static int next_marker(const dyad_token *tok, uint32_t at, uint32_t last, uint32_t first,
                       uint32_t end)
{
    return is(tok, last + 1, first, end, "prochain") ||
           is(tok, last + 1, first, end, "prochaine") ||
           (at > first && is(tok, at - 1, first, end, "next"));
}

static uint32_t ymd_of_days(long z)
{
    long y;
    int m, d;
    dyadi_civil_from_days(z, &y, &m, &d);
    if (y < 1 || y > 9999)
        return 0;
    return (uint32_t)(y * 10000 + m * 100 + d);
}

static uint32_t month_day(uint32_t base, int month, long day, long year, int past)
{
    long by = base / 10000;
    int bm = (int)(base / 100 % 100), bd = (int)(base % 100);
    if (year) {
        by = year;
    } else if (month > bm || (past && month == bm && bd && day > bd)) {
        by--;
    }
    if (day < 1 || day > dyadi_days_in_month(by, month))
        return 0;
    return (uint32_t)(by * 10000 + month * 100 + day);
}

/* A four-digit year at i, else 0. */
static long year_at(const dyad_token *tok, uint32_t i, uint32_t end)
{
    if (i >= end || tok[i].kind != DYAD_TOK_NUMBER || !tok[i].norm || strlen(tok[i].norm) != 4)
        return 0;
    long y = strtol(tok[i].norm, NULL, 10);
    return y >= 1900 && y <= 2100 ? y : 0;
}

static long day_at(const dyad_token *tok, uint32_t i, uint32_t first, uint32_t end)
{
    if (i < first || i >= end || tok[i].kind != DYAD_TOK_NUMBER || !tok[i].norm)
        return 0;
    char *e = NULL;
    long d = strtol(tok[i].norm, &e, 10);
    return e && *e == '\0' && d >= 1 && d <= 31 ? d : 0;
}

/* Every word that can anchor a date expression, in strcmp (byte) order, so
 * that a sentence's other words cost one binary search each. Keep it
 * sorted: a word out of order is never found (tests/test_dates.c uses
 * each kind). */
static const char *const DATE_WORDS[] = {
    "ago", "aout", "août", "april", "august", "aujourd'hui", "avant-hier", "avril", "december",
    "dimanche", "décembre", "february", "fevrier", "friday", "février", "hier", "il", "january",
    "janvier", "jeudi", "juillet", "juin", "july", "june", "lundi", "mai", "march", "mardi",
    "mars", "may", "mercredi", "mois", "monday", "month", "november", "novembre", "october",
    "octobre", "samedi", "saturday", "semaine", "september", "septembre", "sunday", "thursday",
    "today", "tuesday", "vendredi", "wednesday", "week", "yesterday",
};

static int cmp_word(const void *k, const void *e)
{
    return strcmp((const char *)k, *(const char *const *)e);
}

static int date_word(const char *w)
{
    return bsearch(w, DATE_WORDS, sizeof DATE_WORDS / sizeof DATE_WORDS[0], sizeof DATE_WORDS[0],
                   cmp_word) != NULL;
}

uint32_t dyadi_sentence_date(const dyad_token *tok, uint32_t first, uint32_t end, uint32_t base)
{
    if (!base || !tok)
        return 0;
    int has_day = base % 100 != 0;
    long bz = has_day ? dyadi_days_from_civil(base / 10000, (int)(base / 100 % 100),
                                              (int)(base % 100))
                      : 0;
    for (uint32_t i = first; i < end; i++) {
        const char *w = tok[i].norm;
        if (!w || tok[i].kind != DYAD_TOK_WORD || !date_word(w))
            continue;
        int mo = month_of(w);
        if (mo) {
            /* "5 juillet [2015] [dernier]", "July 5[,] [2015]" */
            long d = i > first ? day_at(tok, i - 1, first, end) : 0;
            uint32_t last = i, at = d ? i - 1 : i;
            if (!d) {
                d = day_at(tok, i + 1, first, end);
                last = i + 1;
            }
            if (d) {
                uint32_t yi = last + 1 + (is(tok, last + 1, first, end, ",") ? 1 : 0);
                long y = year_at(tok, yi, end);
                if (y)
                    last = yi;
                uint32_t r = month_day(base, mo, d, y, past_marker(tok, at, last, first, end));
                if (r)
                    return r;
            }
            /* "le mois de juillet dernier", "last July": that month */
            if (past_marker(tok, i, i, first, end)) {
                long y = base / 10000 - (mo >= (int)(base / 100 % 100));
                return (uint32_t)(y * 10000 + mo * 100);
            }
            continue;
        }
        if (strcmp(w, "semaine") == 0 || strcmp(w, "week") == 0 || strcmp(w, "mois") == 0 ||
            strcmp(w, "month") == 0) {
            int month = w[0] == 'm';
            if (!past_marker(tok, i, i, first, end))
                continue;
            if (month) {
                long y = base / 10000;
                int m = (int)(base / 100 % 100) - 1;
                if (m < 1) {
                    m = 12;
                    y--;
                }
                return (uint32_t)(y * 10000 + m * 100);
            }
            if (has_day)
                return ymd_of_days(bz - 7);
            continue;
        }
        if (!has_day)
            continue;
        if (strcmp(w, "avant-hier") == 0 ||
            (strcmp(w, "yesterday") == 0 && i >= first + 2 && is(tok, i - 1, first, end, "before") &&
             is(tok, i - 2, first, end, "day")))
            return ymd_of_days(bz - 2);
        if (strcmp(w, "hier") == 0 || strcmp(w, "yesterday") == 0)
            return ymd_of_days(bz - 1);
        if (strcmp(w, "aujourd'hui") == 0 || strcmp(w, "today") == 0)
            return base;
        /* "two days ago", "a week ago" */
        if ((strcmp(w, "ago") == 0) && i >= first + 2) {
            int n = count_of(&tok[i - 2]);
            const char *u = tok[i - 1].norm;
            if (n && u && (strcmp(u, "days") == 0 || strcmp(u, "day") == 0))
                return ymd_of_days(bz - n);
            if (n && u && (strcmp(u, "weeks") == 0 || strcmp(u, "week") == 0))
                return ymd_of_days(bz - 7L * n);
        }
        /* "il y a trois jours", "il y a une semaine" */
        if (strcmp(w, "il") == 0 && is(tok, i + 1, first, end, "y") &&
            is(tok, i + 2, first, end, "a") && i + 4 < end) {
            int n = count_of(&tok[i + 3]);
            const char *u = tok[i + 4].norm;
            if (n && u && (strcmp(u, "jours") == 0 || strcmp(u, "jour") == 0))
                return ymd_of_days(bz - n);
            if (n && u && (strcmp(u, "semaines") == 0 || strcmp(u, "semaine") == 0))
                return ymd_of_days(bz - 7L * n);
        }
        int wd = weekday_of(w);
        if (wd >= 0) {
            int bw = (int)(((bz % 7) + 7 + 3) % 7);   /* 1970-01-01 was a Thursday */
            int back = (bw - wd + 7) % 7;
            if (next_marker(tok, i, i, first, end))
                return ymd_of_days(bz + (back ? 7 - back : 7));
            if (back == 0 && past_marker(tok, i, i, first, end))
                back = 7;
            /* "mardi 5 juillet": the month and day say it better */
            if (month_of(i + 2 < end ? tok[i + 2].norm : NULL) && day_at(tok, i + 1, first, end))
                continue;
            return ymd_of_days(bz - back);
        }
    }
    return 0;
}
