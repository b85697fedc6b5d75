package dev.relocator.registry.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.net.Proxy;
import java.net.URI;
import java.net.http.HttpRequest;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Initialises, on a background thread, what the first registry exchange of a fresh JVM needs:
 * the security providers behind SHA-256, the {@code http} URL handler and
 * {@code HttpURLConnection}, {@code java.net.http}'s request builder and jackson-core's parser.
 * Done lazily on the first request, that is about 30 ms on the path to it; started before the
 * command line is parsed, it runs on the other core meanwhile (an up-to-date mirror of 20 images:
 * 274 to 248 ms, docs/benchmarks.md). Nothing is connected; a failure here only costs the gain.
 */
public final class RegistryWarmUp {
  private RegistryWarmUp() {}

  /** Starts the warm-up on a daemon thread and returns at once. */
  public static void startInBackground() {
    Thread thread = new Thread(RegistryWarmUp::warmUp, "relocator-warm-up");
    thread.setDaemon(true);
    thread.start();
  }

  private static void warmUp() {
    try {
      MessageDigest.getInstance("SHA-256").digest(new byte[1]);
      URI uri = URI.create("http://127.0.0.1/v2/");
      uri.toURL().openConnection(Proxy.NO_PROXY); // not connected: openConnection only builds the object
      HttpRequest.newBuilder(uri).header("Accept", "application/json").build();
      try (JsonParser parser = new JsonFactory().createParser("{}")) {
        parser.nextToken();
      }
    } catch (IOException | NoSuchAlgorithmException | RuntimeException e) {
      // Only the head start is lost; the real requests report their own errors.
    }
  }
}
