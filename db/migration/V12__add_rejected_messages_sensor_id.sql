-- Which sensor a dead letter came from, read from its topic, so that rejections count against a sensor.
ALTER TABLE rejected_messages ADD COLUMN sensor_id text;

CREATE INDEX rejected_messages_sensor_idx ON rejected_messages (sensor_id, received_at);

COMMENT ON COLUMN rejected_messages.sensor_id IS 'The sensor named by the topic ({root}sensors/{sensor_id}/readings); NULL when the topic is outside that pattern.';

-- Dead letters stored before this column existed, on the default topic layout.
UPDATE rejected_messages
SET sensor_id = substring(topic FROM '(?:^|/)sensors/([^/]+)/readings$')
WHERE sensor_id IS NULL;
