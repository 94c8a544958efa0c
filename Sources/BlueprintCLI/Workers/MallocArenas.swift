#if canImport(Glibc)
import Glibc
#endif

/// How many heaps glibc's allocator keeps.
///
/// glibc gives each thread that allocates an arena of its own, up to eight per core. Reading one
/// large file on one thread and analysing it on another then keeps two heaps: the pages the parse
/// freed in the first are not reused by the analysis in the second, and the process's peak memory
/// grows by more than a quarter (574 against 446 MiB for a 100 000-step blueprint). With one arena
/// per file worker, each file's threads share a heap, and several workers still allocate without
/// waiting on one lock.
enum MallocArenas {
    /// Limits the arenas to `count` (at least 1). Does nothing where the allocator is not glibc's.
    static func limit(to count: Int) {
        #if canImport(Glibc)
        // `mallopt` is declared in <malloc.h>, which the Glibc module does not export; look it up.
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        let defaultHandle = UnsafeMutableRawPointer(bitPattern: 0)  // RTLD_DEFAULT
        guard let symbol = dlsym(defaultHandle, "mallopt") else { return }
        let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
        let arenaMaximum: Int32 = -8  // M_ARENA_MAX
        _ = mallopt(arenaMaximum, Int32(clamping: max(1, count)))
        #endif
    }
}
