/* fuzz_serve.c - `dyad serve`'s HTTP request handling (cli/cmd_serve.c on
 * libmicrohttpd): each input is the raw bytes a client sends on one TCP
 * connection (a request, several pipelined, or garbage); the answer is read
 * until the server closes the connection. Never a crash, a sanitizer
 * report, a hang or a server that stops answering.
 *
 * At the first call the harness ingests examples/ (the seed article, the
 * store docs/api.md describes) into a temporary store with `dyad ingest`'s
 * own function, then runs the real server, cmd_serve(), in a thread on a
 * loopback port the system chooses; the port is read from the URL line the
 * server prints, as tests/cli/serve.sh reads it. The harness links the CLI
 * objects (Makefile: this harness only). Every socket operation has a
 * deadline; after the client's bytes it half-closes the connection, so
 * the server sees the end of the request. An input that got no answer is
 * followed by a probe request: a server that no longer answers it (a
 * crashed or wedged thread, a store connection never given back) aborts. */
#include "cli.h"
#include "fuzz.h"

#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <sys/socket.h>
#include <time.h>

#define CONNECT_MS 3000
#define ANSWER_MS 8000        /* above the server's --query-ms */
#define ANSWER_MAX (64u << 20)

static int port;
static char store_dir[256], store_path[300];
static char *serve_argv[16];

static long long now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static void remove_store(void)
{
    static const char *const suffix[] = {"", "-wal", "-shm", "-journal"};
    char p[320];
    for (size_t i = 0; i < sizeof suffix / sizeof suffix[0]; i++) {
        snprintf(p, sizeof p, "%s%s", store_path, suffix[i]);
        unlink(p);
    }
    rmdir(store_dir);
}

static void *serve_thread(void *arg)
{
    int argc = 0;
    while (serve_argv[argc])
        argc++;
    int rc = cmd_serve(argc, serve_argv);
    /* The server returns only when a signal stopped it (or it failed to
     * start, which the first call reports): the campaign ends too. */
    fprintf(stderr, "fuzz_serve: the server stopped (status %d)\n", rc);
    _exit(rc);
    return NULL;
}

/* Ingest, start the server, learn its port from its stdout. Fatal on any
 * failure: the harness cannot test anything without it. */
static void start(void)
{
    const char *t = getenv("TMPDIR");
    snprintf(store_dir, sizeof store_dir, "%s/dyad-fuzz-serve-XXXXXX", t && *t ? t : "/tmp");
    if (!mkdtemp(store_dir)) {
        perror("fuzz_serve: mkdtemp");
        abort();
    }
    snprintf(store_path, sizeof store_path, "%s/store.db", store_dir);
    atexit(remove_store);
    const char *lex = fuzz_lexicon_path();
    char *ingest[] = {"ingest", "-q", "--db", store_path, "--lexicon", (char *)lex,
                      "examples/", NULL};
    if (!lex) {   /* no lexicon: the store holds documents and few events */
        ingest[4] = "examples/";
        ingest[5] = NULL;
    }
    int argc = 0;
    while (ingest[argc])
        argc++;
    if (access("examples", R_OK) != 0 || cmd_ingest(argc, ingest) != 0) {
        fprintf(stderr, "fuzz_serve: cannot ingest examples/ (run from the repository)\n");
        abort();
    }
    /* A short idle time, so that a connection the harness gave up on does
     * not hold a server thread long; a query limit below ANSWER_MS. */
    static char *args[] = {"serve", "-q", "--db", NULL, "--listen", "127.0.0.1:0",
                           "--idle-seconds", "2", "--query-ms", "3000", NULL};
    args[3] = store_path;
    memcpy(serve_argv, args, sizeof args);
    /* The server's one line on stdout is its URL: catch it in a pipe. */
    int fds[2];
    fflush(stdout);
    int saved = dup(STDOUT_FILENO);
    if (saved < 0 || pipe(fds) != 0 || dup2(fds[1], STDOUT_FILENO) < 0) {
        perror("fuzz_serve: pipe");
        abort();
    }
    close(fds[1]);
    pthread_t th;
    if (pthread_create(&th, NULL, serve_thread, NULL) != 0) {
        fprintf(stderr, "fuzz_serve: cannot start a thread\n");
        abort();
    }
    pthread_detach(th);
    char line[128];
    size_t n = 0;
    long long end = now_ms() + 60000;
    while (n + 1 < sizeof line && (n == 0 || line[n - 1] != '\n') && now_ms() < end) {
        struct pollfd p = {fds[0], POLLIN, 0};
        if (poll(&p, 1, 1000) <= 0)
            continue;
        ssize_t k = read(fds[0], line + n, sizeof line - 1 - n);
        if (k <= 0)
            break;
        n += (size_t)k;
    }
    line[n] = '\0';
    fflush(stdout);
    dup2(saved, STDOUT_FILENO);
    close(saved);
    close(fds[0]);
    if (sscanf(line, "http://127.0.0.1:%d/", &port) != 1 || port <= 0) {
        fprintf(stderr, "fuzz_serve: the server did not start (it printed '%s')\n", line);
        abort();
    }
}

