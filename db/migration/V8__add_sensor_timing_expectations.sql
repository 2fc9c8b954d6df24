-- What "on time" means for each sensor, so that completeness, staleness, gaps, flatlines and spikes can be
-- judged per sensor instead of with one global guess. Defaults fit the simulated 1 Hz sensors.
ALTER TABLE sensors
    ADD COLUMN nominal_interval interval         NOT NULL DEFAULT interval '1 second',
    ADD COLUMN late_after       interval         NOT NULL DEFAULT interval '30 seconds',
    ADD COLUMN silent_after     interval         NOT NULL DEFAULT interval '5 minutes',
    ADD COLUMN flatline_after   interval         NOT NULL DEFAULT interval '5 minutes',
    ADD COLUMN max_step         double precision,
    ADD CONSTRAINT sensors_nominal_interval_positive CHECK (nominal_interval > interval '0'),
    ADD CONSTRAINT sensors_staleness_ordered CHECK (interval '0' < late_after AND late_after < silent_after),
    ADD CONSTRAINT sensors_flatline_after_positive CHECK (flatline_after > interval '0'),
    ADD CONSTRAINT sensors_max_step_positive CHECK (max_step > 0);

COMMENT ON COLUMN sensors.nominal_interval IS 'Time between two readings of a healthy sensor; completeness counts the readings expected from it.';
COMMENT ON COLUMN sensors.late_after IS 'Staleness: status late once the newest reading was received longer ago than this (allow for the collector''s flush interval).';
COMMENT ON COLUMN sensors.silent_after IS 'Staleness: status silent once the newest reading was received longer ago than this.';
COMMENT ON COLUMN sensors.flatline_after IS 'A run of identical values lasting at least this long is reported as a flatline.';
COMMENT ON COLUMN sensors.max_step IS 'A change between consecutive readings larger than this is reported as a jump; NULL means 10 % of max_value - min_value.';
