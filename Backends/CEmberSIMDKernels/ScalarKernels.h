// The kernels of one instruction set for one scalar type, written once with Clang's vector extensions.
// Included by Kernels+AVX2.c and Kernels+AVX512.c, once per scalar type, inside a `#pragma clang attribute` that
// gives every function the instruction set's target attribute; the including file defines:
//   EMBER_T        the scalar type (float, double)
//   EMBER_V        a vector type of EMBER_T, `vector_size` = one register, `aligned(sizeof(EMBER_T))`
//   EMBER_LANES    scalars per vector
//   EMBER_MR       rows of the GEMM micro-tile (its columns are 2 vectors)
//   EMBER_FN(x)    the public name of kernel x (ember_<isa>_x_<f32|f64>)
// Loads and stores go through memcpy (unaligned, no aliasing assumptions); clang emits plain vector moves.

#define T EMBER_T
#define V EMBER_V
#define W EMBER_LANES
#define NR (2 * W)

static inline V EMBER_FN(load)(const T *p) { V v; __builtin_memcpy(&v, p, sizeof v); return v; }
static inline void EMBER_FN(store)(T *p, V v) { __builtin_memcpy(p, &v, sizeof v); }
static inline V EMBER_FN(splat)(T x) {
    V v;
    for (int i = 0; i < W; i++) v[i] = x;
    return v;
}
static inline V EMBER_FN(fma)(V a, V b, V c) { return __builtin_elementwise_fma(a, b, c); }

#define LOAD EMBER_FN(load)
#define STORE EMBER_FN(store)
#define SPLAT EMBER_FN(splat)
#define FMA EMBER_FN(fma)

/// Stores the first `rows × columns` of an edge tile.
static __attribute__((noinline)) void EMBER_FN(store_edge)(const T *tile, T *c, long ldc, long rows, long columns,
                                                          int accumulate) {
    for (long i = 0; i < rows; i++) {
        T *row = c + i * ldc;
        const T *t = tile + i * NR;
        for (long j = 0; j < columns; j++) row[j] = accumulate ? row[j] + t[j] : t[j];
    }
}

void EMBER_FN(gemm)(long kc, const T *a, const T *b, T *c, long ldc, long rows, long columns, int accumulate) {
    V acc[EMBER_MR][2];
    #pragma clang loop unroll(full)
    for (int i = 0; i < EMBER_MR; i++) acc[i][0] = acc[i][1] = (V){0};
    for (long p = 0; p < kc; p++) {
        const V b0 = LOAD(b), b1 = LOAD(b + W);
        #pragma clang loop unroll(full)
        for (int i = 0; i < EMBER_MR; i++) {
            const V x = SPLAT(a[i]);
            acc[i][0] = FMA(x, b0, acc[i][0]);
            acc[i][1] = FMA(x, b1, acc[i][1]);
        }
        a += EMBER_MR;
        b += NR;
    }
    if (rows == EMBER_MR && columns == NR) {
        #pragma clang loop unroll(full)
        for (int i = 0; i < EMBER_MR; i++) {
            T *row = c + i * ldc;
            if (accumulate) {
                acc[i][0] += LOAD(row);
                acc[i][1] += LOAD(row + W);
            }
            STORE(row, acc[i][0]);
            STORE(row + W, acc[i][1]);
        }
        return;
    }
    T tile[EMBER_MR * NR];
    #pragma clang loop unroll(full)
    for (int i = 0; i < EMBER_MR; i++) {
        STORE(tile + i * NR, acc[i][0]);
        STORE(tile + i * NR + W, acc[i][1]);
    }
    EMBER_FN(store_edge)(tile, c, ldc, rows, columns, accumulate);
}

/// One operation over n elements; `OP` combines two vectors or two scalars alike.
#define EMBER_BINARY_LOOP(OP)                                                                  \
    if (sa == 1 && sb == 1) {                                                                  \
        for (; i + W <= n; i += W) STORE(out + i, OP(LOAD(a + i), LOAD(b + i)));              \
    } else if (sa == 1) {                                                                      \
        const V y = SPLAT(b[0]);                                                               \
        for (; i + W <= n; i += W) STORE(out + i, OP(LOAD(a + i), y));                        \
    } else {                                                                                   \
        const V x = SPLAT(a[0]);                                                               \
        for (; i + W <= n; i += W) STORE(out + i, OP(x, LOAD(b + i)));                        \
    }                                                                                          \
    for (; i < n; i++) out[i] = OP(a[i * sa], b[i * sb]);

#define EMBER_ADD(x, y) ((x) + (y))
#define EMBER_SUB(x, y) ((x) - (y))
#define EMBER_MUL(x, y) ((x) * (y))
#define EMBER_DIV(x, y) ((x) / (y))

