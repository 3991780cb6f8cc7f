-- The access token issued with each refresh token, so that revoking a family revokes its access tokens too.
alter table refresh_tokens add column access_jti varchar(64);
alter table refresh_tokens add column access_expires_at timestamp with time zone;
alter table totp_secrets alter column secret set data type varchar(512);
