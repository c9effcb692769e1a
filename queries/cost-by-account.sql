-- name: cost-by-account
-- title: Monthly cost per account, in each account's currency
-- description: What every resource that exists now costs a month, per account and currency (never summed across currencies), from the synced price lists (current_costs; the README's "What it costs" says each rule): the total of the priced resources, how many resources there are, and how many have no price (their cost is unknown, not 0: see reason in current_costs), with the waste's share (waste-cost's rows).
SELECT c.account, c.provider, c.currency, COUNT(*) AS resources,
       ROUND(SUM(c.monthly_cost), 2) AS monthly_cost,
       SUM(CASE WHEN c.monthly_cost IS NULL THEN 1 ELSE 0 END) AS unpriced,
       ROUND(SUM(CASE WHEN c.resource_type = 'server' THEN c.monthly_cost END), 2) AS servers,
       ROUND(SUM(CASE WHEN c.resource_type IN ('drive', 'snapshot') THEN c.monthly_cost END), 2) AS storage,
       ROUND(SUM(CASE WHEN c.resource_type IN ('ip', 'network') THEN c.monthly_cost END), 2) AS network
FROM current_costs c
GROUP BY c.account, c.provider, c.currency
ORDER BY c.account, c.currency;
