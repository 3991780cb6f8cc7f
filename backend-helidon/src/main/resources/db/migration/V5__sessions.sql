-- Cookie sessions: the session id only as its SHA-256 hash, so that a copy of the database logs nobody in. A row
-- ends with logout, password reset or the user's deletion, on every instance at once (each request reads it).
create table sessions (
    id_hash      varchar(64) primary key,
    user_id      bigint      not null references users (id) on delete cascade,
    created_at   timestamp with time zone not null,
    last_seen_at timestamp with time zone not null,
    expires_at   timestamp with time zone not null
);
create index sessions_user on sessions (user_id);
create index sessions_expiry on sessions (expires_at);
