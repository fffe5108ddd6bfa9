// The whole GLPK C API, and one Linux call Swift's Glibc module does not export.
#include <glpk.h>
#include <fcntl.h>
#include <sys/syscall.h>
#include <unistd.h>

/// Swaps two paths in one atomic step (Linux renameat2 with RENAME_EXCHANGE), for AtomicFolder; -1 and errno
/// where the kernel or file system cannot (then AtomicFolder falls back to two renames).
static inline int alchain_rename_exchange(const char *from, const char *to) {
#ifdef SYS_renameat2
    return (int)syscall(SYS_renameat2, AT_FDCWD, from, AT_FDCWD, to, 2 /* RENAME_EXCHANGE */);
#else
    errno = ENOSYS;
    return -1;
#endif
}
