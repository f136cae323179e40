/* test_reader.c - document readers: every input format, auto-detection,
 * ids, directory order, and each kind of bad input (malformed, truncated,
 * NUL bytes, binary, oversized, unreadable, empty), which must be reported
 * with file, line and byte offset and then skipped. */
#define _XOPEN_SOURCE 700   /* nftw, to clean up the test folder */
#include "testutil.h"

#include <errno.h>
#include <jansson.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

static char tmpdir[64];

/* Write a file under tmpdir; returns its path in a static buffer. */
static const char *put(const char *name, const void *data, size_t n)
{
    static char path[256];
    snprintf(path, sizeof path, "%s/%s", tmpdir, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, n, f), n);
    assert_int_equal(fclose(f), 0);
    return path;
}

static const char *puts_file(const char *name, const char *s) { return put(name, s, strlen(s)); }

static const char *sub(const char *name)
{
    static char path[256];
    snprintf(path, sizeof path, "%s/%s", tmpdir, name);
    return path;
}

static dyad_reader *reader(dyad_input_format fmt, const char *date, size_t max)
{
    dyad_reader_options o = {fmt, date, NULL, max};
    dyad_reader *r = dyad_reader_new(&o);
    assert_non_null(r);
    return r;
}

/* The article: the text after its body offset (a seed header, a BOM). */
static int text_is(const dyad_doc *d, const char *s)
{
    return d->body <= d->text_len && d->text_len - d->body == strlen(s) &&
           memcmp(d->text + d->body, s, d->text_len - d->body) == 0;
}

/* The whole text, as the file has it: spans index it. */
static int whole_is(const dyad_doc *d, const char *s)
{
    return d->text_len == strlen(s) && memcmp(d->text, s, d->text_len) == 0;
}

/* errmsg starts with "<tmpdir>/<name>:<rest>" */
static void assert_msg(const dyad_reader *r, const char *name, const char *rest)
{
    char want[512];
    snprintf(want, sizeof want, "%s/%s:%s", tmpdir, name, rest);
    const char *m = dyad_reader_errmsg(r);
    if (strncmp(m, want, strlen(want)) != 0)
        fail_msg("errmsg '%s' does not start with '%s'", m, want);
}

static int rm_entry(const char *p, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st; (void)flag; (void)ftw;
    chmod(p, 0700);
    return remove(p);
}

