/// Turns a provider's object into the `raw` column: secrets removed everywhere,
/// volatile runtime values (traffic counters, start times) removed, keys sorted.
enum RawSanitizer {
    /// Keys whose values are credentials, wherever they appear.
    static let secretKeys: Set<String> = [
        "vnc_password", "admin_password_encrypted_value", "admin_password", "password", "secret_key",
        "api_key", "private_key", "access_key", "token",
    ]
    /// Keys inside a `runtime` object that change without anything having changed.
    static let volatileRuntimeKeys: Set<String> = ["io", "active_since"]

    /// The object without secrets or volatile values (and without the keys `leaving`, which change with
    /// use while nothing changed), as compact JSON with sorted keys.
    static func raw(_ object: WireValue, leaving: Set<String> = []) -> String {
        CanonicalJSON.serialize(object, skipping: leaving.isEmpty ? secretKeys : secretKeys.union(leaving), skippingInRuntime: volatileRuntimeKeys)
    }

    /// The object's volatile `runtime` values as JSON, or nil when it has none.
    static func runtime(_ object: WireValue) -> String? {
        guard let runtime = object.object("runtime") else { return nil }
        return CanonicalJSON.serialize(runtime, skipping: secretKeys, skippingInRuntime: [])
    }
}
