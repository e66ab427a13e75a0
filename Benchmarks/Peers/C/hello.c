/*
 * A minimal HTTP/1.1 hello server on epoll: the ceiling of this box for the MicroFlask
 * benchmarks. One epoll loop per thread, each with its own SO_REUSEPORT listener on
 * 127.0.0.1, level-triggered, non-blocking sockets, keep-alive, pipelining (every complete
 * request in the buffer is answered in order, all answers of one read go out in one send),
 * HTTP/1.0 and `Connection: close` honoured (ab without -k needs that).
 *
 *   gcc -O2 -pthread -o hello hello.c && ./hello --port 8082 --threads 2
 *
 * Routes: /plaintext, /json, /users/<n>, / (anything else is 404). Not a general server:
 * request bodies are skipped by Content-Length, chunked bodies are refused.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define READ_CAP (16 * 1024)
#define OUT_HIGH_WATER (256 * 1024)
#define MAX_EVENTS 256

struct conn {
    int fd;
    int closing;          /* close once the output is flushed */
    int want_out;         /* EPOLLOUT armed */
    size_t rlen;
    char rbuf[READ_CAP];
    char *wbuf;
    size_t wlen, woff, wcap;
};

struct worker {
    int epfd;
    int lfd;
    time_t date_sec;
    char date[64];        /* "Date: ...\r\n" cached once a second */
    size_t date_len;
};

static int g_port = 8082;

static void refresh_date(struct worker *w) {
    time_t now = time(NULL);
    if (now == w->date_sec) return;
    struct tm tm;
    gmtime_r(&now, &tm);
    w->date_len = strftime(w->date, sizeof w->date, "Date: %a, %d %b %Y %H:%M:%S GMT\r\n", &tm);
    w->date_sec = now;
}

static int out_reserve(struct conn *c, size_t extra) {
    if (c->wlen + extra <= c->wcap) return 0;
    size_t cap = c->wcap ? c->wcap : 4096;
    while (cap < c->wlen + extra) cap *= 2;
    char *p = realloc(c->wbuf, cap);
    if (!p) return -1;
    c->wbuf = p;
    c->wcap = cap;
    return 0;
}

static int respond(struct worker *w, struct conn *c, const char *status, const char *ctype,
                   const char *body, size_t blen, int close_after) {
    if (out_reserve(c, 512 + blen) < 0) return -1;
    refresh_date(w);
    char *p = c->wbuf + c->wlen;
    int n = sprintf(p, "HTTP/1.1 %s\r\nServer: hello-c\r\n", status);
    memcpy(p + n, w->date, w->date_len);
    n += (int)w->date_len;
    n += sprintf(p + n, "Content-Type: %s\r\nContent-Length: %zu\r\n%s\r\n", ctype, blen,
                 close_after ? "Connection: close\r\n" : "");
    memcpy(p + n, body, blen);
    c->wlen += (size_t)n + blen;
    return 0;
}

/* Case-insensitive search for a header line "name:" in [start, end); returns value start. */
static const char *find_header(const char *start, const char *end, const char *name,
                               const char **vend) {
    size_t nl = strlen(name);
    const char *line = start;
    while (line < end) {
        const char *eol = memchr(line, '\n', (size_t)(end - line));
        if (!eol) eol = end;
        if ((size_t)(eol - line) > nl && strncasecmp(line, name, nl) == 0 && line[nl] == ':') {
            const char *v = line + nl + 1;
            while (v < eol && (*v == ' ' || *v == '\t')) v++;
            const char *e = eol;
            while (e > v && (e[-1] == '\r' || e[-1] == ' ' || e[-1] == '\t')) e--;
            *vend = e;
            return v;
        }
        line = eol + 1;
    }
    return NULL;
}

static int value_has(const char *v, const char *ve, const char *token) {
    size_t tl = strlen(token);
    for (const char *p = v; p + tl <= ve; p++)
        if (strncasecmp(p, token, tl) == 0) return 1;
    return 0;
}

