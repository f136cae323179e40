/* lazylibs.c - the `dyad` tool loads libpq, libxml2 and libmicrohttpd on
 * first use instead of at start.
 *
 * Those three libraries bring 27 more shared objects with them (Kerberos,
 * LDAP, OpenSSL, GnuTLS, ICU...). Mapping and relocating them cost about 7
 * ms of CPU at every start (docs/BENCHMARKS.md, "Start-up"), a third of a
 * short `dyad query`, and almost no run needs them: only a postgresql://
 * store, `--input html`/`warc` and
 * `dyad serve` do. So build/dyad is linked without them (Makefile,
 * CLI_LIBS), and this file defines, for every function of theirs that the
 * tool calls, a function of the same name and type that opens the library
 * once (dlopen, under pthread_once: any thread may be first) and calls the
 * library's own. Each definition is checked by the compiler against the
 * library's header (the real declaration is in scope, and the pointer is
 * declared with __typeof__ of it). A call the tool starts making to a
 * function not listed here fails at link time ("undefined reference"):
 * add a line below. libdyad.a/.so and the tests link the libraries as
 * usual; only the tool uses this file.
 *
 * A library that cannot be opened is a clear fatal error naming it and
 * what needs it; before this file, the tool would not have started at all.
 *
 * Sonames come from the build (DYAD_SONAME_PQ, ..., read from the
 * development libraries by the Makefile). The definitions have hidden
 * visibility (-fvisibility=hidden), so a library opened later still binds
 * to its own symbols, never to these. */

#include <dlfcn.h>
#include <libpq-fe.h>
#include <libxml/HTMLparser.h>
#include <libxml/globals.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <microhttpd.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#ifndef DYAD_SONAME_PQ
#define DYAD_SONAME_PQ "libpq.so.5"
#endif
#ifndef DYAD_SONAME_XML
#define DYAD_SONAME_XML "libxml2.so.2"
#endif
#ifndef DYAD_SONAME_MHD
#define DYAD_SONAME_MHD "libmicrohttpd.so.12"
#endif

typedef struct lazylib {
    const char *soname, *needed_by;
    void *handle;
    pthread_once_t once;
} lazylib;

static lazylib pq = {DYAD_SONAME_PQ, "a postgresql:// store", NULL, PTHREAD_ONCE_INIT};
static lazylib xml = {DYAD_SONAME_XML, "reading HTML (--input html or warc)", NULL,
                      PTHREAD_ONCE_INIT};
static lazylib mhd = {DYAD_SONAME_MHD, "dyad serve", NULL, PTHREAD_ONCE_INIT};

static void lazy_fail(const lazylib *l, const char *what)
{
    fprintf(stderr, "dyad: %s could not be loaded (%s needs it): %s\n", l->soname, l->needed_by,
            what);
    exit(1);
}

static void open_lib(lazylib *l)
{
    l->handle = dlopen(l->soname, RTLD_NOW | RTLD_LOCAL);
    if (!l->handle) {
        const char *e = dlerror();
        lazy_fail(l, e ? e : "dlopen failed");
    }
}
static void open_pq(void) { open_lib(&pq); }
static void open_xml(void) { open_lib(&xml); }
static void open_mhd(void) { open_lib(&mhd); }

/* The library's own address of `name`; fatal when it lacks it. */
static void *lazy_sym(lazylib *l, void (*open)(void), const char *name)
{
    pthread_once(&l->once, open);
    void *p = dlsym(l->handle, name);
    if (!p)
        lazy_fail(l, name);
    return p;
}

/* REAL(lib, name): the library's `name`, resolved on the first call. The
 * first call of a function from two threads at once may resolve it twice:
 * both store the same address, so the race is benign; the store is a
 * relaxed atomic so that it is also defined behaviour. */
