package io.tokenworkbench.server.cluster;

import io.tokenworkbench.server.ServerApp;
import io.tokenworkbench.server.config.AppConfig;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Two dev-mode backend instances on one embedded PostgreSQL, for trying a cluster on one machine:
 * {@code mvn -Pcluster -pl backend-helidon -am verify}. The instances listen on 8081 and 8082 (or on
 * {@code -Dcluster.ports=…}), share the signing key of one data folder and the public URL
 * {@code http://localhost:8080}, where deploy/haproxy.cfg puts the load balancer. Ctrl+C stops everything.
 */
public final class LocalCluster {

    private LocalCluster() {
    }

    public static void main(String[] args) throws Exception {
        List<Integer> ports = args.length > 0
                ? java.util.Arrays.stream(args[0].split(",")).map(String::strip).map(Integer::parseInt).toList()
                : List.of(8081, 8082);
        Path work = Files.createTempDirectory("twb-cluster");
        EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
        List<ServerApp> instances = new ArrayList<>();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            instances.forEach(ServerApp::close);
            try {
                postgres.close();
            } catch (Exception e) {
                System.err.println("PostgreSQL did not stop cleanly: " + e.getMessage());
            }
            stopped.countDown();
        }, "cluster-stop"));
        String database = "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
        for (int port : ports) {
            Map<String, String> env = new HashMap<>(Map.of("APP_DEV_MODE", "true",
                    "SERVER_PORT", Integer.toString(port), "APP_DATA_DIR", work.resolve("shared").toString(),
                    "APP_PUBLIC_URL", "http://localhost:8080", "DB_URL", database,
                    "DB_USERNAME", "postgres", "DB_PASSWORD", "postgres",
                    "SECURITY_RATE_LIMITS_STORE", "database", "SECURITY_TRUSTED_PROXIES", "127.0.0.1"));
            instances.add(ServerApp.start(AppConfig.load(env)));
        }
        System.out.println();
        System.out.println("A cluster of " + instances.size() + " instances on one PostgreSQL (" + database + "):");
        instances.forEach(instance -> System.out.println("  " + instance.baseUrl()));
        System.out.println("Their public URL (the tokens' issuer) is http://localhost:8080: run HAProxy there with");
        System.out.println("  haproxy -f deploy/haproxy.cfg");
        System.out.println("or point the workbench at either instance. Ctrl+C stops the cluster.");
        stopped.await();
    }
}
