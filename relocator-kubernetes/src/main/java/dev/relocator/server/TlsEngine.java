package dev.relocator.server;

import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.JdkSSLEngineOptions;
import io.vertx.core.net.OpenSSLEngineOptions;
import io.vertx.core.net.SSLEngineOptions;
import java.util.Locale;

/**
 * Which TLS implementation serves: OpenSSL (BoringSSL, from netty-tcnative) when its native library
 * loads, else the JDK's. The JDK's engine costs about half the webhook's throughput and is slow
 * until compiled; BoringSSL is native code, fast from the first handshake. Both ask the same
 * {@link ReloadingKeyManager} on every handshake, so certificate reloading and rotation work with
 * either. The system property {@value #PROPERTY} ({@code auto}, {@code openssl} or {@code jdk})
 * overrides the choice; {@code openssl} where it does not load is an error, not a silent fallback.
 */
enum TlsEngine {
  OPENSSL,
  JDK;

  static final String PROPERTY = "relocator.tls.engine";

  /** The engine the property asks for, or the best available one. */
  static TlsEngine choose(String property, boolean openSslAvailable) {
    String wanted = property == null ? "auto" : property.trim().toLowerCase(Locale.ROOT);
    return switch (wanted) {
      case "", "auto" -> openSslAvailable ? OPENSSL : JDK;
      case "jdk" -> JDK;
      case "openssl" -> {
        if (!openSslAvailable) {
          throw new ServerException(PROPERTY + "=openssl: OpenSSL is not available on this platform ("
              + unavailability() + "); use auto or jdk");
        }
        yield OPENSSL;
      }
      default -> throw new ServerException(PROPERTY + "=" + property + ": expected auto, openssl or jdk");
    };
  }

  /** The engine this JVM serves with, from the system property and what loads. */
  static TlsEngine current() {
    return choose(System.getProperty(PROPERTY), OpenSSLEngineOptions.isAvailable());
  }

  /** {@code http} set to use this engine. */
  HttpServerOptions apply(HttpServerOptions http) {
    SSLEngineOptions engine = this == OPENSSL ? new OpenSSLEngineOptions() : new JdkSSLEngineOptions();
    return http.setSslEngineOptions(engine);
  }

  /** How the start-up log names the engine. */
  String description() {
    return this == OPENSSL ? "OpenSSL (" + io.netty.handler.ssl.OpenSsl.versionString() + ")"
        : "the JDK's SSLEngine";
  }

  /** Why OpenSSL does not load, for the log when the JDK's engine serves instead. */
  static String unavailability() {
    Throwable cause = io.netty.handler.ssl.OpenSsl.unavailabilityCause();
    return cause == null ? "available" : String.valueOf(cause.getMessage());
  }
}