/* Answer every complete request in rbuf. Returns -1 on a malformed request. */
static int process(struct worker *w, struct conn *c) {
    size_t off = 0;
    while (!c->closing) {
        char *start = c->rbuf + off;
        size_t avail = c->rlen - off;
        char *hend = memmem(start, avail, "\r\n\r\n", 4);
        if (!hend) break;
        char *end = hend + 4;
        char *eol = memchr(start, '\r', (size_t)(hend - start) + 1);
        /* request line: METHOD SP TARGET SP VERSION */
        char *sp1 = memchr(start, ' ', (size_t)(eol - start));
        if (!sp1) return -1;
        char *target = sp1 + 1;
        char *sp2 = memchr(target, ' ', (size_t)(eol - target));
        if (!sp2) return -1;
        size_t tlen = (size_t)(sp2 - target);
        char *q = memchr(target, '?', tlen);
        if (q) tlen = (size_t)(q - target);
        int http10 = (eol - sp2 - 1 == 8) && memcmp(sp2 + 1, "HTTP/1.0", 8) == 0;

        const char *ve;
        const char *hdrs = eol + 2;
        int close_after = http10;
        const char *conn = find_header(hdrs, hend + 2, "connection", &ve);
        if (conn) {
            if (value_has(conn, ve, "close")) close_after = 1;
            else if (http10 && value_has(conn, ve, "keep-alive")) close_after = 0;
        }
        size_t body_len = 0;
        const char *cl = find_header(hdrs, hend + 2, "content-length", &ve);
        if (cl) body_len = strtoul(cl, NULL, 10);
        if (find_header(hdrs, hend + 2, "transfer-encoding", &ve)) return -1;
        if ((size_t)(end - start) + body_len > avail) {
            if ((size_t)(end - start) + body_len > READ_CAP) return -1;
            break; /* wait for the body */
        }
        end += body_len;

        int rc;
        if (tlen == 10 && memcmp(target, "/plaintext", 10) == 0) {
            rc = respond(w, c, "200 OK", "text/plain; charset=utf-8", "Hello, World!", 13,
                         close_after);
        } else if (tlen == 5 && memcmp(target, "/json", 5) == 0) {
            static const char body[] = "{\"message\":\"Hello, World!\"}";
            rc = respond(w, c, "200 OK", "application/json", body, sizeof body - 1, close_after);
        } else if (tlen > 7 && tlen < 27 && memcmp(target, "/users/", 7) == 0) {
            long id = 0;
            size_t i = 7;
            for (; i < tlen && target[i] >= '0' && target[i] <= '9'; i++) id = id * 10 + (target[i] - '0');
            if (i == tlen) {
                char body[96];
                int bl = snprintf(body, sizeof body, "{\"id\":%ld,\"name\":\"User %ld\"}", id, id);
                rc = respond(w, c, "200 OK", "application/json", body, (size_t)bl, close_after);
            } else {
                rc = respond(w, c, "404 Not Found", "text/plain", "Not Found", 9, close_after);
            }
        } else if (tlen == 1 && target[0] == '/') {
            rc = respond(w, c, "200 OK", "text/html; charset=utf-8", "<h1>Hello</h1>", 14, close_after);
        } else {
            rc = respond(w, c, "404 Not Found", "text/plain", "Not Found", 9, close_after);
        }
        if (rc < 0) return -1;
        if (close_after) c->closing = 1;
        off = (size_t)(end - c->rbuf);
    }
    if (off) {
        memmove(c->rbuf, c->rbuf + off, c->rlen - off);
        c->rlen -= off;
    }
    return 0;
}

static void conn_close(struct worker *w, struct conn *c) {
    epoll_ctl(w->epfd, EPOLL_CTL_DEL, c->fd, NULL);
    close(c->fd);
    free(c->wbuf);
    free(c);
}

static void set_interest(struct worker *w, struct conn *c, int want_out) {
    if (c->want_out == want_out) return;
    struct epoll_event ev = {.events = want_out ? EPOLLOUT : EPOLLIN, .data.ptr = c};
    epoll_ctl(w->epfd, EPOLL_CTL_MOD, c->fd, &ev);
    c->want_out = want_out;
}

