/// Collects the changes of one epoch, merging several touches of one resource.
///
/// Created then updated stays created; created then deleted disappears;
/// updated then deleted becomes deleted; updates merge their fields.
struct ChangeRecorder: Sendable {
    private struct Key: Hashable {
        var resource: String
        var id: String
    }

    let epoch: Int
    private var changes: [Key: FleetChange] = [:]
    private var order: [Key] = []

    init(epoch: Int) {
        self.epoch = epoch
    }

    mutating func record(
        _ action: FleetChange.Action, provider: String, scope: String, resource: String, id: String,
        fields: [String] = []
    ) {
        let key = Key(resource: resource, id: id)
        guard var existing = changes[key] else {
            changes[key] = FleetChange(
                epoch: epoch, provider: provider, scope: scope, resource: resource, id: id,
                action: action, fields: action == .updated ? Array(Set(fields)).sorted() : [])
            order.append(key)
            return
        }
        switch (existing.action, action) {
        case (.created, .deleted):
            changes[key] = nil
            return
        case (.created, _):
            return
        case (_, .deleted):
            existing.action = .deleted
            existing.fields = []
        case (.deleted, .created):
            existing.action = .updated
            existing.fields = Array(Set(existing.fields + fields)).sorted()
        default:
            existing.fields = Array(Set(existing.fields + fields)).sorted()
        }
        changes[key] = existing
    }

    /// The merged changes in the order resources were first touched.
    var recorded: [FleetChange] {
        order.compactMap { changes[$0] }
    }

    /// Ids of every resource touched, live or not.
    var touchedIDs: Set<String> {
        Set(order.map(\.id))
    }
}
