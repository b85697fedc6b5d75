package dev.relocator.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.epoll.Epoll;
import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class NativeTransportTest {

  @Test
  void theServerAsksForNativeTransportWithItsEventLoops() {
    var options = RelocatorServer.vertxOptions(ServerOptions.defaults().withEventLoops(3));
    assertThat(options.getPreferNativeTransport()).isTrue();
    assertThat(options.getEventLoopPoolSize()).isEqualTo(3);
  }

  /**
   * Holds whichever transport Netty offers: epoll where its library loads, NIO where it does not or
   * where it is turned off ({@code -Dio.netty.transport.noNative=true}).
   */
  @Test
  void theServerReportsTheTransportNettyMakesAvailable() throws Exception {
    Vertx vertx = Vertx.vertx(RelocatorServer.vertxOptions(ServerOptions.defaults()));
    try {
      assertThat(vertx.isNativeTransportEnabled())
          .as("Vert.x uses epoll exactly when Netty offers it (Netty: %s)", Epoll.unavailabilityCause())
          .isEqualTo(Epoll.isAvailable());
      if (Epoll.isAvailable()) {
        assertThat(RelocatorServer.transport(vertx)).isEqualTo("epoll");
      } else {
        assertThat(RelocatorServer.transport(vertx)).startsWith("NIO (epoll ");
      }
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  /** Whether or not it loads here, the build ships epoll's library for the image's platforms. */
  @Test
  void theBuildBringsEpollForLinuxOnAmd64AndArm64() {
    ClassLoader loader = NativeTransportTest.class.getClassLoader();
    assertThat(loader.getResource("META-INF/native/libnetty_transport_native_epoll_x86_64.so")).isNotNull();
    assertThat(loader.getResource("META-INF/native/libnetty_transport_native_epoll_aarch_64.so")).isNotNull();
  }
}
