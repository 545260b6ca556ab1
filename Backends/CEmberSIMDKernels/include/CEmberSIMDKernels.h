// The simd backend's kernels for AVX2+FMA and AVX-512, chosen at run time from the CPU's features
// (see Backends/SIMD/SIMDKernelPath.swift). Every function carries its instruction set in a target attribute, so the
// package needs no compiler flag: a plain `swift build -c release` gets the same vector code as a native build.
// Call a function only on a CPU that `ember_cpu_features` says has its instruction set.
#ifndef CEMBER_SIMD_KERNELS_H
#define CEMBER_SIMD_KERNELS_H

/// Bits of `ember_cpu_features`.
#define EMBER_CPU_AVX2_FMA 1
/// AVX-512 F, VL, DQ and BW.
#define EMBER_CPU_AVX512 2

/// The vector instruction sets this CPU and operating system can run (cpuid, with xgetbv for the register state the
/// OS saves), as `EMBER_CPU_*` bits.
int ember_cpu_features(void);

/// A spin-wait hint (`pause`), for a thread waiting on another one.
void ember_cpu_relax(void);

/// Rows of the GEMM micro-tile of each kernel; its columns are two vectors (`2 · bytes / sizeof(scalar)`).
#define EMBER_AVX512_GEMM_MR_F32 8
#define EMBER_AVX512_GEMM_NR_F32 32
#define EMBER_AVX512_GEMM_MR_F64 8
#define EMBER_AVX512_GEMM_NR_F64 16
#define EMBER_AVX2_GEMM_MR_F32 6
#define EMBER_AVX2_GEMM_NR_F32 16
#define EMBER_AVX2_GEMM_MR_F64 6
#define EMBER_AVX2_GEMM_NR_F64 8

/// The elementwise operations of `ember_*_binary_*`.
#define EMBER_BINARY_ADD 0
#define EMBER_BINARY_SUB 1
#define EMBER_BINARY_MUL 2
#define EMBER_BINARY_DIV 3

// For each instruction set (avx2, avx512) and scalar type (f32: float, f64: double):
//
// ember_ISA_gemm_T: C[0..<rows, 0..<columns] (+)= A·B for packed panels `a` (kc × MR, row p at a + p·MR) and `b`
//   (kc × NR, row p at b + p·NR); C has row stride ldc. Rows and columns past the edge come from the panels' zero
//   padding and are not stored. With accumulate == 0, C is overwritten.
// ember_ISA_binary_T: out[i] = a[i·sa] op b[i·sb] for i < n, with (sa, sb) one of (1, 1), (1, 0), (0, 1).
// ember_ISA_sum_T: the sum of x[0..<n], in four vector accumulators.
// ember_ISA_dot_T: the sum of x[i]·y[i], with fused multiply-adds.
// ember_ISA_axpy_T: y[i] += alpha·x[i], fused.
// ember_ISA_sum_blocks_T / ember_ISA_sum_finish_T: `sum` in pieces, bit for bit. `state` holds the four vector
//   accumulators (4 · lanes scalars, EMBER_FUSED_STATE_SCALARS at most, zero to start); `sum_blocks` adds the whole
//   blocks of 4 vectors of x[0..<n] and returns the elements it consumed (a multiple of 4 · lanes, which divides 64);
//   `sum_finish` adds the rest (fewer than 4 vectors) and returns the sum. `sum(x, n)` is `sum_blocks` then
//   `sum_finish` on what is left, so feeding the blocks over several calls gives the same bits.
// ember_ISA_dot_blocks_T / ember_ISA_dot_finish_T: the same for `dot`.

void ember_avx512_gemm_f32(long kc, const float *a, const float *b, float *c, long ldc, long rows, long columns,
                           int accumulate);
void ember_avx512_gemm_f64(long kc, const double *a, const double *b, double *c, long ldc, long rows, long columns,
                           int accumulate);
void ember_avx2_gemm_f32(long kc, const float *a, const float *b, float *c, long ldc, long rows, long columns,
                         int accumulate);
void ember_avx2_gemm_f64(long kc, const double *a, const double *b, double *c, long ldc, long rows, long columns,
                         int accumulate);

void ember_avx512_binary_f32(int op, const float *a, long sa, const float *b, long sb, float *out, long n);
void ember_avx512_binary_f64(int op, const double *a, long sa, const double *b, long sb, double *out, long n);
void ember_avx2_binary_f32(int op, const float *a, long sa, const float *b, long sb, float *out, long n);
void ember_avx2_binary_f64(int op, const double *a, long sa, const double *b, long sb, double *out, long n);

float ember_avx512_sum_f32(const float *x, long n);
double ember_avx512_sum_f64(const double *x, long n);
float ember_avx2_sum_f32(const float *x, long n);
double ember_avx2_sum_f64(const double *x, long n);

float ember_avx512_dot_f32(const float *x, const float *y, long n);
double ember_avx512_dot_f64(const double *x, const double *y, long n);
float ember_avx2_dot_f32(const float *x, const float *y, long n);
double ember_avx2_dot_f64(const double *x, const double *y, long n);

/// Scalars of one accumulator state of the `*_blocks` / `*_finish` kernels, for every path and type: 4 vectors of at
/// most 16 lanes.
#define EMBER_FUSED_STATE_SCALARS 64

