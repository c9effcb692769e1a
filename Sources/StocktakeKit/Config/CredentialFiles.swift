import Foundation
import Yams

/// The official tools' credential files, used when the configuration and the
/// environment give none: the scw CLI's `config.yaml` and `~/.cloudsigma.conf`.
struct CredentialFiles {
    let environment: [String: String]
    let homeDirectory: String

    /// `secret_key` of `profile` (or the active profile, or the top level) in the scw CLI's config.
    /// The scw CLI's configuration: `$SCW_CONFIG_PATH`, else `$XDG_CONFIG_HOME/scw/config.yaml` (`~/.config/...`).
    var scalewayConfigPath: String {
        if let path = environment["SCW_CONFIG_PATH"], !path.isEmpty { return path }
        let base = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? homeDirectory + "/.config"
        return base + "/scw/config.yaml"
    }

    func scalewaySecretKey(profile: String?) -> String? {
        guard let data = FileManager.default.contents(atPath: scalewayConfigPath),
              let root = try? Yams.load(yaml: String(decoding: data, as: UTF8.self)) as? [String: Any] else { return nil }
        let profiles = root["profiles"] as? [String: Any] ?? [:]
        if let name = profile ?? environment["SCW_PROFILE"].flatMap({ $0.isEmpty ? nil : $0 }) ?? root["active_profile"] as? String,
           let selected = profiles[name] as? [String: Any], let key = selected["secret_key"] as? String {
            return key
        }
        return profile == nil ? root["secret_key"] as? String : nil
    }

    /// `username` and `password` from the cloudsigma library's configuration file.
    func cloudSigma() -> (username: String?, password: String?) {
        let path = environment["CLOUDSIGMA_CONFIG"] ?? (homeDirectory + "/.cloudsigma.conf")
        guard let data = FileManager.default.contents(atPath: path) else { return (nil, nil) }
        var values: [String: String] = [:]
        for line in String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard !trimmed.hasPrefix("#"), let equals = trimmed.firstIndex(of: "=") else { continue }
            let key = trimmed[..<equals].trimmingCharacters(in: .whitespaces)
            var value = trimmed[trimmed.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, let first = value.first, first == value.last, first == "\"" || first == "'" {
                value = String(value.dropFirst().dropLast())
            }
            values[key] = value
        }
        return (values["username"], values["password"])
    }
}
