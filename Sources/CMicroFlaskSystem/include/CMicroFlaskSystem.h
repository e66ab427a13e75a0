#ifndef MICROFLASK_CMICROFLASKSYSTEM_H
#define MICROFLASK_CMICROFLASKSYSTEM_H

// Linux declarations that Swift's Glibc module leaves out. Only headers that need no
// feature macros are included here, so their types agree with the Glibc module's.
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/sendfile.h>
#include <malloc.h>

// accept4(2) is declared only under _GNU_SOURCE, which would change other shared types,
// so it is wrapped in CMicroFlaskSystem.c instead.
int microflask_accept4(int fd, void *address, unsigned int *length, int flags);

// sched_getaffinity(2) and gettid(2) need _GNU_SOURCE too.
int microflask_available_cpus(void);
int microflask_gettid(void);

#endif
