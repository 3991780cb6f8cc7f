package io.tokenworkbench.server.totp;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.tokenworkbench.model.common.Message;
import io.tokenworkbench.model.totp.TotpCode;
import io.tokenworkbench.server.audit.AuditLog;
import io.tokenworkbench.server.clientip.ClientIp;
import io.tokenworkbench.server.http.ApiException;
import io.tokenworkbench.server.http.JsonBodies;
import io.tokenworkbench.server.security.Access;
import io.tokenworkbench.server.security.Caller;

/** TOTP enrolment, activation, removal, and {@code /v1/secure/sensitive-data} behind {@code X-TOTP-Code}. */
public final class TotpRoutes {

    private static final String TOTP_CHALLENGE =
            "Bearer realm=\"api\", error=\"invalid_request\", error_description=\"A valid X-TOTP-Code header is required\"";

    private final TotpService totp;
    private final SecondFactor secondFactor;
    private final AuditLog audit;

    public TotpRoutes(TotpService totp, SecondFactor secondFactor, AuditLog audit) {
        this.totp = totp;
        this.secondFactor = secondFactor;
        this.audit = audit;
    }

    public void enroll(ServerRequest request, ServerResponse response) {
        Caller caller = Access.caller(request);
        var enrollment = totp.enroll(caller.userId(), caller.username());
        audit.record(AuditLog.Event.TOTP_ENROLL, true, caller.userId(), caller.username(), ClientIp.of(request),
                "enrolment started");
        JsonBodies.noStore(response);
        JsonBodies.send(response, Status.CREATED_201, enrollment);
    }

    public void verify(ServerRequest request, ServerResponse response) {
        Caller caller = Access.caller(request);
        TotpCode code = JsonBodies.read(request, TotpCode.class);
        secondFactor.refuseIfLockedOut(caller.userId(), ClientIp.of(request));
        try {
            totp.activate(caller.userId(), code.code());
        } catch (ApiException e) {
            audit.record(AuditLog.Event.TOTP_ACTIVATE, false, caller.userId(), caller.username(), ClientIp.of(request),
                    e.detail());
            if (e.status() == 400 && e.detail().equals(TotpService.WRONG_CODE)) {
                secondFactor.recordFailure(caller.userId(), caller.username(), ClientIp.of(request));
            }
            throw e;
        }
        audit.record(AuditLog.Event.TOTP_ACTIVATE, true, caller.userId(), caller.username(), ClientIp.of(request),
                "TOTP active");
        response.status(Status.NO_CONTENT_204).send();
    }

    /** After an authentication gate: the caller's active TOTP must accept the {@code X-TOTP-Code} header. */
    public Handler totpCode() {
        return (request, response) -> {
            Caller caller = Access.caller(request);
            String code = request.headers().first(HeaderNames.create("X-TOTP-Code")).orElse(null);
            switch (secondFactor.check(caller.userId(), caller.username(), code, ClientIp.of(request))) {
                case ACCEPTED -> response.next();
                case NOT_ENROLLED -> throw ApiException.forbidden("Activate TOTP first (POST /v1/auth/totp)");
                case INVALID -> {
                    throw ApiException.unauthorized(code == null
                            ? "The X-TOTP-Code header is missing" : "The TOTP code is wrong or was already used",
                            TOTP_CHALLENGE);
                }
            }
        };
    }

    /** After {@link #totpCode()}: a current code removes the caller's TOTP, so a lost device is not forever. */
    public void remove(ServerRequest request, ServerResponse response) {
        Caller caller = Access.caller(request);
        totp.remove(caller.userId());
        audit.record(AuditLog.Event.TOTP_REMOVE, true, caller.userId(), caller.username(), ClientIp.of(request),
                "TOTP removed with a current code");
        response.status(Status.NO_CONTENT_204).send();
    }

    public void sensitiveData(ServerRequest request, ServerResponse response) {
        JsonBodies.ok(response, new Message("sensitive data for " + Access.caller(request).username()));
    }
}