/* Wait until fd is ready for ev before the deadline: 1, or 0. */
static int wait_fd(int fd, short ev, long long deadline)
{
    for (;;) {
        long long left = deadline - now_ms();
        if (left <= 0)
            return 0;
        struct pollfd p = {fd, ev, 0};
        int r = poll(&p, 1, (int)left);
        if (r > 0)
            return 1;
        if (r < 0 && errno != EINTR)
            return 0;
    }
}

/* Send data on a new connection, half-close, read the answer to its end.
 * Returns the bytes of answer (*timed_out set when a deadline passed), or
 * -1 when no connection could be made. */
static long exchange(const uint8_t *data, size_t size, char *head, size_t head_cap,
                     int *timed_out)
{
    *timed_out = 0;
    if (head_cap)
        head[0] = '\0';
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (fd < 0)
        return -1;
    /* Close with a reset: thousands of connections a second would
     * otherwise fill the loopback's ports with TIME_WAIT. */
    struct linger lg = {1, 0};
    setsockopt(fd, SOL_SOCKET, SO_LINGER, &lg, sizeof lg);
    struct sockaddr_in a;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_port = htons((uint16_t)port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    long got = -1;
    long long deadline = now_ms() + CONNECT_MS;
    if (connect(fd, (struct sockaddr *)&a, sizeof a) != 0) {
        int err = 0;
        socklen_t el = sizeof err;
        if (errno != EINPROGRESS || !wait_fd(fd, POLLOUT, deadline) ||
            getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &el) != 0 || err != 0)
            goto done;
    }
    got = 0;
    deadline = now_ms() + ANSWER_MS;
    /* The server may answer and close before reading everything: a
     * failed send is not an error, the answer is still read. */
    for (size_t off = 0; off < size;) {
        if (!wait_fd(fd, POLLOUT, deadline)) {
            *timed_out = 1;
            goto done;
        }
        ssize_t k = send(fd, data + off, size - off, MSG_NOSIGNAL);
        if (k < 0 && (errno == EAGAIN || errno == EINTR))
            continue;
        if (k <= 0)
            break;
        off += (size_t)k;
    }
    shutdown(fd, SHUT_WR);
    char buf[65536];
    size_t hn = 0;
    for (;;) {
        if (!wait_fd(fd, POLLIN, deadline)) {
            *timed_out = 1;
            break;
        }
        ssize_t k = recv(fd, buf, sizeof buf, 0);
        if (k < 0 && (errno == EAGAIN || errno == EINTR))
            continue;
        if (k <= 0)
            break;   /* the end, or a reset */
        if (hn + 1 < head_cap) {
            size_t c = (size_t)k < head_cap - 1 - hn ? (size_t)k : head_cap - 1 - hn;
            memcpy(head + hn, buf, c);
            hn += c;
            head[hn] = '\0';
        }
        got += (long)k;
        if ((unsigned long)got > ANSWER_MAX) {
            fprintf(stderr, "fuzz_serve: an answer of more than %u MB\n", ANSWER_MAX >> 20);
            abort();
        }
    }
done:
    close(fd);
    return got;
}

/* The server still answers a request that queries the store (a 404 is
 * never cached, so it takes a store connection each time). */
static void probe(void)
{
    static const char req[] = "GET /api/documents/fuzz-probe HTTP/1.1\r\nHost: x\r\n\r\n";
    char head[32];
    int to;
    for (int attempt = 0; attempt < 3; attempt++) {
        long n = exchange((const uint8_t *)req, sizeof req - 1, head, sizeof head, &to);
        if (n > 0 && strncmp(head, "HTTP/1.1 404", 12) == 0)
            return;
        usleep(200000);
    }
    fprintf(stderr, "fuzz_serve: the server no longer answers (last: '%s')\n", head);
    abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!port)
        start();
    static int trace = -1;
    if (trace < 0)
        trace = getenv("FUZZ_SERVE_TRACE") != NULL;   /* what each input got */
    char head[64];
    int timed_out;
    long long t0 = now_ms();
    long n = exchange(data, size, head, sizeof head, &timed_out);
    if (trace)
        fprintf(stderr, "fuzz_serve: %zu bytes sent, %ld received in %lld ms%s: %.*s\n", size, n,
                now_ms() - t0, timed_out ? " (timed out)" : "", (int)strcspn(head, "\r\n"),
                head);
    if (n <= 0 || timed_out)
        probe();
    return 0;
}
