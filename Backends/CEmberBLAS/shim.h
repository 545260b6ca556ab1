// OpenBLAS (CBLAS) and LAPACKE for Ember. Include paths come from pkg-config (`openblas`);
// OpenBLAS's cblas.h also declares openblas_get_corename, openblas_get_config and
// openblas_set_num_threads, which `ember info` and the thread settings use.
#include <cblas.h>
#include <lapacke.h>
