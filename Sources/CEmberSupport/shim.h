// C library declarations Swift's Glibc module does not expose, for Allocator.swift: mallopt and its parameters, and
// sysinfo (the machine's memory and swap).
#include <malloc.h>
#include <sys/sysinfo.h>
