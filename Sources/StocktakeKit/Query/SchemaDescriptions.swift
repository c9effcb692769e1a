/// One-line meanings of every table and column, for `stocktake schema`.
public enum SchemaDescriptions {
    static let shared: [String: String] = [
        "account": "the account's name from the configuration",
        "id": "the provider's id; (account, id) is the key",
        "provider": "scaleway or cloudsigma",
        "zone": "the Scaleway zone or the CloudSigma location",
        "name": "the name",
        "first_seen": "when a sync first saw it",
        "first_seen_run": "the run that first saw it",
        "deleted_at": "when a complete listing first lacked it; NULL while it exists",
        "raw": "the provider's JSON object minus secrets and volatile runtime values (use json_extract)",
        "content_hash": "hash of the normalized row, children and raw; decides whether it changed",
        "wire_hash": "fingerprint of the provider's object as last read (secrets and volatile values left out); when the next read matches it, the object is not mapped again",
        "created_at": "the provider's creation time (Scaleway)",
        "modified_at": "the provider's modification time (Scaleway)",
        "valid_from_run": "the run that saw this version first",
        "valid_from": "when that run saw it",
        "valid_to_run": "the run that saw it change or go; NULL for the current version",
        "valid_to": "when that run saw it",
        "server_id": "the server (with account)",
        "drive_id": "the drive or volume (with account); may name a drive no listing returned",
        "resource_type": "server, drive, ip, security_group, snapshot or network",
        "resource_id": "the server's, drive's, IP's, security group's, snapshot's or network's id",
        "tag": "the tag (CloudSigma tag references resolved to names)",
        "listing": "the listing it came from, as sync_scopes.kind names it: servers; volumes (Scaleway Instance), block_volumes (Scaleway Block Storage) or drives (CloudSigma); a complete listing deletes only its own rows",
        "nic_id": "stable within the server: the MAC (CloudSigma), the IP's id, private_ip, ipv6 or the private NIC's id (Scaleway)",
    ]

