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

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdatomic.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>

int microflask_spawn(const char *path, char *const argv[], char *const envp[], const int *sources,
                     const int *targets, int count, int newProcessGroup, int *pid) {
    // Each source is first copied above the targets' range, so that placing one descriptor
    // cannot overwrite another source, and a source already at its target still loses
    // close-on-exec (dup2 onto itself would keep the flag).
    int copies[16];
    if (count > 16) return EINVAL;
    for (int i = 0; i < count; i++) {
        copies[i] = fcntl(sources[i], F_DUPFD_CLOEXEC, 64);
        if (copies[i] < 0) {
            int code = errno;
            for (int j = 0; j < i; j++) close(copies[j]);
            return code;
        }
    }
    posix_spawn_file_actions_t actions;
    posix_spawnattr_t attributes;
    posix_spawn_file_actions_init(&actions);
    posix_spawnattr_init(&attributes);
    for (int i = 0; i < count; i++) posix_spawn_file_actions_adddup2(&actions, copies[i], targets[i]);
    sigset_t empty, defaults;
    sigemptyset(&empty);
    sigemptyset(&defaults);
    sigaddset(&defaults, SIGPIPE);
    sigaddset(&defaults, SIGINT);
    sigaddset(&defaults, SIGTERM);
    sigaddset(&defaults, SIGHUP);
    sigaddset(&defaults, SIGCHLD);
    sigaddset(&defaults, SIGUSR1);
    posix_spawnattr_setsigmask(&attributes, &empty);
    posix_spawnattr_setsigdefault(&attributes, &defaults);
    short flags = POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF;
    if (newProcessGroup) {
        flags |= POSIX_SPAWN_SETPGROUP;
        posix_spawnattr_setpgroup(&attributes, 0);
    }
    posix_spawnattr_setflags(&attributes, flags);
    pid_t child = 0;
    int result = posix_spawn(&child, path, &actions, &attributes, argv, envp);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attributes);
    for (int i = 0; i < count; i++) close(copies[i]);
    if (result == 0) *pid = child;
    return result;
}

int microflask_pipe(int ends[2]) {
    return pipe2(ends, O_CLOEXEC);
}

int microflask_memfd(const char *name) {
    return memfd_create(name, MFD_CLOEXEC);
}

int microflask_exit_with_parent(void) {
    return prctl(PR_SET_PDEATHSIG, SIGTERM);
}

// Header: the slot of the thread that crashed (-1 when none), then the slot count.
struct microflask_slot_header {
    _Atomic int crashed;
    int count;
    int reserved[14];
};

struct microflask_slot {
    _Atomic unsigned int length;  // 0: idle
    char line[MICROFLASK_SLOT_SIZE - sizeof(unsigned int)];
};

static struct microflask_slot_header *slot_header;
static struct microflask_slot *slots;
static atomic_int next_slot;
static _Thread_local int thread_slot = -1;
static _Thread_local int thread_slot_taken;

void microflask_slots_attach(void *base, int count) {
    slot_header = (struct microflask_slot_header *)base;
    slot_header->count = count;
    atomic_store(&slot_header->crashed, -1);
    slots = (struct microflask_slot *)((char *)base + sizeof(struct microflask_slot_header));
}

void microflask_slots_clear(void *base) {
    struct microflask_slot_header *header = (struct microflask_slot_header *)base;
    atomic_store(&header->crashed, -1);
}

static inline void append(char *line, size_t *used, size_t capacity, const void *bytes, int length) {
    size_t room = capacity - *used;
    size_t count = (size_t)length < room ? (size_t)length : room;
    memcpy(line + *used, bytes, count);
    *used += count;
}

