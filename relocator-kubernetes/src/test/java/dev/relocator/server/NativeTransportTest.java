package dev.relocator.server;

import static org.assertj.core.api.Assertions.assertThat;

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

  @Test
  void theBuildBringsEpollForLinuxOnAmd64AndArm64() throws Exception {
    Vertx vertx = Vertx.vertx(RelocatorServer.vertxOptions(ServerOptions.defaults()));
    try {
      String arch = System.getProperty("os.arch");
      boolean bundled = System.getProperty("os.name").startsWith("Linux")
          && (arch.equals("amd64") || arch.equals("aarch64"));
      assertThat(vertx.isNativeTransportEnabled())
          .as("native transport: %s", vertx.unavailableNativeTransportCause())
          .isEqualTo(bundled);
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }
}
