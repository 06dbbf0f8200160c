// Trampolines for the JavaScriptCore C API: see include/CJavaScriptCore.h for why.
//
// Each function is defined here under its real name with hidden visibility, so Swift's
// calls bind to it at link time and the library's own internal calls never come back here.
// The first call of each function looks up the real one with dlsym on the library's handle
// (never RTLD_DEFAULT, which would find these definitions again) and caches it.

#define JS_NO_EXPORT
#include "include/CJavaScriptCore.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#define SSJS_LIBRARY "libjavascriptcoregtk-4.1.so.0"
#define SSJS_PACKAGE "libjavascriptcoregtk-4.1-0"

static void *library_handle;
static char load_error[512];
static pthread_once_t load_once = PTHREAD_ONCE_INIT;

static void open_library(void) {
    library_handle = dlopen(SSJS_LIBRARY, RTLD_NOW | RTLD_LOCAL);
    if (!library_handle) {
        const char *reason = dlerror();
        snprintf(load_error, sizeof load_error,
                 "JavaScriptCore is not installed (%s); install it with: apt-get install %s",
                 reason ? reason : SSJS_LIBRARY, SSJS_PACKAGE);
    }
}

const char *ssjs_load(void) {
    pthread_once(&load_once, open_library);
    return library_handle ? NULL : load_error;
}

void *ssjs_symbol(const char *name) {
    if (ssjs_load() != NULL) return NULL;
    return dlsym(library_handle, name);
}

// A trampoline cannot report an error through the API's signature; callers check
// ssjs_load() first (ScriptContext does), so reaching this means a bug or a broken install.
__attribute__((noreturn)) static void missing(const char *name) {
    const char *error = ssjs_load();
    fprintf(stderr, "ssbuild: %s\n", error ? error : "JavaScriptCore lacks a function");
    fprintf(stderr, "ssbuild: (needed for %s)\n", name);
    exit(70);
}

static void *resolve(void **slot, const char *name) {
    void *fn = __atomic_load_n(slot, __ATOMIC_ACQUIRE);
    if (!fn) {
        fn = ssjs_symbol(name);
        if (!fn) missing(name);
        __atomic_store_n(slot, fn, __ATOMIC_RELEASE);
    }
    return fn;
}

#define SSJS_HIDDEN __attribute__((visibility("hidden")))

