package io.tokenworkbench.server.passwordreset;

import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.tokenworkbench.model.auth.PasswordResetConfirm;
import io.tokenworkbench.model.auth.PasswordResetRequest;
import io.tokenworkbench.model.common.Message;
import io.tokenworkbench.server.audit.AuditLog;
import io.tokenworkbench.server.clientip.ClientIp;
import io.tokenworkbench.server.http.ApiException;
import io.tokenworkbench.server.http.JsonBodies;
import io.tokenworkbench.server.user.UserAccount;

/** {@code /v1/auth/password-reset/request} and {@code /confirm}. */
public final class PasswordResetRoutes {

    private final PasswordResets resets;
    private final AuditLog audit;

    public PasswordResetRoutes(PasswordResets resets, AuditLog audit) {
        this.resets = resets;
        this.audit = audit;
    }

    /** Always 202 with the same body, whether or not the email is known. */
    public void request(ServerRequest request, ServerResponse response) {
        PasswordResetRequest body = JsonBodies.read(request, PasswordResetRequest.class);
        String ip = ClientIp.of(request);
        switch (resets.request(body.email())) {
            case PasswordResets.Requested.MailQueued(UserAccount user) -> audit.record(
                    AuditLog.Event.PASSWORD_RESET_REQUEST, true, user.id(), user.username(), ip, "reset mail sent");
            case PasswordResets.Requested.UnknownEmail() -> audit.record(
                    AuditLog.Event.PASSWORD_RESET_REQUEST, false, null, null, ip, "unknown email");
            case PasswordResets.Requested.MailLimitReached(var user) -> audit.record(
                    AuditLog.Event.PASSWORD_RESET_REQUEST, false, user.map(UserAccount::id).orElse(null),
                    user.map(UserAccount::username).orElse(null), ip, "mail quota of the address spent; nothing sent");
        }
        JsonBodies.send(response, Status.ACCEPTED_202,
                new Message("If the address belongs to an account, a reset mail is on its way"));
    }

    public void confirm(ServerRequest request, ServerResponse response) {
        PasswordResetConfirm body = JsonBodies.read(request, PasswordResetConfirm.class);
        try {
            UserAccount user = resets.confirm(body.token(), body.newPassword());
            audit.record(AuditLog.Event.PASSWORD_RESET, true, user.id(), user.username(), ClientIp.of(request),
                    "password changed; refresh tokens revoked");
        } catch (ApiException e) {
            audit.record(AuditLog.Event.PASSWORD_RESET, false, null, null, ClientIp.of(request), e.detail());
            throw e;
        }
        response.status(Status.NO_CONTENT_204).send();
    }
}
