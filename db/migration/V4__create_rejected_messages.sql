-- Dead letters: every message that could not be accepted as a reading, with the reason, kept as received.
CREATE SEQUENCE rejected_messages_id_seq INCREMENT BY 50;

CREATE TABLE rejected_messages (
    id            bigint      PRIMARY KEY DEFAULT nextval('rejected_messages_id_seq'),
    received_at   timestamptz NOT NULL,
    topic         text        NOT NULL,
    reason        text        NOT NULL,
    detail        text        NOT NULL,
    payload       bytea       NOT NULL,
    payload_text  text
);

ALTER SEQUENCE rejected_messages_id_seq OWNED BY rejected_messages.id;

CREATE INDEX rejected_messages_received_at_idx ON rejected_messages (received_at);
CREATE INDEX rejected_messages_reason_idx ON rejected_messages (reason, received_at);

COMMENT ON TABLE rejected_messages IS 'Messages that are not valid readings. reason is a stable code, detail a sentence naming the field and the problem.';
COMMENT ON COLUMN rejected_messages.payload IS 'The payload exactly as received.';
COMMENT ON COLUMN rejected_messages.payload_text IS 'The payload as text when it is valid UTF-8 without NUL bytes, else NULL.';