static int setup(void **state)
{
    (void)state;
    const char *t = getenv("TMPDIR");
    snprintf(tmpdir, sizeof tmpdir, "%s/dyad-reader-XXXXXX", t && strlen(t) < 30 ? t : "/tmp");
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    return nftw(tmpdir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* ------------------------------------------------------------------------ */

static void seed_date(void **state)
{
    (void)state;
    dyad_doc d;
    dyad_reader *r = reader(DYAD_INPUT_AUTO, "1999-01", 0);
    /* the article may start on the date line, after blanks */
    assert_int_equal(dyad_reader_open(r, puts_file("s1.txt", " date 2022-08 En plein milieu.\n")),
                     DYAD_OK);
    assert_int_equal(dyad_reader_next(r, &d), DYAD_OK);
    assert_string_equal(d.date, "2022-08");
    assert_true(text_is(&d, "En plein milieu.\n"));
    assert_true(whole_is(&d, " date 2022-08 En plein milieu.\n"));
    assert_int_equal(d.body, 14);
    assert_int_equal(dyad_reader_line(r), 1);
    assert_int_equal(dyad_reader_next(r, &d), DYAD_DONE);
    /* or on the next line */
    assert_int_equal(dyad_reader_open(r, puts_file("s2.txt", "date\t2021-02-03\n\nLe texte.")),
                     DYAD_OK);
    assert_int_equal(dyad_reader_next(r, &d), DYAD_OK);
    assert_string_equal(d.date, "2021-02-03");
    assert_true(text_is(&d, "Le texte."));
    assert_true(whole_is(&d, "date\t2021-02-03\n\nLe texte."));
    assert_null(d.lang);
    assert_null(d.title);
    dyad_reader_free(r);
}

static void seed_example(void **state)
{
    (void)state;
    dyad_doc d;
    dyad_reader *r = reader(DYAD_INPUT_AUTO, NULL, 0);
    assert_int_equal(dyad_reader_open(r, "examples/2022-08_russia-allies.fr.txt"), DYAD_OK);
    assert_int_equal(dyad_reader_next(r, &d), DYAD_OK);
    assert_string_equal(d.date, "2022-08");
    assert_true(d.text_len > 1000);
    assert_memory_equal(d.text, " date 2022-08 En plein milieu", 29);
    assert_int_equal(d.body, 14);
    assert_string_equal(dyad_reader_file(r), "examples/2022-08_russia-allies.fr.txt");
    assert_int_equal(dyad_reader_next(r, &d), DYAD_DONE);
    dyad_reader_free(r);
}

static void seed_bad_header(void **state)
{
    (void)state;
    dyad_doc d;
    dyad_reader *r = reader(DYAD_INPUT_SEED, NULL, 0);
    /* a bad date is not a seed header; forced seed reports it */
    assert_int_equal(dyad_reader_open(r, puts_file("sb.txt", "date 2022-13 Texte.\n")), DYAD_OK);
    assert_int_equal(dyad_reader_next(r, &d), DYAD_ERR_FORMAT);
    assert_msg(r, "sb.txt", "1: byte 0: a seed file starts with");
    assert_int_equal(dyad_reader_next(r, &d), DYAD_DONE);
    dyad_reader_free(r);
    /* in auto mode the same file is plain text */
    r = reader(DYAD_INPUT_AUTO, NULL, 0);
    assert_int_equal(dyad_reader_open(r, sub("sb.txt")), DYAD_OK);
    assert_int_equal(dyad_reader_next(r, &d), DYAD_OK);
    assert_null(d.date);
    assert_true(text_is(&d, "date 2022-13 Texte.\n"));
    dyad_reader_free(r);
}

static void text_plain(void **state)
{
    (void)state;
    dyad_doc d;
    dyad_reader_options o = {DYAD_INPUT_TEXT, "2020-05-06", "fr", 0};
    dyad_reader *r = dyad_reader_new(&o);
    assert_non_null(r);
    assert_int_equal(dyad_reader_open(r, puts_file("t.txt", "Une phrase.\nDeux.\n")), DYAD_OK);
    assert_int_equal(dyad_reader_next(r, &d), DYAD_OK);
    assert_true(text_is(&d, "Une phrase.\nDeux.\n"));
    assert_string_equal(d.date, "2020-05-06");
    assert_string_equal(d.lang, "fr");
    assert_int_equal(dyad_reader_next(r, &d), DYAD_DONE);
    assert_int_equal(dyad_reader_next(r, &d), DYAD_DONE);
    /* forced text keeps a seed header as text */
    assert_int_equal(dyad_reader_open(r, puts_file("t2.txt", "date 2022-08 X")), DYAD_OK);
    assert_int_equal(dyad_reader_next(r, &d), DYAD_OK);
    assert_true(text_is(&d, "date 2022-08 X"));
    assert_int_equal(d.body, 0);
    /* a byte-order mark is not text */
    assert_int_equal(dyad_reader_open(r, puts_file("t3.txt", "\xEF\xBB\xBFTexte")), DYAD_OK);
    assert_int_equal(dyad_reader_next(r, &d), DYAD_OK);
    assert_true(text_is(&d, "Texte"));
    assert_true(whole_is(&d, "\xEF\xBB\xBFTexte"));
    assert_int_equal(d.body, 3);
    dyad_reader_free(r);
}

static void jsonl_fields(void **state)
{
    (void)state;
    dyad_doc d;
    dyad_reader_options o = {DYAD_INPUT_JSONL, "2000-01", "auto", 0};
    dyad_reader *r = dyad_reader_new(&o);
    assert_non_null(r);
    puts_file("j.jsonl",
              "{\"id\":\"a1\",\"date\":\"2022-08-15\",\"lang\":\"en\",\"title\":\"T\","
              "\"text\":\"Hello \\u00e9.\",\"url\":\"http://x\",\"source\":\"S\"}\n"
              "\n   \r\n"
              "{\"id\":42,\"text\":\"Two\",\"date\":\"2022-08-15T10:20:00Z\"}\r\n"
              "{\"text\":\"Three\",\"date\":null,\"title\":null}");
    assert_int_equal(dyad_reader_open(r, sub("j.jsonl")), DYAD_OK);
    assert_int_equal(dyad_reader_next(r, &d), DYAD_OK);
    assert_string_equal(d.id, "a1");
    assert_string_equal(d.date, "2022-08-15");
    assert_string_equal(d.lang, "en");
    assert_string_equal(d.title, "T");
    assert_string_equal(d.url, "http://x");
    assert_string_equal(d.source, "S");
    assert_true(text_is(&d, "Hello \xC3\xA9."));
    assert_int_equal(dyad_reader_line(r), 1);
    assert_int_equal(dyad_reader_next(r, &d), DYAD_OK);   /* blank lines skipped silently */
    assert_string_equal(d.id, "42");
    assert_string_equal(d.date, "2022-08-15");
    assert_null(d.lang);
    assert_int_equal(dyad_reader_line(r), 4);
    assert_int_equal(dyad_reader_next(r, &d), DYAD_OK);   /* last line without newline */
    assert_string_equal(d.date, "2000-01");               /* the default date */
    assert_null(d.title);
    assert_true(text_is(&d, "Three"));
    assert_int_equal(strlen(d.id), 16);
    assert_int_equal(dyad_reader_next(r, &d), DYAD_DONE);
    dyad_reader_free(r);
}

static void jsonl_bad_line(void **state)
{
    (void)state;
    dyad_doc d;
    dyad_reader *r = reader(DYAD_INPUT_AUTO, NULL, 0);
    const char *l1 = "{\"text\":\"one\"}\n";
    const char *l2 = "{\"text\": oops}\n";
    char buf[256];
    snprintf(buf, sizeof buf, "%s%s%s%s%s%s%s", l1, l2,
             "[1,2]\n",
             "{\"id\":\"x\"}\n",
             "{\"text\":5}\n",
             "{\"text\":\"ok\",\"date\":\"yesterday\"}\n",
             "{\"text\":\"last\"}\n");
    assert_int_equal(dyad_reader_open(r, puts_file("bad.jsonl", buf)), DYAD_OK);
    assert_int_equal(dyad_reader_next(r, &d), DYAD_OK);
    assert_true(text_is(&d, "one"));
    assert_int_equal(dyad_reader_next(r, &d), DYAD_ERR_FORMAT);
    snprintf(buf, sizeof buf, "2: byte %zu: invalid JSON at column", strlen(l1));
    assert_msg(r, "bad.jsonl", buf);
    assert_int_equal(dyad_reader_next(r, &d), DYAD_ERR_FORMAT);
    assert_msg(r, "bad.jsonl", "3: byte 30: record is not a JSON object");
    assert_int_equal(dyad_reader_next(r, &d), DYAD_ERR_FORMAT);
    assert_msg(r, "bad.jsonl", "4: byte 36: no \"text\" member");
    assert_int_equal(dyad_reader_next(r, &d), DYAD_ERR_FORMAT);
    assert_msg(r, "bad.jsonl", "5: byte 47: \"text\" is not a string");
    assert_int_equal(dyad_reader_next(r, &d), DYAD_ERR_FORMAT);
    assert_msg(r, "bad.jsonl", "6: byte 58: \"date\" is not YYYY-MM[-DD]");
    assert_int_equal(dyad_reader_next(r, &d), DYAD_OK);   /* goes on after bad records */
    assert_true(text_is(&d, "last"));
    assert_int_equal(dyad_reader_line(r), 7);
    assert_int_equal(dyad_reader_next(r, &d), DYAD_DONE);
    dyad_reader_free(r);
}

static void jsonl_truncated(void **state)
{
    (void)state;
    dyad_doc d;
    dyad_reader *r = reader(DYAD_INPUT_AUTO, NULL, 0);
    assert_int_equal(dyad_reader_open(r, puts_file("tr.jsonl", "{\"text\":\"a\"}\n{\"text\":\"cut")),
                     DYAD_OK);
    assert_int_equal(dyad_reader_next(r, &d), DYAD_OK);
    assert_int_equal(dyad_reader_next(r, &d), DYAD_ERR_FORMAT);
    assert_msg(r, "tr.jsonl", "2: byte 13: invalid JSON");
    assert_int_equal(dyad_reader_next(r, &d), DYAD_DONE);
    dyad_reader_free(r);
}

static void jsonl_nul(void **state)
{
    (void)state;
    dyad_doc d;
    dyad_reader *r = reader(DYAD_INPUT_AUTO, NULL, 0);
    static const char data[] = "{\"text\":\"a\0b\"}\n{\"text\":\"\\u0000\"}\n{\"text\":\"fine\"}\n";
    assert_int_equal(dyad_reader_open(r, put("nul.jsonl", data, sizeof data - 1)), DYAD_OK);
    assert_int_equal(dyad_reader_next(r, &d), DYAD_ERR_FORMAT);
    assert_msg(r, "nul.jsonl", "1: byte 0: NUL byte at column 11");
    assert_int_equal(dyad_reader_next(r, &d), DYAD_ERR_FORMAT);   /* escaped NUL: refused too */
    assert_msg(r, "nul.jsonl", "2: byte 15: invalid JSON");
    assert_int_equal(dyad_reader_next(r, &d), DYAD_OK);
    assert_true(text_is(&d, "fine"));
    dyad_reader_free(r);
}

static void auto_detect(void **state)
{
    (void)state;
    dyad_doc d;
    dyad_reader *r = reader(DYAD_INPUT_AUTO, NULL, 0);
    assert_int_equal(dyad_reader_open(r, puts_file("a1", "\n  {\"text\":\"json\"}\n")), DYAD_OK);
    assert_int_equal(dyad_reader_next(r, &d), DYAD_OK);
    assert_true(text_is(&d, "json"));
    assert_int_equal(dyad_reader_line(r), 2);
    assert_int_equal(dyad_reader_open(r, puts_file("a2", "\n date 2022-08-01\nseed")), DYAD_OK);
    assert_int_equal(dyad_reader_next(r, &d), DYAD_OK);
    assert_string_equal(d.date, "2022-08-01");
    assert_true(text_is(&d, "seed"));
    assert_int_equal(dyad_reader_open(r, puts_file("a3", "dates are text {\"x\"}")), DYAD_OK);
    assert_int_equal(dyad_reader_next(r, &d), DYAD_OK);
    assert_null(d.date);
    assert_true(text_is(&d, "dates are text {\"x\"}"));
    dyad_reader_free(r);
}

static void id_hash(void **state)
{
    (void)state;
    dyad_doc d;
    char first[17], second[17];
    dyad_reader *r = reader(DYAD_INPUT_AUTO, NULL, 0);
    /* FNV-1a 64 of "hello" is a430d84680aabd0b */
    assert_int_equal(dyad_reader_open(r, puts_file("h1.txt", "hello")), DYAD_OK);
    assert_int_equal(dyad_reader_next(r, &d), DYAD_OK);
    assert_string_equal(d.id, "a430d84680aabd0b");
    /* same text, other file and format: same id; the seed header is not hashed */
    assert_int_equal(dyad_reader_open(r, puts_file("h2.jsonl", "{\"text\":\"hello\"}\n")), DYAD_OK);
    assert_int_equal(dyad_reader_next(r, &d), DYAD_OK);
    assert_string_equal(d.id, "a430d84680aabd0b");
    assert_int_equal(dyad_reader_open(r, puts_file("h3.txt", "date 2022-08 hello")), DYAD_OK);
    assert_int_equal(dyad_reader_next(r, &d), DYAD_OK);
    assert_string_equal(d.id, "a430d84680aabd0b");
    memcpy(first, d.id, 17);
    assert_int_equal(dyad_reader_open(r, puts_file("h4.txt", "hello!")), DYAD_OK);
    assert_int_equal(dyad_reader_next(r, &d), DYAD_OK);
    memcpy(second, d.id, 17);
    assert_string_not_equal(first, second);
    /* a given id wins; an empty one is replaced by the hash */
    assert_int_equal(dyad_reader_open(r, puts_file("h5.jsonl", "{\"id\":\"doc-7\",\"text\":\"hello\"}\n"
                                                               "{\"id\":\"\",\"text\":\"hello\"}\n")),
                     DYAD_OK);
    assert_int_equal(dyad_reader_next(r, &d), DYAD_OK);
    assert_string_equal(d.id, "doc-7");
    assert_int_equal(dyad_reader_next(r, &d), DYAD_OK);
    assert_string_equal(d.id, "a430d84680aabd0b");
    dyad_reader_free(r);
}

static void dir_order(void **state)
{
    (void)state;
    dyad_doc d;
    char names[8][32];
    size_t n = 0;
    assert_int_equal(mkdir(sub("tree"), 0755), 0);
    assert_int_equal(mkdir(sub("tree/m"), 0755), 0);
    assert_int_equal(mkdir(sub("tree/.git"), 0755), 0);
    puts_file("tree/b.txt", "b");
    puts_file("tree/a.txt", "a");
    puts_file("tree/B.txt", "B");
    puts_file("tree/m/c.txt", "c");
    puts_file("tree/z.jsonl", "{\"text\":\"z1\"}\n{\"text\":\"z2\"}\n");
    puts_file("tree/.hidden", "hidden");
    puts_file("tree/.git/x", "hidden too");
    dyad_reader *r = reader(DYAD_INPUT_AUTO, NULL, 0);
    assert_int_equal(dyad_reader_open(r, sub("tree")), DYAD_OK);
    dyad_status st;
    while ((st = dyad_reader_next(r, &d)) == DYAD_OK) {
        assert_true(n < 8);
        snprintf(names[n++], sizeof names[0], "%.*s", (int)d.text_len, d.text);
    }
    assert_int_equal(st, DYAD_DONE);
    assert_int_equal(n, 6);
    /* byte order: upper case before lower case, folders in place */
    assert_string_equal(names[0], "B");
    assert_string_equal(names[1], "a");
    assert_string_equal(names[2], "b");
    assert_string_equal(names[3], "c");
    assert_string_equal(names[4], "z1");
    assert_string_equal(names[5], "z2");
    dyad_reader_free(r);
}

static void binary_file(void **state)
{
    (void)state;
    dyad_doc d;
    /* UTF-16: every other byte a NUL */
    static const char nul[] = "S\0o\0m\0e\0 \0t\0e\0x\0t\0";
    unsigned char ctl[400];
    for (size_t i = 0; i < sizeof ctl; i++)
        ctl[i] = (unsigned char)(i % 3 == 0 ? 0x01 : 'a');
    dyad_reader *r = reader(DYAD_INPUT_AUTO, NULL, 0);
    assert_int_equal(dyad_reader_open(r, put("bin1", nul, sizeof nul - 1)), DYAD_ERR_BINARY);
    assert_msg(r, "bin1", "1: byte 0: binary file (9 NUL bytes in the first 18, the first at byte 1)");
    assert_int_equal(dyad_reader_next(r, &d), DYAD_DONE);
    assert_int_equal(dyad_reader_open(r, put("bin2", ctl, sizeof ctl)), DYAD_ERR_BINARY);
    assert_msg(r, "bin2", "1: byte 0: binary file");
    /* Regression (issue 17): one NUL in a text is a coder warning, not a
     * binary file: the document is read whole */
    static const char one[] = "Some text\0with a NUL";
    assert_int_equal(dyad_reader_open(r, put("nul1.txt", one, sizeof one - 1)), DYAD_OK);
    assert_int_equal(dyad_reader_next(r, &d), DYAD_OK);
    assert_int_equal(d.text_len, sizeof one - 1);
    dyad_coder *c = dyad_coder_new(NULL);
    assert_non_null(c);
    assert_int_equal(dyad_coder_run(c, &d), DYAD_OK);
    size_t nw = 0;
    const dyad_warning *w = dyad_coder_warnings(c, &nw);
    assert_int_equal(nw, 1);
    assert_int_equal(w[0].offset, 9);
    dyad_coder_free(c);
    dyad_reader_free(r);
    /* in a directory walk: reported from next(), and the walk goes on */
    assert_int_equal(mkdir(sub("bd"), 0755), 0);
    put("bd/1.bin", nul, sizeof nul - 1);
    puts_file("bd/2.txt", "text");
    r = reader(DYAD_INPUT_SEED, NULL, 0);   /* forced seed: also checked */
    assert_int_equal(dyad_reader_open(r, sub("bd")), DYAD_OK);
    assert_int_equal(dyad_reader_next(r, &d), DYAD_ERR_BINARY);
    assert_msg(r, "bd/1.bin", "1: byte 0: binary file");
    assert_int_equal(dyad_reader_next(r, &d), DYAD_ERR_FORMAT);   /* 2.txt is not seed */
    assert_int_equal(dyad_reader_next(r, &d), DYAD_DONE);
    dyad_reader_free(r);
}

static long peak_rss_kb(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

static void toobig_line(void **state)
{
    (void)state;
    dyad_doc d;
    const size_t line = (size_t)16 << 20;   /* 16 MiB record, 1 MiB cap */
    char path[256];
    snprintf(path, sizeof path, "%s/big.jsonl", tmpdir);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    char chunk[65536];
    memset(chunk, 'x', sizeof chunk);
    fputs("{\"text\":\"before\"}\n{\"text\":\"", f);
    for (size_t w = 0; w < line; w += sizeof chunk)
        assert_int_equal(fwrite(chunk, 1, sizeof chunk, f), sizeof chunk);
    fputs("\"}\n{\"text\":\"after\"}\n", f);
    assert_int_equal(fclose(f), 0);

    long before = peak_rss_kb();
    dyad_reader *r = reader(DYAD_INPUT_AUTO, NULL, (size_t)1 << 20);
    assert_int_equal(dyad_reader_open(r, path), DYAD_OK);
    assert_int_equal(dyad_reader_next(r, &d), DYAD_OK);
    assert_true(text_is(&d, "before"));
    assert_int_equal(dyad_reader_next(r, &d), DYAD_ERR_TOOBIG);
    assert_msg(r, "big.jsonl", "2: byte 18: record of 16777227 bytes is over the 1048576-byte limit");
    assert_int_equal(dyad_reader_next(r, &d), DYAD_OK);
    assert_true(text_is(&d, "after"));
    assert_int_equal(dyad_reader_line(r), 3);
    assert_int_equal(dyad_reader_next(r, &d), DYAD_DONE);
    long grown = peak_rss_kb() - before;
    /* buffering the line whole would add 16 MiB or more */
    if (grown > 8 * 1024)
        fail_msg("peak RSS grew by %ld KiB reading a 16 MiB line", grown);
    dyad_reader_free(r);
    remove(path);
}

static void toobig_text(void **state)
{
    (void)state;
    dyad_doc d;
    static char buf[3 << 20];
    memset(buf, 'y', sizeof buf);
    dyad_reader *r = reader(DYAD_INPUT_AUTO, NULL, (size_t)1 << 20);
    assert_int_equal(dyad_reader_open(r, put("big.txt", buf, sizeof buf)), DYAD_ERR_TOOBIG);
    assert_msg(r, "big.txt", "1: byte 0: document of 3145728 bytes is over the 1048576-byte limit");
    assert_int_equal(dyad_reader_next(r, &d), DYAD_DONE);
    /* through a pipe (size unknown): read up to the cap, then reported */
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        close(fds[0]);
        size_t off = 0;
        while (off < sizeof buf) {
            ssize_t k = write(fds[1], buf + off, sizeof buf - off);
            if (k <= 0)
                _exit(0);
            off += (size_t)k;
        }
        _exit(0);
    }
    close(fds[1]);
    int saved = dup(STDIN_FILENO);
    assert_true(saved >= 0);
    assert_int_equal(dup2(fds[0], STDIN_FILENO), STDIN_FILENO);
    close(fds[0]);
    assert_int_equal(dyad_reader_open(r, "-"), DYAD_OK);
    assert_int_equal(dyad_reader_next(r, &d), DYAD_ERR_TOOBIG);
    assert_string_equal(dyad_reader_errmsg(r),
                        "-:1: byte 0: document is over the 1048576-byte limit");
    assert_int_equal(dyad_reader_next(r, &d), DYAD_DONE);
    assert_int_equal(dup2(saved, STDIN_FILENO), STDIN_FILENO);
    close(saved);
    dyad_reader_free(r);
}

static void stdin_input(void **state)
{
    (void)state;
    dyad_doc d;
    int fd = open(puts_file("in.jsonl", "{\"text\":\"from stdin\"}\n{bad}\n"), O_RDONLY);
    assert_true(fd >= 0);
    int saved = dup(STDIN_FILENO);
    assert_int_equal(dup2(fd, STDIN_FILENO), STDIN_FILENO);
    close(fd);
    dyad_reader *r = reader(DYAD_INPUT_AUTO, NULL, 0);
    assert_int_equal(dyad_reader_open(r, "-"), DYAD_OK);
    assert_int_equal(dyad_reader_next(r, &d), DYAD_OK);
    assert_true(text_is(&d, "from stdin"));
    assert_string_equal(dyad_reader_file(r), "-");
    assert_int_equal(dyad_reader_next(r, &d), DYAD_ERR_FORMAT);
    assert_true(strncmp(dyad_reader_errmsg(r), "-:2: byte 22: invalid JSON", 26) == 0);
    assert_int_equal(dyad_reader_next(r, &d), DYAD_DONE);
    dyad_reader_free(r);
    assert_int_equal(dup2(saved, STDIN_FILENO), STDIN_FILENO);
    close(saved);
}

static void unreadable(void **state)
{
    (void)state;
    dyad_doc d;
    dyad_reader *r = reader(DYAD_INPUT_AUTO, NULL, 0);
    /* a missing file */
    assert_int_equal(dyad_reader_open(r, sub("no-such-file")), DYAD_ERR_IO);
    assert_msg(r, "no-such-file", " cannot open: No such file or directory");
    assert_int_equal(dyad_reader_next(r, &d), DYAD_DONE);
    /* a read error (reading /proc/self/mem at offset 0 fails with EIO) */
    if (access("/proc/self/mem", R_OK) == 0) {
        assert_int_equal(dyad_reader_open(r, "/proc/self/mem"), DYAD_ERR_IO);
        assert_non_null(strstr(dyad_reader_errmsg(r), "/proc/self/mem:1: byte 0: read error:"));
    }
    /* in a walk: a dangling link and (when not root) a mode-000 file and
     * folder are reported, and the walk goes on */
    assert_int_equal(mkdir(sub("ur"), 0755), 0);
    assert_int_equal(symlink("nowhere", sub("ur/1-link")), 0);
    puts_file("ur/2-locked.txt", "locked");
    assert_int_equal(mkdir(sub("ur/3-dir"), 0755), 0);
    puts_file("ur/3-dir/x.txt", "x");
    puts_file("ur/4-ok.txt", "ok");
    int root = geteuid() == 0;
    if (!root) {
        assert_int_equal(chmod(sub("ur/2-locked.txt"), 0), 0);
        assert_int_equal(chmod(sub("ur/3-dir"), 0), 0);
    }
    assert_int_equal(dyad_reader_open(r, sub("ur")), DYAD_OK);
    assert_int_equal(dyad_reader_next(r, &d), DYAD_ERR_IO);
    assert_msg(r, "ur/1-link", " cannot open: No such file or directory");
    if (!root) {
        assert_int_equal(dyad_reader_next(r, &d), DYAD_ERR_IO);
        assert_msg(r, "ur/2-locked.txt", " cannot open: Permission denied");
        assert_int_equal(dyad_reader_next(r, &d), DYAD_ERR_IO);
        assert_msg(r, "ur/3-dir", " cannot open directory: Permission denied");
    } else {
        assert_int_equal(dyad_reader_next(r, &d), DYAD_OK);
        assert_true(text_is(&d, "locked"));
        assert_int_equal(dyad_reader_next(r, &d), DYAD_OK);
        assert_true(text_is(&d, "x"));
    }
    assert_int_equal(dyad_reader_next(r, &d), DYAD_OK);
    assert_true(text_is(&d, "ok"));
    assert_int_equal(dyad_reader_next(r, &d), DYAD_DONE);
    dyad_reader_free(r);
}

static void empty_doc(void **state)
{
    (void)state;
    dyad_doc d;
    dyad_reader *r = reader(DYAD_INPUT_AUTO, NULL, 0);
    assert_int_equal(dyad_reader_open(r, puts_file("e1.txt", " \n\t\n")), DYAD_OK);
    assert_int_equal(dyad_reader_next(r, &d), DYAD_ERR_EMPTY);
    assert_msg(r, "e1.txt", "1: byte 0: empty document");
    assert_int_equal(dyad_reader_next(r, &d), DYAD_DONE);
    assert_int_equal(dyad_reader_open(r, puts_file("e2.txt", "")), DYAD_OK);
    assert_int_equal(dyad_reader_next(r, &d), DYAD_ERR_EMPTY);
    assert_int_equal(dyad_reader_open(r, puts_file("e3.txt", "date 2022-08  \n ")), DYAD_OK);
    assert_int_equal(dyad_reader_next(r, &d), DYAD_ERR_EMPTY);
    assert_int_equal(dyad_reader_open(r, puts_file("e4.jsonl", "{\"text\":\" \\n \"}\n{\"text\":\"x\"}\n")),
                     DYAD_OK);
    assert_int_equal(dyad_reader_next(r, &d), DYAD_ERR_EMPTY);
    assert_msg(r, "e4.jsonl", "1: byte 0: empty document");
    assert_int_equal(dyad_reader_next(r, &d), DYAD_OK);
    dyad_reader_free(r);
}

static void invalid_utf8_ok(void **state)
{
    (void)state;
    dyad_doc d;
    dyad_reader *r = reader(DYAD_INPUT_AUTO, NULL, 0);
    /* not a reader error: the coder replaces and warns */
    assert_int_equal(dyad_reader_open(r, puts_file("u.txt", "caf\xE9 \xFF\xFE ok")), DYAD_OK);
    assert_int_equal(dyad_reader_next(r, &d), DYAD_OK);
    assert_true(text_is(&d, "caf\xE9 \xFF\xFE ok"));
    dyad_reader_free(r);
    dyad_reader_free(NULL);
}

/* The JSON Lines scanner (reader.c) against jansson, the reference: on a
 * list of awkward lines and on seeded random mutations of them, a line
 * jansson refuses is refused with jansson's own message; a line it reads
 * as a usable record gives the same text, id, title, url, source and
 * lang; any other line is refused. */
static int usable(json_t *o)
{
    if (!json_is_object(o))
        return 0;
    json_t *t = json_object_get(o, "text");
    if (!json_is_string(t))
        return 0;
    const char *ts = json_string_value(t);
    size_t tl = json_string_length(t), k = 0;
    while (k < tl && strchr(" \t\r\n\f\v", ts[k]) && ts[k])
        k++;
    if (k == tl)
        return 0;
    static const char *const opt[] = {"title", "url", "source", "lang", "date"};
    for (size_t i = 0; i < 5; i++) {
        json_t *v = json_object_get(o, opt[i]);
        if (v && !json_is_null(v) && !json_is_string(v))
            return 0;
    }
    json_t *d = json_object_get(o, "date");
    if (json_is_string(d) && json_string_length(d) > 0 && strcmp(json_string_value(d), "2022-08-01") != 0)
        return -1;  /* other dates: the reader's date rules, not compared here */
    json_t *id = json_object_get(o, "id");
    return !id || json_is_null(id) || json_is_string(id) || json_is_integer(id);
}

static void same_str(json_t *o, const char *key, const char *got)
{
    json_t *v = json_object_get(o, key);
    if (json_is_string(v) && json_string_value(v)[0] == '\0' && strcmp(key, "lang") == 0)
        v = NULL;   /* an empty lang is no lang */
    if (!json_is_string(v)) {
        assert_null(got);
        return;
    }
    assert_non_null(got);
    assert_string_equal(got, json_string_value(v));
}

static void check_line(const char *line, size_t n)
{
    const char *path = put("scan.jsonl", line, n);
    json_error_t je;
    json_t *o = json_loadb(line, n, 0, &je);
    int use = o ? usable(o) : 0;
    if (use < 0) {
        json_decref(o);
        return;
    }
    dyad_reader *r = reader(DYAD_INPUT_JSONL, NULL, 0);
    assert_int_equal(dyad_reader_open(r, path), DYAD_OK);
    dyad_doc d;
    dyad_status st = dyad_reader_next(r, &d);
    if (!o && !memchr(line, 0, n)) {
        char want[512];
        snprintf(want, sizeof want, "%s:1: byte 0: invalid JSON at column %d: %s", path, je.column,
                 je.text);
        if (st != DYAD_ERR_FORMAT || strcmp(dyad_reader_errmsg(r), want) != 0)
            fail_msg("line '%.*s': got %d '%s', want '%s'", (int)n, line, st,
                     dyad_reader_errmsg(r), want);
    } else if (use > 0) {
        if (st != DYAD_OK)
            fail_msg("line '%.*s': refused: %s", (int)n, line, dyad_reader_errmsg(r));
        json_t *t = json_object_get(o, "text");
        assert_int_equal(d.text_len, json_string_length(t));
        assert_memory_equal(d.text, json_string_value(t), d.text_len);
        same_str(o, "title", d.title);
        same_str(o, "url", d.url);
        same_str(o, "source", d.source);
        same_str(o, "lang", d.lang);
        json_t *id = json_object_get(o, "id");
        char num[32];
        if (json_is_integer(id)) {
            snprintf(num, sizeof num, "%lld", (long long)json_integer_value(id));
            assert_string_equal(d.id, num);
        } else if (json_is_string(id) && json_string_length(id) > 0) {
            assert_string_equal(d.id, json_string_value(id));
        }
    } else if (st == DYAD_OK) {
        fail_msg("line '%.*s': read, but it is not a usable record", (int)n, line);
    }
    json_decref(o);
    dyad_reader_free(r);
}

static void jsonl_scanner_vs_jansson(void **state)
{
    (void)state;
    static const char *const lines[] = {
        "{\"text\":\"La Russie a condamn\\u00e9 l'Ukraine.\",\"id\":\"a1\"}",
        "  { \"id\" : 42 , \"text\" : \"x\\ty\\n\\\"q\\\" \\\\ \\/ \\b\\f\\r\" }  \r",
        "{\"text\":\"\\ud83d\\ude00 emoji \xf0\x9f\x98\x80\",\"title\":null,\"url\":\"http://x/y\"}",
        "{\"text\":\"lone \\ud83d surrogate\"}",
        "{\"text\":\"low \\ude00 first\"}",
        "{\"text\":\"nul \\u0000 escaped\"}",
        "{\"text\":\"bad \\x escape\"}",
        "{\"text\":\"raw \x01 control\"}",
        "{\"text\":\"overlong \xc0\xaf\"}",
        "{\"text\":\"surrogate \xed\xa0\x80 utf8\"}",
        "{\"text\":\"too high \xf4\x90\x80\x80\"}",
        "{\"text\":\"cut \xe2\x82\"}",
        "{\"text\":\"a\",\"text\":\"twice, the last counts\"}",
        "{\"text\":\"n\",\"id\":-12}",
        "{\"text\":\"n\",\"id\":1.5}",
        "{\"text\":\"n\",\"id\":1e3}",
        "{\"text\":\"n\",\"id\":99999999999999999999999}",
        "{\"text\":\"n\",\"id\":01}",
        "{\"text\":\"n\",\"id\":-}",
        "{\"text\":\"n\",\"x\":1e999}",
        "{\"text\":\"n\",\"x\":[1,{\"a\":2}],\"y\":{\"z\":null}}",
        "{\"text\":\"n\",\"x\":true,\"y\":false,\"z\":null}",
        "{\"text\":\"n\",\"x\":tru}",
        "{\"text\":\"n\",}",
        "{\"text\":\"n\" \"id\":\"a\"}",
        "{\"text\":\"n\"} trailing",
        "{\"text\":\"n\"}}",
        "{\"te\\u0078t\":\"escaped key\"}",
        "{\"text\":\"n\",\"lang\":\"\",\"source\":\"s\"}",
        "{\"text\":\"n\",\"title\":5}",
        "{\"text\":7}",
        "{\"text\":null}",
        "{}",
        "[\"text\"]",
        "\"text\"",
        "{\"text\":\"unterminated}",
        "{\"text\"",
        "{",
        "{\"text\":\"n\",\"date\":\"2022-08-01\"}",
    };
    for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++)
        check_line(lines[i], strlen(lines[i]));
    /* seeded mutations: a byte changed, dropped, or a piece of JSON syntax
     * put in */
    static const char *const bits[] = {"\\", "\"", "\\u", "\\ud800", "{", "}", ",", ":", "\xc3",
                                       "\xff", "1", "-", "null", " ", "\\n", "\t"};
    unsigned seed = 12345;
    char buf[256];
    for (int k = 0; k < 4000; k++) {
        const char *base = lines[k % 3];
        size_t n = strlen(base);
        memcpy(buf, base, n);
        seed = seed * 1103515245u + 12345u;
        size_t at = (seed >> 8) % n;
        int op = (int)((seed >> 20) % 3);
        if (op == 0) {
            buf[at] = (char)(seed >> 3);
            if (buf[at] == '\n')
                buf[at] = ' ';
        } else if (op == 1) {
            memmove(buf + at, buf + at + 1, n - at - 1);
            n--;
        } else {
            const char *b = bits[(seed >> 4) % (sizeof bits / sizeof bits[0])];
            size_t bl = strlen(b);
            memmove(buf + at + bl, buf + at, n - at);
            memcpy(buf + at, b, bl);
            n += bl;
        }
        check_line(buf, n);
    }
}

#define T(name, fn) {name, fn, NULL, NULL, NULL}

int main(void)
{
    const struct CMUnitTest tests[] = {
        T("reader/seed-date", seed_date),
        T("reader/seed-example", seed_example),
        T("reader/seed-bad-header", seed_bad_header),
        T("reader/text-plain", text_plain),
        T("reader/jsonl-fields", jsonl_fields),
        T("reader/jsonl-bad-line", jsonl_bad_line),
        T("reader/jsonl-truncated", jsonl_truncated),
        T("reader/jsonl-nul", jsonl_nul),
        T("reader/auto-detect", auto_detect),
        T("reader/id-hash", id_hash),
        T("reader/dir-order", dir_order),
        T("reader/binary-file", binary_file),
        T("reader/toobig-line", toobig_line),
        T("reader/toobig-text", toobig_text),
        T("reader/stdin-input", stdin_input),
        T("reader/unreadable", unreadable),
        T("reader/empty-doc", empty_doc),
        T("reader/invalid-utf8-ok", invalid_utf8_ok),
        T("reader/jsonl-scanner-vs-jansson", jsonl_scanner_vs_jansson),
    };
    return cmocka_run_group_tests_name("reader", tests, setup, teardown);
}
