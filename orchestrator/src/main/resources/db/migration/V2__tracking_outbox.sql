-- What is to reach an MLflow tracking server and has not yet. Rows are written when the
-- coordinator's events arrive and deleted once MLflow has them; a row MLflow refuses for good
-- (an invalid request, not an outage) is kept with rejected = TRUE and its error, and skipped.
CREATE TABLE tracking_outbox (
  id         BIGINT AUTO_INCREMENT PRIMARY KEY,
  server     VARCHAR(1000) NOT NULL,
  run_key    VARCHAR(300)  NOT NULL,
  op         VARCHAR(20)   NOT NULL,
  payload    CLOB          NOT NULL,
  attempts   INT           NOT NULL DEFAULT 0,
  last_error VARCHAR(2000),
  rejected   BOOLEAN       NOT NULL DEFAULT FALSE,
  created_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX tracking_outbox_pending ON tracking_outbox(server, rejected, id);

-- The MLflow run of each sweep (run_key = sweep id) and trial (sweep id/trial id), recorded as
-- soon as MLflow created it and before anything is logged to it, so a retry never makes a second.
CREATE TABLE tracking_runs (
  server        VARCHAR(1000) NOT NULL,
  run_key       VARCHAR(300)  NOT NULL,
  experiment_id VARCHAR(100)  NOT NULL,
  run_id        VARCHAR(100)  NOT NULL,
  artifact_uri  VARCHAR(2000) NOT NULL,
  PRIMARY KEY (server, run_key)
);
