-- name: price-mismatch
-- title: Server types whose two Scaleway price lists disagree
-- description: Every server type that products/servers and the public catalog both price in a zone, at two different hourly prices (the catalog's per-minute prices counted per hour), with both and the difference a month. Costs use products/servers' price (the catalog's only where products/servers has none), so these are the costs to check against the bill; as recorded on 2026-07, STANDARD2-A32C-128G cost 1.1978 in one and 1.0078 in the other, the same day.
SELECT s.account, s.zone, s.product AS server_type, s.price AS products_servers_price,
       CAST(c.price AS DOUBLE PRECISION) * 3600 / c.multiplier AS catalog_hourly_price,
       ROUND((CAST(s.price AS DOUBLE PRECISION) - CAST(c.price AS DOUBLE PRECISION) * 3600 / c.multiplier) * 730, 2) AS monthly_difference,
       c.id AS catalog_sku
FROM prices s
JOIN prices c ON c.account = s.account AND c.zone = s.zone AND c.category = 'server' AND c.product = s.product
    AND c.source = 'catalog' AND c.deleted_at IS NULL AND c.price IS NOT NULL AND c.multiplier > 0
WHERE s.deleted_at IS NULL AND s.category = 'server' AND s.source = 'products/servers' AND s.price IS NOT NULL
  AND ABS(CAST(s.price AS DOUBLE PRECISION) - CAST(c.price AS DOUBLE PRECISION) * 3600 / c.multiplier) > 0.0000005
ORDER BY ABS(CAST(s.price AS DOUBLE PRECISION) - CAST(c.price AS DOUBLE PRECISION) * 3600 / c.multiplier) DESC, s.account, s.zone, s.product;
