/* sentences.c - sentence segmentation over the token array.
 *
 * Third text stage (after tokens and keys): it walks the tokens once and
 * cuts sentences, reading the original text only for the whitespace between
 * two tokens (newlines). Working on tokens rather than bytes means the hard
 * cases were already settled by the tokenizer: "U.S.", "M." and initials are
 * single word tokens that end with a period, "..." is one token. Rules:
 *  - . ! ? ... end a sentence when the next token starts one (a capital, a
 *    digit, an opening quote); closing quotes and brackets and further
 *    terminals right after it belong to the sentence ("communs.". Le");
 *    so a quote inside a sentence never breaks it, and « Assez ! » a-t-il
 *    dit stays one sentence (lower-case after the quote);
 *  - an abbreviation ends a sentence only when it is not a title (M., Dr.,
 *    Gen.) and the next word is a capitalised function word ("... in the
 *    U.S. The ..."); initials "J. Smith" never do;
 *  - a blank line always ends a sentence; a single newline does when the
 *    next line starts with a capital, digit or punctuation and the line
 *    before did not end with a comma-like mark (headlines, lists);
 *  - colons and semicolons never do;
 *  - a sentence is cut after DYADI_MAX_SENT_TOKENS tokens so later stages,
 *    which may work per sentence in quadratic time, stay bounded on text
 *    with no punctuation. */
#include "text.h"
#include "text_tables.h"

#include <string.h>

#define DYADI_MAX_SENT_TOKENS 1000

static int tok_is(const char *text, const dyad_token *t, const char *s)
{
    size_t n = strlen(s);
    return t->span.end - t->span.start == n && memcmp(text + t->span.start, s, n) == 0;
}

static int is_terminal(const char *text, const dyad_token *t)
{
    if (t->kind != DYAD_TOK_PUNCT)
        return 0;
    char ch = text[t->span.start];
    return ch == '.' || ch == '!' || ch == '?' || tok_is(text, t, "\xE2\x80\xA6") ||
           tok_is(text, t, "\xEF\xBC\x81") || tok_is(text, t, "\xEF\xBC\x9F");
}

static int is_ellipsis(const char *text, const dyad_token *t)
{
    return (t->span.end - t->span.start >= 2 && text[t->span.start] == '.') ||
           tok_is(text, t, "\xE2\x80\xA6");
}

/* Quote direction: 1 opening, 2 closing, 0 not a quote. Straight quotes
 * ("  ') are opening when glued to the word after and not the one before. */
static int quote_dir(const char *text, const dyad_token *tok, size_t ntok, size_t i)
{
    const dyad_token *t = &tok[i];
    if (!(t->flags & DYAD_TOKF_QUOTE))
        return 0;
    unsigned char b0 = (unsigned char)text[t->span.start];
    unsigned char b1 = t->span.end - t->span.start > 1 ? (unsigned char)text[t->span.start + 1] : 0;
    unsigned char b2 = t->span.end - t->span.start > 2 ? (unsigned char)text[t->span.start + 2] : 0;
    if (b0 == 0xC2 && b1 == 0xAB)
        return 1;                                       /* « */
    if (b0 == 0xC2 && b1 == 0xBB)
        return 2;                                       /* » */
    if (b0 == 0xE2 && b1 == 0x80) {
        if (b2 == 0x9C || b2 == 0x9E || b2 == 0xB9 || b2 == 0x9A || b2 == 0x9F)
            return 1;                                   /* “ „ ‹ ‚ ‟ */
        if (b2 == 0x9D || b2 == 0xBA)
            return 2;                                   /* ” › */
    }
    int glued_before = i > 0 && tok[i - 1].span.end == t->span.start;
    int glued_after = i + 1 < ntok && tok[i + 1].span.start == t->span.end;
    if (glued_before && !glued_after)
        return 2;
    if (glued_after && !glued_before)
        return 1;
    return glued_before ? 2 : 1;
}

static int is_closing_bracket(const char *text, const dyad_token *t)
{
    return t->kind == DYAD_TOK_PUNCT && t->span.end - t->span.start == 1 &&
           (text[t->span.start] == ')' || text[t->span.start] == ']' || text[t->span.start] == '}');
}

/* Newlines in the gap text[a, b): 0, 1, or 2 for a blank line. */
static int gap_newlines(const char *text, size_t a, size_t b)
{
    int nl = 0;
    for (size_t k = a; k < b; k++) {
        if (text[k] == '\n') {
            if (++nl >= 2)
                return 2;
        } else if (text[k] == '\r') {
            if (k + 1 < b && text[k + 1] == '\n')
                continue;                           /* CRLF counts once */
            if (++nl >= 2)
                return 2;
        }
    }
    return nl;
}

/* A run of three or more spaces or tabs with no line break in the gap
 * text[a, b): a line break lost when the text was flattened ("...  World
 * War I.    1934 - Adolf Hitler", "11 killed in bus bombing   BANTUL,
 * Indonesia:"). */
static int gap_wide(const char *text, size_t a, size_t b)
{
    size_t run = 0;
    for (size_t k = a; k < b; k++) {
        if (text[k] != ' ' && text[k] != '\t')
            return 0;
        run++;
    }
    return run >= 3;
}

/* The token's text lower-cased (ASCII) into buf for a stopword lookup;
 * prefers its norm key when the coder has set it. */
static const char *lower_key(const char *text, const dyad_token *t, char *buf, size_t cap)
{
    if (t->norm)
        return t->norm;
    size_t n = t->span.end - t->span.start;
    if (n >= cap)
        return NULL;
    for (size_t k = 0; k < n; k++) {
        char ch = text[t->span.start + k];
        buf[k] = (ch >= 'A' && ch <= 'Z') ? (char)(ch + 32) : ch;
    }
    buf[n] = '\0';
    return buf;
}

