-- Dashboard sessions, shared by every replica. The cookie carries a random session id; this table holds only its
-- SHA-256, so a copy of the table opens no session. Every request checks its row; logout deletes it.
CREATE TABLE IF NOT EXISTS admin_sessions (
    id_hash     bytea       PRIMARY KEY,
    user_name   text        NOT NULL,
    -- SHA-256 of the user's configured password hash at login: a new hash in Admin:Users ends the session.
    credential  bytea       NOT NULL,
    created_at  timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL
);

CREATE INDEX IF NOT EXISTS admin_sessions_expires ON admin_sessions (expires_at);

-- ASP.NET Core data-protection keys (the XML the key manager writes), so that every replica decrypts every cookie and
-- antiforgery token. Rows are only added: the key manager retires keys by writing revocations, never by deleting.
CREATE TABLE IF NOT EXISTS data_protection_keys (
    id          bigserial   PRIMARY KEY,
    name        text        NOT NULL,
    xml         text        NOT NULL,
    created_at  timestamptz NOT NULL
);
