package dev.relocator.bench;

import dev.relocator.server.RelocatorServer;
import dev.relocator.server.ServerOptions;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Starts the webhook in standalone mode for {@code bench/webhook-load.sh}:
 * {@code WebhookServerMain MAPS_DIR PORT EVENT_LOOPS}. Runs until killed.
 */
public final class WebhookServerMain {

  private WebhookServerMain() {}

  public static void main(String[] args) throws InterruptedException {
    if (args.length != 3) {
      System.err.println("usage: WebhookServerMain MAPS_DIR PORT EVENT_LOOPS");
      System.exit(2);
    }
    RelocatorServer server = RelocatorServer.start(ServerOptions.defaults()
        .withBind("127.0.0.1", Integer.parseInt(args[1]))
        .withMapsDir(Path.of(args[0]))
        .withEventLoops(Integer.parseInt(args[2])));
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "webhook-shutdown"));
    System.out.println("listening on " + server.port() + " with " + server.maps().catalog().entryCount() + " entries in force");
    new CountDownLatch(1).await();
  }
}
