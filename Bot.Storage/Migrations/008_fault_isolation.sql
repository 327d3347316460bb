-- Work the code could not handle (an unexpected exception for one item, not an outage) is recorded with what went wrong
-- instead of stopping its worker: a callback is stored with status 'failed' and the exception here; a timer gets state
-- 'failed' with the exception in its result; an outbox row goes 'dead' with it in last_error. None is taken again.
ALTER TABLE inbound_messages ADD COLUMN IF NOT EXISTS error text;

-- Hosts replaying a spool (callbacks kept on their disk while the database was out). A deadline due after the oldest
-- callback still waiting in any spool waits for that replay, so a reply that came in time, but sat on some replica's
-- disk, is seen before anyone is reminded or reported for it.
CREATE TABLE IF NOT EXISTS spool_backlog (
    host     text        PRIMARY KEY,
    oldest   timestamptz NOT NULL,   -- when the oldest callback still in the host's spool arrived
    seen_at  timestamptz NOT NULL    -- refreshed as the replay goes: a host that stops refreshing (it died) holds nothing
);
