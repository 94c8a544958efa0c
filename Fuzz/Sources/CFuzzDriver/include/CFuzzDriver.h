#ifndef SERVICEBLUEPRINT_CFUZZDRIVER_H
#define SERVICEBLUEPRINT_CFUZZDRIVER_H
#include <stddef.h>
#include <stdint.h>

/* libFuzzer's entry point for programs that have their own main (LLVM 11 and later). SwiftPM gives every
   executable target a Swift main, so the fuzzers call this instead of relying on libFuzzer's main. */
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*UserCb)(const uint8_t *Data, size_t Size));

#endif
