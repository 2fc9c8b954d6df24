-- Every accepted reading, once. The natural key makes redelivered readings collapse into one row.
CREATE TABLE measurements (
    sensor_id    text             NOT NULL,
    ts           timestamptz      NOT NULL,
    value        double precision NOT NULL,
    unit         text,
    quality      text             NOT NULL,
    seq          bigint,
    received_at  timestamptz      NOT NULL,
    CONSTRAINT measurements_pkey PRIMARY KEY (sensor_id, ts),
    CONSTRAINT measurements_quality_known CHECK (quality IN ('valid', 'out_of_range', 'unknown_sensor'))
);

-- Time-range queries across all sensors ("everything in the last hour") cannot use the primary key,
-- whose leading column is sensor_id.
CREATE INDEX measurements_ts_idx ON measurements (ts);

COMMENT ON TABLE measurements IS 'Sensor readings, one row per (sensor_id, ts). No foreign key to sensors: readings from unregistered sensors are kept with quality unknown_sensor.';
COMMENT ON COLUMN measurements.ts IS 'When the sensor measured the value (from the payload), microsecond precision.';
COMMENT ON COLUMN measurements.quality IS 'valid, out_of_range (outside the sensor''s min/max) or unknown_sensor (not in sensors).';
COMMENT ON COLUMN measurements.seq IS 'The publisher''s per-sensor sequence number, when it sends one.';
COMMENT ON COLUMN measurements.received_at IS 'When the collector received the message.';
