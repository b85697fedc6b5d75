package dev.relocator.registry.http;

import dev.relocator.registry.error.RegistryException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
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
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * How to reach registries: the trusted CAs (the JDK's plus an optional CA file) and the registries
 * declared insecure, with Docker's meaning: HTTPS without certificate verification, then plain
 * HTTP. Nothing is insecure unless named here. Requests travel on its {@link OkHttpTransport},
 * whose connections are kept between requests. {@link #close() Close} it when done.
 */
public final class RegistryTransport implements AutoCloseable {
  private final Set<String> insecureRegistries;
  private final Path caFile;
  private final Duration connectTimeout;
  private final Duration stallTimeout;
  // Built on first use: loading trust stores and TLS costs a CLI run time it may not need.
  private OkHttpTransport http;
  private OkHttpTransport.Tls verifying;
  private OkHttpTransport.Tls trustingAll;

  private RegistryTransport(Builder builder) {
    this.insecureRegistries = Set.copyOf(builder.insecure);
    this.caFile = builder.caFile;
    this.connectTimeout = builder.connectTimeout;
    this.stallTimeout = builder.stallTimeout;
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

  /**
   * Sends {@code request} with {@code registry}'s TLS rules (certificate checks off only if it is
   * insecure), also to wherever a redirect leads; {@code what} names it in stall errors.
   */
  public TransportResponse send(TransportRequest request, String registry, String what) throws IOException {
    OkHttpTransport.Tls tls = tls(registry);
    OkHttpTransport transport;
    synchronized (this) {
      if (http == null) {
        http = new OkHttpTransport(connectTimeout, stallTimeout);
      }
      transport = http;
    }
    return transport.send(request, tls, what);
  }

  /**
   * Cancels every request in flight on this transport (a cancelled mirror): each fails at once.
   * Later requests are sent as usual.
   */
  public synchronized void cancelAll() {
    if (http != null) {
      http.cancelAll();
    }
  }

  /** Closes the kept connections; a later request opens new ones. */
  @Override
  public synchronized void close() {
    if (http != null) {
      http.close();
      http = null;
    }
  }

  /** {@code host[:port]} of {@code uri}: the name a registry's TLS rules are kept under. */
  public static String hostPort(URI uri) {
    return uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
  }

  /** How long to wait for a connection, and for the insecure-registry HTTPS probe. */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /** The TLS rules for {@code registry}: certificate and host name checks off only if it is insecure. */
  private synchronized OkHttpTransport.Tls tls(String registry) {
    if (isInsecure(registry)) {
      if (trustingAll == null) {
        TrustAll trust = new TrustAll();
        trustingAll = new OkHttpTransport.Tls(context(trust).getSocketFactory(), trust, false);
      }
      return trustingAll;
    }
    if (verifying == null) {
      X509TrustManager trust = verifyingTrust(caFile);
      verifying = new OkHttpTransport.Tls(context(trust).getSocketFactory(), trust, true);
    }
    return verifying;
  }

  private static SSLContext context(X509TrustManager trust) {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {trust}, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("TLS is not available", e);
    }
  }

  /** The JDK's trust store, plus the certificates of {@code caFile} when given. */
  private static X509TrustManager verifyingTrust(Path caFile) {
    try {
      if (caFile == null) {
        return x509(trustManagers(null));
      }
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int n = 0;
      for (X509Certificate issuer : x509(trustManagers(null)).getAcceptedIssuers()) {
        store.setCertificateEntry("jdk-" + n++, issuer);
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
      return x509(trustManagers(store));
    } catch (IOException | GeneralSecurityException e) {
      throw new RegistryException("cannot load CA file " + caFile + ": " + e.getMessage(), e);
    }
  }

  /** The default algorithm's trust managers for {@code store} (null: the JDK's own trust store). */
  private static TrustManager[] trustManagers(KeyStore store) throws GeneralSecurityException {
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(store);
    return factory.getTrustManagers();
  }

  private static X509TrustManager x509(TrustManager[] managers) {
    for (TrustManager manager : managers) {
      if (manager instanceof X509TrustManager x509) {
        return x509;
      }
    }
    throw new IllegalStateException("no X.509 trust manager in the JDK");
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

    /**
     * Abandons a blob transfer that moves no data for {@code timeout} (default 60 s): a download
     * receiving nothing, an upload whose receiver takes nothing.
     */
    public Builder stallTimeout(Duration timeout) {
      this.stallTimeout = timeout;
      return this;
    }

    public RegistryTransport build() {
      return new RegistryTransport(this);
    }
  }
}
