/// The change another client makes while a listing is being paged through:
/// one object created at, or deleted from, the head of the listing.
enum BetweenPagesMutation {
    static func apply(_ kind: FaultRule.Kind, listing key: ListingKey, fleet: inout Fleet, recorder: inout ChangeRecorder) {
        let create = kind == .createBetweenPages
        // Each creation draws from its own stream: IPs take no serial of their own, and two IPs
        // created from one stream in two zones had the same id (one object in two zones' listings).
        var random = SeededGenerator(seed: fleet.configuration.seed, salts: 0xBE7, UInt64(create ? fleet.nextSerial() : fleet.serial))
        guard let (listing, zone) = key.listing else { return }
        listing.mutateBetweenPages(create: create, zone: zone, fleet: &fleet, recorder: &recorder, random: &random)
    }
}
