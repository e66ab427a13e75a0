// What the per-request re-arm costs: the CPU time of one epoll_ctl(EPOLL_CTL_MOD) of a one-shot
// registration, against the alternative of a speculative non-blocking recv that finds nothing.
// Both are measured as thread CPU time, so other load on the machine does not inflate them.
//
//   gcc -O2 -o /tmp/rearm Benchmarks/Syscalls/rearm.c && taskset -c 1 /tmp/rearm
#include <stdio.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>

static double now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return t.tv_sec * 1e9 + t.tv_nsec;
}

int main(void) {
    int pair[2];
    if (socketpair(AF_UNIX, SOCK_STREAM, 0, pair) != 0) return 1;
    int epoll = epoll_create1(0);
    struct epoll_event event = {.events = EPOLLIN | EPOLLONESHOT, .data.u64 = 1};
    if (epoll_ctl(epoll, EPOLL_CTL_ADD, pair[0], &event) != 0) return 1;
    const int calls = 1000000;

    double start = now_ns();
    for (int i = 0; i < calls; i++) epoll_ctl(epoll, EPOLL_CTL_MOD, pair[0], &event);
    double rearm = (now_ns() - start) / calls;

    char buffer[64];
    start = now_ns();
    for (int i = 0; i < calls; i++) recv(pair[0], buffer, sizeof buffer, MSG_DONTWAIT);
    double empty_read = (now_ns() - start) / calls;

    printf("epoll_ctl(MOD, one-shot): %.0f ns CPU per call\n", rearm);
    printf("recv finding nothing (EAGAIN): %.0f ns CPU per call\n", empty_read);
    return 0;
}
