CREATE TABLE sweeps (
  id           VARCHAR(200) PRIMARY KEY,
  name         VARCHAR(200) NOT NULL,
  model        VARCHAR(50)  NOT NULL,
  method       VARCHAR(20)  NOT NULL,
  metric_name  VARCHAR(250) NOT NULL,
  metric_goal  VARCHAR(10)  NOT NULL,
  status       VARCHAR(20)  NOT NULL,
  spec_yaml    CLOB         NOT NULL,
  source_path  VARCHAR(1000),
  artifact_dir VARCHAR(1000) NOT NULL,
  created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
  finished_at  TIMESTAMP WITH TIME ZONE
);

CREATE TABLE trials (
  sweep_id    VARCHAR(200) NOT NULL REFERENCES sweeps(id),
  trial_id    VARCHAR(50)  NOT NULL,
  seq         INT          NOT NULL,
  params_json CLOB         NOT NULL,
  seed        BIGINT       NOT NULL,
  status      VARCHAR(20)  NOT NULL,
  worker      VARCHAR(200),
  device      VARCHAR(50),
  last_step   BIGINT       NOT NULL DEFAULT 0,
  attempt     INT          NOT NULL DEFAULT 0,
  message     VARCHAR(2000),
  started_at  TIMESTAMP WITH TIME ZONE,
  finished_at TIMESTAMP WITH TIME ZONE,
  PRIMARY KEY (sweep_id, trial_id)
);

CREATE TABLE metrics (
  sweep_id VARCHAR(200) NOT NULL,
  trial_id VARCHAR(50)  NOT NULL,
  name     VARCHAR(250) NOT NULL,
  step     BIGINT       NOT NULL,
  epoch    INT          NOT NULL,
  val      DOUBLE PRECISION NOT NULL,
  ts       BIGINT       NOT NULL,
  FOREIGN KEY (sweep_id, trial_id) REFERENCES trials(sweep_id, trial_id)
);
CREATE INDEX metrics_by_trial ON metrics(sweep_id, trial_id, name, step);

CREATE TABLE checkpoints (
  sweep_id VARCHAR(200) NOT NULL,
  trial_id VARCHAR(50)  NOT NULL,
  epoch    INT          NOT NULL,
  step     BIGINT       NOT NULL,
  path     VARCHAR(1000) NOT NULL,
  FOREIGN KEY (sweep_id, trial_id) REFERENCES trials(sweep_id, trial_id)
);

CREATE TABLE artifacts (
  sweep_id VARCHAR(200) NOT NULL,
  trial_id VARCHAR(50)  NOT NULL,
  kind     VARCHAR(50)  NOT NULL,
  epoch    INT          NOT NULL,
  step     BIGINT       NOT NULL,
  path     VARCHAR(1000) NOT NULL,
  FOREIGN KEY (sweep_id, trial_id) REFERENCES trials(sweep_id, trial_id)
);
