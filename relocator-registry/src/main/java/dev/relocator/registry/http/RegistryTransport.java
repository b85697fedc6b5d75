package dev.relocator.registry.http;

import dev.relocator.registry.error.RegistryException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * How to reach registries: the trusted CAs (the JDK's plus an optional CA file) and the registries
 * declared insecure, with Docker's meaning: HTTPS without certificate verification, then plain
 * HTTP. Nothing is insecure unless named here. {@link #close() Close} it when done: that lets the
 * JVM exit at once.
 */
public final class RegistryTransport implements AutoCloseable {
  private final Set<String> insecureRegistries;
  private final Path caFile;
  private final Duration connectTimeout;
  private final StallWatchdog watchdog;
  // Built on first use: loading trust stores and TLS costs a CLI run time it may not need.
  private HttpClient verifying;
  private HttpClient trustingAll;
  private SSLContext verifyingContext;
  private SSLContext trustingAllContext;
  private SSLSocketFactory verifyingSockets;
  private SSLSocketFactory trustingAllSockets;

  private RegistryTransport(Builder builder) {
    this.insecureRegistries = Set.copyOf(builder.insecure);
    this.caFile = builder.caFile;
    this.connectTimeout = builder.connectTimeout;
    this.watchdog = new StallWatchdog(builder.stallTimeout);
    if (caFile != null && !Files.isReadable(caFile)) {
      throw new RegistryException("cannot read CA file " + caFile);
    }
  }

  /** The JDK's trust store only, nothing insecure. */
  public static RegistryTransport defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Whether {@code registry} ({@code host[:port]}) was declared insecure. */
  public boolean isInsecure(String registry) {
    return insecureRegistries.contains(registry);
  }

  /** The client for {@code registry}: certificate checks off only if it is insecure. */
  public synchronized HttpClient client(String registry) {
    if (isInsecure(registry)) {
      if (trustingAll == null) {
        trustingAll = client(sslContext(registry), connectTimeout);
      }
      return trustingAll;
    }
    if (verifying == null) {
      verifying = client(sslContext(registry), connectTimeout);
    }
    return verifying;
  }

  /** The TLS context for {@code registry}: certificate checks off only if it is insecure. */
  synchronized SSLContext sslContext(String registry) {
    if (isInsecure(registry)) {
      if (trustingAllContext == null) {
        trustingAllContext = trustAllContext();
      }
      return trustingAllContext;
    }
    if (verifyingContext == null) {
      verifyingContext = verifyingContext(caFile);
    }
    return verifyingContext;
  }

  /**
   * The socket factory for {@code registry}, one per TLS context: HttpURLConnection reuses an idle
   * connection only for the very factory that opened it, so a new factory per request would
   * cost a TLS handshake per request.
   */
  private synchronized SSLSocketFactory socketFactory(String registry) {
    if (isInsecure(registry)) {
      if (trustingAllSockets == null) {
        trustingAllSockets = sslContext(registry).getSocketFactory();
      }
      return trustingAllSockets;
    }
    if (verifyingSockets == null) {
      verifyingSockets = sslContext(registry).getSocketFactory();
    }
    return verifyingSockets;
  }

  /**
   * Applies {@code registry}'s TLS rules to one connection (never to the JVM's defaults): its
   * context, and for an insecure registry no host name check either.
   */
  void configure(HttpsURLConnection connection, String registry) {
    connection.setSSLSocketFactory(socketFactory(registry));
    if (isInsecure(registry)) {
      connection.setHostnameVerifier((host, session) -> true);
    }
  }

  /**
   * Stops the HTTP clients' threads (see {@link HttpClientShutdown}: without this, a JDK 17 JVM
   * waits 300 ms before it exits). A later request builds new clients.
   */
  @Override
  public synchronized void close() {
    for (HttpClient client : new HttpClient[] {verifying, trustingAll}) {
      if (client != null) {
        HttpClientShutdown.shutdown(client);
      }
    }
    verifying = null;
    trustingAll = null;
  }

  /** How long to wait for a connection, and for the insecure-registry HTTPS probe. */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /** Blob bodies are abandoned when no data arrives for the stall timeout. */
  public StallWatchdog watchdog() {
    return watchdog;
  }

  private static HttpClient client(SSLContext context, Duration connectTimeout) {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .sslContext(context)
        .connectTimeout(connectTimeout)
        .followRedirects(HttpClient.Redirect.NEVER) // followed by hand, without leaking credentials
        .build();
  }

  private static SSLContext verifyingContext(Path caFile) {
    try {
      if (caFile == null) {
        return SSLContext.getDefault();
      }
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      TrustManagerFactory jdk = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      jdk.init((KeyStore) null);
      int n = 0;
      for (TrustManager manager : jdk.getTrustManagers()) {
        if (manager instanceof X509TrustManager x509) {
          for (X509Certificate issuer : x509.getAcceptedIssuers()) {
            store.setCertificateEntry("jdk-" + n++, issuer);
          }
        }
      }
      Collection<? extends Certificate> extra;
      try (InputStream in = Files.newInputStream(caFile)) {
        extra = CertificateFactory.getInstance("X.509").generateCertificates(in);
      }
      if (extra.isEmpty()) {
        throw new RegistryException("CA file " + caFile + " holds no PEM certificate");
      }
      for (Certificate certificate : extra) {
        store.setCertificateEntry("ca-file-" + n++, certificate);
      }
      TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, factory.getTrustManagers(), null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new RegistryException("cannot load CA file " + caFile + ": " + e.getMessage(), e);
    }
  }

  private static SSLContext trustAllContext() {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {new TrustAll()}, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("TLS is not available", e);
    }
  }

  /**
   * Accepts every server certificate. Being an extended trust manager, it also takes over the
   * host name check, which is what Docker's insecure registries skip too.
   */
  private static final class TrustAll extends X509ExtendedTrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }

  /** Options of a {@link RegistryTransport}. */
  public static final class Builder {
    private final Set<String> insecure = new LinkedHashSet<>();
    private Path caFile;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration stallTimeout = Duration.ofSeconds(60);

    private Builder() {}

    /** Trusts the PEM certificates in {@code file} in addition to the JDK's. */
    public Builder caFile(Path file) {
      this.caFile = file;
      return this;
    }

    /** Declares {@code registry} ({@code host[:port]}) insecure, as Docker's flag does. */
    public Builder insecureRegistry(String registry) {
      insecure.add(registry);
      return this;
    }

    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = timeout;
      return this;
    }

    /** Abandons a blob download that delivers no data for {@code timeout} (default 60 s). */
    public Builder stallTimeout(Duration timeout) {
      this.stallTimeout = timeout;
      return this;
    }

    public RegistryTransport build() {
      return new RegistryTransport(this);
    }
  }
}
