#!/usr/bin/env python3
"""Check that the official Python clients list everything from the simulator.

Starts `stocktake simulate`, lists every server and volume with the `scaleway`
package (InstanceV1API.list_servers_all / list_volumes_all / list_ips_all / list_security_groups_all / list_snapshots_all, and Block Storage
volumes and snapshots with BlockV1API.list_volumes_all / list_snapshots_all, VPC private networks per region with
VpcV2API.list_private_networks_all, api_url pointed at the simulator) and every server and drive with the `cloudsigma` package
(Server().list_detail() / Drive().list_detail(), api_endpoint pointed at the
simulator), and compares the counts and ids with the simulator's ground truth. The price lists too:
InstanceV1API.list_servers_types page by page and the public catalog
(ProductCatalogV2Alpha1PublicCatalogAPI.list_public_catalog_products_all) must price every listed type alike,
and cloudsigma's Pricing().list() and Balance().get() must give every resource at levels 0 and 1 in every
currency, and the account's currency.

Usage:
    python3 scripts/check-official-clients.py [--binary PATH] [--servers N] [--drives N]

It creates scripts/.venv and pip-installs the two packages there the first time;
when they cannot be installed it says so and exits 77 (skipped).
"""
import argparse
import json
import os
import subprocess
import sys
import urllib.request
import venv

HERE = os.path.dirname(os.path.abspath(__file__))
VENV = os.path.join(HERE, ".venv")
SECRET = "11111111-1111-4111-8111-111111111111"


SKIPPED = 77  # what `.ci/run` reads as "could not install the clients", not as a failed check


def ensure_venv():
    python = os.path.join(VENV, "bin", "python")
    if not os.path.exists(python):
        try:
            venv.create(VENV, with_pip=True)
            subprocess.check_call([python, "-m", "pip", "install", "-q", "scaleway", "cloudsigma"])
        except Exception as error:  # no venv/ensurepip, no package index: nothing to check against
            print(f"skipped: cannot install the official clients ({error})", file=sys.stderr)
            subprocess.call(["rm", "-rf", VENV])
            sys.exit(SKIPPED)
    if os.path.realpath(sys.executable) != os.path.realpath(python):
        os.execv(python, [python] + sys.argv)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", default=os.path.join(HERE, "..", ".build", "debug", "stocktake"))
    parser.add_argument("--servers", type=int, default=400)
    parser.add_argument("--drives", type=int, default=800)
    parser.add_argument("--zones", default="fr-par-1,nl-ams-1,pl-waw-1")
    args = parser.parse_args()
    ensure_venv()

    from scaleway import Client
    from scaleway.instance.v1 import InstanceV1API
    from scaleway.block.v1 import BlockV1API
    from scaleway.vpc.v2 import VpcV2API
    from scaleway.product_catalog.v2alpha1 import ProductCatalogV2Alpha1PublicCatalogAPI
    import cloudsigma.resource as cs

    simulator = subprocess.Popen(
        [args.binary, "simulate", "--servers", str(args.servers), "--drives", str(args.drives), "--zones", args.zones],
        stdout=subprocess.PIPE, text=True)
    try:
        base = simulator.stdout.readline().strip().removeprefix("listening on ")
        truth = json.load(urllib.request.urlopen(base + "/_simulator/truth"))
        failures = []

        client = Client(access_key="SCWXXXXXXXXXXXXXXXXX", secret_key=SECRET, api_url=base,
                        default_project_id="11111111-1111-4111-8111-111111111111", default_page_size=100)
        api = InstanceV1API(client)
        block = BlockV1API(client)
        servers, volumes, block_volumes, ips, groups, snapshots, block_snapshots = [], [], [], [], [], [], []
        for zone in args.zones.split(","):
            servers += [s.id for s in api.list_servers_all(zone=zone)]
            volumes += [v.id for v in api.list_volumes_all(zone=zone)]
            block_volumes += [v.id for v in block.list_volumes_all(zone=zone, include_deleted=False)]
            ips += [ip.id for ip in api.list_ips_all(zone=zone)]
            groups += [group.id for group in api.list_security_groups_all(zone=zone)]
            snapshots += [snapshot.id for snapshot in api.list_snapshots_all(zone=zone)]
            block_snapshots += [snapshot.id for snapshot in block.list_snapshots_all(zone=zone, include_deleted=False)]
        failures += compare("scaleway servers", servers, [s["id"] for s in truth["scaleway_servers"]])
        failures += compare("scaleway volumes", volumes, [v["id"] for v in truth["scaleway_volumes"]])
        failures += compare("scaleway block volumes", block_volumes, [v["id"] for v in truth["block_volumes"]])
        failures += compare("scaleway ips", ips, [ip["id"] for ip in truth["scaleway_ips"]])
        failures += compare("scaleway security groups", groups, [group["id"] for group in truth["security_groups"]])
        failures += compare("scaleway snapshots", snapshots, [s["id"] for s in truth["instance_snapshots"]])
        failures += compare("scaleway block snapshots", block_snapshots, [s["id"] for s in truth["block_snapshots"]])
        vpc = VpcV2API(client)
        regions = list(dict.fromkeys(zone.rsplit("-", 1)[0] for zone in args.zones.split(",")))
        networks = [n.id for region in regions for n in vpc.list_private_networks_all(region=region)]
        failures += compare("scaleway private networks", networks, [n["id"] for n in truth["scaleway_private_networks"]])
        # Every sbs_volume a server holds is a Block Storage volume the Block API lists.
        stubs = {v["volume_id"] for s in truth["scaleway_servers"] for v in s["volumes"] if v["volume_type"] == "sbs_volume"}
        missing = stubs - set(block_volumes)
        if missing:
            failures.append(f"{len(missing)} sbs_volume attachments name no volume the Block API listed")

        failures += server_type_prices(api, ProductCatalogV2Alpha1PublicCatalogAPI(client), args.zones.split(","))

        endpoint = base + "/api/2.0/"
        credentials = dict(api_endpoint=endpoint, username="cs@example.com", password="cs-pass")
        sigma_servers = [s["uuid"] for s in cs.Server(**credentials).list_detail()]
        sigma_drives = [d["uuid"] for d in cs.Drive(**credentials).list_detail()]
        failures += compare("cloudsigma servers", sigma_servers, [s["uuid"] for s in truth["cloud_sigma_servers"]])
        failures += compare("cloudsigma drives", sigma_drives, [d["uuid"] for d in truth["cloud_sigma_drives"]])
        sigma_ips = [ip["uuid"] for ip in cs.IP(**credentials).list_detail()]
        failures += compare("cloudsigma ips", sigma_ips, [ip["uuid"] for ip in truth["cloud_sigma_ips"]])
        sigma_vlans = [v["uuid"] for v in cs.VLAN(**credentials).list_detail()]
        failures += compare("cloudsigma vlans", sigma_vlans, [v["uuid"] for v in truth["cloud_sigma_vlans"]])
        sigma_snapshots = [s["uuid"] for s in cs.Snapshot(**credentials).list_detail()]
        failures += compare("cloudsigma snapshots", sigma_snapshots, [s["uuid"] for s in truth["cloud_sigma_snapshots"]])
        prices = cs.Pricing(**credentials).list()
        keys = {(p["resource"], int(p["level"]), p["currency"]) for p in prices}
        currencies = {p["currency"] for p in prices}
        resources = {p["resource"] for p in prices}
        print(f"cloudsigma pricing: {len(prices)} prices, {len(resources)} resources in {len(currencies)} currencies")
        if len(keys) != len(prices) or len(keys) != len(resources) * len(currencies) * 2:
            failures.append("cloudsigma pricing: not one price per resource, level (0 and 1) and currency")
        if not all(float(p["price"]) > 0 and int(p["multiplier"]) > 0 for p in prices):
            failures.append("cloudsigma pricing: a price or multiplier is not positive")
        currency = cs.Balance(**credentials).get().get("currency")
        print(f"cloudsigma balance: currency {currency}")
        if currency not in currencies:
            failures.append(f"cloudsigma balance: the account's currency {currency} has no prices")
    finally:
        simulator.terminate()
        simulator.wait()
    if failures:
        print("\n".join(failures), file=sys.stderr)
        return 1
    print("the official clients listed everything the simulator holds")
    return 0


