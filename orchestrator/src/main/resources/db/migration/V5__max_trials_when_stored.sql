-- From this version on, sweeps.max_trials is written when a sweep is stored (the file's
-- max_trials, or the grid's size when smaller) and raised by `gantry extend`, so that reading how
-- many trials a sweep plans never parses its file again. Rows stored before keep NULL unless they
-- were extended: their file's max_trials applies, and readers count the trials they have.
COMMENT ON COLUMN sweeps.max_trials IS 'trials the sweep is to run: its file''s max_trials, or what gantry extend raised it to; NULL for sweeps stored before version 5 and never extended';
