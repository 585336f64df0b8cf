-- Trials a sweep of a higher priority preempted: each ended at its checkpoint at `step` and went
-- back to its sweep's queue, to resume from that checkpoint.
CREATE TABLE preemptions (
  sweep_id VARCHAR(200)  NOT NULL REFERENCES sweeps(id),
  trial_id VARCHAR(50)   NOT NULL,
  step     BIGINT        NOT NULL,
  reason   VARCHAR(2000) NOT NULL,
  at       TIMESTAMP     NOT NULL
);
CREATE INDEX preemptions_by_sweep ON preemptions(sweep_id, at);
