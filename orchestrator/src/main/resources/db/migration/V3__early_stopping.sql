-- Early stopping and extended sweeps. max_trials is set by `gantry extend` (NULL: the sweep file's
-- max_trials); stop_rung is where a trial scheduler stopped a trial (an epoch or a step, in the
-- unit of its early_terminate rule; NULL for trials no scheduler stopped), with the reason in message.
ALTER TABLE sweeps ADD COLUMN max_trials INT;
ALTER TABLE trials ADD COLUMN stop_rung BIGINT;
