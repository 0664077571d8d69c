// An open-loop HTTP load generator: requests leave on a fixed schedule, RATE a second in all,
// whatever the service's answers do, and each one's latency counts from its scheduled time, so a
// stalled service cannot hide its queue. THREADS threads (2, as pgbench -j 2) each send every
// THREADS-th request of the schedule over their share of CONNECTIONS keep-alive connections, with
// epoll and an absolute timer: wrk's Lua cannot tell which connection answered, so an open loop in
// wrk needs a thread per connection, and 64 generator threads waking on 2 vCPUs were part of the
// tail they measured.
//
// open MODE HOST PORT TOKEN_FILE RATE CONNECTIONS THREADS WARM COUNT [TRACE_FILE]
//   MODE switch: POST /api/v1/me/switch, request g with token line g (each once);
//        me:     GET /api/v1/me over the tokens in turn.
//   WARM requests first, uncounted, then COUNT counted. TRACE_FILE gets "scheduled ms, latency ms,
//   send lag ms" per counted request, after a line with the schedule's origin on both clocks.
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

#define BUF 65536

static const char *host, *port;
static char **tokens;
static long ntokens, total, warm, count, nthreads, nconns;
static double interval_ns;
static int64_t start_ns;
static int switching; // MODE switch, else me

typedef struct { double due_ms, latency_ms, lag_ms; } sample;

typedef struct conn {
    int fd;
    long g;          // the request in flight, -1 when idle
    double lag_ms;   // its send's delay behind the schedule
    char out[2048];
    int out_len, out_off;
    char in[BUF];
    int in_len;
} conn;

typedef struct {
    int id;
    conn *conns;
    int nc;
    long next;                 // the next request of this thread's schedule (its index k: g = id + k * nthreads)
    long *pending;             // due requests waiting for an idle connection, oldest first
    long pend_head, pend_tail;
    long answered, mine, failed;
    sample *samples;
    long nsamples;
} worker;

static int64_t now_ns(clockid_t c) {
    struct timespec ts;
    clock_gettime(c, &ts);
    return (int64_t) ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static int64_t due(long g) { return start_ns + (int64_t) (g * interval_ns); }

static void die(const char *what) { perror(what); exit(1); }

static int dial(void) {
    struct addrinfo hints = {.ai_family = AF_INET, .ai_socktype = SOCK_STREAM}, *ai;
    if (getaddrinfo(host, port, &hints, &ai) != 0) die("getaddrinfo");
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0 || connect(fd, ai->ai_addr, ai->ai_addrlen) != 0) die("connect");
    freeaddrinfo(ai);
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    return fd;
}

static void format(conn *c, long g) {
    const char *token = switching ? tokens[g] : tokens[g % ntokens];
    if (switching) {
        char body[64];
        int n = snprintf(body, sizeof body, "{\"targetPositionCode\":\"O%04ld\"}", g % 100);
        c->out_len = snprintf(c->out, sizeof c->out,
                "POST /api/v1/me/switch HTTP/1.1\r\nHost: %s:%s\r\nAuthorization: Bearer %s\r\n"
                "Content-Type: application/json\r\nContent-Length: %d\r\n\r\n%s", host, port, token, n, body);
    } else {
        c->out_len = snprintf(c->out, sizeof c->out,
                "GET /api/v1/me HTTP/1.1\r\nHost: %s:%s\r\nAuthorization: Bearer %s\r\n\r\n", host, port, token);
    }
    c->out_off = 0;
}

static void flush(int ep, conn *c) {
    while (c->out_off < c->out_len) {
        ssize_t n = write(c->fd, c->out + c->out_off, c->out_len - c->out_off);
        if (n < 0) {
            if (errno == EAGAIN) break;
            die("write");
        }
        c->out_off += n;
    }
    struct epoll_event ev = {.events = EPOLLIN | (c->out_off < c->out_len ? EPOLLOUT : 0), .data.ptr = c};
    epoll_ctl(ep, EPOLL_CTL_MOD, c->fd, &ev);
}

static void send_on(int ep, conn *c, long g) {
    c->g = g;
    c->lag_ms = (now_ns(CLOCK_MONOTONIC) - due(g)) / 1e6;
    format(c, g);
    flush(ep, c);
}

static conn *idle(worker *w) {
    for (int i = 0; i < w->nc; i++) if (w->conns[i].g < 0) return &w->conns[i];
    return NULL;
}

