// The prepared-sequence driver of one instruction set and scalar type (declared in CEmberSIMDKernels.h), included by
// ScalarKernels.h inside its macros: a compiled step's small kernels, one after another, each through the very
// function that runs it alone, so every result keeps its bits.

static inline T *EMBER_FN(sequence_at)(void *const *bases, long slot, long offset) {
    return slot < 0 ? 0 : (T *)((char *)bases[slot] + offset);
}

void EMBER_FN(sequence)(const ember_sequence_step *steps, long count, void *const *bases, const double *alphas) {
    for (long s = 0; s < count; s++) {
        const ember_sequence_step *st = steps + s;
        T *a = EMBER_FN(sequence_at)(bases, st->slotA, st->offsetA);
        T *b = EMBER_FN(sequence_at)(bases, st->slotB, st->offsetB);
        T *out = EMBER_FN(sequence_at)(bases, st->slotOut, st->offsetOut);
        const T alpha = (T)(st->alphaIndex >= 0 ? alphas[st->alphaIndex] : st->alpha);
        switch (st->kind) {
        case EMBER_SEQUENCE_BINARY:
            EMBER_FN(binary)(st->op, a, st->strideA, b, st->strideB, out, st->n);
            break;
        case EMBER_SEQUENCE_SUM:
            out[0] = EMBER_FN(sum)(a, st->n);
            break;
        case EMBER_SEQUENCE_AXPY:
            EMBER_FN(axpy)(alpha, a, out, st->n);
            break;
        default:   // EMBER_SEQUENCE_FILL
            for (long i = 0; i < st->n; i++) out[i] = alpha;
            break;
        }
    }
}
