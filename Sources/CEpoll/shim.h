// Linux's epoll, which the Glibc module leaves out. Only FormServer's Poller imports it, and
// only on Linux; elsewhere the header is empty and the Poller uses poll(2).
#if defined(__linux__)
#include <sys/epoll.h>
#endif
