-- Readings that arrived again after they were stored. measurements keeps one row per reading, so without
-- this table a sensor that sends everything twice would look perfect. One row per extra copy.
CREATE SEQUENCE duplicate_readings_id_seq INCREMENT BY 50;

CREATE TABLE duplicate_readings (
    id           bigint      PRIMARY KEY DEFAULT nextval('duplicate_readings_id_seq'),
    sensor_id    text        NOT NULL,
    ts           timestamptz NOT NULL,
    received_at  timestamptz NOT NULL,
    redelivered  boolean     NOT NULL
);

ALTER SEQUENCE duplicate_readings_id_seq OWNED BY duplicate_readings.id;

CREATE INDEX duplicate_readings_sensor_ts_idx ON duplicate_readings (sensor_id, ts);

COMMENT ON TABLE duplicate_readings IS 'One row per copy of a reading received after the reading was stored (or twice in one batch). Not counted in measurements or the rollups.';
COMMENT ON COLUMN duplicate_readings.ts IS 'Timestamp of the duplicated reading; with sensor_id, the key of its row in measurements.';
COMMENT ON COLUMN duplicate_readings.redelivered IS 'true: the broker redelivered the message (flagged DUP), e.g. after a collector restart, so the sensor is not to blame; false: the sensor published the same reading again.';

GRANT SELECT, INSERT ON duplicate_readings TO iot_collector;
GRANT USAGE, SELECT ON SEQUENCE duplicate_readings_id_seq TO iot_collector;
