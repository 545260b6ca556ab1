// The kernels of ScalarKernels.h for AVX2 with FMA: 256-bit vectors.
#include "CEmberSIMDKernels.h"

#if defined(__x86_64__)
#pragma clang attribute push(__attribute__((target("avx2,fma"))), \
                             apply_to = function)

typedef float ember_avx2_f32 __attribute__((vector_size(32), aligned(4)));
typedef double ember_avx2_f64 __attribute__((vector_size(32), aligned(8)));

#define EMBER_T float
#define EMBER_V ember_avx2_f32
#define EMBER_LANES 8
#define EMBER_MR EMBER_AVX2_GEMM_MR_F32
#define EMBER_FN(x) ember_avx2_##x##_f32
#include "ScalarKernels.h"
#undef EMBER_T
#undef EMBER_V
#undef EMBER_LANES
#undef EMBER_MR
#undef EMBER_FN

#define EMBER_T double
#define EMBER_V ember_avx2_f64
#define EMBER_LANES 4
#define EMBER_MR EMBER_AVX2_GEMM_MR_F64
#define EMBER_FN(x) ember_avx2_##x##_f64
#include "ScalarKernels.h"

#pragma clang attribute pop
#endif
