/// Why a scope, an account or a whole sync failed. Messages name the account
/// and say what to do; they never contain a credential.
public enum SyncError: Error, CustomStringConvertible, Sendable {
    /// 401: the account's credentials were refused.
    case authentication(account: String, provider: Provider, status: Int)
    /// 403: the credentials may not read one listing; the account's other listings go on.
    /// `permission` names what to grant (the listing's `ListingDeclaration.permission`), when known.
    case forbidden(account: String, provider: Provider, url: String, detail: String, permission: String? = nil)
    /// An HTTP error status that retrying does not fix (or that kept coming back).
    case http(account: String, provider: Provider, url: String, status: Int, detail: String)
    /// The connection failed, timed out or was cut, after every retry.
    case transport(account: String, url: String, detail: String)
    /// The body was not the JSON the provider documents.
    case invalidResponse(account: String, url: String, detail: String)
    /// The distinct objects read did not match the announced total, twice.
    /// `moreAfterEnd`: the page after the announced end was not empty.
    case incompleteListing(scope: SyncScope, announced: [Int], read: Int, moreAfterEnd: Bool)
    /// A lookup every listing of the account needs (CloudSigma's tag names) failed: no listing was read.
    case accountLookup(account: String, what: String, reason: String)
    /// A complete listing came from another owner than the account's: nothing applied.
    case otherOwner(scope: SyncScope, known: String, seen: String)
    /// The scope was not read within `sync.scope_timeout_seconds`.
    case scopeTimeout(scope: SyncScope, seconds: Int)
    /// The API host could not be reached at all (refused, or its name does not resolve).
    case unreachable(account: String, host: String, reason: String)
    /// Another `stocktake sync` holds the database.
    case databaseBusy(path: String, waited: Int)
    /// Another `stocktake sync` (on this host or another) is syncing these accounts into the shared store.
    case accountsBusy(accounts: [String], store: String, waited: Int)

    public var description: String {
        switch self {
        case .authentication(let account, let provider, let status):
            let hint: String
            switch provider {
            case .scaleway:
                hint = "check its secret_key (or its profile, or SCW_SECRET_KEY) and that the key is not expired or revoked"
            case .cloudsigma:
                hint = "check its username and password (or CLOUDSIGMA_USERNAME / CLOUDSIGMA_PASSWORD, or ~/.cloudsigma.conf)"
            }
            return "account '\(account)': \(provider.displayName) refused the credentials (HTTP \(status)); \(hint)"
        case .forbidden(let account, let provider, let url, let detail, let permission):
            let grant: String
            switch provider {
            case .scaleway:
                grant = "give the key's IAM policy the \(permission ?? "read permission set of that API") permission set (\(ListingDeclaration.permissionsSummary(on: provider)))"
            case .cloudsigma:
                grant = "check that the user has \(permission ?? "read access to it") (a sub-user needs the permission from the account owner)"
            }
            return "account '\(account)': \(provider.displayName) does not let these credentials list \(url) (HTTP 403\(detail.isEmpty ? "" : ": \(detail)")); \(grant), or leave the listing out with `kinds:`; the account's other listings were read"
        case .http(let account, let provider, let url, let status, let detail):
            // A 404 on a listing is a wrong api_url far more often than a missing API.
            let hint = status == 404 ? "; check the account's api_url: \(Self.apiURLForm(provider))" : ""
            return "account '\(account)': GET \(url) answered HTTP \(status)\(detail.isEmpty ? "" : ": \(detail)")\(hint)"
        case .accountLookup(let account, let what, let reason):
            return "not read: \(what), which every listing of account '\(account)' needs, could not be read: \(reason)"
        case .transport(let account, let url, let detail):
            return "account '\(account)': GET \(url) failed: \(detail); check the api_url and the network"
        case .invalidResponse(let account, let url, let detail):
            return "account '\(account)': GET \(url) returned a body Stocktake cannot read: \(detail)"
        case .incompleteListing(let scope, let announced, let read, let moreAfterEnd):
            let totals = announced.map(String.init).joined(separator: ", ")
            let more = moreAfterEnd ? ", and the page after its announced end was not empty" : ""
            return "\(scope): the listing changed while it was read (announced \(totals) objects, read \(read) distinct\(more)), twice; nothing applied, the next sync will retry"
        case .otherOwner(let scope, let known, let seen):
            let owner: String
            switch scope.provider {
            case .scaleway: owner = "organization"
            case .cloudsigma: owner = "user"
            }
            return "\(scope): the listing came from \(owner) \(seen), but account '\(scope.account)' holds the resources of \(owner) \(known.replacingOccurrences(of: ",", with: ", ")); nothing applied and nothing deleted. Check the account's credentials (an explicit secret_key or profile wins over SCW_SECRET_KEY); if the account really moved, sync once with --accept-owner-change"
        case .scopeTimeout(let scope, let seconds):
            return "\(scope): not read within \(seconds) s (sync.scope_timeout_seconds); nothing applied, the next sync will retry"
        case .unreachable(let account, let host, let reason):
            return "account '\(account)': cannot reach \(host): \(reason); check the account's api_url (or location) and the network"
        case .databaseBusy(let path, let waited):
            return "another stocktake sync holds \(path) (waited \(waited) s); try again later or pass --wait SECONDS"
        case .accountsBusy(let accounts, let store, let waited):
            let names = accounts.map { "'\($0)'" }.joined(separator: ", ")
            return "another stocktake sync (on this host or another) is syncing account \(names) into \(store) (waited \(waited) s); try again later, pass --wait SECONDS, or sync other accounts with --account"
        }
    }

    /// What a provider's api_url looks like, for hints.
    static func apiURLForm(_ provider: Provider) -> String {
        switch provider {
        case .scaleway: "Scaleway's is https://api.scaleway.com (the zones are added to it)"
        case .cloudsigma: "CloudSigma API URLs end in /api/2.0/, as https://zrh.cloudsigma.com/api/2.0/"
        }
    }

    /// True when the whole account should stop (the credentials are wrong).
    public var failsAccount: Bool {
        if case .authentication = self { return true }
        return false
    }
}