#define REAL(lib, name, opener)                                                                    \
    static __typeof__(name) *real_;                                                                \
    __typeof__(name) *fn_ = __atomic_load_n(&real_, __ATOMIC_RELAXED);                             \
    if (!fn_) {                                                                                    \
        fn_ = (__typeof__(name) *)lazy_sym(&lib, opener, #name);                                   \
        __atomic_store_n(&real_, fn_, __ATOMIC_RELAXED);                                           \
    }
#define PQ(name) REAL(pq, name, open_pq)
#define XML(name) REAL(xml, name, open_xml)
#define MHD(name) REAL(mhd, name, open_mhd)

/* ---- libpq ---------------------------------------------------------------- */

PGconn *PQconnectdbParams(const char *const *keywords, const char *const *values, int expand)
{
    PQ(PQconnectdbParams) return fn_(keywords, values, expand);
}
void PQfinish(PGconn *c) { PQ(PQfinish) fn_(c); }
ConnStatusType PQstatus(const PGconn *c) { PQ(PQstatus) return fn_(c); }
PGTransactionStatusType PQtransactionStatus(const PGconn *c)
{
    PQ(PQtransactionStatus) return fn_(c);
}
const char *PQparameterStatus(const PGconn *c, const char *name)
{
    PQ(PQparameterStatus) return fn_(c, name);
}
char *PQerrorMessage(const PGconn *c) { PQ(PQerrorMessage) return fn_(c); }
PGresult *PQexec(PGconn *c, const char *query) { PQ(PQexec) return fn_(c, query); }
PGresult *PQexecParams(PGconn *c, const char *command, int n, const Oid *types,
                       const char *const *values, const int *lengths, const int *formats,
                       int result_format)
{
    PQ(PQexecParams) return fn_(c, command, n, types, values, lengths, formats, result_format);
}
int PQsendQueryParams(PGconn *c, const char *command, int n, const Oid *types,
                      const char *const *values, const int *lengths, const int *formats,
                      int result_format)
{
    PQ(PQsendQueryParams) return fn_(c, command, n, types, values, lengths, formats, result_format);
}
PGresult *PQgetResult(PGconn *c) { PQ(PQgetResult) return fn_(c); }
int PQenterPipelineMode(PGconn *c) { PQ(PQenterPipelineMode) return fn_(c); }
int PQexitPipelineMode(PGconn *c) { PQ(PQexitPipelineMode) return fn_(c); }
int PQpipelineSync(PGconn *c) { PQ(PQpipelineSync) return fn_(c); }
int PQputCopyData(PGconn *c, const char *buffer, int n) { PQ(PQputCopyData) return fn_(c, buffer, n); }
int PQputCopyEnd(PGconn *c, const char *errormsg) { PQ(PQputCopyEnd) return fn_(c, errormsg); }
void PQclear(PGresult *r) { PQ(PQclear) fn_(r); }
ExecStatusType PQresultStatus(const PGresult *r) { PQ(PQresultStatus) return fn_(r); }
char *PQresultErrorMessage(const PGresult *r) { PQ(PQresultErrorMessage) return fn_(r); }
char *PQresultErrorField(const PGresult *r, int code) { PQ(PQresultErrorField) return fn_(r, code); }
char *PQcmdTuples(PGresult *r) { PQ(PQcmdTuples) return fn_(r); }
int PQntuples(const PGresult *r) { PQ(PQntuples) return fn_(r); }
int PQnfields(const PGresult *r) { PQ(PQnfields) return fn_(r); }
char *PQfname(const PGresult *r, int col) { PQ(PQfname) return fn_(r, col); }
Oid PQftype(const PGresult *r, int col) { PQ(PQftype) return fn_(r, col); }
char *PQgetvalue(const PGresult *r, int row, int col) { PQ(PQgetvalue) return fn_(r, row, col); }
int PQgetlength(const PGresult *r, int row, int col) { PQ(PQgetlength) return fn_(r, row, col); }
int PQgetisnull(const PGresult *r, int row, int col) { PQ(PQgetisnull) return fn_(r, row, col); }
unsigned char *PQunescapeBytea(const unsigned char *s, size_t *len)
{
    PQ(PQunescapeBytea) return fn_(s, len);
}
void PQfreemem(void *p) { PQ(PQfreemem) fn_(p); }

/* ---- libxml2 ---------------------------------------------------------------- */

void xmlInitParser(void) { XML(xmlInitParser) fn_(); }
htmlDocPtr htmlReadMemory(const char *buffer, int size, const char *url, const char *encoding,
                          int options)
{
    XML(htmlReadMemory) return fn_(buffer, size, url, encoding, options);
}
xmlNodePtr xmlDocGetRootElement(const xmlDoc *doc) { XML(xmlDocGetRootElement) return fn_(doc); }
void xmlFreeDoc(xmlDocPtr doc) { XML(xmlFreeDoc) fn_(doc); }
xmlChar *xmlGetProp(const xmlNode *node, const xmlChar *name) { XML(xmlGetProp) return fn_(node, name); }
xmlAttrPtr xmlHasProp(const xmlNode *node, const xmlChar *name) { XML(xmlHasProp) return fn_(node, name); }
xmlChar *xmlNodeGetContent(const xmlNode *cur) { XML(xmlNodeGetContent) return fn_(cur); }
void xmlSetGenericErrorFunc(void *ctx, xmlGenericErrorFunc handler)
{
    XML(xmlSetGenericErrorFunc) fn_(ctx, handler);
}
void xmlSetStructuredErrorFunc(void *ctx, xmlStructuredErrorFunc handler)
{
    XML(xmlSetStructuredErrorFunc) fn_(ctx, handler);
}
/* The per-thread error handlers (xmlGenericError and the others are macros
 * over these accessors when libxml2 is built with threads). */
xmlGenericErrorFunc *__xmlGenericError(void) { XML(__xmlGenericError) return fn_(); }
void **__xmlGenericErrorContext(void) { XML(__xmlGenericErrorContext) return fn_(); }
xmlStructuredErrorFunc *__xmlStructuredError(void) { XML(__xmlStructuredError) return fn_(); }
void **__xmlStructuredErrorContext(void) { XML(__xmlStructuredErrorContext) return fn_(); }

/* xmlFree is a variable, the library's deallocator: ours calls the one the
 * library holds when it is called (the library may have been set up with
 * xmlMemSetup by then; dyad does not). */
static void lazy_xml_free(void *p)
{
    static xmlFreeFunc *real_;
    xmlFreeFunc *v = __atomic_load_n(&real_, __ATOMIC_RELAXED);
    if (!v) {
        v = (xmlFreeFunc *)lazy_sym(&xml, open_xml, "xmlFree");
        __atomic_store_n(&real_, v, __ATOMIC_RELAXED);
    }
    (*v)(p);
}
xmlFreeFunc xmlFree = lazy_xml_free;

/* ---- libmicrohttpd ---------------------------------------------------------- */

struct MHD_Daemon *MHD_start_daemon(unsigned int flags, uint16_t port, MHD_AcceptPolicyCallback apc,
                                    void *apc_cls, MHD_AccessHandlerCallback dh, void *dh_cls, ...)
{
    MHD(MHD_start_daemon_va)
    va_list ap;
    va_start(ap, dh_cls);
    struct MHD_Daemon *d = fn_(flags, port, apc, apc_cls, dh, dh_cls, ap);
    va_end(ap);
    return d;
}
void MHD_stop_daemon(struct MHD_Daemon *d) { MHD(MHD_stop_daemon) fn_(d); }
const union MHD_DaemonInfo *MHD_get_daemon_info(struct MHD_Daemon *d, enum MHD_DaemonInfoType type,
                                                ...)
{
    /* the info types dyad asks for take no further argument */
    MHD(MHD_get_daemon_info) return fn_(d, type);
}
int MHD_get_connection_values_n(struct MHD_Connection *c, enum MHD_ValueKind kind,
                                MHD_KeyValueIteratorN iterator, void *iterator_cls)
{
    MHD(MHD_get_connection_values_n) return fn_(c, kind, iterator, iterator_cls);
}
const char *MHD_lookup_connection_value(struct MHD_Connection *c, enum MHD_ValueKind kind,
                                        const char *key)
{
    MHD(MHD_lookup_connection_value) return fn_(c, kind, key);
}
struct MHD_Response *MHD_create_response_from_buffer(size_t size, void *buffer,
                                                     enum MHD_ResponseMemoryMode mode)
{
    MHD(MHD_create_response_from_buffer) return fn_(size, buffer, mode);
}
enum MHD_Result MHD_add_response_header(struct MHD_Response *r, const char *header,
                                        const char *content)
{
    MHD(MHD_add_response_header) return fn_(r, header, content);
}
enum MHD_Result MHD_queue_response(struct MHD_Connection *c, unsigned int status_code,
                                   struct MHD_Response *r)
{
    MHD(MHD_queue_response) return fn_(c, status_code, r);
}
void MHD_destroy_response(struct MHD_Response *r) { MHD(MHD_destroy_response) fn_(r); }
