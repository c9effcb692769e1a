/// One listing page sorted for staging, in the page's own task (so in parallel
/// with the other pages): unchanged resources, staged as id and hashes only,
/// and the rows of the resources that changed or are new.
struct StagedPage<Row: StagedRow>: Sendable {
    /// A mapped row, its content hash and its object's wire fingerprint.
    var changed: [(row: Row, contentHash: Int64, wireHash: Int64)] = []
    var unchanged: [UnchangedResource] = []

    /// Sorts `objects` (with their `ids`) of the listing `scope`: an object whose
    /// fingerprint equals the stored one is unchanged and is not mapped; the others
    /// are mapped with `map`, and are unchanged still when their content hash is the
    /// stored one. An object stored as another listing's (another zone, or Instance
    /// vs Block Storage) is never unchanged here: it is staged whole, as a move.
    init(
        _ objects: [WireValue], ids: [String?], stored: [String: StoredHashes], scope: SyncScope, mapping: ResourceMapping,
        map: (WireValue) -> Row?, runtime: (WireValue) -> String?
    ) {
        let listing = scope.listingName
        for (object, id) in zip(objects, ids) {
            guard let id else { continue }
            let wireHash = mapping.fingerprint(object)
            let known = stored[id].flatMap { $0.zone == scope.zone && $0.listing == listing ? $0 : nil }
            if let known, known.wire == wireHash {
                unchanged.append(UnchangedResource(id: id, contentHash: known.content, wireHash: wireHash,
                                                   runtime: runtime(object)))
                continue
            }
            guard let row = map(object) else { continue }
            let contentHash = DatabaseCell.contentHash(row.versionedValues)
            if let known, known.content == contentHash {
                unchanged.append(UnchangedResource(id: row.id, contentHash: contentHash, wireHash: wireHash,
                                                   runtime: row.runtime))
            } else {
                changed.append((row, contentHash, wireHash))
            }
        }
    }

    init() {}
}

/// A normalized row that can be staged: what `ScopeStaging` writes for any
/// resource table, driven by the table's `ResourceTableSpec`.
protocol StagedRow: Sendable {
    var id: String { get }
    var runtime: String? { get }
    var raw: String { get }
    /// The table's versioned columns, each with how a row gives its cell: the table spec's columns
    /// are read from here (`ResourceTableSpec.columns`).
    static var columns: [RowColumn<Self>] { get }
    /// The child rows, per child table of the spec: each row its key column then its attributes, in order.
    var children: [(table: ChildTableSpec, rows: [[DatabaseCell]])] { get }
}

extension StagedRow {
    /// The values of the versioned columns, in the columns' order.
    var columnValues: [DatabaseCell] { Self.columns.cells(of: self) }

    /// What the content hash covers: the versioned columns, the raw JSON, then every child row in the
    /// order of `children` (never reorder: stored hashes would all change).
    var versionedValues: [DatabaseCell] {
        columnValues + [.text(raw)] + children.flatMap { $0.rows.joined() }
    }
}

extension ServerRow: StagedRow {
    static let columns: [RowColumn<ServerRow>] = [
        .text("name") { $0.name }, .text("status") { $0.status }, .text("provider_status") { $0.providerStatus },
        .integer("cpu_mhz") { $0.cpuMHz }, .integer("smp") { $0.smp }, .integer("mem_bytes") { $0.memBytes },
        .text("commercial_type") { $0.commercialType }, .text("arch") { $0.arch }, .text("image") { $0.image },
        .text("hostname") { $0.hostname }, .text("created_at") { $0.createdAt }, .text("modified_at") { $0.modifiedAt },
    ]

    var children: [(table: ChildTableSpec, rows: [[DatabaseCell]])] {
        [(.serverDrives, drives.map(\.versionedValues)), (.serverNICs, nics.map(\.versionedValues)),
         (.serverTags, tags.map { [.text($0)] })]
    }
}

extension DriveRow: StagedRow {
    /// Drives and volumes carry no volatile runtime values.
    var runtime: String? { nil }

    static let columns: [RowColumn<DriveRow>] = [
        .text("name") { $0.name }, .integer("size_bytes") { $0.sizeBytes }, .text("media") { $0.media },
        .text("storage_type") { $0.storageType }, .text("status") { $0.status },
        .text("provider_status") { $0.providerStatus }, .flag("allow_multimount") { $0.allowMultimount },
        .text("created_at") { $0.createdAt }, .text("modified_at") { $0.modifiedAt },
    ]

    var children: [(table: ChildTableSpec, rows: [[DatabaseCell]])] {
        [(.driveTags, tags.map { [.text($0)] })]
    }
}

/// A resource whose object or content came back as it was: staged as id and hashes only.
struct UnchangedResource: Sendable {
    var id: String
    var contentHash: Int64
    var wireHash: Int64
    var runtime: String?
}

/// What the inventory holds to tell whether a resource changed.
struct StoredHashes: Sendable {
    var content: Int64
    /// NULL for rows written before fingerprints were kept.
    var wire: Int64?
    /// The zone and listing the row was last applied from.
    var zone: String
    var listing: String
}
