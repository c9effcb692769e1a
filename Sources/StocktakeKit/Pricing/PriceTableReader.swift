/// Reads the `price_table` listing from the account's `PriceTable` (no request is made) and every
/// other listing through the provider's reader.
struct PriceTableReader: ListingReader {
    let table: PriceTable
    let provider: any ListingReader

    func read(_ scope: SyncScope, consume: @escaping @Sendable ([WireValue]) async throws -> Void) async throws -> ListingSummary {
        guard try ListingDeclaration.of(scope).paging == .bundled else { return try await provider.read(scope, consume: consume) }
        let objects = try table.objects(zone: scope.zone)
        try await consume(objects)
        return ListingSummary(pages: 1, announcedTotals: [objects.count])
    }
}
