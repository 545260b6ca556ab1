// The kernels of ScalarKernels.h for AVX-512 (F, VL, DQ, BW) with FMA: 512-bit vectors.
#include "CEmberSIMDKernels.h"

#if defined(__x86_64__)
#pragma clang attribute push(__attribute__((target("avx2,fma,avx512f,avx512vl,avx512dq,avx512bw"))), \
                             apply_to = function)

typedef float ember_avx512_f32 __attribute__((vector_size(64), aligned(4)));
typedef double ember_avx512_f64 __attribute__((vector_size(64), aligned(8)));

#define EMBER_T float
#define EMBER_V ember_avx512_f32
#define EMBER_LANES 16
#define EMBER_MR EMBER_AVX512_GEMM_MR_F32
#define EMBER_FN(x) ember_avx512_##x##_f32
#include "ScalarKernels.h"
#undef EMBER_T
#undef EMBER_V
#undef EMBER_LANES
#undef EMBER_MR
#undef EMBER_FN

#define EMBER_T double
#define EMBER_V ember_avx512_f64
#define EMBER_LANES 8
#define EMBER_MR EMBER_AVX512_GEMM_MR_F64
#define EMBER_FN(x) ember_avx512_##x##_f64
#include "ScalarKernels.h"

#pragma clang attribute pop
#endif