def server_type_prices(api, catalog, zones):
    """Each zone's products/servers, page by page, and the catalog price every type alike (the catalog
    prices the types whose hourly_price is null; GPU types per minute)."""
    failures = []
    for zone in zones:
        types, page = {}, 1
        while True:
            listed = api.list_servers_types(zone=zone, per_page=5, page=page).servers
            types.update(listed)
            if len(listed) < 5:
                break
            page += 1
        products = catalog.list_public_catalog_products_all(product_types=["instance"], zone=zone)
        per_hour = {}
        for product in products:
            money = product.price.retail_price
            amount = money.units + money.nanos / 1e9
            per_hour[product.properties.instance.offer_id] = amount * (60 if product.unit_of_measure.unit == "minute" else 1)
        print(f"scaleway {zone}: {len(types)} server types, {len(per_hour)} catalog products")
        if set(types) != set(per_hour):
            failures.append(f"scaleway {zone}: products/servers and the catalog name different types")
        # The SDK reads a null hourly_price as 0.0 (its unmarshalling default): a price of 0 is that null here.
        unpriced = [name for name, t in types.items() if not t.hourly_price]
        for name, server_type in types.items():
            if server_type.hourly_price and abs(server_type.hourly_price - per_hour.get(name, -1)) > 1e-9:
                failures.append(f"scaleway {zone}: {name} costs {server_type.hourly_price} in products/servers, {per_hour.get(name)} in the catalog")
        if not unpriced or not all(per_hour.get(name, 0) > 0 for name in unpriced):
            failures.append(f"scaleway {zone}: no type without a listed price that the catalog prices")
    return failures


def compare(what, listed, expected):
    print(f"{what}: listed {len(listed)}, ground truth {len(expected)}")
    if sorted(listed) != sorted(expected):
        return [f"{what}: the client's ids differ from the ground truth"]
    return []


if __name__ == "__main__":
    sys.exit(main())
