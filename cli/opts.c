/* opts.c - the option table parser shared by every subcommand, and the
 * JSON string writer used by every JSON Lines output. */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

int cli_verbosity = 1;

static void print_help(FILE *f, const char *usage, const char *summary,
                       const cli_opt *opts, size_t nopts)
{
    fprintf(f, "usage: %s\n\n%s\n\noptions:\n", usage, summary);
    for (size_t i = 0; i < nopts; i++) {
        char left[64];
        if (opts[i].short_name)
            snprintf(left, sizeof left, "-%c, --%s%s%s", opts[i].short_name, opts[i].name,
                     opts[i].arg ? " " : "", opts[i].arg ? opts[i].arg : "");
        else
            snprintf(left, sizeof left, "    --%s%s%s", opts[i].name,
                     opts[i].arg ? " " : "", opts[i].arg ? opts[i].arg : "");
        fprintf(f, "  %-28s %s\n", left, opts[i].help);
    }
    fprintf(f, "  %-28s %s\n", "-q, --quiet", "only errors on stderr");
    fprintf(f, "  %-28s %s\n", "-v, --verbose", "more messages on stderr");
    fprintf(f, "  %-28s %s\n", "-h, --help", "this help");
}

int cli_parse(int argc, char **argv, const char *usage, const char *summary,
              const cli_opt *opts, size_t nopts, cli_args *out)
{
    out->values = calloc(nopts ? nopts : 1, sizeof *out->values);
    out->pos = calloc((size_t)argc + 1, sizeof *out->pos);
    out->npos = 0;
    if (!out->values || !out->pos) {
        fprintf(stderr, "dyad: out of memory\n");
        return EXIT_FAIL;
    }
    int only_pos = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (only_pos || a[0] != '-' || strcmp(a, "-") == 0) {
            out->pos[out->npos++] = a;
            continue;
        }
        if (strcmp(a, "--") == 0) {
            only_pos = 1;
            continue;
        }
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            print_help(stdout, usage, summary, opts, nopts);
            return -1;
        }
        if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0) {
            cli_verbosity = 0;
            continue;
        }
        if (strcmp(a, "-v") == 0 || strcmp(a, "--verbose") == 0) {
            cli_verbosity = 2;
            continue;
        }
        size_t k = nopts;
        const char *inline_val = NULL;
        if (a[1] == '-') {
            const char *name = a + 2;
            const char *eq = strchr(name, '=');
            size_t nl = eq ? (size_t)(eq - name) : strlen(name);
            for (size_t j = 0; j < nopts; j++)
                if (strlen(opts[j].name) == nl && strncmp(opts[j].name, name, nl) == 0)
                    k = j;
            if (eq)
                inline_val = eq + 1;
        } else if (a[2] == '\0') {
            for (size_t j = 0; j < nopts; j++)
                if (opts[j].short_name == a[1])
                    k = j;
        }
        if (k == nopts) {
            fprintf(stderr, "dyad %s: unknown option '%s' (see --help)\n", argv[0], a);
            return EXIT_USAGE;
        }
        if (opts[k].arg) {
            if (inline_val)
                out->values[k] = inline_val;
            else if (i + 1 < argc)
                out->values[k] = argv[++i];
            else {
                fprintf(stderr, "dyad %s: option '--%s' needs a value %s\n", argv[0],
                        opts[k].name, opts[k].arg);
                return EXIT_USAGE;
            }
        } else {
            if (inline_val) {
                fprintf(stderr, "dyad %s: option '--%s' takes no value\n", argv[0], opts[k].name);
                return EXIT_USAGE;
            }
            out->values[k] = "1";
        }
    }
    return 0;
}

void cli_args_free(cli_args *a)
{
    free(a->values);
    free(a->pos);
    a->values = NULL;
    a->pos = NULL;
}

const char *cli_get(const cli_args *a, const cli_opt *opts, size_t nopts, const char *name)
{
    for (size_t i = 0; i < nopts; i++)
        if (strcmp(opts[i].name, name) == 0)
            return a->values[i];
    return NULL;
}

/* Length of a valid UTF-8 sequence at s (n bytes left), 0 if invalid. */
static size_t utf8_valid_len(const unsigned char *s, size_t n)
{
    unsigned c = s[0];
    size_t len;
    unsigned min;
    if (c < 0x80) return 1;
    if (c >= 0xC2 && c <= 0xDF) { len = 2; min = 0x80; }
    else if (c >= 0xE0 && c <= 0xEF) { len = 3; min = 0x800; }
    else if (c >= 0xF0 && c <= 0xF4) { len = 4; min = 0x10000; }
    else return 0;
    if (n < len) return 0;
    unsigned cp = c & (0x7Fu >> len);
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (s[i] & 0x3Fu);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    return len;
}

void json_str(FILE *f, const char *str, size_t n)
{
    const unsigned char *s = (const unsigned char *)str;
    fputc('"', f);
    size_t i = 0;
    while (i < n) {
        unsigned c = s[i];
        if (c == '"' || c == '\\') {
            fputc('\\', f);
            fputc((int)c, f);
            i++;
        } else if (c < 0x20) {
            switch (c) {
            case '\n': fputs("\\n", f); break;
            case '\t': fputs("\\t", f); break;
            case '\r': fputs("\\r", f); break;
            default: fprintf(f, "\\u%04x", c); break;
            }
            i++;
        } else if (c < 0x80) {
            fputc((int)c, f);
            i++;
        } else {
            size_t l = utf8_valid_len(s + i, n - i);
            if (l == 0) {
                fputs("\xEF\xBF\xBD", f);
                i++;
            } else {
                fwrite(s + i, 1, l, f);
                i += l;
            }
        }
    }
    fputc('"', f);
}

void json_cstr(FILE *f, const char *s)
{
    if (!s)
        fputs("null", f);
    else
        json_str(f, s, strlen(s));
}
