-- The collector publishes each sensor's staleness and completeness as metrics and health details; it reads
-- them from the view analysts use and from the rollups, never from raw measurements.
GRANT SELECT ON sensor_staleness, sensor_activity, measurements_1min TO iot_collector;