// The length of a complete response at the start of the buffer, 0 while incomplete.
static int complete(conn *c, int *status) {
    c->in[c->in_len] = 0;
    char *end = strstr(c->in, "\r\n\r\n");
    if (end == NULL) return 0;
    int head = (int) (end - c->in) + 4;
    *status = atoi(c->in + 9);
    for (char *line = strstr(c->in, "\r\n"); line != NULL && line < end; line = strstr(line + 2, "\r\n")) {
        if (strncasecmp(line + 2, "content-length:", 15) == 0) {
            int len = head + atoi(line + 17);
            return c->in_len >= len ? len : 0;
        }
        if (strncasecmp(line + 2, "transfer-encoding: chunked", 26) == 0) {
            char *last = strstr(c->in + head - 2, "\r\n0\r\n\r\n");
            return last == NULL ? 0 : (int) (last - c->in) + 7;
        }
    }
    return head;
}

static void *run(void *arg) {
    worker *w = arg;
    int ep = epoll_create1(EPOLL_CLOEXEC);
    int timer = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC | TFD_NONBLOCK);
    struct epoll_event tev = {.events = EPOLLIN, .data.ptr = NULL};
    epoll_ctl(ep, EPOLL_CTL_ADD, timer, &tev);
    for (int i = 0; i < w->nc; i++) {
        struct epoll_event ev = {.events = EPOLLIN, .data.ptr = &w->conns[i]};
        epoll_ctl(ep, EPOLL_CTL_ADD, w->conns[i].fd, &ev);
    }
    int64_t give_up = start_ns + (int64_t) (total * interval_ns) + 60000000000LL;
    long last_armed = -1;
    while (w->answered < w->mine && now_ns(CLOCK_MONOTONIC) < give_up) {
        // Every request now due goes out, on an idle connection or, failing one, as soon as one is.
        int64_t now = now_ns(CLOCK_MONOTONIC);
        for (long g; (g = w->id + w->next * nthreads) < total && due(g) <= now; w->next++) {
            conn *c = idle(w);
            if (c != NULL) send_on(ep, c, g);
            else w->pending[w->pend_tail++] = g;
        }
        long g = w->id + w->next * nthreads;
        if (g < total && g != last_armed) {
            int64_t d = due(g);
            struct itimerspec at = {.it_value = {.tv_sec = d / 1000000000, .tv_nsec = d % 1000000000}};
            timerfd_settime(timer, TFD_TIMER_ABSTIME, &at, NULL);
            last_armed = g;
        }
        struct epoll_event evs[64];
        int n = epoll_wait(ep, evs, 64, 1000);
        for (int i = 0; i < n; i++) {
            conn *c = evs[i].data.ptr;
            if (c == NULL) {
                uint64_t ticks;
                if (read(timer, &ticks, sizeof ticks) < 0 && errno != EAGAIN) die("timerfd");
                last_armed = -1;
                continue;
            }
            if (evs[i].events & EPOLLOUT) flush(ep, c);
            if (!(evs[i].events & (EPOLLIN | EPOLLHUP | EPOLLERR))) continue;
            ssize_t r = read(c->fd, c->in + c->in_len, BUF - 1 - c->in_len);
            if (r < 0 && errno == EAGAIN) continue;
            if (r <= 0) {
                fprintf(stderr, "open: connection closed by the service\n");
                exit(1);
            }
            c->in_len += r;
            int status, len;
            while (c->g >= 0 && (len = complete(c, &status)) > 0) {
                int64_t at = now_ns(CLOCK_MONOTONIC);
                if (c->g >= warm) {
                    sample *s = &w->samples[w->nsamples++];
                    s->due_ms = (due(c->g) - start_ns) / 1e6;
                    s->latency_ms = (at - due(c->g)) / 1e6;
                    s->lag_ms = c->lag_ms;
                    if (status != (switching ? 201 : 200)) w->failed++;
                }
                w->answered++;
                memmove(c->in, c->in + len, c->in_len - len);
                c->in_len -= len;
                c->g = -1;
                if (w->pend_head < w->pend_tail) send_on(ep, c, w->pending[w->pend_head++]);
            }
        }
    }
    return NULL;
}

static int by_value(const void *a, const void *b) {
    double x = *(const double *) a, y = *(const double *) b;
    return x < y ? -1 : x > y;
}

static int by_due(const void *a, const void *b) {
    double x = ((const sample *) a)->due_ms, y = ((const sample *) b)->due_ms;
    return x < y ? -1 : x > y;
}

static double pct(double *v, long n, double q) {
    if (n == 0) return 0;
    long i = (long) (q * n + 0.999999999);
    if (i < 1) i = 1;
    if (i > n) i = n;
    return v[i - 1];
}

