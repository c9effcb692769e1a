-- name: cost-by-type
-- title: Monthly cost per server type, volume type, IP and snapshot
-- description: What the resources that exist now cost a month, per account, currency, resource type and what was priced (the server's commercial type, the volume's or drive's storage type, the IP's type, the snapshot's volume type; CloudSigma servers as cpu+mem), most expensive first: how many, the monthly total of the priced ones, how many are unpriced (unknown, not 0), and the cheapest and dearest one.
SELECT c.account, c.currency, c.resource_type, c.product, COUNT(*) AS resources,
       ROUND(SUM(c.monthly_cost), 2) AS monthly_cost,
       SUM(CASE WHEN c.monthly_cost IS NULL THEN 1 ELSE 0 END) AS unpriced,
       ROUND(MIN(c.monthly_cost), 2) AS cheapest, ROUND(MAX(c.monthly_cost), 2) AS dearest
FROM current_costs c
GROUP BY c.account, c.currency, c.resource_type, c.product
ORDER BY SUM(c.monthly_cost) IS NULL, SUM(c.monthly_cost) DESC, c.account, c.resource_type, c.product;