long ember_avx512_sum_blocks_f32(float *state, const float *x, long n);
long ember_avx512_sum_blocks_f64(double *state, const double *x, long n);
long ember_avx2_sum_blocks_f32(float *state, const float *x, long n);
long ember_avx2_sum_blocks_f64(double *state, const double *x, long n);
float ember_avx512_sum_finish_f32(const float *state, const float *x, long n);
double ember_avx512_sum_finish_f64(const double *state, const double *x, long n);
float ember_avx2_sum_finish_f32(const float *state, const float *x, long n);
double ember_avx2_sum_finish_f64(const double *state, const double *x, long n);

long ember_avx512_dot_blocks_f32(float *state, const float *x, const float *y, long n);
long ember_avx512_dot_blocks_f64(double *state, const double *x, const double *y, long n);
long ember_avx2_dot_blocks_f32(float *state, const float *x, const float *y, long n);
long ember_avx2_dot_blocks_f64(double *state, const double *x, const double *y, long n);
float ember_avx512_dot_finish_f32(const float *state, const float *x, const float *y, long n);
double ember_avx512_dot_finish_f64(const double *state, const double *x, const double *y, long n);
float ember_avx2_dot_finish_f32(const float *state, const float *x, const float *y, long n);
double ember_avx2_dot_finish_f64(const double *state, const double *x, const double *y, long n);

void ember_avx512_axpy_f32(float alpha, const float *x, float *y, long n);
void ember_avx512_axpy_f64(double alpha, const double *x, double *y, long n);
void ember_avx2_axpy_f32(float alpha, const float *x, float *y, long n);
void ember_avx2_axpy_f64(double alpha, const double *x, double *y, long n);

/// One step of a fused run for `ember_ISA_fused_T` (see FusedDriver.h). Operand modes: 1 = element i of the tile
/// starting at element `start` of the run is at `p + start + i` (memory); 2 = at `p + i` (a tile buffer of the
/// scratch); 0 = the one element `*p`, read at every position (a scalar operand).
typedef struct {
    int kind;        // EMBER_FUSED_*
    int op;          // EMBER_BINARY_* for EMBER_FUSED_BINARY
    long reduction;  // the reduction's number for EMBER_FUSED_SUM and EMBER_FUSED_DOT
    const void *a;
    long modeA;
    const void *b;
    long modeB;
    void *out;
    long modeOut;
    double alpha;    // the value of FILL, the factor of AXPY and SCALE (exact for float)
} ember_fused_step;

#define EMBER_FUSED_BINARY 0
#define EMBER_FUSED_FILL 1
#define EMBER_FUSED_COPY 2
#define EMBER_FUSED_AXPY 3
#define EMBER_FUSED_SCALE 4
#define EMBER_FUSED_SUM 5
#define EMBER_FUSED_DOT 6

// ember_ISA_fused_T: runs `count` steps over the elements [begin, end) of a fused run: from 1024 elements, block by
// block with intermediates in registers (FusedRegisters.h), else and for the last partial block in tiles of `tile`
// elements (a multiple of 64), each step over a tile through this file's own kernels (binary, axpy, the sum and dot
// halves); either way every element and every reduction gets the bits of the unfused kernels. Reduction k keeps its accumulators at
// `state + k · EMBER_FUSED_STATE_SCALARS` (zero to start) and stores its value for the range in `results[k]` after the
// range's last tile (nothing for an empty range).
void ember_avx512_fused_f32(const ember_fused_step *steps, long count, long begin, long end, long tile, float *state,
                            float *results);
void ember_avx512_fused_f64(const ember_fused_step *steps, long count, long begin, long end, long tile, double *state,
                            double *results);
void ember_avx2_fused_f32(const ember_fused_step *steps, long count, long begin, long end, long tile, float *state,
                          float *results);
void ember_avx2_fused_f64(const ember_fused_step *steps, long count, long begin, long end, long tile, double *state,
                          double *results);

/// One kernel of a prepared sequence for `ember_ISA_sequence_T`: its operands are `offset` bytes into the memory of
/// slot `slot` of the replay (`bases[slot]`; slot −1: none), its scalar `alpha`, or `alphas[alphaIndex]` when
/// `alphaIndex` is not −1.
typedef struct {
    int kind;        // EMBER_SEQUENCE_*
    int op;          // EMBER_BINARY_* for EMBER_SEQUENCE_BINARY
    long slotA, offsetA, strideA;   // strideA, strideB: 1 elementwise, 0 a scalar operand (binary)
    long slotB, offsetB, strideB;
    long slotOut, offsetOut;
    long n;
    long alphaIndex;
    double alpha;
} ember_sequence_step;

#define EMBER_SEQUENCE_BINARY 0   // out = a op b (this file's binary)
#define EMBER_SEQUENCE_SUM 1      // out[0] = sum of a (this file's sum)
#define EMBER_SEQUENCE_AXPY 2     // out += alpha · a (this file's axpy)
#define EMBER_SEQUENCE_FILL 3     // out[i] = alpha

// ember_ISA_sequence_T: runs `count` kernels one after another, each exactly as its own function here would, with
// the slot addresses of one replay of a compiled step: one call from Swift for a whole sequence of small kernels.
void ember_avx512_sequence_f32(const ember_sequence_step *steps, long count, void *const *bases, const double *alphas);
void ember_avx512_sequence_f64(const ember_sequence_step *steps, long count, void *const *bases, const double *alphas);
void ember_avx2_sequence_f32(const ember_sequence_step *steps, long count, void *const *bases, const double *alphas);
void ember_avx2_sequence_f64(const ember_sequence_step *steps, long count, void *const *bases, const double *alphas);

#endif
