-- A sweep's metrics beyond the first and its constraints, as JSON ({"metrics": [{"name": ...,
-- "goal": ...}, ...], "constraints": [{"metric": ..., "min": ..., "max": ...}, ...]}); null for a
-- sweep with one metric and no constraints, which metric_name and metric_goal describe whole.
ALTER TABLE sweeps ADD COLUMN IF NOT EXISTS objectives CLOB;
