package dev.relocator.registry;

import dev.relocator.registry.http.TransportRequest;
import dev.relocator.registry.http.TransportResponse;
import java.io.IOException;
import java.net.URI;
import java.util.List;

/**
 * One request of the distribution API; {@link RegistryEndpointCaller} adds auth, retries and
 * error decoding around it.
 */
interface RegistryOperation<T> {
  /** What this does, for messages: {@code pull manifest demo/app:1.0 from 127.0.0.1:5000}. */
  String describe();

  /** The token scopes it needs, e.g. {@code repository:demo/app:pull}. */
  List<String> scopes();

  /** A fresh request against {@code base} ({@code scheme://host[:port]}); bodies are re-opened. */
  TransportRequest.Builder request(URI base) throws IOException;

  /** Statuses {@link #handle} understands; any other is decoded as an error. */
  List<Integer> acceptedStatuses();

  /** Turns an accepted response into the result; closes the body unless it hands it on. */
  T handle(TransportResponse response) throws IOException;

  /** Whether the request may be sent again as is (false for upload steps with a session). */
  default boolean retryable() {
    return true;
  }
}
