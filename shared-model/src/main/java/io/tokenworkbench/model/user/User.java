package io.tokenworkbench.model.user;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.List;

/** A user as the API shows it (never a password hash). Immutable. */
public record User(
        @JsonProperty("id") long id,
        @JsonProperty("username") String username,
        @JsonProperty("email") String email,
        @JsonProperty("is_active") boolean isActive,
        @JsonProperty("is_staff") boolean isStaff,
        @JsonProperty("is_superuser") boolean isSuperuser,
        @JsonProperty("roles") List<String> roles,
        @JsonProperty("created_at") Instant createdAt) {

    public User {
        roles = List.copyOf(roles);
    }
}
