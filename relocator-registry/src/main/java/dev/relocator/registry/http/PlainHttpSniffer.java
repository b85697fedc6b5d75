package dev.relocator.registry.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

/**
 * Tells, without setting up TLS, whether an insecure registry's endpoint speaks plain HTTP: it
 * sends a minimal TLS ClientHello and reads the first bytes of the answer. A plain-HTTP server
 * answers a hello with an HTTP error ({@code HTTP/1.1 400 Bad Request}), which is exactly why the
 * HTTPS attempt of Docker's insecure-registry rule would fail there; any other answer (a TLS
 * record, an alert, silence, a closed connection) is left to the real HTTPS probe. So the order
 * stays Docker's, HTTPS first, and a plain-HTTP registry costs no TLS set-up: loading the JDK's
 * TLS stack and making a key share cost a fresh JVM about 0.1 s of CPU (docs/benchmarks.md).
 */
public final class PlainHttpSniffer {
  /**
   * A TLS 1.2 ClientHello record without extensions, offering two common suites, so that any
   * TLS server answers at once (a ServerHello or an alert). Its random starts with CR LF CR LF:
   * a line-based HTTP server sees the end of a request head and answers at once as well.
   */
  private static final byte[] CLIENT_HELLO = hello();
  private static final byte[] HTTP = "HTTP/".getBytes(StandardCharsets.US_ASCII);
  /** A server that answers neither way within this long is left to the real probe. */
  private static final Duration MAX_WAIT = Duration.ofSeconds(2);

  private PlainHttpSniffer() {}

  /** Whether {@code endpoint} ({@code host[:port]}, HTTPS's port 443 by default) answers a TLS hello in HTTP. */
  public static boolean answersPlainHttp(String endpoint, Duration connectTimeout) {
    URI uri = URI.create("https://" + endpoint);
    String host = uri.getHost();
    if (host == null) {
      return false;
    }
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port = uri.getPort() < 0 ? 443 : uri.getPort();
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), (int) Math.max(1, connectTimeout.toMillis()));
      socket.setSoTimeout((int) Math.max(1, Math.min(connectTimeout.toMillis(), MAX_WAIT.toMillis())));
      socket.getOutputStream().write(CLIENT_HELLO);
      socket.getOutputStream().flush();
      InputStream in = socket.getInputStream();
      byte[] start = in.readNBytes(HTTP.length);
      return Arrays.equals(start, HTTP);
    } catch (IOException e) {
      return false; // the real probe finds out, and says why if it must
    }
  }

  private static byte[] hello() {
    byte[] random = new byte[32];
    random[0] = '\r';
    random[1] = '\n';
    random[2] = '\r';
    random[3] = '\n';
    byte[] suites = {0x00, 0x04, (byte) 0xc0, 0x2f, 0x00, (byte) 0x9c}; // ECDHE_RSA_AES_128_GCM_SHA256, RSA_AES_128_GCM_SHA256
    byte[] compression = {0x01, 0x00}; // null only
    int bodyLength = 2 + random.length + 1 + suites.length + compression.length;
    byte[] record = new byte[5 + 4 + bodyLength];
    int at = 0;
    record[at++] = 0x16; // handshake record
    record[at++] = 0x03;
    record[at++] = 0x01; // record version TLS 1.0, as clients send it
    record[at++] = (byte) ((4 + bodyLength) >> 8);
    record[at++] = (byte) (4 + bodyLength);
    record[at++] = 0x01; // ClientHello
    record[at++] = 0x00;
    record[at++] = (byte) (bodyLength >> 8);
    record[at++] = (byte) bodyLength;
    record[at++] = 0x03;
    record[at++] = 0x03; // client version TLS 1.2
    System.arraycopy(random, 0, record, at, random.length);
    at += random.length;
    record[at++] = 0x00; // no session id
    System.arraycopy(suites, 0, record, at, suites.length);
    at += suites.length;
    System.arraycopy(compression, 0, record, at, compression.length);
    return record;
  }
}
