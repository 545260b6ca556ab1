// The register path of the fused-run driver, included by FusedDriver.h inside ScalarKernels.h's macros.
//
// The tile path (FusedDriver.h) stores every step's tile and loads it again in the next step: on a run of cheap
// operations, L1 loads and stores are all it does. This path instead walks the run one block of four vectors at a
// time (the blocks the sums and dot products add, so their order is unchanged) through every step, keeping the value
// just computed in registers: a step that reads it takes it from there, and it is stored only where it must be (a
// result in memory, or an intermediate a later step reads after the registers moved on). Each operation is still the
// unfused kernel's operation on the same operands in the same order, so every element keeps its bits.
//
// The steps are first lowered to instructions on one register value `r` (four vectors): load an operand, combine
// `r` with an operand, store `r`, feed `r` to a reduction. Runs with more than EMBER_REG_MAX_STEPS steps or more than
// four reductions keep the tile path.

#ifndef EMBER_FUSED_REGISTER_CODES
#define EMBER_FUSED_REGISTER_CODES
#define EMBER_REG_MAX_STEPS 32
#define EMBER_REG_MIN_ELEMENTS 1024
#define EMBER_REG_MAX_OPS (4 * EMBER_REG_MAX_STEPS)
// Instruction codes. Variants: 0 = r with an operand (r ∘ x), 1 = an operand with r (x ∘ r), 2 = r with itself.
#define EMBER_R_LOAD 0
#define EMBER_R_STORE 1
#define EMBER_R_BIN 2    // + 3 · EMBER_BINARY_* + variant (2 … 13)
#define EMBER_R_SUM 14   // + reduction (14 … 17)
#define EMBER_R_DOT 18   // + 4 · variant + reduction (18 … 29)
#define EMBER_R_AXPY 30  // + variant: r ← alpha · a + out, with r holding a (0), out (1) or both (2)
#endif

/// One instruction: its operand is at `p + (i & mask)` for the block at element `i` (mask −1: memory; 0: a scratch
/// block, or a constant block holding a scalar four vectors wide).
typedef struct {
    int code;
    const T *p;
    long mask;
    T alpha;
} EMBER_FN(reg_op);

/// The lowering's state: the instructions so far and what the registers hold.
typedef struct {
    const ember_fused_step *steps;
    long count, n, constants;
    EMBER_FN(reg_op) *ops;
    T *blocks;            // constant blocks, 4·W scalars each
    const void *held;     // the operand whose value `r` holds (mode `heldMode`), or none when heldMode < 0
    long heldMode;
    int dirty;            // `r` holds a scratch value not stored yet
} EMBER_FN(reg_lowering);

static inline int EMBER_FN(reg_holds)(const EMBER_FN(reg_lowering) *l, const void *p, long mode) {
    return l->heldMode >= 0 && l->held == p && l->heldMode == mode;
}

static inline int EMBER_FN(reg_reads)(const ember_fused_step *t, const void *p, long mode) {
    const int a = t->kind != EMBER_FUSED_FILL && t->kind != EMBER_FUSED_SCALE;
    const int b = t->kind == EMBER_FUSED_BINARY || t->kind == EMBER_FUSED_DOT;
    const int out = t->kind == EMBER_FUSED_AXPY || t->kind == EMBER_FUSED_SCALE;
    return (a && t->a == p && t->modeA == mode) || (b && t->b == p && t->modeB == mode)
        || (out && t->out == p && t->modeOut == mode);
}

static inline EMBER_FN(reg_op) *EMBER_FN(reg_emit)(EMBER_FN(reg_lowering) *l, int code, const void *p, long mode) {
    EMBER_FN(reg_op) *op = l->ops + l->n++;
    op->code = code;
    op->alpha = 0;
    if (mode == 0) {   // a scalar: a constant block
        T *block = l->blocks + l->constants++ * 4 * W;
        for (int j = 0; j < 4 * W; j++) block[j] = *(const T *)p;
        op->p = block;
        op->mask = 0;
    } else {
        op->p = (const T *)p;
        op->mask = mode == 1 ? -1 : 0;
    }
    return op;
}

/// Before step `s` overwrites `r`: stores the scratch value it holds if a later step reads it.
static inline void EMBER_FN(reg_spill)(EMBER_FN(reg_lowering) *l, long s) {
    if (!l->dirty) return;
    for (long t = s + 1; t < l->count; t++) {
        if (EMBER_FN(reg_reads)(l->steps + t, l->held, l->heldMode)) {
            EMBER_FN(reg_emit)(l, EMBER_R_STORE, l->held, l->heldMode);
            break;
        }
    }
    l->dirty = 0;
}

