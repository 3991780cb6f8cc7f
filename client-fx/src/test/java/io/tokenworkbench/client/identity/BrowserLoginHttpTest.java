package io.tokenworkbench.client.identity;

import io.tokenworkbench.client.DevBackend;
import io.tokenworkbench.client.http.ApiClient;
import io.tokenworkbench.client.http.ApiRequest;
import io.tokenworkbench.client.http.ApiResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The workbench's browser login against the real backend, with a stand-in for the system browser: an HTTP client
 * that opens the authorization URL, fills the sign-in form and follows the redirect to the workbench's loopback
 * listener, as a person in a browser would.
 */
class BrowserLoginHttpTest {

    @RegisterExtension
    static final DevBackend backend = DevBackend.withoutRateLimits();
    private static final ApiClient API = ApiClient.create();
    private static final Pattern HIDDEN = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">");

    @AfterAll
    static void stop() {
        API.shutdown();
    }

    /** What the stand-in browser's tab showed at the end: the workbench's page, or why there was none. */
    private static volatile java.util.concurrent.CompletableFuture<String> lastTab =
            new java.util.concurrent.CompletableFuture<>();

    /** A browser whose user signs in as {@code username} on whatever page the server shows. */
    private static IdentityService.Browser person(String username, String password) {
        lastTab = new java.util.concurrent.CompletableFuture<>();
        return url -> Thread.ofVirtual().start(() -> {
            try {
                HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
                HttpResponse<String> page = browser.send(HttpRequest.newBuilder(URI.create(url)).build(),
                        HttpResponse.BodyHandlers.ofString());
                Map<String, String> form = new LinkedHashMap<>();
                Matcher hidden = HIDDEN.matcher(page.body());
                while (hidden.find()) {
                    form.put(hidden.group(1), hidden.group(2).replace("&quot;", "\"").replace("&#x27;", "'")
                            .replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&"));
                }
                form.put("username", username);
                form.put("password", password);
                String body = form.entrySet().stream().map(e -> e.getKey() + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
                HttpResponse<String> answer = browser.send(HttpRequest.newBuilder(URI.create(url.substring(0,
                                url.indexOf('?')))).header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                answer.headers().firstValue("Location").ifPresent(location -> {
                    try {
                        lastTab.complete(browser.send(HttpRequest.newBuilder(URI.create(location)).build(),
                                HttpResponse.BodyHandlers.ofString()).body());
                    } catch (Exception e) {
                        lastTab.complete("no page: " + e);
                    }
                });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private IdentityService.Outcome login(IdentityService.Browser browser, Duration timeout) {
        return new IdentityService(API, Clock.systemUTC()).browserLogin(backend.baseUrl(),
                backend.baseUrl() + "/oauth/authorize", null, backend.baseUrl(), "token-workbench", null, browser,
                timeout);
    }

    @Test
    void aBrowserLoginGivesAnIdentityThatWorksAndRefreshes() {
        IdentityService.Outcome outcome = login(person("alice", "alice-password-1"), Duration.ofSeconds(30));

        Identity alice = assertInstanceOf(IdentityService.Outcome.Success.class, outcome, outcome::toString)
                .identity();
        ApiResult me = API.send(ApiRequest.get(backend.baseUrl(), "/v1/users/me")
                .withBearer(alice.tokens().accessToken()));
        assertTrue(me instanceof ApiResult.Response r && r.status() == 200 && r.body().contains("\"alice\""),
                me::toString);
        assertInstanceOf(IdentityService.Outcome.Success.class,
                new IdentityService(API, Clock.systemUTC()).refresh(backend.baseUrl(), alice), "refreshable");
        String tab = assertDoesNotThrow(() -> lastTab.get(10, java.util.concurrent.TimeUnit.SECONDS));
        assertTrue(tab.contains("you can close this tab"), "the browser's tab is told, not cut off: " + tab);
    }

    @Test
    void theIdentitiesPageLogsInThroughTheBrowserWithTheServersOwnEndpoints(@org.junit.jupiter.api.io.TempDir
                                                                             java.nio.file.Path config) {
        var identities = javafx.collections.FXCollections.<Identity>observableArrayList();
        var active = new javafx.beans.property.SimpleObjectProperty<Identity>();
        var model = new io.tokenworkbench.client.identity.ui.IdentitiesViewModel(identities, active,
                new javafx.beans.property.SimpleStringProperty(backend.baseUrl()),
                new IdentityService(API, Clock.systemUTC()), new RememberedLogins(config), Clock.systemUTC(),
                new io.tokenworkbench.client.support.ui.BackgroundTasks(Runnable::run, Runnable::run));
        java.util.concurrent.atomic.AtomicReference<String> shownWhileOpening = new java.util.concurrent.atomic.AtomicReference<>();
        IdentityService.Browser bob = person("bob", "bob-password-1");
        model.setBrowser(url -> {
            shownWhileOpening.set(model.messageProperty().get() + "\n" + url);
            bob.open(url);
        });
        model.kindProperty().set(io.tokenworkbench.client.identity.ui.IdentitiesViewModel.Kind.BROWSER);

        model.login();

        assertEquals(1, identities.size(), model.messageProperty().get());
        String[] shown = shownWhileOpening.get().split("\n");
        assertTrue(shown[0].contains("No browser opened? Open " + shown[1]), "the link is shown: " + shown[0]);
        assertFalse(model.messageProperty().get().contains("No browser"),
                "once signed in, the link is no longer news: " + model.messageProperty().get());
        assertEquals(identities.getFirst(), active.get());
        assertTrue(identities.getFirst().label().contains("token-workbench"), identities.getFirst().label());
    }

    @Test
    void aWrongPasswordNeverComesBackAndTheLoginSaysSo() {
        IdentityService.Outcome outcome = login(person("alice", "wrong"), Duration.ofSeconds(2));

        IdentityService.Outcome.Failed failed = assertInstanceOf(IdentityService.Outcome.Failed.class, outcome);
        assertTrue(failed.reason().contains("No answer from the browser"), failed.reason());
    }

    @Test
    void aBrowserThatCannotOpenIsSaidInWords() {
        IdentityService.Outcome outcome = login(url -> {
            throw new UnsupportedOperationException("no desktop");
        }, Duration.ofSeconds(2));

        IdentityService.Outcome.Failed failed = assertInstanceOf(IdentityService.Outcome.Failed.class, outcome);
        assertEquals(true, failed.reason().contains("could not be opened") && failed.reason().contains("no desktop"),
                failed.reason());
    }
}