/* Returns -1 when the connection is to be closed. */
static int flush(struct worker *w, struct conn *c) {
    while (c->woff < c->wlen) {
        ssize_t n = send(c->fd, c->wbuf + c->woff, c->wlen - c->woff, MSG_NOSIGNAL);
        if (n > 0) {
            c->woff += (size_t)n;
        } else if (n < 0 && errno == EINTR) {
            continue;
        } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            set_interest(w, c, 1);
            return 0;
        } else {
            return -1;
        }
    }
    c->wlen = c->woff = 0;
    if (c->closing) return -1;
    set_interest(w, c, 0);
    return 0;
}

static int on_readable(struct worker *w, struct conn *c) {
    for (;;) {
        if (c->rlen == READ_CAP) return -1; /* header section too large */
        size_t room = READ_CAP - c->rlen;
        ssize_t n = recv(c->fd, c->rbuf + c->rlen, room, 0);
        if (n > 0) {
            c->rlen += (size_t)n;
            if (process(w, c) < 0) return -1;
            if (c->closing || c->wlen > OUT_HIGH_WATER) break;
            if ((size_t)n < room) break; /* likely drained: skip one EAGAIN */
        } else if (n == 0) {
            return -1;
        } else if (errno == EINTR) {
            continue;
        } else if (errno == EAGAIN || errno == EWOULDBLOCK) {
            break;
        } else {
            return -1;
        }
    }
    return flush(w, c);
}

static void accept_all(struct worker *w) {
    for (;;) {
        int fd = accept4(w->lfd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0) {
            if (errno == EINTR) continue;
            return; /* EAGAIN, or EMFILE and friends: try again on the next event */
        }
        int one = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        struct conn *c = calloc(1, sizeof *c);
        if (!c) { close(fd); continue; }
        c->fd = fd;
        struct epoll_event ev = {.events = EPOLLIN, .data.ptr = c};
        if (epoll_ctl(w->epfd, EPOLL_CTL_ADD, fd, &ev) < 0) { close(fd); free(c); }
    }
}

static int make_listener(void) {
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) { perror("socket"); exit(1); }
    int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof one);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((unsigned short)g_port)};
    inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
    if (bind(fd, (struct sockaddr *)&a, sizeof a) < 0) { perror("bind"); exit(1); }
    if (listen(fd, 4096) < 0) { perror("listen"); exit(1); }
    return fd;
}

static void *worker_main(void *arg) {
    struct worker *w = arg;
    struct epoll_event evs[MAX_EVENTS];
    for (;;) {
        int n = epoll_wait(w->epfd, evs, MAX_EVENTS, -1);
        if (n < 0) {
            if (errno == EINTR) continue;
            perror("epoll_wait");
            exit(1);
        }
        for (int i = 0; i < n; i++) {
            if (evs[i].data.ptr == NULL) { accept_all(w); continue; }
            struct conn *c = evs[i].data.ptr;
            int rc;
            if (evs[i].events & (EPOLLERR)) rc = -1;
            else if (c->want_out) {
                rc = flush(w, c);
                /* output drained: answer what was held back by the high-water mark */
                if (rc == 0 && !c->want_out && c->rlen) {
                    rc = process(w, c);
                    if (rc == 0) rc = flush(w, c);
                }
            } else rc = on_readable(w, c);
            if (rc < 0) conn_close(w, c);
        }
    }
    return NULL;
}

int main(int argc, char **argv) {
    int threads = 2;
    for (int i = 1; i + 1 < argc; i++) {
        if (strcmp(argv[i], "--port") == 0) g_port = atoi(argv[++i]);
        else if (strcmp(argv[i], "--threads") == 0) threads = atoi(argv[++i]);
    }
    if (threads < 1) threads = 1;
    signal(SIGPIPE, SIG_IGN);
    pthread_t tids[64];
    if (threads > 64) threads = 64;
    for (int t = 0; t < threads; t++) {
        struct worker *w = calloc(1, sizeof *w);
        w->epfd = epoll_create1(EPOLL_CLOEXEC);
        w->lfd = make_listener();
        struct epoll_event ev = {.events = EPOLLIN, .data.ptr = NULL};
        epoll_ctl(w->epfd, EPOLL_CTL_ADD, w->lfd, &ev);
        pthread_create(&tids[t], NULL, worker_main, w);
    }
    fprintf(stderr, "hello-c listening on 127.0.0.1:%d with %d threads\n", g_port, threads);
    for (int t = 0; t < threads; t++) pthread_join(tids[t], NULL);
    return 0;
}
