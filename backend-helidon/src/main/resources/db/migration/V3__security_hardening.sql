-- The access token issued with each refresh token, so that revoking a family revokes its access tokens too.
alter table refresh_tokens add column access_jti varchar(64);
alter table refresh_tokens add column access_expires_at timestamp with time zone;
alter table totp_secrets alter column secret set data type varchar(512);

-- Usernames are unique whatever their case, emails are stored normalised (lower case) and unique as such, and
-- registration relies on these constraints rather than on a check beforehand that a concurrent request can slip past.
alter table users add column username_key varchar(64);
update users set username_key = lower(username), email = lower(email);
alter table users alter column username_key set not null;
alter table users add constraint users_username_key_unique unique (username_key);
