-- The latest value (at the highest step) of each metric of each trial, kept as metrics are
-- written, so that a sweep's leaderboard and the web UI read a few rows per trial instead of
-- every trial's whole history. MLflow keeps a latest_metrics table for the same reason.
CREATE TABLE latest_metrics (
  sweep_id VARCHAR(200) NOT NULL,
  trial_id VARCHAR(50)  NOT NULL,
  name     VARCHAR(250) NOT NULL,
  step     BIGINT       NOT NULL,
  val      DOUBLE PRECISION NOT NULL,
  PRIMARY KEY (sweep_id, trial_id, name)
);

INSERT INTO latest_metrics (sweep_id, trial_id, name, step, val)
SELECT sweep_id, trial_id, name, step, val FROM (
  SELECT sweep_id, trial_id, name, step, val,
         ROW_NUMBER() OVER (PARTITION BY sweep_id, trial_id, name ORDER BY step DESC) AS newest
  FROM metrics
) WHERE newest = 1;
