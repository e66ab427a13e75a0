#ifndef MICROFLASK_CSYSTEM_H
#define MICROFLASK_CSYSTEM_H

// Linux system headers that Swift's Glibc module leaves out. Nothing is implemented here:
// this target only makes these declarations visible to Swift.
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <netinet/tcp.h>

#endif