int main(int argc, char **argv) {
    if (argc < 10) {
        fprintf(stderr, "usage: open MODE HOST PORT TOKEN_FILE RATE CONNECTIONS THREADS WARM COUNT [TRACE_FILE]\n");
        return 2;
    }
    switching = strcmp(argv[1], "switch") == 0, host = argv[2], port = argv[3];
    double rate = atof(argv[5]);
    nconns = atol(argv[6]), nthreads = atol(argv[7]), warm = atol(argv[8]), count = atol(argv[9]);
    const char *trace = argc > 10 ? argv[10] : NULL;
    total = warm + count;
    interval_ns = 1e9 / rate;
    FILE *f = fopen(argv[4], "r");
    if (f == NULL) die(argv[4]);
    long cap = 1024;
    tokens = malloc(cap * sizeof *tokens);
    char line[4096];
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = 0;
        if (ntokens == cap) tokens = realloc(tokens, (cap *= 2) * sizeof *tokens);
        tokens[ntokens++] = strdup(line);
    }
    fclose(f);
    if (switching && ntokens < total) {
        fprintf(stderr, "open: %ld tokens for %ld switches\n", ntokens, total);
        return 1;
    }
    worker *ws = calloc(nthreads, sizeof *ws);
    for (int t = 0; t < nthreads; t++) {
        worker *w = &ws[t];
        w->id = t;
        w->nc = (int) (nconns / nthreads + (t < nconns % nthreads));
        w->conns = calloc(w->nc, sizeof *w->conns);
        for (int i = 0; i < w->nc; i++) {
            w->conns[i].fd = dial();
            w->conns[i].g = -1;
        }
        w->mine = (total - t + nthreads - 1) / nthreads;
        w->pending = malloc(w->mine * sizeof(long));
        w->samples = calloc(w->mine, sizeof(sample));
    }
    for (int t = 0; t < nthreads; t++)
        for (int i = 0; i < ws[t].nc; i++) {
            int fd = ws[t].conns[i].fd;
            if (fcntl(fd, F_SETFL, O_NONBLOCK) != 0) die("fcntl");
        }
    start_ns = now_ns(CLOCK_MONOTONIC) + 500000000; // every thread set up before the first request
    int64_t realtime_start = start_ns - now_ns(CLOCK_MONOTONIC) + now_ns(CLOCK_REALTIME);
    struct rusage before, after;
    getrusage(RUSAGE_SELF, &before);
    pthread_t *ids = malloc(nthreads * sizeof *ids);
    for (int t = 0; t < nthreads; t++) pthread_create(&ids[t], NULL, run, &ws[t]);
    long n = 0, failed = 0;
    for (int t = 0; t < nthreads; t++) {
        pthread_join(ids[t], NULL);
        n += ws[t].nsamples;
        failed += ws[t].failed;
    }
    getrusage(RUSAGE_SELF, &after);
    double wall = (now_ns(CLOCK_MONOTONIC) - start_ns) / 1e9;
    double cpu = (after.ru_utime.tv_sec - before.ru_utime.tv_sec + after.ru_stime.tv_sec - before.ru_stime.tv_sec)
                 + (after.ru_utime.tv_usec - before.ru_utime.tv_usec + after.ru_stime.tv_usec - before.ru_stime.tv_usec) / 1e6;
    double *lat = malloc((n + 1) * sizeof(double)), *lag = malloc((n + 1) * sizeof(double));
    sample *all = malloc((n + 1) * sizeof(sample));
    long k = 0;
    for (int t = 0; t < nthreads; t++)
        for (long i = 0; i < ws[t].nsamples; i++, k++) {
            all[k] = ws[t].samples[i];
            lat[k] = all[k].latency_ms;
            lag[k] = all[k].lag_ms;
        }
    qsort(lat, n, sizeof(double), by_value);
    qsort(lag, n, sizeof(double), by_value);
    if (failed > 0) printf("open loop: %ld failed\n", failed);
    printf("open loop: %ld of %ld answered at %.0f/s (send lag p99 %.1f ms): latency ms p50 %.1f p90 %.1f p99 %.1f max %.1f, generator %.2f cores\n",
           n, count, rate, pct(lag, n, 0.99), pct(lat, n, 0.5), pct(lat, n, 0.9), pct(lat, n, 0.99), pct(lat, n, 1), cpu / wall);
    printf("RESULT p99_ms=%.1f\n", pct(lat, n, 0.99));
    if (trace != NULL) {
        qsort(all, n, sizeof(sample), by_due);
        FILE *out = fopen(trace, "w");
        if (out == NULL) die(trace);
        fprintf(out, "# start monotonic_us=%lld realtime_us=%lld\n", (long long) (start_ns / 1000),
                (long long) (realtime_start / 1000));
        for (long i = 0; i < n; i++) fprintf(out, "%.1f %.2f %.2f\n", all[i].due_ms, all[i].latency_ms, all[i].lag_ms);
        fclose(out);
    }
    return n == count && failed == 0 ? 0 : 1;
}
