-- Population-based training: each time a member copied another's checkpoint and went on with
-- new parameters, which member, from which step, the parent, and the parameters before and after
-- (JSON), in the order it happened.
CREATE TABLE IF NOT EXISTS lineage (
  sweep_id    VARCHAR(200) NOT NULL,
  trial_id    VARCHAR(50)  NOT NULL,
  seq         INT          NOT NULL,
  step        BIGINT       NOT NULL,
  parent_id   VARCHAR(50)  NOT NULL,
  old_params  CLOB         NOT NULL,
  new_params  CLOB         NOT NULL,
  old_seed    BIGINT       NOT NULL,
  new_seed    BIGINT       NOT NULL,
  at          TIMESTAMP    NOT NULL,
  PRIMARY KEY (sweep_id, seq)
);
