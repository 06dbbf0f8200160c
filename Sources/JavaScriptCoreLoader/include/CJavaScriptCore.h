#ifndef SS_CJAVASCRIPTCORE_H
#define SS_CJAVASCRIPTCORE_H

// JavaScriptCore's C API (Debian's libjavascriptcoregtk-4.1-dev headers, through the
// include/JavaScriptCore link), loaded on first use instead of at process start.
//
// Linking the library costs every `ssbuild` run about 4 ms and some twenty shared objects
// (GLib, GIO, ICU 72, systemd, gcrypt), which commands such as `compile --minify` never
// use. JavaScriptCoreLoader.c defines each API function the Swift code calls as a
// trampoline that opens the library on the first call and jumps to the real function.

#include <stddef.h>
#include <JavaScriptCore/JavaScript.h>

/// Opens the library once (thread-safe). Returns NULL when it is loaded, otherwise a
/// message naming the missing Debian package.
const char *ssjs_load(void);

/// The address of `name` in the loaded library (loading it first), or NULL if the library
/// or the symbol is missing. For symbols outside the public headers.
void *ssjs_symbol(const char *name);

#endif