static inline void EMBER_FN(reg_load)(EMBER_FN(reg_lowering) *l, const void *p, long mode) {
    EMBER_FN(reg_emit)(l, EMBER_R_LOAD, p, mode);
    l->held = p;
    l->heldMode = mode;
}

/// `r` now holds step `s`'s result: stored at once when it goes to memory.
static inline void EMBER_FN(reg_result)(EMBER_FN(reg_lowering) *l, const ember_fused_step *st) {
    l->held = st->out;
    l->heldMode = st->modeOut;
    l->dirty = st->modeOut == 2;
    if (st->modeOut == 1) EMBER_FN(reg_emit)(l, EMBER_R_STORE, st->out, 1);
}

/// Emits `base + stride · variant` for an operation on `x` and `y` (in this order), loading `x` when `r` holds
/// neither.
static inline void EMBER_FN(reg_pair)(EMBER_FN(reg_lowering) *l, int base, int stride, const void *x, long modeX,
                                      const void *y, long modeY) {
    const int rx = EMBER_FN(reg_holds)(l, x, modeX), ry = EMBER_FN(reg_holds)(l, y, modeY);
    if (!rx && !ry) {
        EMBER_FN(reg_load)(l, x, modeX);
        return EMBER_FN(reg_pair)(l, base, stride, x, modeX, y, modeY);
    }
    if (rx && ry) EMBER_FN(reg_emit)(l, base + 2 * stride, 0, -1);
    else if (rx) EMBER_FN(reg_emit)(l, base, y, modeY);
    else EMBER_FN(reg_emit)(l, base + stride, x, modeX);
}

/// Lowers `count` steps into `ops` (EMBER_REG_MAX_OPS at most) with constant blocks in `blocks`
/// (EMBER_REG_MAX_STEPS · 4 · W scalars); returns the instruction count, or −1 when the run does not fit, and sets
/// `*reductions` to the run's number of reductions.
static long EMBER_FN(reg_lower)(const ember_fused_step *steps, long count, EMBER_FN(reg_op) *ops, T *blocks,
                                long *reductions) {
    if (count > EMBER_REG_MAX_STEPS) return -1;
    EMBER_FN(reg_lowering) l = {steps, count, 0, 0, ops, blocks, 0, -1, 0};
    *reductions = 0;
    for (long s = 0; s < count; s++) {
        const ember_fused_step *st = steps + s;
        const int reduces = st->kind == EMBER_FUSED_SUM || st->kind == EMBER_FUSED_DOT;
        if (reduces && st->reduction >= 4) return -1;
        if (reduces && st->reduction >= *reductions) *reductions = st->reduction + 1;
        const int readsHeld = EMBER_FN(reg_holds)(&l, st->a, st->modeA)
            || (st->kind == EMBER_FUSED_DOT && EMBER_FN(reg_holds)(&l, st->b, st->modeB));
        if (!(reduces && readsHeld)) EMBER_FN(reg_spill)(&l, s);   // a reduction of r leaves r as it is
        switch (st->kind) {
        case EMBER_FUSED_BINARY:
            EMBER_FN(reg_pair)(&l, EMBER_R_BIN + 3 * st->op, 1, st->a, st->modeA, st->b, st->modeB);
            EMBER_FN(reg_result)(&l, st);
            break;
        case EMBER_FUSED_FILL: {
            const T value = (T)st->alpha;
            EMBER_FN(reg_load)(&l, &value, 0);   // copied into a constant block
            EMBER_FN(reg_result)(&l, st);
            break;
        }
        case EMBER_FUSED_COPY:
            if (!EMBER_FN(reg_holds)(&l, st->a, st->modeA)) EMBER_FN(reg_load)(&l, st->a, st->modeA);
            EMBER_FN(reg_result)(&l, st);
            break;
        case EMBER_FUSED_AXPY: {
            const int ra = EMBER_FN(reg_holds)(&l, st->a, st->modeA);
            const int ro = EMBER_FN(reg_holds)(&l, st->out, st->modeOut);
            EMBER_FN(reg_op) *op;
            if (ra && ro) op = EMBER_FN(reg_emit)(&l, EMBER_R_AXPY + 2, 0, -1);
            else if (ro) op = EMBER_FN(reg_emit)(&l, EMBER_R_AXPY + 1, st->a, st->modeA);
            else {
                if (!ra) EMBER_FN(reg_load)(&l, st->a, st->modeA);
                op = EMBER_FN(reg_emit)(&l, EMBER_R_AXPY, st->out, st->modeOut);
            }
            op->alpha = (T)st->alpha;
            EMBER_FN(reg_result)(&l, st);
            break;
        }
        case EMBER_FUSED_SCALE: {
            const T alpha = (T)st->alpha;
            if (!EMBER_FN(reg_holds)(&l, st->out, st->modeOut)) EMBER_FN(reg_load)(&l, st->out, st->modeOut);
            EMBER_FN(reg_emit)(&l, EMBER_R_BIN + 3 * EMBER_BINARY_MUL, &alpha, 0);
            EMBER_FN(reg_result)(&l, st);
            break;
        }
        case EMBER_FUSED_SUM:
            if (!EMBER_FN(reg_holds)(&l, st->a, st->modeA)) EMBER_FN(reg_load)(&l, st->a, st->modeA);
            EMBER_FN(reg_emit)(&l, EMBER_R_SUM + (int)st->reduction, 0, -1);
            break;
        default:   // EMBER_FUSED_DOT
            EMBER_FN(reg_pair)(&l, EMBER_R_DOT + (int)st->reduction, 4, st->a, st->modeA, st->b, st->modeB);
            break;
        }
    }
    return l.n;
}

