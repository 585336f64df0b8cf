-- Pairs shown on a trial's "which one is real?" page: a real test image and one the trial's
-- checkpoint generated, which side the real one is on, and the one answer it takes.
CREATE TABLE quiz_pairs (
  id            VARCHAR(64)   PRIMARY KEY,
  sweep_id      VARCHAR(200)  NOT NULL REFERENCES sweeps(id),
  trial_id      VARCHAR(50)   NOT NULL,
  real_on_left  BOOLEAN       NOT NULL,
  real_png      VARBINARY(65536) NOT NULL,
  generated_png VARBINARY(65536) NOT NULL,
  created_at    TIMESTAMP     NOT NULL,
  fooled        BOOLEAN,
  answered_at   TIMESTAMP
);
CREATE INDEX quiz_pairs_by_trial ON quiz_pairs(sweep_id, trial_id, answered_at);
