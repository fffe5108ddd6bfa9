// The whole GLPK C API; no helpers are needed beyond the library's own header.
#include <glpk.h>