#define EMBER_R_AT(op) ((op)->p + (i & (op)->mask))

// r ∘ x, x ∘ r and r ∘ r for one binary operation.
#define EMBER_R_BIN_CASES(CODE, OP)                                                                                  \
    case EMBER_R_BIN + 3 * CODE: {                                                                                   \
        const T *p = EMBER_R_AT(op);                                                                                 \
        r0 = OP(r0, LOAD(p)); r1 = OP(r1, LOAD(p + W)); r2 = OP(r2, LOAD(p + 2 * W)); r3 = OP(r3, LOAD(p + 3 * W));  \
        break;                                                                                                       \
    }                                                                                                                \
    case EMBER_R_BIN + 3 * CODE + 1: {                                                                               \
        const T *p = EMBER_R_AT(op);                                                                                 \
        r0 = OP(LOAD(p), r0); r1 = OP(LOAD(p + W), r1); r2 = OP(LOAD(p + 2 * W), r2); r3 = OP(LOAD(p + 3 * W), r3);  \
        break;                                                                                                       \
    }                                                                                                                \
    case EMBER_R_BIN + 3 * CODE + 2:                                                                                 \
        r0 = OP(r0, r0); r1 = OP(r1, r1); r2 = OP(r2, r2); r3 = OP(r3, r3);                                          \
        break;

// Feeding reduction K, whose four accumulators are cK0 … cK3, as sum_blocks and dot_blocks do.
#define EMBER_R_REDUCE_CASES(K)                                                                                      \
    case EMBER_R_SUM + K:                                                                                            \
        c##K##0 += r0; c##K##1 += r1; c##K##2 += r2; c##K##3 += r3;                                                  \
        break;                                                                                                       \
    case EMBER_R_DOT + K: {                                                                                          \
        const T *p = EMBER_R_AT(op);                                                                                 \
        c##K##0 = FMA(r0, LOAD(p), c##K##0); c##K##1 = FMA(r1, LOAD(p + W), c##K##1);                                \
        c##K##2 = FMA(r2, LOAD(p + 2 * W), c##K##2); c##K##3 = FMA(r3, LOAD(p + 3 * W), c##K##3);                    \
        break;                                                                                                       \
    }                                                                                                                \
    case EMBER_R_DOT + 4 + K: {                                                                                      \
        const T *p = EMBER_R_AT(op);                                                                                 \
        c##K##0 = FMA(LOAD(p), r0, c##K##0); c##K##1 = FMA(LOAD(p + W), r1, c##K##1);                                \
        c##K##2 = FMA(LOAD(p + 2 * W), r2, c##K##2); c##K##3 = FMA(LOAD(p + 3 * W), r3, c##K##3);                    \
        break;                                                                                                       \
    }                                                                                                                \
    case EMBER_R_DOT + 8 + K:                                                                                        \
        c##K##0 = FMA(r0, r0, c##K##0); c##K##1 = FMA(r1, r1, c##K##1);                                              \
        c##K##2 = FMA(r2, r2, c##K##2); c##K##3 = FMA(r3, r3, c##K##3);                                              \
        break;

