package io.tokenworkbench.client.checks;

/** Small suites shared by the tests of the command line and the matrix page. */
public final class SampleSuites {

    /** Two checks × anonymous, alice and root; passes against a dev backend. */
    public static final String SMALL = """
            name: small
            identities:
              alice: {mint: {username: alice, expires_in: 300}}
              root: {mint: {username: root, expires_in: 300}}
            checks:
              - name: protected
                request: GET /protected
                expect: {default: 200, anonymous: 401}
              - name: admin users
                request: GET /v1/admin/users
                expect: {default: 403, anonymous: 401, root: 200}
            """;

    private SampleSuites() {
    }
}
