-- Authorization codes of the browser login (RFC 6749 §4.1, RFC 7636): stored hashed, single use, bound to their
-- client, redirect URI and PKCE challenge. The refresh family issued for a code is kept, to revoke it when the code
-- is presented again (RFC 6749 §4.1.2).
create table authorization_codes (
    code_hash      varchar(64)   primary key,
    client_id      varchar(200)  not null,
    redirect_uri   varchar(2000) not null,
    code_challenge varchar(128)  not null,
    user_id        bigint        not null references users (id) on delete cascade,
    scope          varchar(2000) not null,
    expires_at     timestamp with time zone not null,
    used_at        timestamp with time zone,
    family_id      varchar(64)
);
