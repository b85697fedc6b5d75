package dev.relocator.bench;

import com.sun.management.OperatingSystemMXBean;
import dev.relocator.registry.http.RegistryTransport;
import dev.relocator.registry.http.TransportRequest;
import dev.relocator.registry.http.TransportResponse;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Times, in one cold JVM, what the registry client's first requests cost a mirror whose two
 * registries are insecure and serve plain HTTP (the 20-image re-run of
 * bench/mirror-vs-skopeo-sync.sh): the JDK's TLS set-up, the HTTPS-first probe of each registry
 * (Docker's rule for insecure registries: it fails against a plain server), the first plain
 * requests, then {@code 2 x COUNT} manifest requests. Each phase prints the process's CPU (every
 * thread, the JIT compiler's too) and wall time.
 *
 * <p>Usage: {@code TransportPhases SOURCE TARGET COUNT https-first|http-first [PREFIX]}, registries
 * as {@code host:port}, images {@code PREFIX N:1.0} ({@code bench/app-} unless given). With
 * {@code http-first} the plain requests go before the probes, so that the probes' line is the TLS
 * handshake alone and the first request's line OkHttp's own set-up.
 */
public final class TransportPhases {
  private static final String ACCEPT = "application/vnd.oci.image.index.v1+json,application/vnd.oci.image.manifest.v1+json";
  private static final OperatingSystemMXBean OS = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private static long cpu = 0;
  private static long wall = System.nanoTime();

  private TransportPhases() {}

  public static void main(String[] args) throws Exception {
    String source = args[0];
    String target = args[1];
    int count = Integer.parseInt(args[2]);
    boolean httpsFirst = args[3].equals("https-first");
    String prefix = args.length > 4 ? args[4] : "bench/app-";
    phase("JVM start to main (CPU only)");
    SSLContext context = SSLContext.getInstance("TLS");
    phase("SSLContext.getInstance(\"TLS\"): the JDK's providers and TLS tables");
    context.init(null, new TrustManager[] {new TrustAll()}, null);
    phase("SSLContext.init, trusting all");
    try (RegistryTransport transport = RegistryTransport.builder().insecureRegistry(source).insecureRegistry(target).build()) {
      phase("RegistryTransport built");
      if (httpsFirst) {
        probes(transport, source, target);
      }
      send(transport, "http://" + source + "/v2/", "GET", source);
      phase("first plain request, source");
      send(transport, "http://" + target + "/v2/", "GET", target);
      phase("first plain request, target");
      if (!httpsFirst) {
        probes(transport, source, target);
      }
      for (int i = 0; i < count; i++) {
        String path = "/v2/" + prefix + i + "/manifests/1.0";
        send(transport, "http://" + source + path, "GET", source);
        send(transport, "http://" + target + path, "HEAD", target);
      }
      phase(2 * count + " manifest requests (GET source, HEAD target)");
    }
  }

  private static void probes(RegistryTransport transport, String source, String target) {
    probe(transport, source);
    phase("HTTPS probe, source (fails: plain HTTP)");
    probe(transport, target);
    phase("HTTPS probe, target (fails: plain HTTP)");
  }

  private static void probe(RegistryTransport transport, String registry) {
    try {
      send(transport, "https://" + registry + "/v2/", "GET", registry);
      throw new IllegalStateException(registry + " answered HTTPS: this measures plain-HTTP registries");
    } catch (IOException expected) {
      // "Unsupported or unrecognized SSL message": what the mirror takes for plain HTTP
    }
  }

  private static void send(RegistryTransport transport, String uri, String method, String registry) throws IOException {
    TransportRequest.Builder request = TransportRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(10))
        .readTimeout(Duration.ofSeconds(2)).setHeader("Accept", ACCEPT);
    TransportResponse response = transport.send(method.equals("HEAD") ? request.HEAD().build() : request.GET().build(),
        registry, uri);
    try (InputStream body = response.body()) {
      body.readAllBytes();
    }
    if (response.statusCode() != 200) {
      throw new IllegalStateException(method + " " + uri + ": status " + response.statusCode());
    }
  }

  private static void phase(String what) {
    long nowCpu = OS.getProcessCpuTime();
    long nowWall = System.nanoTime();
    System.out.printf("%-70s CPU %4d ms, wall %4d ms%n", what, (nowCpu - cpu) / 1_000_000, (nowWall - wall) / 1_000_000);
    cpu = OS.getProcessCpuTime();
    wall = System.nanoTime();
  }

  /** Trusts everything, as an insecure registry's TLS rules do. */
  private static final class TrustAll implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