void EMBER_FN(binary)(int op, const T *a, long sa, const T *b, long sb, T *out, long n) {
    long i = 0;
    switch (op) {
    case EMBER_BINARY_ADD: { EMBER_BINARY_LOOP(EMBER_ADD) } break;
    case EMBER_BINARY_SUB: { EMBER_BINARY_LOOP(EMBER_SUB) } break;
    case EMBER_BINARY_MUL: { EMBER_BINARY_LOOP(EMBER_MUL) } break;
    default: { EMBER_BINARY_LOOP(EMBER_DIV) } break;
    }
}

/// The lanes of `v` summed pairwise (the same tree for every length).
static inline T EMBER_FN(lanes_sum)(V v) {
    T lanes[W];
    STORE(lanes, v);
    for (int width = W / 2; width > 0; width /= 2)
        for (int j = 0; j < width; j++) lanes[j] += lanes[j + width];
    return lanes[0];
}

// The sum and the dot product in two steps, so that a caller can feed a long vector in pieces (a fused run's tiles)
// and get the bits of one call over the whole: `*_blocks` adds the whole blocks of 4 vectors into the accumulators
// kept at `state` (4·W scalars, zero to start) and returns how many elements it consumed; `*_finish` adds the
// remaining full vectors (fewer than 4) into the first accumulator and the scalar tail into a separate sum, and
// folds. `sum` and `dot` are exactly these two calls.

long EMBER_FN(sum_blocks)(T *state, const T *x, long n) {
    V s0 = LOAD(state), s1 = LOAD(state + W), s2 = LOAD(state + 2 * W), s3 = LOAD(state + 3 * W);
    long i = 0;
    for (; i + 4 * W <= n; i += 4 * W) {
        s0 += LOAD(x + i);
        s1 += LOAD(x + i + W);
        s2 += LOAD(x + i + 2 * W);
        s3 += LOAD(x + i + 3 * W);
    }
    STORE(state, s0);
    STORE(state + W, s1);
    STORE(state + 2 * W, s2);
    STORE(state + 3 * W, s3);
    return i;
}

T EMBER_FN(sum_finish)(const T *state, const T *x, long n) {
    V s0 = LOAD(state), s1 = LOAD(state + W), s2 = LOAD(state + 2 * W), s3 = LOAD(state + 3 * W);
    long i = 0;
    for (; i + W <= n; i += W) s0 += LOAD(x + i);
    T tail = 0;
    for (; i < n; i++) tail += x[i];
    return EMBER_FN(lanes_sum)((s0 + s1) + (s2 + s3)) + tail;
}

T EMBER_FN(sum)(const T *x, long n) {
    T state[4 * W] = {0};
    long done = EMBER_FN(sum_blocks)(state, x, n);
    return EMBER_FN(sum_finish)(state, x + done, n - done);
}

long EMBER_FN(dot_blocks)(T *state, const T *x, const T *y, long n) {
    V s0 = LOAD(state), s1 = LOAD(state + W), s2 = LOAD(state + 2 * W), s3 = LOAD(state + 3 * W);
    long i = 0;
    for (; i + 4 * W <= n; i += 4 * W) {
        s0 = FMA(LOAD(x + i), LOAD(y + i), s0);
        s1 = FMA(LOAD(x + i + W), LOAD(y + i + W), s1);
        s2 = FMA(LOAD(x + i + 2 * W), LOAD(y + i + 2 * W), s2);
        s3 = FMA(LOAD(x + i + 3 * W), LOAD(y + i + 3 * W), s3);
    }
    STORE(state, s0);
    STORE(state + W, s1);
    STORE(state + 2 * W, s2);
    STORE(state + 3 * W, s3);
    return i;
}

T EMBER_FN(dot_finish)(const T *state, const T *x, const T *y, long n) {
    V s0 = LOAD(state), s1 = LOAD(state + W), s2 = LOAD(state + 2 * W), s3 = LOAD(state + 3 * W);
    long i = 0;
    for (; i + W <= n; i += W) s0 = FMA(LOAD(x + i), LOAD(y + i), s0);
    T tail = 0;
    for (; i < n; i++) tail = __builtin_elementwise_fma(x[i], y[i], tail);
    return EMBER_FN(lanes_sum)((s0 + s1) + (s2 + s3)) + tail;
}

T EMBER_FN(dot)(const T *x, const T *y, long n) {
    T state[4 * W] = {0};
    long done = EMBER_FN(dot_blocks)(state, x, y, n);
    return EMBER_FN(dot_finish)(state, x + done, y + done, n - done);
}

void EMBER_FN(axpy)(T alpha, const T *x, T *y, long n) {
    const V a = SPLAT(alpha);
    long i = 0;
    for (; i + W <= n; i += W) STORE(y + i, FMA(a, LOAD(x + i), LOAD(y + i)));
    for (; i < n; i++) y[i] = __builtin_elementwise_fma(alpha, x[i], y[i]);
}

#include "FusedDriver.h"
#include "SequenceDriver.h"

#undef T
#undef V
#undef W
#undef NR
#undef LOAD
#undef STORE
#undef SPLAT
#undef FMA
#undef EMBER_BINARY_LOOP
#undef EMBER_ADD
#undef EMBER_SUB
#undef EMBER_MUL
#undef EMBER_DIV
