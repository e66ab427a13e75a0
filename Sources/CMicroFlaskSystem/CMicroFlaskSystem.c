#define _GNU_SOURCE
#include <sys/socket.h>
#include "CMicroFlaskSystem.h"

int microflask_accept4(int fd, void *address, unsigned int *length, int flags) {
    return accept4(fd, (struct sockaddr *)address, (socklen_t *)length, flags);
}

#include <sched.h>
#include <unistd.h>

int microflask_available_cpus(void) {
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof(set), &set) != 0) return 1;
    int count = CPU_COUNT(&set);
    return count > 0 ? count : 1;
}

int microflask_gettid(void) {
    return (int)gettid();
}
