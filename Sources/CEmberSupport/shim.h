// C library declarations Swift's Glibc module does not expose: mallopt and its parameters, for Allocator.swift.
#include <malloc.h>
