/// Everything the engine knows of one kind of listing, said once: the table its rows go to (with
/// its versioned columns, children and change-type words) and, per provider that has it, where the
/// listing is, how it pages, what scope it is listed per, the permission that reads it and the
/// mapping of its objects. Scopes, `kinds:`, staging, apply, the as-of and `current_*` views,
/// export, history, status, `changes --type` and 403 messages are derived from these values.
struct KindDeclaration: Sendable {
    /// The table its rows go to; several kinds may share one (Instance and Block Storage volumes are `drives`).
    let table: ResourceTableSpec
    /// Its listing on each provider that has one.
    let listings: [Provider: ListingDeclaration]
}

/// What a listing is listed per: each configured zone, each region of the configured zones (a
/// regional object would be listed twice by two zones of its region), or the account's location.
enum ScopeUnit: Sendable, Equatable {
    case zone
    case region
    /// CloudSigma: the account's one location, configured as its zone.
    case location

    /// The scopes' zones (or regions) of an account configured with `zones`, in order, each once.
    func places(of zones: [String]) -> [String] {
        switch self {
        case .zone, .location:
            return zones
        case .region:
            var regions: [String] = []
            for region in zones.map(Self.region(of:)) where !regions.contains(region) { regions.append(region) }
            return regions
        }
    }

    /// `fr-par` for `fr-par-1`: a Scaleway zone without its number; a name without one is its own region.
    static func region(of zone: String) -> String {
        guard let dash = zone.lastIndex(of: "-"), zone[zone.index(after: dash)...].allSatisfy(\.isNumber),
              zone.index(after: dash) < zone.endIndex
        else { return zone }
        return String(zone[..<dash])
    }
}

/// How a listing's objects become rows of its table, with the row type erased so that one value
/// can say it: sorts a page (objects whose wire fingerprint is stored are not mapped) and stages it.
struct ListingMapping: Sendable {
    let stage: @Sendable (PageToStage, ScopeStageFile) async throws -> Void

    /// Objects mapped by `map` into rows of `Row`; `runtime` gives the volatile values an unchanged object still carries.
    static func rows<Row: StagedRow>(
        _ map: @escaping @Sendable (WireValue, ResourceMapping) -> Row?,
        runtime: @escaping @Sendable (WireValue) -> String? = { _ in nil }
    ) -> ListingMapping {
        ListingMapping { page, file in
            let sorted = StagedPage(page.objects, ids: page.ids, stored: page.stored, scope: page.scope, mapping: page.mapping,
                                    map: { map($0, page.mapping) }, runtime: runtime)
            try await file.stage(sorted, spec: page.scope.kind.declaration.table)
        }
    }
}

/// One page of a scope's listing on its way to the stage file.
struct PageToStage: Sendable {
    let objects: [WireValue]
    let ids: [String?]
    let stored: [String: StoredHashes]
    let scope: SyncScope
    let mapping: ResourceMapping
}
