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

// Processes (Support/ChildProcess.swift): posix_spawn of `path` with `argv`/`envp` (NULL-ended),
// every descriptor `sources[i]` placed at `targets[i]` in the child (other descriptors are
// close-on-exec), an empty signal mask and default dispositions; with `newProcessGroup`, in a
// process group of its own (a terminal's Ctrl-C then reaches the supervisor only). Returns 0 or an errno value.
int microflask_spawn(const char *path, char *const argv[], char *const envp[], const int *sources,
                     const int *targets, int count, int newProcessGroup, int *pid);
// pipe2(2) with O_CLOEXEC (declared under _GNU_SOURCE only).
int microflask_pipe(int ends[2]);
// memfd_create(2), for the shared request slots; -1 with errno on failure.
int microflask_memfd(const char *name);
// prctl(PR_SET_PDEATHSIG, SIGTERM): a worker stops when its supervisor dies.
int microflask_exit_with_parent(void);

// The request slots (Support/RequestSlots.swift): a mapping of `count` slots of
// MICROFLASK_SLOT_SIZE bytes after a header, shared with the supervisor when it is a memfd.
// Each serving thread takes a slot on first use and writes the request line it serves there.
#define MICROFLASK_SLOT_SIZE 256
void microflask_slots_attach(void *base, int count);
// Marks a fresh mapping as having no crashed slot (in the supervisor, before the worker starts).
void microflask_slots_clear(void *base);
void microflask_slot_begin(const void *method, int methodLength, const void *target, int targetLength,
                           const void *version, int versionLength);
void microflask_slot_end(void);
// Installs handlers for SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGFPE and SIGABRT that note which slot
// crashed (for the supervisor), and with `announce`, write "while serving <line>" to stderr;
// then they hand the signal to the handler installed before (the Swift backtracer) or re-raise it.
void microflask_install_crash_reporter(int announce);

// sigtimedwait(2) for the supervisor: the signal taken from `set` (blocked), and the pid that
// sent it; -1 with errno (EAGAIN on timeout). A negative timeout waits without end.
#include <signal.h>
int microflask_wait_signal(const sigset_t *set, int timeoutMilliseconds, int *senderPID);

// inotify (Support/FileWatcher.swift).
#include <sys/inotify.h>

#endif