    static let columns: [String: [String: String]] = [
        "accounts": ["name": "the account's unique name", "endpoint": "the API URL synced", "owner": "the organisation (Scaleway) or user (CloudSigma) its listings come from; a listing from another owner is refused",
                     "scopes": "the zones or location, comma-separated"],
        "prunes": ["id": "row number", "pruned_at": "when `stocktake prune` (or a sync's retention) ran",
                   "first_kept_run": "the first run whose answers were kept whole; --as-of an earlier run is refused",
                   "versions": "history versions removed", "resources": "deleted resources removed",
                   "changes": "change-log rows removed", "runs": "run records removed"],
        "sync_runs": ["id": "the run number, from 1", "started_at": "when it started", "finished_at": "when it ended",
                      "status": "running, ok, partial, failed or interrupted (killed)", "accounts": "the accounts it synced",
                      "scopes_applied": "scopes applied", "scopes_failed": "scopes that failed and changed nothing"],
        "sync_scopes": ["id": "row number", "run_id": "the run", "kind": "the listing: servers, volumes, block_volumes, drives, ips, snapshots, block_snapshots, security_groups or vlans",
                        "outcome": "applied or failed", "started_at": "when the scope's read began",
                        "finished_at": "when it was applied or failed", "seconds": "how long it took",
                        "pages": "pages read", "objects": "distinct objects in the listing",
                        "created": "resources created", "updated": "resources updated", "deleted": "resources deleted",
                        "reappeared": "deleted resources that came back", "error": "why it failed"],
        "servers": ["status": "running, stopped, starting, stopping, paused, unavailable or other",
                    "provider_status": "the provider's own state word", "cpu_mhz": "CPU clock in MHz (CloudSigma)",
                    "smp": "cores (CloudSigma)", "mem_bytes": "memory in bytes (CloudSigma)",
                    "commercial_type": "the offer (Scaleway)", "arch": "architecture (Scaleway)",
                    "image": "the image name (Scaleway)", "hostname": "the hostname (Scaleway)",
                    "runtime": "volatile runtime values (start time, traffic counters) as JSON; never versioned"],
        "drives": ["size_bytes": "size in bytes", "media": "disk or cdrom",
                   "storage_type": "CloudSigma storage type, Scaleway Instance volume type (l_ssd, b_ssd) or Block Storage type (sbs_5k, sbs_15k)",
                   "status": "mounted (the drive's own side says attached: CloudSigma mounted, an Instance volume's server, a Block volume in_use or with a reference), unmounted (its side says free: CloudSigma unmounted, no server, Block available with no reference) or other (creating, cloning, error, ...); what servers list is in server_drives",
                   "provider_status": "the provider's own status",
                   "allow_multimount": "1 when several servers may mount it (CloudSigma)"],
        "ips": ["address": "the IP address (or a routed IPv6 block's prefix)",
                 "ip_type": "the provider's kind of address: routed_ipv4, routed_ipv6 or nat (Scaleway)",
                 "status": "attached (the IP's own side names a server or says attached), unattached (detached, naming no server) or other",
                 "provider_status": "the provider's own state (attached, detached, pending, ...)",
                 "server_id": "the server the IP's own side names, if any (server_nics has what servers say)",
                 "reverse": "the reverse DNS name"],
        "security_groups": ["inbound_default_policy": "accept or drop, for inbound traffic no rule matches",
                             "outbound_default_policy": "accept or drop, for outbound traffic no rule matches",
                             "stateful": "1 when the group tracks connections", "project_default": "1 for the project's default group"],
        "security_group_servers": ["security_group_id": "the security group (with account)"],
        "networks": ["network_type": "vlan (CloudSigma) or private_network (Scaleway VPC; its zone is the region, e.g. fr-par)"],
        "network_servers": ["network_id": "the network (with account)"],
        "snapshots": ["size_bytes": "size in bytes", "status": "available or other",
                      "provider_status": "the provider's own state (available, snapshotting, creating, error, ...)",
                      "volume_id": "the volume it was taken from, as the snapshot names it (it may no longer exist)",
                      "volume_type": "the source's volume type (Instance) or type and class (Block Storage)"],
        "server_drives": ["device": "ide or virtio (CloudSigma)", "dev_channel": "controller:unit (CloudSigma)",
                          "slot": "the volumes map key (Scaleway)", "boot_order": "boot order; 1 for Scaleway's boot volume",
                          "volume_type": "the volume type the server reports (Scaleway; sbs_volume for Block Storage)"],
        "server_nics": ["mac": "MAC address", "model": "NIC model (CloudSigma)", "interface_type": "public or private",
                        "ipv4_conf": "dhcp, static or manual, or the IP's provisioning mode",
                        "ipv4_address": "IPv4 address (a running DHCP NIC's lease included)", "ipv6_address": "IPv6 address",
                        "vlan": "VLAN uuid (CloudSigma)", "private_network": "Private Network id (Scaleway)",
                        "firewall_policy": "firewall policy uuid (CloudSigma)"],
        "prices": ["category": "server (a Scaleway commercial type), volume, snapshot, ip (Scaleway), resource (CloudSigma) or account (a CloudSigma account's currency)",
                   "product": "the commercial type, volume type, snapshot volume type, IP type or CloudSigma resource (cpu, mem, dssd, ip, vlan...) it prices",
                   "level": "CloudSigma's burst level (0 is the subscription price, which costs use); 0 for Scaleway",
                   "in_force": "1 when usage is billed at this price now (CloudSigma: the level pricing/'s current names; every Scaleway price)",
                   "currency": "the currency (Scaleway: EUR; CloudSigma: each price in each currency; the account's row: its own)",
                   "unit": "the unit priced, in the provider's words: hour, GB-hour, GHz/hour, GB/month, IP, VLAN",
                   "price": "the price per unit as the provider wrote it (decimal text); NULL when the list names the product without a price",
                   "multiplier": "divides price x amount x seconds into money (3600 for per-hour prices of one thing; CloudSigma's own)",
                   "month_seconds": "seconds in the provider's billing month: 2628000 (730 hours, Scaleway) or 2592000 (30 days, CloudSigma)",
                   "source": "products/servers, catalog, pricing, balance, bundled (Stocktake's table: where it was read) or configuration (prices:)",
                   "stated_monthly": "Scaleway's own monthly_price, kept and never used (deprecated; x500, x720 or x730 by era)"],
        "usage": ["resource": "CloudSigma's resource (cpu, mem, dssd, ip, vlan...), as prices.product names it",
                  "subscribed": "paid ahead by the account's subscriptions, in the resource's base unit (MHz, bytes, a count)",
                  "used": "used now, in the same unit", "burst": "used above the subscriptions: billed every 5 minutes at the level in force"],
        "costs": ["resource_type": "server, drive, ip, snapshot or network", "status": "the resource's status",
                  "product": "what was priced: commercial type, volume or storage type, IP type, cpu+mem (CloudSigma servers)",
                  "size_bytes": "the size priced (drives, snapshots)", "currency": "the account's currency (EUR for Scaleway)",
                  "monthly_cost": "money a month at the prices of the same run; NULL when a price is missing (see reason)",
                  "reason": "why the cost is NULL or 0 (a missing price, powered off); NULL when priced as the rules say"],
        "changes": ["id": "row number, in the order changes were recorded", "run_id": "the run that saw the change",
                    "changed_at": "when", "resource_type": "server, drive, ip, security_group, snapshot, network, or a child: server_drive, server_nic, security_group_server, network_server, or a tag: server_tag, drive_tag, ip_tag, security_group_tag, snapshot_tag, network_tag",
                    "resource_id": "the server or drive", "child_key": "the drive id, NIC id or tag, for child rows",
                    "kind": "created, updated, deleted or reappeared",
                    "field": "for updates: the column, or raw.<key> when only the raw object changed",
                    "old_value": "the value before", "new_value": "the value after"],
    ]