void microflask_slot_begin(const void *method, int methodLength, const void *target, int targetLength,
                           const void *version, int versionLength) {
    if (!slots) return;
    if (!thread_slot_taken) {
        thread_slot_taken = 1;
        int slot = atomic_fetch_add(&next_slot, 1);
        thread_slot = slot < slot_header->count ? slot : -1;
    }
    if (thread_slot < 0) return;
    struct microflask_slot *slot = &slots[thread_slot];
    size_t used = 0, capacity = sizeof(slot->line);
    append(slot->line, &used, capacity, method, methodLength);
    append(slot->line, &used, capacity, " ", 1);
    append(slot->line, &used, capacity, target, targetLength);
    append(slot->line, &used, capacity, " ", 1);
    append(slot->line, &used, capacity, version, versionLength);
    atomic_store_explicit(&slot->length, (unsigned int)used, memory_order_release);
}

void microflask_slot_end(void) {
    if (thread_slot >= 0 && slots) atomic_store_explicit(&slots[thread_slot].length, 0, memory_order_release);
}

static const int crash_signals[] = {SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGFPE, SIGABRT};
#define CRASH_SIGNAL_COUNT (int)(sizeof(crash_signals) / sizeof(crash_signals[0]))
static struct sigaction previous_actions[CRASH_SIGNAL_COUNT];
static int announce_crash;

static void write_all(const char *bytes, size_t count) {
    while (count > 0) {
        ssize_t written = write(2, bytes, count);
        if (written <= 0) {
            if (written < 0 && errno == EINTR) continue;
            return;
        }
        bytes += written;
        count -= (size_t)written;
    }
}

// Only async-signal-safe work: loads, stores, write(2), sigaction(2), raise(3).
static void crash_handler(int signal_number, siginfo_t *info, void *context) {
    int index = -1;
    for (int i = 0; i < CRASH_SIGNAL_COUNT; i++)
        if (crash_signals[i] == signal_number) index = i;
    if (slots && thread_slot >= 0) {
        struct microflask_slot *slot = &slots[thread_slot];
        unsigned int length = atomic_load_explicit(&slot->length, memory_order_acquire);
        if (length > 0) {
            atomic_store(&slot_header->crashed, thread_slot);
            if (announce_crash) {
                static const char prefix[] = "MicroFlask: crashed while serving ";
                write_all(prefix, sizeof(prefix) - 1);
                write_all(slot->line, length);
                write_all("\n", 1);
            }
        }
    }
    if (index < 0) return;
    struct sigaction *previous = &previous_actions[index];
    if ((previous->sa_flags & SA_SIGINFO) && previous->sa_sigaction) {
        previous->sa_sigaction(signal_number, info, context);
        return;
    }
    if (previous->sa_handler != SIG_DFL && previous->sa_handler != SIG_IGN && previous->sa_handler) {
        previous->sa_handler(signal_number);
        return;
    }
    // No handler before ours (or one that ignored it, which would loop on the faulting
    // instruction): restore the default and return, so the instruction runs again and the
    // kernel ends the process with this signal (raised when it was sent, not a fault).
    struct sigaction fallback;
    memset(&fallback, 0, sizeof(fallback));
    fallback.sa_handler = SIG_DFL;
    sigemptyset(&fallback.sa_mask);
    sigaction(signal_number, &fallback, NULL);
    if (signal_number == SIGABRT || (info && info->si_code <= 0)) raise(signal_number);
}

void microflask_install_crash_reporter(int announce) {
    announce_crash = announce;
    for (int i = 0; i < CRASH_SIGNAL_COUNT; i++) {
        struct sigaction action;
        memset(&action, 0, sizeof(action));
        action.sa_sigaction = crash_handler;
        action.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
        sigemptyset(&action.sa_mask);
        sigaction(crash_signals[i], &action, &previous_actions[i]);
    }
}

int microflask_wait_signal(const sigset_t *set, int timeoutMilliseconds, int *senderPID) {
    siginfo_t info;
    memset(&info, 0, sizeof(info));
    int result;
    if (timeoutMilliseconds < 0) {
        result = sigwaitinfo(set, &info);
    } else {
        struct timespec timeout = {timeoutMilliseconds / 1000, (long)(timeoutMilliseconds % 1000) * 1000000L};
        result = sigtimedwait(set, &info, &timeout);
    }
    if (result > 0) *senderPID = info.si_pid;
    return result;
}
