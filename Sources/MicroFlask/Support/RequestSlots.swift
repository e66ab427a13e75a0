import CMicroFlaskSystem
import Glibc

/// Where each serving thread writes the request line it is serving, so that a crash can say
/// which request did it: the supervisor reads a dead worker's slots, and the crash handler of a
/// single process writes its thread's line to stderr.
///
/// The slots are a memory mapping: a `memfd` the supervisor creates before spawning a worker
/// and passes to it (it survives the exec, unlike an anonymous shared mapping), or private memory
/// in a single process. The hot path is one C call that copies the line into the thread's slot
/// and stores its length (release): no system call, no allocation. A pipe to the supervisor was
/// the alternative; it costs a `write(2)` per request and the supervisor would have to read it
/// continuously to know the last line.
///
/// `@unchecked Sendable`: the mapping is written only by the C functions (atomics per slot),
/// and read by the supervisor after the worker has died.
final class RequestSlots: @unchecked Sendable {
    /// The slots a mapping holds: one per serving thread, up to the server's most threads.
    static let count = 64
    static let slotSize = Int(MICROFLASK_SLOT_SIZE)
    static let headerSize = 64
    static var byteCount: Int { headerSize + count * slotSize }

    private let base: UnsafeMutableRawPointer
    /// The memfd, when shared, until the worker has it; the supervisor passes it to the worker.
    private(set) var descriptor: Int32?
    private let isShared: Bool

    private init(base: UnsafeMutableRawPointer, descriptor: Int32?) {
        self.base = base
        self.descriptor = descriptor
        self.isShared = descriptor != nil
    }

    /// A new shared mapping for one worker (in the supervisor).
    static func shared() throws(SystemError) -> RequestSlots {
        let fd = try Syscall.retrying("memfd_create") { Int(microflask_memfd("microflask-slots")) }
        do {
            _ = try Syscall.retrying("ftruncate") { Int(ftruncate(Int32(fd), off_t(byteCount))) }
            let slots = RequestSlots(base: try map(Int32(fd)), descriptor: Int32(fd))
            microflask_slots_clear(slots.base)
            return slots
        } catch {
            close(Int32(fd))
            throw error
        }
    }

    /// Maps the slots a supervisor passed at `descriptor` and makes them this process's (in a worker).
    static func attach(descriptor: Int32) throws(SystemError) -> RequestSlots {
        let slots = RequestSlots(base: try map(descriptor), descriptor: nil)
        close(descriptor)
        microflask_slots_attach(slots.base, Int32(count))
        return slots
    }

    /// Private slots for a single process, so its crash handler can name the request.
    static func local() -> RequestSlots {
        let base = UnsafeMutableRawPointer.allocate(byteCount: byteCount, alignment: 64)
        base.initializeMemory(as: UInt8.self, repeating: 0, count: byteCount)
        let slots = RequestSlots(base: base, descriptor: nil)
        microflask_slots_attach(base, Int32(count))
        return slots
    }

    private static func map(_ fd: Int32) throws(SystemError) -> UnsafeMutableRawPointer {
        guard
            let pointer = mmap(nil, byteCount, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0),
            pointer != MAP_FAILED
        else { throw SystemError("mmap") }
        return pointer
    }

    /// Closes the descriptor once the worker has its copy; the mapping stays readable.
    func closeDescriptor() {
        if let descriptor { close(descriptor) }
        descriptor = nil
    }

    /// Closes the descriptor and unmaps the shared slots (the worker is gone).
    func release() {
        closeDescriptor()
        if isShared { munmap(base, RequestSlots.byteCount) }
    }

    /// The lines being served (read after the worker died), the crashed thread's first.
    var lines: [String] {
        let crashed = Int(base.load(as: Int32.self))
        var result: [String] = []
        for index in 0..<RequestSlots.count {
            let slot = base + RequestSlots.headerSize + index * RequestSlots.slotSize
            let length = Int(slot.load(as: UInt32.self))
            guard length > 0, length <= RequestSlots.slotSize - 4 else { continue }
            let line = String(decoding: UnsafeRawBufferPointer(start: slot + 4, count: length), as: UTF8.self)
            if index == crashed { result.insert(line, at: 0) } else { result.append(line) }
        }
        return result
    }

    /// Records the request this thread starts serving.
    @inline(__always)
    static func begin(method: String, target: String, version: String) {
        var method = method
        var target = target
        var version = version
        method.withUTF8 { m in
            target.withUTF8 { t in
                version.withUTF8 { v in
                    microflask_slot_begin(
                        m.baseAddress, Int32(m.count), t.baseAddress, Int32(t.count), v.baseAddress, Int32(v.count))
                }
            }
        }
    }

    /// Marks this thread's slot idle.
    @inline(__always)
    static func end() { microflask_slot_end() }

    /// Installs the crash handler (after the Swift runtime's, which it hands the signal to).
    static func reportCrashes(announce: Bool) { microflask_install_crash_reporter(announce ? 1 : 0) }
}