    static let tables: [String: String] = [
        "accounts": "one row per configured account",
        "sync_runs": "one row per stocktake sync",
        "prunes": "one row per prune: what it removed and the first run it kept",
        "sync_scopes": "one row per scope (account, zone, listing) per run",
        "servers": "every server ever seen",
        "drives": "every CloudSigma drive and Scaleway volume (Instance and Block Storage) the listings returned",
        "ips": "every IP address the listings returned (Scaleway flexible IPs, CloudSigma IPs)",
        "ips_history": "every version of every IP",
        "security_groups": "every Scaleway security group the listings returned",
        "networks": "every network the listings returned (CloudSigma VLANs, Scaleway VPC private networks)",
        "networks_history": "every version of every network",
        "network_servers": "which servers a network's own side lists (CloudSigma's is often empty while NICs use the VLAN: server_nics.vlan has the servers' side; Scaleway's private networks list none: server_nics.private_network has it)",
        "network_servers_history": "every version of every network membership",
        "snapshots": "every snapshot the listings returned (Scaleway Instance and Block Storage, CloudSigma drives)",
        "snapshots_history": "every version of every snapshot",
        "security_groups_history": "every version of every security group",
        "security_group_servers": "which servers a security group lists (its own side; a server names its group in raw.security_group)",
        "security_group_servers_history": "every version of every security group membership",
        "server_drives": "which drive or volume is attached to which existing server",
        "server_nics": "network interfaces, public IPs and private networks of existing servers",
        "tags": "tags of existing servers and drives",
        "changes": "the field-level change log",
        "prices": "every price the price lists gave: Scaleway products/servers and catalog per zone, Stocktake's price table, CloudSigma pricing/ and the account's currency",
        "prices_history": "every version of every price (a price that changes is a change)",
        "usage": "CloudSigma's subscriptions, use and burst per account and resource (currentusage/)",
        "usage_history": "every version of every usage row",
        "servers_history": "every version of every server (valid_from_run .. valid_to_run)",
        "drives_history": "every version of every drive",
        "server_drives_history": "every version of every attachment",
        "server_nics_history": "every version of every NIC row",
        "tags_history": "every version of every tag row",
    ]

    /// The meaning of a column of a table.
    public static func meaning(table: String, column: String) -> String? {
        if table.hasPrefix("current_") { return meaning(table: String(table.dropFirst("current_".count)), column: column) }
        if column == "raw", table.hasSuffix("_history") {
            return "a closed version's JSON object; empty for the open version (valid_to_run NULL), whose raw is the current row's"
        }
        return columns[table]?[column] ?? columns[String(table.dropLast("_history".count))]?[column] ?? shared[column]
    }

    /// The meaning of a table or view.
    public static func meaning(table: String) -> String? {
        if table == CostRules.view {
            return "the monthly cost of every resource that exists now, at the prices of the same run (as of a run with --as-of)"
        }
        if table.hasPrefix("current_") {
            let base = String(table.dropFirst("current_".count))
            return "the rows of `\(base)` that exist now (of resources not deleted; as of a run with --as-of)"
        }
        return tables[table]
    }
}
