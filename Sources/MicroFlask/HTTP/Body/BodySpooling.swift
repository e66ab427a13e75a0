/// Where request bodies may be kept while they arrive: the process-wide memory budget they share,
/// the size past which one goes to a temporary file, and the folder for such files.
///
/// One value per server, handed to every connection; the budget inside is shared by reference.
public struct BodySpooling: Sendable {
    /// The in-memory budget every body of the server reserves from.
    public let budget: BodyMemoryBudget
    /// Bodies larger than this many bytes go to a temporary file as they arrive.
    public let threshold: Int
    /// Where temporary files are made; nil means `$TMPDIR` or `/tmp`.
    public let temporaryDirectory: String?
    /// The bytes written to temporary files, bodies and uploads alike (shared by reference).
    let diskWrites = DiskWriteCounter()

    /// A budget of `memoryBudget` bytes shared by the bodies this value is given to.
    public init(
        memoryBudget: Int = BodyMemoryBudget.defaultLimit, threshold: Int = BodyAccumulator.defaultSpoolThreshold,
        temporaryDirectory: String? = nil
    ) {
        self.budget = BodyMemoryBudget(limit: memoryBudget)
        self.threshold = threshold
        self.temporaryDirectory = temporaryDirectory
    }
}
