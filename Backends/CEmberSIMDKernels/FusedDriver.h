// The fused-run driver of one instruction set and scalar type (declared in CEmberSIMDKernels.h), included by
// ScalarKernels.h inside its macros. Two paths: the register path (FusedRegisters.h) takes the whole blocks of runs of
// EMBER_REG_MIN_ELEMENTS or more; the tile path takes the rest: a tile of every step, then the next tile, each step one
// call of the kernels above on the tile, so its elements are computed exactly as by the unfused call; the reductions
// are fed whole blocks of four vectors per tile (tiles are multiples of 64 elements) and finish on the last tile.

static inline T *EMBER_FN(fused_at)(const void *p, long mode, long start) {
    return (T *)p + (mode == 1 ? start : 0);
}

#include "FusedRegisters.h"

/// The tile path: every step over a tile, then the next tile.
static void EMBER_FN(fused_tiles)(const ember_fused_step *steps, long count, long begin, long end, long tile,
                                  T *state, T *results) {
    for (long start = begin; start < end; start += tile) {
        const long m = end - start < tile ? end - start : tile;
        const int last = start + m == end;
        for (long s = 0; s < count; s++) {
            const ember_fused_step *step = steps + s;
            T *a = EMBER_FN(fused_at)(step->a, step->modeA, start);
            T *b = EMBER_FN(fused_at)(step->b, step->modeB, start);
            T *out = EMBER_FN(fused_at)(step->out, step->modeOut, start);
            switch (step->kind) {
            case EMBER_FUSED_BINARY:
                EMBER_FN(binary)(step->op, a, step->modeA != 0, b, step->modeB != 0, out, m);
                break;
            case EMBER_FUSED_FILL: {
                const T value = (T)step->alpha;
                for (long i = 0; i < m; i++) out[i] = value;
                break;
            }
            case EMBER_FUSED_COPY:
                __builtin_memmove(out, a, (unsigned long)m * sizeof(T));
                break;
            case EMBER_FUSED_AXPY:
                EMBER_FN(axpy)((T)step->alpha, a, out, m);
                break;
            case EMBER_FUSED_SCALE: {
                const T alpha = (T)step->alpha;
                EMBER_FN(binary)(EMBER_BINARY_MUL, out, 1, &alpha, 0, out, m);
                break;
            }
            case EMBER_FUSED_SUM: {
                T *acc = state + step->reduction * EMBER_FUSED_STATE_SCALARS;
                const long done = EMBER_FN(sum_blocks)(acc, a, m);
                if (last) results[step->reduction] = EMBER_FN(sum_finish)(acc, a + done, m - done);
                break;
            }
            default: {   // EMBER_FUSED_DOT
                T *acc = state + step->reduction * EMBER_FUSED_STATE_SCALARS;
                const long done = EMBER_FN(dot_blocks)(acc, a, b, m);
                if (last) results[step->reduction] = EMBER_FN(dot_finish)(acc, a + done, b + done, m - done);
                break;
            }
            }
        }
    }
}

void EMBER_FN(fused)(const ember_fused_step *steps, long count, long begin, long end, long tile, T *state,
                     T *results) {
    // The whole blocks on the register path when the run fits it, the rest (fewer than 4·W elements) on the tile
    // path, which finishes the reductions. Short runs stay on the tile path: lowering costs a few hundred
    // nanoseconds, more than a few blocks of tiles cost.
    const long full = begin + (end - begin) / (4 * W) * (4 * W);
    if (end - begin >= EMBER_REG_MIN_ELEMENTS && tile >= 4 * W) {
        EMBER_FN(reg_op) ops[EMBER_REG_MAX_OPS];
        T blocks[EMBER_REG_MAX_STEPS * 4 * W];
        long reductions;
        const long n = EMBER_FN(reg_lower)(steps, count, ops, blocks, &reductions);
        if (n >= 0) {
            EMBER_FN(reg_run)(ops, n, begin, full, state, reductions);
            if (full < end) return EMBER_FN(fused_tiles)(steps, count, full, end, tile, state, results);
            for (long s = 0; s < count; s++) {
                const ember_fused_step *step = steps + s;
                T *acc = state + step->reduction * EMBER_FUSED_STATE_SCALARS;
                if (step->kind == EMBER_FUSED_SUM) results[step->reduction] = EMBER_FN(sum_finish)(acc, 0, 0);
                if (step->kind == EMBER_FUSED_DOT) results[step->reduction] = EMBER_FN(dot_finish)(acc, 0, 0, 0);
            }
            return;
        }
    }
    EMBER_FN(fused_tiles)(steps, count, begin, end, tile, state, results);
}