#define SSJS_FORWARD(ret, name, params, args)                          \
    SSJS_HIDDEN ret name params {                                       \
        static void *slot;                                              \
        ret (*fn) params = (ret (*) params)resolve(&slot, #name);       \
        return fn args;                                                 \
    }

#define SSJS_FORWARD_VOID(name, params, args)                          \
    SSJS_HIDDEN void name params {                                      \
        static void *slot;                                              \
        void (*fn) params = (void (*) params)resolve(&slot, #name);     \
        fn args;                                                        \
    }

// The library's one data symbol in the API: all zeros there too (JSObjectRef.h).
SSJS_HIDDEN const JSClassDefinition kJSClassDefinitionEmpty = {0};

// JSBase.h
SSJS_FORWARD(JSValueRef, JSEvaluateScript,
             (JSContextRef ctx, JSStringRef script, JSObjectRef thisObject, JSStringRef sourceURL,
              int startingLineNumber, JSValueRef *exception),
             (ctx, script, thisObject, sourceURL, startingLineNumber, exception))
SSJS_FORWARD(bool, JSCheckScriptSyntax,
             (JSContextRef ctx, JSStringRef script, JSStringRef sourceURL, int startingLineNumber,
              JSValueRef *exception),
             (ctx, script, sourceURL, startingLineNumber, exception))
SSJS_FORWARD_VOID(JSGarbageCollect, (JSContextRef ctx), (ctx))

// JSContextRef.h
SSJS_FORWARD(JSContextGroupRef, JSContextGroupCreate, (void), ())
SSJS_FORWARD_VOID(JSContextGroupRelease, (JSContextGroupRef group), (group))
SSJS_FORWARD(JSGlobalContextRef, JSGlobalContextCreateInGroup,
             (JSContextGroupRef group, JSClassRef globalObjectClass), (group, globalObjectClass))
SSJS_FORWARD_VOID(JSGlobalContextRelease, (JSGlobalContextRef ctx), (ctx))
SSJS_FORWARD(JSObjectRef, JSContextGetGlobalObject, (JSContextRef ctx), (ctx))

// JSObjectRef.h
SSJS_FORWARD(JSClassRef, JSClassCreate, (const JSClassDefinition *definition), (definition))
SSJS_FORWARD_VOID(JSClassRelease, (JSClassRef jsClass), (jsClass))
SSJS_FORWARD(JSObjectRef, JSObjectMake, (JSContextRef ctx, JSClassRef jsClass, void *data),
             (ctx, jsClass, data))
SSJS_FORWARD(JSObjectRef, JSObjectMakeFunctionWithCallback,
             (JSContextRef ctx, JSStringRef name, JSObjectCallAsFunctionCallback callAsFunction),
             (ctx, name, callAsFunction))
SSJS_FORWARD(void *, JSObjectGetPrivate, (JSObjectRef object), (object))
SSJS_FORWARD(JSValueRef, JSObjectGetProperty,
             (JSContextRef ctx, JSObjectRef object, JSStringRef propertyName, JSValueRef *exception),
             (ctx, object, propertyName, exception))
SSJS_FORWARD_VOID(JSObjectSetProperty,
                  (JSContextRef ctx, JSObjectRef object, JSStringRef propertyName, JSValueRef value,
                   JSPropertyAttributes attributes, JSValueRef *exception),
                  (ctx, object, propertyName, value, attributes, exception))
SSJS_FORWARD(bool, JSObjectIsFunction, (JSContextRef ctx, JSObjectRef object), (ctx, object))
SSJS_FORWARD(JSValueRef, JSObjectCallAsFunction,
             (JSContextRef ctx, JSObjectRef object, JSObjectRef thisObject, size_t argumentCount,
              const JSValueRef arguments[], JSValueRef *exception),
             (ctx, object, thisObject, argumentCount, arguments, exception))
SSJS_FORWARD(JSPropertyNameArrayRef, JSObjectCopyPropertyNames, (JSContextRef ctx, JSObjectRef object),
             (ctx, object))
SSJS_FORWARD_VOID(JSPropertyNameArrayRelease, (JSPropertyNameArrayRef array), (array))
SSJS_FORWARD(size_t, JSPropertyNameArrayGetCount, (JSPropertyNameArrayRef array), (array))
SSJS_FORWARD(JSStringRef, JSPropertyNameArrayGetNameAtIndex, (JSPropertyNameArrayRef array, size_t index),
             (array, index))

// JSStringRef.h
SSJS_FORWARD(JSStringRef, JSStringCreateWithUTF8CString, (const char *string), (string))
SSJS_FORWARD_VOID(JSStringRelease, (JSStringRef string), (string))
SSJS_FORWARD(size_t, JSStringGetLength, (JSStringRef string), (string))
SSJS_FORWARD(size_t, JSStringGetMaximumUTF8CStringSize, (JSStringRef string), (string))
SSJS_FORWARD(size_t, JSStringGetUTF8CString, (JSStringRef string, char *buffer, size_t bufferSize),
             (string, buffer, bufferSize))

// JSValueRef.h
SSJS_FORWARD(JSType, JSValueGetType, (JSContextRef ctx, JSValueRef value), (ctx, value))
SSJS_FORWARD(bool, JSValueIsUndefined, (JSContextRef ctx, JSValueRef value), (ctx, value))
SSJS_FORWARD(bool, JSValueIsNull, (JSContextRef ctx, JSValueRef value), (ctx, value))
SSJS_FORWARD(bool, JSValueIsObject, (JSContextRef ctx, JSValueRef value), (ctx, value))
SSJS_FORWARD(JSValueRef, JSValueMakeUndefined, (JSContextRef ctx), (ctx))
SSJS_FORWARD(JSValueRef, JSValueMakeNull, (JSContextRef ctx), (ctx))
SSJS_FORWARD(JSValueRef, JSValueMakeString, (JSContextRef ctx, JSStringRef string), (ctx, string))
SSJS_FORWARD(JSValueRef, JSValueMakeFromJSONString, (JSContextRef ctx, JSStringRef string), (ctx, string))
SSJS_FORWARD(JSStringRef, JSValueCreateJSONString,
             (JSContextRef ctx, JSValueRef value, unsigned indent, JSValueRef *exception),
             (ctx, value, indent, exception))
SSJS_FORWARD(JSStringRef, JSValueToStringCopy, (JSContextRef ctx, JSValueRef value, JSValueRef *exception),
             (ctx, value, exception))
SSJS_FORWARD(JSObjectRef, JSValueToObject, (JSContextRef ctx, JSValueRef value, JSValueRef *exception),
             (ctx, value, exception))
SSJS_FORWARD_VOID(JSValueProtect, (JSContextRef ctx, JSValueRef value), (ctx, value))
SSJS_FORWARD_VOID(JSValueUnprotect, (JSContextRef ctx, JSValueRef value), (ctx, value))
