-- Finding whether a redelivered dead letter is stored already looks it up by topic and payload.
CREATE INDEX rejected_messages_topic_idx ON rejected_messages (topic);
