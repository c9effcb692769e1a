/// Scaleway Block Storage API objects as the API serializes them (v1 and v1alpha1 share the shape).
enum BlockWire {
    static func volume(_ volume: BlockVolume) -> JSONValue {
        let references: [JSONValue] = volume.referencedServerID.map { server in
            [.object([
                ("id", .string(referenceID(volume: volume.id, server: server))),
                ("product_resource_type", .string("instance_server")),
                ("product_resource_id", .string(server)),
                ("created_at", .string(volume.updatedAt)),
                ("type", .string("exclusive")),
                ("status", .string("attached")),
            ])]
        } ?? []
        return .object([
            ("id", .string(volume.id)),
            ("name", .string(volume.name)),
            ("type", .string(volume.type)),
            ("size", .int(volume.size)),
            ("project_id", .string(volume.project)),
            ("created_at", .string(volume.createdAt)),
            ("updated_at", .string(volume.updatedAt)),
            ("references", .array(references)),
            ("parent_snapshot_id", .optional(volume.parentSnapshotID)),
            ("status", .string(volume.status)),
            ("tags", .array(volume.tags.map(JSONValue.string))),
            ("specs", .object([("perf_iops", .int(volume.type == "sbs_15k" ? 15_000 : 5_000)), ("class", .string("sbs"))])),
            ("last_detached_at", .optional(volume.lastDetachedAt)),
            ("zone", .string(volume.zone)),
        ])
    }

    /// A Block Storage snapshot: `parent_volume: {id, name, type, status}`.
    static func snapshot(_ snapshot: ScalewaySnapshot) -> JSONValue {
        .object([
            ("id", .string(snapshot.id)),
            ("name", .string(snapshot.name)),
            ("parent_volume", .object([("id", .string(snapshot.volumeID)), ("name", .string(snapshot.volumeName)),
                                       ("type", .string(snapshot.volumeType)), ("status", .string("available"))])),
            ("size", .int(snapshot.size)),
            ("project_id", .string(snapshot.project)),
            ("created_at", .string(snapshot.createdAt)),
            ("updated_at", .string(snapshot.createdAt)),
            ("references", .array([])),
            ("status", .string(snapshot.state)),
            ("tags", .array(snapshot.tags.map(JSONValue.string))),
            ("class", .string("sbs")),
            ("public", .bool(false)),
            ("zone", .string(snapshot.zone)),
        ])
    }

    /// A reference id that is stable for one (volume, server) pair, shaped like a UUID.
    static func referenceID(volume: String, server: String) -> String {
        String(server.prefix(8)) + String(volume.dropFirst(8))
    }
}
