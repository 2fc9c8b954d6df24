-- Sensor registry: what each sensor measures and the range its readings are plausible in.
CREATE TABLE sensors (
    id          text PRIMARY KEY,
    name        text             NOT NULL,
    type        text             NOT NULL,
    unit        text             NOT NULL,
    location    text,
    min_value   double precision NOT NULL,
    max_value   double precision NOT NULL,
    created_at  timestamptz      NOT NULL DEFAULT now(),
    CONSTRAINT sensors_range_ordered CHECK (min_value < max_value)
);

COMMENT ON TABLE sensors IS 'Known sensors. Readings outside [min_value, max_value] are stored with quality out_of_range.';
COMMENT ON COLUMN sensors.id IS 'Sensor id as it appears in the MQTT topic sensors/{id}/readings and in measurements.sensor_id.';
