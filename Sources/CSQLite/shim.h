#include <sqlite3.h>

// SQLITE_TRANSIENT is a macro Swift cannot import: it tells SQLite to copy bound text and
// blobs at bind time, so the Swift buffer may go away right after the call.
static inline void (*csqlite_transient(void))(void *) {
    return (void (*)(void *))-1;
}
