package io.tokenworkbench.client.identity;

import io.tokenworkbench.client.http.ApiClient;
import io.tokenworkbench.client.http.ApiRequest;
import io.tokenworkbench.client.http.ApiResult;
import io.tokenworkbench.client.http.CookieSession;
import io.tokenworkbench.client.http.HttpHeader;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The authorization code flow without a browser, for suites and CI: fetches the authorization page, fills its login
 * form's username, password and (when asked for) second-factor fields, keeps the cookies the server sets, follows
 * redirects, confirms one consent page (the first form that posts, after the login), and stops at the redirect to
 * the client's redirect URI without following it (no listener is needed). The page is read with jsoup as a browser
 * would parse it. Its limits: pages that need JavaScript, a CAPTCHA or more than one form to click through are out
 * of reach, and it says so.
 */
public final class HeadlessAuthorization {

    /** More hops than any sane login takes; a loop ends here. */
    private static final int MAX_STEPS = 10;
    private static final Pattern USERNAME = Pattern.compile("(?i).*(user|login|email|name|account).*");
    private static final Pattern SECOND_FACTOR = Pattern.compile("(?i).*(totp|otp|mfa|2fa|one.?time|code|token).*");

    /** What signing in came to. */
    public sealed interface Result {
        /** The server sent the browser to the redirect URI with these query parameters. */
        record Redirected(Map<String, String> parameters) implements Result {
        }

        /** It could not get there; the reason says where it stopped and what the page said. */
        record Failed(String reason) implements Result {
        }
    }

    private final ApiClient api;

    /** @param api the client to send with (it must not follow redirects itself: each one is looked at here) */
    public HeadlessAuthorization(ApiClient api) {
        this.api = api.withCookies(new CookieSession());
    }

    /**
     * Signs in as the user would in a browser.
     *
     * @param secondFactor the current TOTP code, asked for only when a page has a field for it; null when none
     */
    public Result signIn(AuthorizationRequest request, String username, String password,
                         Supplier<String> secondFactor) {
        String url = request.url();
        ApiRequest next = new ApiRequest("GET", url, List.of(new HttpHeader("Accept", "text/html")), null);
        boolean submitted = false;
        boolean consented = false;
        for (int step = 0; step < MAX_STEPS; step++) {
            if (!(api.send(next) instanceof ApiResult.Response response)) {
                return new Result.Failed("The login page at " + withoutQuery(next.url()) + " did not answer");
            }
            Optional<String> location = response.header("Location");
            if (response.status() / 100 == 3 && location.isPresent()) {
                String target = URI.create(next.url()).resolve(location.get().strip()).toString();
                if (target.startsWith(request.redirectUri())) {
                    return new Result.Redirected(TokenExchange.formFields(URI.create(target).getRawQuery()));
                }
                next = new ApiRequest("GET", target, List.of(new HttpHeader("Accept", "text/html")), null);
                continue;
            }
            Document page = Jsoup.parse(response.body() == null ? "" : response.body(), next.url());
            String said = message(page);
            Element form = page.select("form:has(input[type=password])").first();
            Element consent = submitted && !consented && form == null && response.status() == 200
                    ? page.select("form[method=post]").first() : null;
            if (consent != null) {
                next = submit(consent, next.url(), username, password, secondFactor);
                consented = true;
                continue;
            }
            if (form == null) {
                return new Result.Failed("The authorization endpoint answered " + response.status()
                        + (said.isEmpty() ? " with no login form" : ": " + said)
                        + (page.select("script").isEmpty() ? "" : " (pages that need JavaScript are out of reach)"));
            }
            if (submitted) {
                return new Result.Failed("The login page was shown again (" + response.status() + ")"
                        + (said.isEmpty() ? "" : ": " + said));
            }
            next = submit(form, next.url(), username, password, secondFactor);
            submitted = true;
        }
        return new Result.Failed("The login did not reach " + request.redirectUri() + " within " + MAX_STEPS
                + " steps");
    }

    private static ApiRequest submit(Element form, String pageUrl, String username, String password,
                                     Supplier<String> secondFactor) {
        Map<String, String> fields = new LinkedHashMap<>();
        boolean usernameFilled = false;
        for (Element input : form.select("input[name], select[name], textarea[name]")) {
            String name = input.attr("name");
            String type = input.attr("type").toLowerCase(java.util.Locale.ROOT);
            switch (type) {
                case "password" -> fields.put(name, password);
                case "hidden" -> fields.put(name, input.attr("value"));
                case "checkbox", "radio" -> {
                    if (input.hasAttr("checked")) {
                        fields.put(name, input.attr("value").isEmpty() ? "on" : input.attr("value"));
                    }
                }
                case "submit", "button", "image", "reset", "file" -> {
                }
                default -> {
                    if (!usernameFilled && (USERNAME.matcher(name).matches() || type.equals("email"))) {
                        fields.put(name, username);
                        usernameFilled = true;
                    } else if (SECOND_FACTOR.matcher(name).matches()) {
                        String code = secondFactor == null ? null : secondFactor.get();
                        fields.put(name, code == null ? "" : code);
                    } else {
                        fields.put(name, input.val());
                    }
                }
            }
        }
        String action = form.absUrl("action");
        String target = action.isEmpty() ? pageUrl : action;
        String body = TokenExchange.formBody(fields);
        if (form.attr("method").equalsIgnoreCase("get")) {
            return new ApiRequest("GET", withoutQuery(target) + "?" + body, List.of(), null);
        }
        return new ApiRequest("POST", target,
                List.of(new HttpHeader("Content-Type", "application/x-www-form-urlencoded")), body);
    }

    /** What the page tells its user: an alert, an error, else nothing. */
    private static String message(Document page) {
        Element alert = page.select("[role=alert], .error, .errorlist, .alert, #error").first();
        return alert == null ? "" : alert.text().strip();
    }

    private static String withoutQuery(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }
}