/* Does token i look like the start of a sentence? */
static int starts_sentence(const char *text, const dyad_token *tok, size_t ntok, size_t i)
{
    const dyad_token *t = &tok[i];
    if (t->flags & DYAD_TOKF_CAPITAL)
        return 1;
    if (t->kind == DYAD_TOK_NUMBER)
        return 1;
    if (quote_dir(text, tok, ntok, i) == 1)
        return 1;
    if (t->kind == DYAD_TOK_PUNCT && (text[t->span.start] == '(' || text[t->span.start] == '-' ||
                                      tok_is(text, t, "\xE2\x80\x94") ||   /* — */
                                      tok_is(text, t, "\xE2\x80\x93") ||   /* – */
                                      tok_is(text, t, "\xE2\x80\xA2") ||   /* • */
                                      text[t->span.start] == '\xC2'))      /* ¿ ¡ */
        return 1;
    return 0;
}

/* Next token starts a sentence after an abbreviation: a capitalised
 * function word ("The", "Le", "Il") or an opening quote. */
static int starts_after_abbrev(const char *text, const dyad_token *tok, size_t ntok, size_t i,
                               unsigned langs)
{
    const dyad_token *t = &tok[i];
    if (quote_dir(text, tok, ntok, i) == 1)
        return 1;
    if (!(t->flags & DYAD_TOKF_CAPITAL) || t->kind != DYAD_TOK_WORD)
        return 0;
    char buf[32];
    const char *key = lower_key(text, t, buf, sizeof buf);
    return key && (dyadi_stopword_langs(key) & langs) != 0;
}

static int is_abbrev_token(const char *text, const dyad_token *t)
{
    return t->kind == DYAD_TOK_WORD && t->span.end - t->span.start > 1 &&
           text[t->span.end - 1] == '.';
}

static int push_sentence(dyadi_vec *sents, const dyad_token *tok, size_t first, size_t end)
{
    if (end <= first)
        return 1;
    dyad_sentence *s = dyadi_vec_push(sents);
    if (!s)
        return 0;
    s->span.start = tok[first].span.start;
    s->span.end = tok[end - 1].span.end;
    s->first_token = (uint32_t)first;
    s->n_tokens = (uint32_t)(end - first);
    return 1;
}

dyad_status dyadi_segment(const char *text, size_t len, const char *lang,
                          const dyad_token *tok, size_t ntok, dyadi_vec *sents)
{
    (void)len;
    unsigned langs = DYADI_L_FR | DYADI_L_EN;
    if (lang && strcmp(lang, "fr") == 0)
        langs = DYADI_L_FR;
    else if (lang && strcmp(lang, "en") == 0)
        langs = DYADI_L_EN;

    size_t start = 0;
    size_t i = 0;
    while (i < ntok) {
        if (i > start) {
            /* line breaks before token i */
            const dyad_token *prev = &tok[i - 1];
            int nl = gap_newlines(text, prev->span.end, tok[i].span.start);
            int cut = nl >= 2;
            if ((nl == 1 || (nl == 0 && gap_wide(text, prev->span.end, tok[i].span.start))) &&
                starts_sentence(text, tok, ntok, i)) {
                char pc = text[prev->span.end - 1];
                cut = !(prev->kind == DYAD_TOK_PUNCT && (pc == ',' || pc == ';' || pc == ':' ||
                                                         pc == '(' || pc == '-')) &&
                      !(prev->flags & DYAD_TOKF_ELIDED);
            }
            if (cut || i - start >= DYADI_MAX_SENT_TOKENS) {
                if (!push_sentence(sents, tok, start, i))
                    return DYAD_ERR_NOMEM;
                start = i;
            }
        }
        const dyad_token *t = &tok[i];
        size_t j = i + 1;
        int brk = 0;
        if (is_terminal(text, t)) {
            /* closing quotes, brackets and more terminals on the same line */
            while (j < ntok && gap_newlines(text, tok[j - 1].span.end, tok[j].span.start) == 0 &&
                   (quote_dir(text, tok, ntok, j) == 2 || is_closing_bracket(text, &tok[j]) ||
                    is_terminal(text, &tok[j])))
                j++;
            if (j < ntok) {
                if (is_ellipsis(text, t) && !(tok[j].flags & DYAD_TOKF_CAPITAL) &&
                    quote_dir(text, tok, ntok, j) != 1)
                    brk = 0;
                else
                    brk = starts_sentence(text, tok, ntok, j);
            }
        } else if (is_abbrev_token(text, t) && j < ntok) {
            const dyadi_abbrev *ab = dyadi_abbrev_find(text + t->span.start, t->span.end - t->span.start);
            /* a closing quote right after the period ("... in the U.S.” Then")
             * says the period was also the sentence's */
            size_t q = j;
            while (q < ntok && gap_newlines(text, tok[q - 1].span.end, tok[q].span.start) == 0 &&
                   (quote_dir(text, tok, ntok, q) == 2 || is_closing_bracket(text, &tok[q])))
                q++;
            if (q > j) {
                j = q;
                brk = j < ntok && starts_sentence(text, tok, ntok, j);
            } else if (!(ab && ab->title)) {
                brk = starts_after_abbrev(text, tok, ntok, j, langs);
            }
        }
        if (brk) {
            if (!push_sentence(sents, tok, start, j))
                return DYAD_ERR_NOMEM;
            start = j;
        }
        i = j;
    }
    if (!push_sentence(sents, tok, start, ntok))
        return DYAD_ERR_NOMEM;
    return DYAD_OK;
}
