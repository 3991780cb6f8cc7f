package io.tokenworkbench.client.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import io.tokenworkbench.client.http.ApiClient;
import io.tokenworkbench.client.http.ApiRequest;
import io.tokenworkbench.client.http.ApiResult;

import java.io.IOException;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What a server says about itself: its RFC 8414 authorization-server metadata and the keys of its JWKS (from the
 * metadata's {@code jwks_uri}, else {@code /.well-known/jwks.json}). Blocking; call it off the UI thread.
 */
public final class ServerDiscovery {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String DEFAULT_JWKS_PATH = "/.well-known/jwks.json";

    private final ApiClient api;

    public ServerDiscovery(ApiClient api) {
        this.api = api;
    }

    /** One metadata member, its value as text (arrays joined by spaces). */
    public record Entry(String name, String value) {
    }

    /** One public key: what it is and how big. */
    public record KeyInfo(String kid, String type, String algorithm, String use, String size) {
    }

    /**
     * What discovery found; each part may be missing, with the reason.
     *
     * @param metadata       metadata members in the server's order (empty when it could not be read)
     * @param metadataProblem why the metadata could not be read, or empty
     * @param jwksUrl        where the keys came from
     * @param keys           the public keys
     * @param keysProblem    why the keys could not be read, or empty
     */
    public record ServerInfo(List<Entry> metadata, String metadataProblem, String jwksUrl, List<KeyInfo> keys,
                             String keysProblem) {
        public ServerInfo {
            metadata = List.copyOf(metadata);
            keys = List.copyOf(keys);
        }
    }

    public ServerInfo discover(String server) {
        List<Entry> metadata = new ArrayList<>();
        String metadataProblem = "";
        String jwksUrl;
        try {
            jwksUrl = ApiRequest.join(server, DEFAULT_JWKS_PATH);
            ApiRequest.get(server, "/");
        } catch (IllegalArgumentException e) {
            return new ServerInfo(List.of(), "The server URL cannot be used: " + e.getMessage(), "", List.of(), "");
        }
        List<String> tried = new ArrayList<>();
        for (String path : ServerProbe.METADATA_PATHS) {
            switch (api.send(ApiRequest.get(server, path))) {
                case ApiResult.Failure failure -> tried.add(failure.reason());
                case ApiResult.Response response when response.status() != 200 ->
                        tried.add(path + " answered " + response.status());
                case ApiResult.Response response -> {
                    try {
                        JsonNode json = JSON.readTree(response.body());
                        if (json == null || !json.isObject()) {
                            tried.add(path + " is not a JSON object");
                        } else {
                            json.properties().forEach(e -> metadata.add(new Entry(e.getKey(), text(e.getValue()))));
                            if (json.hasNonNull("jwks_uri")) {
                                jwksUrl = ApiRequest.join(server, json.get("jwks_uri").asText());
                            }
                        }
                    } catch (IOException e) {
                        tried.add(path + " is not JSON");
                    }
                }
            }
            if (!metadata.isEmpty()) {
                break;
            }
        }
        if (metadata.isEmpty()) {
            metadataProblem = String.join("; ", tried) + ": the server publishes no RFC 8414 or OpenID Connect metadata";
        }
        List<KeyInfo> keys = new ArrayList<>();
        String keysProblem = "";
        ApiRequest jwksRequest;
        try {
            jwksRequest = ApiRequest.get(jwksUrl, "");
        } catch (IllegalArgumentException e) {
            return new ServerInfo(metadata, metadataProblem, jwksUrl, keys, "The jwks_uri cannot be used: "
                    + e.getMessage());
        }
        switch (api.send(jwksRequest)) {
            case ApiResult.Failure failure -> keysProblem = failure.reason();
            case ApiResult.Response response when response.status() != 200 ->
                    keysProblem = "The JWKS answered " + response.status();
            case ApiResult.Response response -> {
                try {
                    for (JWK key : JWKSet.parse(response.body()).getKeys()) {
                        keys.add(new KeyInfo(nullToDash(key.getKeyID()), key.getKeyType().getValue(),
                                key.getAlgorithm() == null ? "—" : key.getAlgorithm().getName(),
                                key.getKeyUse() == null ? "—" : key.getKeyUse().identifier(), size(key)));
                    }
                    if (keys.isEmpty()) {
                        keysProblem = "The JWKS holds no keys";
                    }
                } catch (ParseException e) {
                    keysProblem = "The JWKS is not a valid JSON Web Key Set";
                }
            }
        }
        return new ServerInfo(metadata, metadataProblem, jwksUrl, keys, keysProblem);
    }

    private static String size(JWK key) {
        if (key instanceof ECKey ec) {
            return ec.getCurve().getName();
        }
        return key.size() + " bits";
    }

    private static String text(JsonNode value) {
        if (value.isArray()) {
            List<String> items = new ArrayList<>();
            value.forEach(item -> items.add(item.isValueNode() ? item.asText() : item.toString()));
            return items.stream().collect(Collectors.joining(" "));
        }
        return value.isValueNode() ? value.asText() : value.toString();
    }

    private static String nullToDash(String value) {
        return value == null ? "—" : value;
    }
}
