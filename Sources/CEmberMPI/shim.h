// Open MPI for EmberDistributed. Include and library paths come from pkg-config (`ompi-c`).
// MPI_COMM_WORLD, MPI_FLOAT, MPI_SUM, MPI_IN_PLACE and friends are macros over Open MPI's global objects, which
// Swift cannot import; these inline functions hand them to Swift. They are compiled into each importing module,
// so no separate C target is needed.
#include <mpi.h>

static inline MPI_Comm ember_mpi_comm_world(void) { return MPI_COMM_WORLD; }
static inline MPI_Datatype ember_mpi_float(void) { return MPI_FLOAT; }
static inline MPI_Datatype ember_mpi_double(void) { return MPI_DOUBLE; }
static inline MPI_Op ember_mpi_sum(void) { return MPI_SUM; }
static inline MPI_Op ember_mpi_max(void) { return MPI_MAX; }
static inline void *ember_mpi_in_place(void) { return MPI_IN_PLACE; }
static inline int ember_mpi_thread_serialized(void) { return MPI_THREAD_SERIALIZED; }
static inline int ember_mpi_max_library_version_string(void) { return MPI_MAX_LIBRARY_VERSION_STRING; }
