/* langid.c - document language from function words.
 *
 * Runs after tokens and norm keys and before stems, which are per language.
 * News text is long enough that counting function words ("le", "the",
 * "der", "el") decides it: each word token whose norm key is in a language's
 * stopword list (data/text/LANG/stopwords.txt) votes for that language,
 * split evenly when several lists share it ("de", "a", "on"). The answer is
 * "und" when the evidence is thin (too few votes) or close (no clear
 * margin); Spanish and German are only answered on strong evidence, since
 * the rest of the pipeline has data for French and English only. At most
 * LANGID_MAX_WORDS word tokens are read: more never changes the answer and
 * a huge document stays cheap. */
#include "text.h"
#include "text_tables.h"

#include <string.h>

#define LANGID_MAX_WORDS 5000
#define LANGID_MIN_VOTES 2.0

unsigned dyadi_stopword_langs(const char *key)
{
    size_t lo = 0, hi = dyadi_n_stopwords;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int r = strcmp(key, dyadi_stopwords[mid].s);
        if (r == 0)
            return dyadi_stopwords[mid].langs;
        if (r < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return 0;
}

const char *dyadi_langid(const dyad_token *tokens, size_t ntok)
{
    static const char *const names[4] = {"fr", "en", "es", "de"};
    static const unsigned bits[4] = {DYADI_L_FR, DYADI_L_EN, DYADI_L_ES, DYADI_L_DE};
    double score[4] = {0, 0, 0, 0};
    size_t words = 0;
    for (size_t i = 0; i < ntok && words < LANGID_MAX_WORDS; i++) {
        if (tokens[i].kind != DYAD_TOK_WORD || !tokens[i].norm)
            continue;
        words++;
        unsigned m = dyadi_stopword_langs(tokens[i].norm);
        if (!m)
            continue;
        int k = 0;
        for (int l = 0; l < 4; l++)
            k += (m & bits[l]) != 0;
        for (int l = 0; l < 4; l++)
            if (m & bits[l])
                score[l] += 1.0 / k;
    }
    int best = 0, second = -1;
    for (int l = 1; l < 4; l++) {
        if (score[l] > score[best]) {
            second = best;
            best = l;
        } else if (second < 0 || score[l] > score[second]) {
            second = l;
        }
    }
    double b = score[best], s = score[second];
    if (b < LANGID_MIN_VOTES || b < 1.5 * s + 0.5)
        return "und";
    if (best >= 2 && (b < 5.0 || b < 2.0 * s))
        return "und";               /* es/de: only when it is beyond doubt */
    return names[best];
}
