// The SQLite C API from the system's libsqlite3-dev.
#include <sqlite3.h>
