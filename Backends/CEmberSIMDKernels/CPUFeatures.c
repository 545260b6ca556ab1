// Which vector instruction sets this CPU and its operating system can run.
#include "CEmberSIMDKernels.h"

#if defined(__x86_64__)
#include <cpuid.h>

/// XCR0, the register state the OS saves on a context switch (`xgetbv` with ecx = 0).
static unsigned long long xcr0(void) {
    unsigned int eax, edx;
    __asm__ volatile("xgetbv" : "=a"(eax), "=d"(edx) : "c"(0));
    return ((unsigned long long)edx << 32) | eax;
}

int ember_cpu_features(void) {
    unsigned int eax, ebx, ecx, edx;
    if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx)) return 0;
    const int osxsave = (ecx >> 27) & 1, fma = (ecx >> 12) & 1, avx = (ecx >> 28) & 1;
    if (!osxsave || !avx) return 0;
    const unsigned long long state = xcr0();
    const int ymmSaved = (state & 0x6) == 0x6;        // SSE and AVX state
    const int zmmSaved = (state & 0xE6) == 0xE6;      // plus opmask and the upper halves of zmm0-31
    if (!ymmSaved || !__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx)) return 0;
    const int avx2 = (ebx >> 5) & 1;
    const int avx512 = ((ebx >> 16) & 1) && ((ebx >> 17) & 1) && ((ebx >> 30) & 1) && ((ebx >> 31) & 1);  // F DQ BW VL
    int features = 0;
    if (avx2 && fma) features |= EMBER_CPU_AVX2_FMA;
    if (avx2 && fma && avx512 && zmmSaved) features |= EMBER_CPU_AVX512;
    return features;
}

void ember_cpu_relax(void) { __builtin_ia32_pause(); }

#else

int ember_cpu_features(void) { return 0; }
void ember_cpu_relax(void) {}

#endif
