package dev.relocator.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.JdkSSLEngineOptions;
import io.vertx.core.net.OpenSSLEngineOptions;
import org.junit.jupiter.api.Test;

class TlsEngineTest {

  @Test
  void openSslServesWhereItLoadsAndTheJdkElsewhere() {
    assertThat(TlsEngine.choose(null, true)).isEqualTo(TlsEngine.OPENSSL);
    assertThat(TlsEngine.choose("auto", true)).isEqualTo(TlsEngine.OPENSSL);
    assertThat(TlsEngine.choose(null, false)).isEqualTo(TlsEngine.JDK);
    assertThat(TlsEngine.choose(" JDK ", true)).isEqualTo(TlsEngine.JDK);
    assertThat(TlsEngine.choose("openssl", true)).isEqualTo(TlsEngine.OPENSSL);
  }

  @Test
  void askingForOpenSslWhereItDoesNotLoadOrForAnUnknownEngineIsAnError() {
    assertThatThrownBy(() -> TlsEngine.choose("openssl", false))
        .isInstanceOf(ServerException.class)
        .hasMessageStartingWith("relocator.tls.engine=openssl: OpenSSL is not available on this platform (");
    assertThatThrownBy(() -> TlsEngine.choose("gnutls", true))
        .isInstanceOf(ServerException.class)
        .hasMessage("relocator.tls.engine=gnutls: expected auto, openssl or jdk");
  }

  @Test
  void theChosenEngineIsSetOnTheServerOptions() {
    assertThat(TlsEngine.OPENSSL.apply(new HttpServerOptions()).getSslEngineOptions())
        .isInstanceOf(OpenSSLEngineOptions.class);
    assertThat(TlsEngine.JDK.apply(new HttpServerOptions()).getSslEngineOptions())
        .isInstanceOf(JdkSSLEngineOptions.class);
  }

  @Test
  void theBuildBringsOpenSslForLinuxOnAmd64AndArm64() {
    String arch = System.getProperty("os.arch");
    if (System.getProperty("os.name").startsWith("Linux") && (arch.equals("amd64") || arch.equals("aarch64"))) {
      assertThat(OpenSSLEngineOptions.isAvailable()).as(TlsEngine.unavailability()).isTrue();
      assertThat(TlsEngine.current()).isEqualTo(TlsEngine.OPENSSL);
      assertThat(TlsEngine.OPENSSL.description()).startsWith("OpenSSL (BoringSSL");
    } else {
      assertThat(TlsEngine.current()).isEqualTo(TlsEngine.JDK);
    }
  }
}