#define EMBER_R_STATE(K, J) (state + K * EMBER_FUSED_STATE_SCALARS + J * W)
#define EMBER_R_ACCUMULATORS(K)                                                                                      \
    V c##K##0 = SPLAT(0), c##K##1 = c##K##0, c##K##2 = c##K##0, c##K##3 = c##K##0;                                   \
    if (K < reductions) {                                                                                            \
        c##K##0 = LOAD(EMBER_R_STATE(K, 0)); c##K##1 = LOAD(EMBER_R_STATE(K, 1));                                    \
        c##K##2 = LOAD(EMBER_R_STATE(K, 2)); c##K##3 = LOAD(EMBER_R_STATE(K, 3));                                    \
    }
#define EMBER_R_KEEP(K)                                                                                              \
    if (K < reductions) {                                                                                            \
        STORE(EMBER_R_STATE(K, 0), c##K##0); STORE(EMBER_R_STATE(K, 1), c##K##1);                                    \
        STORE(EMBER_R_STATE(K, 2), c##K##2); STORE(EMBER_R_STATE(K, 3), c##K##3);                                    \
    }

/// Runs `n` instructions over the blocks of elements [begin, end) (a whole number of blocks of 4·W), with the
/// accumulators of the run's `reductions` (four at most) at `state`, EMBER_FUSED_STATE_SCALARS apart.
static void EMBER_FN(reg_run)(const EMBER_FN(reg_op) *ops, long n, long begin, long end, T *state, long reductions) {
    EMBER_R_ACCUMULATORS(0) EMBER_R_ACCUMULATORS(1) EMBER_R_ACCUMULATORS(2) EMBER_R_ACCUMULATORS(3)
    V r0 = SPLAT(0), r1 = r0, r2 = r0, r3 = r0;
    for (long i = begin; i < end; i += 4 * W) {
        for (const EMBER_FN(reg_op) *op = ops; op < ops + n; op++) {
            switch (op->code) {
            case EMBER_R_LOAD: {
                const T *p = EMBER_R_AT(op);
                r0 = LOAD(p); r1 = LOAD(p + W); r2 = LOAD(p + 2 * W); r3 = LOAD(p + 3 * W);
                break;
            }
            case EMBER_R_STORE: {
                T *p = (T *)EMBER_R_AT(op);
                STORE(p, r0); STORE(p + W, r1); STORE(p + 2 * W, r2); STORE(p + 3 * W, r3);
                break;
            }
            EMBER_R_BIN_CASES(EMBER_BINARY_ADD, EMBER_ADD)
            EMBER_R_BIN_CASES(EMBER_BINARY_SUB, EMBER_SUB)
            EMBER_R_BIN_CASES(EMBER_BINARY_MUL, EMBER_MUL)
            EMBER_R_BIN_CASES(EMBER_BINARY_DIV, EMBER_DIV)
            EMBER_R_REDUCE_CASES(0)
            EMBER_R_REDUCE_CASES(1)
            EMBER_R_REDUCE_CASES(2)
            EMBER_R_REDUCE_CASES(3)
            case EMBER_R_AXPY: {   // r holds a
                const T *p = EMBER_R_AT(op);
                const V alpha = SPLAT(op->alpha);
                r0 = FMA(alpha, r0, LOAD(p)); r1 = FMA(alpha, r1, LOAD(p + W));
                r2 = FMA(alpha, r2, LOAD(p + 2 * W)); r3 = FMA(alpha, r3, LOAD(p + 3 * W));
                break;
            }
            case EMBER_R_AXPY + 1: {   // r holds out
                const T *p = EMBER_R_AT(op);
                const V alpha = SPLAT(op->alpha);
                r0 = FMA(alpha, LOAD(p), r0); r1 = FMA(alpha, LOAD(p + W), r1);
                r2 = FMA(alpha, LOAD(p + 2 * W), r2); r3 = FMA(alpha, LOAD(p + 3 * W), r3);
                break;
            }
            default: {   // EMBER_R_AXPY + 2: r holds both
                const V alpha = SPLAT(op->alpha);
                r0 = FMA(alpha, r0, r0); r1 = FMA(alpha, r1, r1); r2 = FMA(alpha, r2, r2); r3 = FMA(alpha, r3, r3);
                break;
            }
            }
        }
    }
    EMBER_R_KEEP(0) EMBER_R_KEEP(1) EMBER_R_KEEP(2) EMBER_R_KEEP(3)
}

#undef EMBER_R_AT
#undef EMBER_R_BIN_CASES
#undef EMBER_R_REDUCE_CASES
#undef EMBER_R_ACCUMULATORS
#undef EMBER_R_KEEP
#undef EMBER_R_STATE
